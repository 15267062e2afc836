/**
 * Every statement the application sends carries its name as a leading comment
 * (`/* assetsPage *\/ select …`): logs, pg_stat_activity and pg_stat_statements then speak the
 * code's language. drizzle 0.45 has no comment API, so a query is prepared under its name and
 * the name is written in front of its text (test/foundation/labels.test.ts checks that every
 * statement of the suite carries one).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import { withCompiledMapping } from './row-mapper';

export interface Executable<R> {
  execute(params?: Record<string, unknown>): Promise<R>;
}

interface Preparable<R> {
  prepare(name: string): Executable<R>;
}

/** The query, prepared under `name` with its text labelled. */
export function labelled<R>(name: string, query: Preparable<R>): Executable<R> {
  const prepared = withCompiledMapping(query.prepare(name));
  const internal = prepared as unknown as { queryString: string };
  if (!internal.queryString.startsWith('/*')) internal.queryString = `/* ${name} */ ${internal.queryString}`;
  return prepared;
}

/** Runs a query under its name. */
export function run<R>(name: string, query: Preparable<R>, params?: Record<string, unknown>): Promise<R> {
  return labelled(name, query).execute(params);
}

/**
 * Inserts rows in statements of `chunk` rows (PostgreSQL takes at most 65,535 parameters per
 * statement) and returns them as inserted.
 */
export async function insertInChunks<T extends PgTable>(db: Db, name: string, table: T, rows: T['$inferInsert'][], chunk = 1000): Promise<T['$inferSelect'][]> {
  const inserted: T['$inferSelect'][] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const query = db
      .insert(table)
      .values(rows.slice(i, i + chunk))
      .returning() as unknown as Preparable<T['$inferSelect'][]>;
    inserted.push(...(await run(name, query)));
  }
  return inserted;
}
