/**
 * Statements built once. Building a drizzle query costs 130–180 µs of CPU each time — more than
 * PostgreSQL takes to answer a loader's batch, and a quarter of an asset detail's CPU — and a
 * long raw statement far more. A hot read (`preparedRead`) is built once per server with
 * placeholders (`sql.placeholder`), labelled with its name, and then only executed (a
 * transaction runs the statement built once on its own session); a long raw statement whose text
 * follows the question's shape (`statementsByShape`) is built once per shape.
 */
import { sql, type Column, type Placeholder, type Query, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { LRUCache } from 'lru-cache';
import { handleOf, markStable, type Db } from './client';
import { attach, detach, labelled, sessionOf, type Detached, type Executable } from './queries';

export function preparedRead<P extends Record<string, unknown>, R>(name: string, build: (db: Db, keyIn: KeyIn) => { prepare(name: string): Executable<R> }): (db: Db, params: P) => Promise<R> {
  const byShape = preparedReadsByShape<R>(name);
  const keyNames = new Set<string>();
  const forKeys = (db: Db) =>
    build(db, (column, key = 'ids', type = 'bigint') => {
      keyNames.add(key);
      return sql`${column} = any(${sql.placeholder(key)}::${sql.raw(type)}[])`;
    });
  const forOneKey = (db: Db) => build(db, (column, key = 'ids', type = 'bigint') => sql`${column} = ${sql.placeholder(key)}::${sql.raw(type)}`);
  let keys: string[] | undefined;
  return (db, params) => {
    if (!keys) {
      forKeys(db); // built, not run: which parameters hold the keys
      keys = [...keyNames];
    }
    if (keys.length === 0 || keys.some((key) => (params[key] as readonly unknown[]).length !== 1)) return byShape(db, '', forKeys, params);
    const oneKey: Record<string, unknown> = { ...params };
    for (const key of keys) oneKey[key] = (params[key] as readonly unknown[])[0];
    return byShape(db, 'one key', forOneKey, oneKey);
  };
}

/**
 * The condition of a read by keys (`keyIn(asset.id)`: the `ids` given; `keyIn(asset.code,
 * 'codes', 'text')`). With several keys it is `= any($ids::bigint[])`; for a single key
 * (a detail screen, `node(id)`, a loader batch of one) `preparedRead` runs a statement of its own
 * with `= $ids::bigint`. The difference is PostgreSQL's plan cache: an array parameter is priced
 * as ten keys, so the generic plan looks dearer than a custom one and every execution is planned
 * again — 20–160 µs each, four fifths of the database's time for an asset's detail, against
 * about 8 µs to run it. With a scalar key the generic plan is kept after five executions.
 */
export type KeyIn = (column: Column | SQL, key?: string, type?: 'bigint' | 'text') => SQL;

/**
 * A hot read whose text follows the question's shape (which filters are given, the order, the
 * page's direction), as `preparedRead` builds one: `build` writes it with placeholders the first
 * time a shape is asked, and each call after only executes it. The most recent 200 shapes are kept.
 */
export function preparedReadsByShape<R>(name: string): (db: Db, shape: string, build: (db: Db) => { prepare(name: string): Executable<R> }, params: Record<string, unknown>) => Promise<R> {
  const built = new WeakMap<Db, LRUCache<string, Executable<R>>>();
  const forTransactions = new LRUCache<string, Detached>({ max: 200 });
  return (db, shape, build, params) => {
    const handle = handleOf(db);
    if (!handle) {
      // A transaction has a session of its own: the statement built once runs on it.
      const detached = forTransactions.get(shape);
      if (detached) return attach<R>(db, name, detached).execute(params);
      const query = labelled(name, build(db));
      forTransactions.set(shape, detach(query));
      return query.execute(params);
    }
    let byShape = built.get(handle.shared);
    if (!byShape) built.set(handle.shared, (byShape = new LRUCache({ max: 200 })));
    let query = byShape.get(shape);
    if (!query) byShape.set(shape, (query = labelled(name, build(handle.shared))));
    // It runs on the shared handle, whose logger does not know the request: count it here.
    if (handle.counter) handle.counter.statements += 1;
    return query.execute(params);
  };
}

/**
 * Long raw statements built once per shape. `build` writes the statement with placeholders
 * (`placeholders(values)`) for every value a request changes, and `shape` names what changes its
 * text (which filters are given, which kind of page): `build` runs the first time a shape is
 * asked, and each call after only fills the values. Building today's arrears page (21 KB of SQL,
 * 53 parameters) took 1–2 ms of CPU a request (measured with the machine busy), drizzle walking
 * and serializing every fragment.
 */
export function statementsByShape(): (db: Db, shape: string, build: () => SQL, values: Record<string, unknown>) => Promise<unknown> {
  const built = new Map<string, Query>();
  const dialect = new PgDialect();
  return (db, shape, build, values) => {
    let query = built.get(shape);
    if (!query) {
      built.set(shape, (query = dialect.sqlToQuery(build())));
      markStable(query.sql);
    }
    // The request's own handle runs it, so it is counted and logged as any other statement.
    return sessionOf(db).prepareQuery(query, undefined, undefined, false).execute(values);
  };
}

/** Each value's placeholder, under its name. */
export type Placeholders<V> = { [K in keyof V]: Placeholder<K & string> };

export function placeholders<V extends Record<string, unknown>>(values: V): Placeholders<V> {
  return Object.fromEntries(Object.keys(values).map((name) => [name, sql.placeholder(name)])) as Placeholders<V>;
}
