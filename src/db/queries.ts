/**
 * Every statement the application sends carries its name as a leading comment
 * (`/* assetsPage *\/ select …`): logs, pg_stat_activity and pg_stat_statements then speak the
 * code's language. drizzle 0.45 has no comment API, so a query is prepared under its name and
 * the name is written in front of its text (test/foundation/labels.test.ts checks that every
 * statement of the suite carries one).
 */
import { getTableColumns, is, sql, SQL, type Query } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { LRUCache } from 'lru-cache';
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
  for (let i = 0; i < rows.length; i += chunk) inserted.push(...((await insertRows(db, name, table, rows.slice(i, i + chunk), true)) as T['$inferSelect'][]));
  return inserted;
}

/**
 * One insert statement, returning the rows or not. A write of a few rows (what a mutation
 * writes) is built once per shape, which columns each row gives and which are null, and then
 * only filled: drizzle building the inserts on every call was a seventh of registerAsset's
 * CPU. Larger batches (imports, the seed) are built as they come.
 */
export function insertRows<T extends PgTable>(db: Db, name: string, table: T, rows: T['$inferInsert'][], returning: boolean): Promise<unknown> {
  const build = (values: Record<string, unknown>[]) => {
    const query = db.insert(table).values(values as T['$inferInsert'][]);
    return (returning ? query.returning() : query) as unknown as Preparable<unknown>;
  };
  if (rows.length > INSERTS_BUILT_ONCE_UP_TO || !plainColumns(table)) return run(name, build(rows));
  let shape = `${name}:${returning}`;
  const values: Record<string, unknown> = {};
  const placed: Record<string, unknown>[] = [];
  for (const [i, row] of rows.entries()) {
    const fields: Record<string, unknown> = {};
    shape += '|';
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (is(value, SQL)) return run(name, build(rows)); // written into the text: not a shape of ours
      if (value === null) {
        // Column encoders do not take null: a null is part of the statement's shape.
        shape += `${key}=null,`;
        fields[key] = null;
        continue;
      }
      shape += `${key},`;
      fields[key] = sql.placeholder(`${i}.${key}`);
      values[`${i}.${key}`] = value;
    }
    placed.push(fields);
  }
  const detached = insertsByShape.get(shape);
  if (detached) return attach(db, name, detached).execute(values);
  const query = labelled(name, build(placed));
  insertsByShape.set(shape, detach(query));
  return query.execute(values);
}

const INSERTS_BUILT_ONCE_UP_TO = 20;
const insertsByShape = new LRUCache<string, Detached>({ max: 500 });

/** Whether every column of the table is written as given (none has a default or update function drizzle would call when building). */
const plainTables = new WeakMap<PgTable, boolean>();
function plainColumns(table: PgTable): boolean {
  let plain = plainTables.get(table);
  if (plain === undefined) plainTables.set(table, (plain = Object.values(getTableColumns(table)).every((c) => !c.defaultFn && !c.onUpdateFn)));
  return plain;
}

/** A prepared drizzle query apart from the session it was built on (its text, values, columns and row mapper). */
export interface Detached {
  sql: string;
  params: unknown[];
  fields: unknown;
  arrayMode: boolean;
  mapper: unknown;
  joinsNotNullableMap: unknown;
}

/** drizzle's prepared queries (postgres.js and PGlite alike) keep these; not in its typed API. */
interface PreparedInternals {
  queryString: string;
  params: unknown[];
  fields: unknown;
  _isResponseInArrayMode: boolean;
  customResultMapper: unknown;
  joinsNotNullableMap: unknown;
}

export function detach(query: Executable<unknown>): Detached {
  const q = query as unknown as PreparedInternals;
  return { sql: q.queryString, params: q.params, fields: q.fields, arrayMode: q._isResponseInArrayMode, mapper: q.customResultMapper, joinsNotNullableMap: q.joinsNotNullableMap };
}

/** The detached query on `db`'s session, as drizzle's builder would prepare it there (without building it again). */
export function attach<R>(db: Db, name: string, d: Detached): Executable<R> {
  const query = sessionOf(db).prepareQuery({ sql: d.sql, params: d.params }, d.fields, name, d.arrayMode, d.mapper) as Executable<R>;
  (query as unknown as PreparedInternals).joinsNotNullableMap = d.joinsNotNullableMap;
  return query;
}

/** What drizzle's sessions offer a built query (not in its typed API; `db.execute` uses it so). */
interface Session {
  prepareQuery(query: Query, fields: unknown, name: string | undefined, isResponseInArrayMode: boolean, customResultMapper?: unknown): Executable<unknown>;
}

/** The session `db` runs its statements on: the server's handle, or a transaction's own. */
export function sessionOf(db: Db): Session {
  return (db as unknown as { session: Session }).session;
}
