/** The one transaction helper: every write runs inside it, together with its audit event. */
import { sql } from 'drizzle-orm';
import type { Db } from './client';

export type Tx = Db;

export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Tx));
}

class Discarded extends Error {}

/**
 * Runs `work` in a transaction and keeps what it wrote only if it says so: a dry run, or a file
 * with a bad row, is checked against the real effect of its writes and then rolled back whole.
 */
export async function withTransactionKeptIf<T>(db: Db, work: (tx: Tx) => Promise<{ keep: boolean; value: T }>): Promise<T> {
  let outcome: { keep: boolean; value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      outcome = await work(tx as unknown as Tx);
      if (!outcome.keep) throw new Discarded();
    });
  } catch (error) {
    if (!(error instanceof Discarded)) throw error;
  }
  return outcome!.value;
}

/**
 * Runs `work` inside a savepoint of the caller's transaction. A unique violation rolls back to
 * the savepoint only — the caller's transaction stays usable — and comes back as the constraint
 * it broke, for the service to report as a userError; any other error is rethrown.
 */
export async function savepoint<T>(tx: Tx, work: (sp: Tx) => Promise<T>): Promise<{ value: T } | { duplicate: string }> {
  try {
    return { value: await tx.transaction((sp) => work(sp as unknown as Tx)) };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint) return { duplicate: constraint };
    throw error;
  }
}

/** The constraint a unique violation (SQLSTATE 23505) broke, or null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code === '23505') return constraint ?? constraint_name ?? 'unique';
  }
  return null;
}

/** Every statement gets STATEMENT_TIMEOUT_MS (default 5 s): a list, a lookup, a write. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

/**
 * Work that reads far more than it returns — exports, summaries over the register, chain
 * verification, audit checks — runs with this longer limit instead, in a read-only transaction
 * of its own, so a search that cannot use an index cannot hold a connection as long.
 */
export const REPORT_STATEMENT_TIMEOUT_MS = 120_000;

/**
 * For the one long statement of a write (opening a county's stocktake copies its whole register):
 * the rest of the caller's transaction runs with the report limit instead of the default.
 */
export async function allowLongStatements(tx: Tx): Promise<void> {
  await tx.execute(sql.raw(`/* reportTimeout */ set local statement_timeout = ${REPORT_STATEMENT_TIMEOUT_MS}`));
}

export function withReportTimeout<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw('/* reportTransaction */ set transaction read only'));
    await allowLongStatements(tx as unknown as Tx);
    return work(tx as unknown as Tx);
  });
}
