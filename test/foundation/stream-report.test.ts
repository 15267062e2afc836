/**
 * streamReport (db/transaction.ts): the exports' long reads. On PostgreSQL one batch at a time is
 * in memory, and a reader that stops early or stalls must end the transaction (no connection left
 * idle in it); on the embedded database, one session, the read finishes before the first batch is
 * handed over, so a slow reader never holds the database. A failing read reaches the reader, and
 * an export whose client went away stops reading (http/spreadsheets.ts).
 */
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';
import { streamReport } from '../../src/db/transaction';
import type { Response } from 'express';
import { sendSpreadsheet } from '../../src/http/file-routes';
import { writeSpreadsheet } from '../../src/http/spreadsheets';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
});
afterAll(() => db.close());

/** Ten batches of a cursor over 1..1000, counting what the producer got through. */
function numbers(progress: { emitted: number }, readerWaitMs?: number) {
  return streamReport<number[]>(
    db.db,
    async (tx, emit) => {
      await tx.execute(sql`/* testCursor */ declare numbers no scroll cursor for select n from generate_series(1, 1000) as n order by n`);
      for (;;) {
        const rows = await queryRows<{ n: number }>(tx, sql.raw('/* testFetch */ fetch 100 from numbers'));
        if (rows.length === 0) return;
        await emit(rows.map((r) => Number(r.n)));
        progress.emitted++;
      }
    },
    readerWaitMs,
  );
}

/** Sessions of this database left idle inside a transaction (PostgreSQL). */
async function idleInTransaction(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db.db,
    sql`/* testIdleInTransaction */ select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
  );
  return Number(row!.n);
}

describe('streamReport', () => {
  it('hands every batch over in order, and the database answers others while the reader holds one', async () => {
    const progress = { emitted: 0 };
    const seen: number[] = [];
    for await (const batch of numbers(progress)) {
      if (seen.length === 0) {
        const [row] = await queryRows<{ one: number }>(db.db, sql`/* testMeanwhile */ select 1 as one`);
        expect(Number(row!.one)).toBe(1);
      }
      // On PostgreSQL the producer waits for the reader: never more than the batch in hand ahead.
      if (onServer) expect(progress.emitted).toBe(seen.length / 100);
      seen.push(...batch);
    }
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it.skipIf(!onServer)('ends the transaction when the reader stops early', async () => {
    const progress = { emitted: 0 };
    for await (const batch of numbers(progress)) {
      expect(batch[0]).toBe(1);
      break;
    }
    expect(progress.emitted).toBe(0); // the producer stopped at the batch it could not hand over
    expect(await idleInTransaction()).toBe(0);
  });

  it.skipIf(!onServer)('gives up on a reader that takes no batch for too long, ending the transaction', async () => {
    const reading = (async () => {
      for await (const _ of numbers({ emitted: 0 }, 100)) await new Promise((resolve) => setTimeout(resolve, 400));
    })();
    await expect(reading).rejects.toThrow(/took no batch/);
    expect(await idleInTransaction()).toBe(0);
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
    // On PostgreSQL the batch before the failure was already handed over.
    expect(seen).toEqual(onServer ? [[1]] : []);
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

  it('ends the rows even when the client goes away during the first batch (sendSpreadsheet)', async () => {
    let ended = false;
    async function* rows() {
      try {
        // One batch far larger than the response buffers: the writer waits inside it.
        yield Array.from({ length: 5000 }, (_, i) => [`row ${i}`, 'x'.repeat(200)]);
        yield [['never', 'read']];
      } finally {
        ended = true;
      }
    }
    const res = Object.assign(new PassThrough({ highWaterMark: 1024 }), { setHeader: () => undefined }) as unknown as Response;
    const sending = sendSpreadsheet(res, 'csv', { headers: ['a', 'b'], sheetName: 's', asciiName: 'x', name: 'x' }, rows());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended).toBe(false);
    (res as unknown as PassThrough).destroy();
    await expect(sending).resolves.toBeUndefined(); // not an error: nobody is there to answer
    expect(ended).toBe(true);
  });
});
