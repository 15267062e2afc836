/**
 * A `preparedRead` (db/prepared.ts) is built once and then only executed: on the server's
 * handle, and in a transaction on the transaction's own session (it must see the transaction's
 * uncommitted rows, and another transaction's values, never the first one's).
 */
import { sql } from 'drizzle-orm';
import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedRead } from '../../src/db/prepared';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';
import { withTransaction } from '../../src/db/transaction';

const item = pgTable('prepared_read_item', { id: bigint('id', { mode: 'number' }).primaryKey(), label: text('label') });

let db: TestDatabase;
let builds = 0;
const itemsByIds = preparedRead<{ ids: number[] }, { id: number; label: string | null }[]>('testItemsByIds', (db, keyIn) => {
  builds++;
  return db.select().from(item).where(keyIn(item.id)).orderBy(item.id);
});

beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
  await db.db.execute(sql`/* testPreparedReadTable */ create table prepared_read_item (id bigint primary key, label text)`);
  await db.db.execute(sql`/* testPreparedReadRows */ insert into prepared_read_item values (1, 'a'), (2, 'b'), (3, 'c')`);
});
afterAll(() => db.close());

describe('a read built once', () => {
  it('runs in each transaction on its session, with its values, without being built again', async () => {
    const seen: unknown[] = [];
    for (const [id, label] of [
      [10, 'x'],
      [11, 'y'],
      [12, 'z'],
    ] as const) {
      await withTransaction(db.db, async (tx) => {
        await tx.execute(sql`/* testPreparedReadInsert */ insert into prepared_read_item values (${id}, ${label})`);
        seen.push(await itemsByIds(tx, { ids: [1, id] }));
        seen.push(await itemsByIds(tx, { ids: [id] }));
        throw new Error('roll back');
      }).catch((error: Error) => expect(error.message).toBe('roll back'));
    }
    expect(seen).toEqual([
      [
        { id: 1, label: 'a' },
        { id: 10, label: 'x' },
      ],
      [{ id: 10, label: 'x' }],
      [
        { id: 1, label: 'a' },
        { id: 11, label: 'y' },
      ],
      [{ id: 11, label: 'y' }],
      [
        { id: 1, label: 'a' },
        { id: 12, label: 'z' },
      ],
      [{ id: 12, label: 'z' }],
    ]);
    // Learning which parameters hold keys, then one statement for many keys and one for one key.
    expect(builds).toBe(3);
    // Outside the transactions: their rows were rolled back.
    expect(await itemsByIds(db.db, { ids: [2, 10] })).toEqual([{ id: 2, label: 'b' }]);
    expect(await itemsByIds(db.db, { ids: [3] })).toEqual([{ id: 3, label: 'c' }]);
    expect(builds).toBe(5);
  });
});
