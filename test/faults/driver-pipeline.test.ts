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
import { openDatabase, queryRows } from '../../src/db/client';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('the driver after a query fails mid-stream', () => {
  it('gives the next query on the same connection all its rows and no holes', async () => {
    const database = await openDatabase({ url, poolSize: 1, statementTimeoutMs: 5000 });
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        // Sent together on the one connection: the first streams three rows, then divides by zero.
        const failing = queryRows(database.db, sql`/* test: fails on its fourth row */ select i, 1 / (4 - i) as boom from generate_series(1, 10) i`);
        const next = queryRows<{ x: number }>(database.db, sql`/* test: the query behind it */ select x from generate_series(1, 5) x`);
        const error = await failing.then(
          () => null,
          (e: Error & { cause?: Error }) => e,
        );
        expect(error?.cause?.message ?? error?.message).toMatch(/division by zero/);
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
 * together) go down one connection, in one write, rather than one idle connection each.
 */
describe.skipIf(!url)('the driver within one turn of the event loop', () => {
  it("sends a turn's statements down one connection, and each turn's on its own", async () => {
    const database = await openDatabase({ url, poolSize: 6, statementTimeoutMs: 5000 });
    const backend = () => queryRows<{ pid: number }>(database.db, sql`/* test: which backend */ select pg_backend_pid() as pid`).then((rows) => rows[0]!.pid);
    try {
      // Six connections opened first, so each is idle and free to take a statement of its own.
      const opened = new Set<number>();
      for (let i = 0; i < 20 && opened.size < 6; i++) for (const pid of await Promise.all([0, 1, 2, 3, 4, 5].map(() => Promise.resolve().then(backend)))) opened.add(pid);
      const oneTurn = await Promise.all([0, 1, 2, 3, 4, 5].map(() => backend()));
      expect(new Set(oneTurn).size).toBe(1);
      // A statement of a later turn, while the first is still out, goes down another connection.
      const first = backend();
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      const second = backend();
      expect(await first).not.toBe(await second);
    } finally {
      await database.close();
    }
  });
});
