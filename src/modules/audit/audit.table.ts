import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only and hash-chained by the database itself (migrations audit_chain
 * and audit_seal_at_commit): the writer leaves chain_key, seq, prev_hash and hash to it; a
 * deferred trigger seals each event into its county's chain inside COMMIT, and UPDATE, DELETE
 * and TRUNCATE are refused (the seal being the one update, and only from that trigger).
 */
export const auditEventTable = pgTable(
  'audit_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** One chain per county (first 6 digits of the region code): writers in different counties never wait on each other. */
    chainKey: text('chain_key').notNull().default(''),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    requestId: text('request_id').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [uniqueIndex('audit_event_chain_seq_key').on(t.chainKey, t.seq), index('audit_event_region_idx').on(t.regionCode, t.id), index('audit_event_entity_idx').on(t.entityType, t.entityId, t.id)],
);

export type AuditEventRow = typeof auditEventTable.$inferSelect;
