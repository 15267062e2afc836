/**
 * The one transaction helper: every write runs inside it, together with its audit event.
 * A rule broken late in a write throws `Rollback` with the payload to return: nothing is written.
 */
import type { Db } from './client';

export type Tx = Db;

export class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('rollback');
  }
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction((tx) => work(tx as unknown as Tx));
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
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
