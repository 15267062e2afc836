import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys of money-moving mutations (DESIGN.md §6): per caller, the key, the operation
 * and a digest of its input, and the id of what the first call wrote. A retry with the same key
 * and input answers that; the same key with other input is refused.
 */
export const idempotencyKeyTable = pgTable(
  'idempotency_key',
  {
    actorId: text('actor_id').notNull(),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    requestDigest: text('request_digest').notNull(),
    resultId: bigint('result_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'idempotency_key_pkey', columns: [t.actorId, t.key] })],
);

export type IdempotencyKeyRow = typeof idempotencyKeyTable.$inferSelect;
