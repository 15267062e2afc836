/** SQL of idempotency keys. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { run } from '../../db/queries';
import { idempotencyKeyTable as keys, type IdempotencyKeyRow } from './idempotency.table';

/**
 * Claims a key for this call; false when another call holds it. A concurrent call with the same
 * key waits here until the first commits (or rolls back, when the claim goes to the waiter).
 */
export async function claim(tx: Db, row: Omit<IdempotencyKeyRow, 'createdAt' | 'resultId'>): Promise<boolean> {
  const inserted = await run('claimIdempotencyKey', tx.insert(keys).values(row).onConflictDoNothing().returning({ key: keys.key }));
  return inserted.length > 0;
}

export async function find(tx: Db, actorId: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  const [row] = await run(
    'findIdempotencyKey',
    tx
      .select()
      .from(keys)
      .where(and(eq(keys.actorId, actorId), eq(keys.key, key))),
  );
  return row;
}

export async function settle(tx: Db, actorId: string, key: string, resultId: number | null): Promise<void> {
  await run(
    'settleIdempotencyKey',
    tx
      .update(keys)
      .set({ resultId })
      .where(and(eq(keys.actorId, actorId), eq(keys.key, key))),
  );
}

export async function release(tx: Db, actorId: string, key: string): Promise<void> {
  await run('releaseIdempotencyKey', tx.delete(keys).where(and(eq(keys.actorId, actorId), eq(keys.key, key))));
}
