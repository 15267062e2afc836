/**
 * postgres.js pipelines queries on a connection. A query that fails after PostgreSQL has sent
 * some of its rows (a statement timeout, a cancellation, an error on row k) never reaches
 * CommandComplete, and the unpatched driver kept its row counter: the next query on that
 * connection resolved with k holes in front of its rows (porsager/postgres #1119, #1181; our
 * patch resets the counter at ReadyForQuery). Found under Q5 load while statements timed out:
 * loaders crashed on `undefined` rows.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase, queryRows } from '../../src/db/client';

const url = process.env.TEST_DATABASE_URL;

/** The driver's own message of a statement that failed (drizzle wraps it as the cause). */
const failureOf = (statement: Promise<unknown>): Promise<string | undefined> =>
  statement.then(
    () => undefined,
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

describe.skipIf(!url)('the driver after a query fails mid-stream', () => {
  it('gives the next query on the same connection all its rows and no holes', async () => {
    const database = await openDatabase({ url, poolSize: 1, statementTimeoutMs: 5000 });
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        // Sent together on the one connection: the first streams three rows, then divides by zero.
        const failing = queryRows(database.db, sql`/* test: fails on its fourth row */ select i, 1 / (4 - i) as boom from generate_series(1, 10) i`);
        const next = queryRows<{ x: number }>(database.db, sql`/* test: the query behind it */ select x from generate_series(1, 5) x`);
        expect(await failureOf(failing)).toMatch(/division by zero/);
        const rows = await next;
        expect(rows.length).toBe(5);
        expect(rows.map((r) => r?.x)).toEqual([1, 2, 3, 4, 5]);
      }
    } finally {
      await database.close();
    }
  });
});

/**
 * Our patch: statements sent in one turn of the event loop (a request's loaders dispatch
 * together) go down one connection, in one write, rather than one idle connection each; at most
 * 16 of them, never a transaction's BEGIN; and a statement that cannot be built behind a running
 * one fails alone.
 */
describe.skipIf(!url)('the driver within one turn of the event loop', () => {
  const connectionOf = (db: Db, wait = 0) =>
    queryRows<{ pid: number }>(db, sql`/* test: which backend */ select pg_backend_pid() as pid, pg_sleep(${wait / 1000}::float8)::text as slept`).then((rows) => rows[0]!.pid);

  async function withPool(work: (db: Db) => Promise<void>): Promise<void> {
    const database = await openDatabase({ url, poolSize: 6, statementTimeoutMs: 5000 });
    try {
      // Every connection opened first (a cold pool opens one per statement), so each is idle.
      await Promise.all([0, 1, 2, 3, 4, 5].map(() => connectionOf(database.db, 50)));
      await work(database.db);
    } finally {
      await database.close();
    }
  }
  const nextTurn = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };

  it("sends a turn's statements down one connection, and a later turn's down another", () =>
    withPool(async (db) => {
      const oneTurn = await Promise.all([0, 1, 2, 3, 4, 5].map(() => connectionOf(db)));
      expect(new Set(oneTurn).size).toBe(1);
      const first = connectionOf(db, 200); // still running when the next turn sends
      await nextTurn();
      const second = connectionOf(db);
      expect(await second).not.toBe(await first);
    }));

  it('puts at most 16 statements of a turn on one connection', () =>
    withPool(async (db) => {
      const pids = await Promise.all(Array.from({ length: 20 }, () => connectionOf(db)));
      const perConnection = [...new Set(pids)].map((pid) => pids.filter((p) => p === pid).length);
      expect(perConnection).toEqual([16, 4]);
    }));

  it("gives a transaction a connection of its own, not the turn's", () =>
    withPool(async (db) => {
      // BEGIN sent while the turn's connection still takes statements (this immediate runs
      // before the one that ends the turn, which the statements below schedule after it).
      const inTransaction = new Promise<number>((resolve, reject) => setImmediate(() => db.transaction((tx) => connectionOf(tx)).then(resolve, reject)));
      const turn = new Set(await Promise.all([0, 1, 2].map(() => connectionOf(db, 100))));
      expect(turn.size).toBe(1);
      expect(turn.has(await inTransaction)).toBe(false);
    }));

  it('fails a statement that cannot be built alone, and every other gets its own answer', () =>
    withPool(async (db) => {
      // One turn, one connection: the first statement running, the unbuildable one behind it.
      const running = connectionOf(db, 100);
      const unbuildable = queryRows(db, sql`/* test: cannot be built */ select ${sql.param(undefined)}::int as x`);
      const behind = connectionOf(db);
      expect(await failureOf(unbuildable)).toMatch(/undefined/i);
      expect(await running).toBe(await behind);
      const [after] = await queryRows<{ x: number }>(db, sql`/* test: after */ select 7 as x`);
      expect(after!.x).toBe(7);
    }));
});
