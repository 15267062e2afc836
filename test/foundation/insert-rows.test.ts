/**
 * Inserts of a few rows are built once per shape (db/queries `insertRows`): which columns each
 * row gives and which are null. Each call must write its own values — never the values of the
 * call that built the statement — with the columns' encodings (bigint, timestamps, dates,
 * jsonb), defaults for what a row leaves out, nulls where given, and return the rows written.
 */
import { inArray, sql } from 'drizzle-orm';
import { bigint, boolean, date, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertInChunks, insertRows } from '../../src/db/queries';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';
import { withTransaction } from '../../src/db/transaction';

const thing = pgTable('insert_rows_thing', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  big: bigint('big', { mode: 'bigint' }),
  name: text('name'),
  at: timestamp('at', { withTimezone: true }),
  on: date('on'),
  doc: jsonb('doc'),
  flag: boolean('flag').notNull().default(true),
});

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
  await db.db.execute(
    sql`/* testInsertRowsTable */ create table insert_rows_thing (id bigint primary key, big bigint, name text, at timestamptz, "on" date, doc jsonb, flag boolean not null default true)`,
  );
});
afterAll(() => db.close());

const stored = (ids: number[]) => db.db.select().from(thing).where(inArray(thing.id, ids)).orderBy(thing.id);

describe('inserts built once per shape', () => {
  it('writes and returns each call’s own values, nulls and defaults', async () => {
    const full = (id: number) => ({
      id,
      big: 9007199254740993n + BigInt(id),
      name: `名${id}`,
      at: new Date(Date.UTC(2026, 0, id, 8)),
      on: `2026-02-${String(id).padStart(2, '0')}`,
      doc: { id, 收益: [id, '分'] },
      flag: id % 2 === 0,
    });
    const calls = [
      [full(1), full(2)],
      [full(3), full(4)], // the same shape: the statement built for ids 1 and 2, filled anew
      [{ id: 5, name: null, at: null, doc: null, big: null }], // nulls shape the statement
      [{ id: 6 }], // defaults for what is left out
      [{ id: 7, name: null, at: null, doc: null, big: null }],
      [{ id: 8, name: '八', at: null, doc: { 八: 8 }, big: 8n }], // the same keys, other nulls: another shape
    ];
    for (const rows of calls) {
      const returned = await withTransaction(db.db, (tx) => insertInChunks(tx, 'testInsertThings', thing, rows));
      expect(returned).toEqual(await stored(rows.map((r) => r.id)));
    }
    const all = await stored([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.map((r) => r.name)).toEqual(['名1', '名2', '名3', '名4', null, null, null, '八']);
    expect(all[3]).toEqual({ ...full(4), at: full(4).at });
    expect(all[5]).toEqual({ id: 6, big: null, name: null, at: null, on: null, doc: null, flag: true });
    expect(all[7]!.big).toBe(8n);
    expect(all[7]!.doc).toEqual({ 八: 8 });
  });

  it('writes without returning, and in a transaction that rolls back writes nothing', async () => {
    await insertRows(db.db, 'testInsertThingsQuietly', thing, [{ id: 20, name: '二十' }], false);
    await withTransaction(db.db, async (tx) => {
      await insertRows(tx, 'testInsertThingsQuietly', thing, [{ id: 21, name: '二十一' }], false);
      throw new Error('roll back');
    }).catch((error: Error) => expect(error.message).toBe('roll back'));
    expect((await stored([20, 21])).map((r) => r.name)).toEqual(['二十']);
  });
});
