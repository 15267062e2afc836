/**
 * streamReport (db/transaction.ts): the exports' long reads, one batch in memory at a time. A
 * reader that stops early must end the transaction (on PGlite a transaction left open would hang
 * every later statement), a failing read must reach the reader, and an export whose client went
 * away must stop reading (http/spreadsheets.ts).
 */
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';
import { streamReport } from '../../src/db/transaction';
import { writeSpreadsheet } from '../../src/http/spreadsheets';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
});
afterAll(() => db.close());

/** Ten batches of a cursor over 1..1000, counting what the producer got through. */
function numbers(progress: { emitted: number }) {
  return streamReport<number[]>(db.db, async (tx, emit) => {
    await tx.execute(sql`/* testCursor */ declare numbers no scroll cursor for select n from generate_series(1, 1000) as n order by n`);
    for (;;) {
      const rows = await queryRows<{ n: number }>(tx, sql.raw('/* testFetch */ fetch 100 from numbers'));
      if (rows.length === 0) return;
      await emit(rows.map((r) => Number(r.n)));
      progress.emitted++;
    }
  });
}

describe('streamReport', () => {
  it('hands every batch over in order, each only once the reader took the one before', async () => {
    const progress = { emitted: 0 };
    const seen: number[] = [];
    for await (const batch of numbers(progress)) {
      // The producer waits for the reader: it is never more than the batch in hand ahead.
      expect(progress.emitted).toBe(seen.length / 100);
      seen.push(...batch);
    }
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('ends the transaction when the reader stops early, and the database serves on', async () => {
    const progress = { emitted: 0 };
    for await (const batch of numbers(progress)) {
      expect(batch[0]).toBe(1);
      break;
    }
    expect(progress.emitted).toBe(0); // the producer stopped at the batch it could not hand over
    const [row] = await queryRows<{ open: number }>(db.db, sql`/* testAfterStream */ select count(*)::int as open from pg_cursors where name = 'numbers'`);
    expect(Number(row!.open)).toBe(0);
  });

  it('gives the reader the error of a failing read', async () => {
    const failing = streamReport<number[]>(db.db, async (tx, emit) => {
      await emit([1]);
      await tx.execute(sql`/* testFailing */ select 1 / 0`);
    });
    const seen: number[][] = [];
    await expect(
      (async () => {
        for await (const batch of failing) seen.push(batch);
      })(),
    ).rejects.toThrow(/testFailing/); // drizzle's error, naming the failed statement
    expect(seen).toEqual([[1]]);
  });
});

describe('an export whose client stops reading and goes away', () => {
  it('stops asking for rows, so a streamed read ends its transaction', async () => {
    let ended = false;
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield [[`row ${i}`, 'x'.repeat(200)]];
      } finally {
        ended = true;
      }
    }
    const out = new PassThrough({ highWaterMark: 1024 }); // nobody reads it: the writer soon waits for a drain
    const writing = writeSpreadsheet(['a', 'b'], rows(), 'csv', out, 'sheet');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended).toBe(false);
    out.destroy();
    await expect(writing).rejects.toThrow(/went away/);
    expect(ended).toBe(true);
  });
});
