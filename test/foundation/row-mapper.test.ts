/**
 * The compiled row mapper (db/row-mapper.ts) gives the rows drizzle's own mapping gives: every
 * column type we use, expressions with their decoders, and joined tables whose object is null
 * when a left join found nothing. Each query runs twice, labelled (compiled) and prepared bare
 * (drizzle's mapResultRow), and the results must be equal.
 */
import { eq, sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';
import { labelled } from '../../src/db/queries';
import { compiledRowMapper } from '../../src/db/row-mapper';

const parent = pgTable('row_mapper_parent', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  big: bigint('big', { mode: 'bigint' }),
  name: text('name'),
  at: timestamp('at', { withTimezone: true }),
  on: date('on'),
  amount: numeric('amount', { precision: 18, scale: 3 }),
  flag: boolean('flag'),
  count: integer('count'),
});
const child = pgTable('row_mapper_child', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  parentId: bigint('parent_id', { mode: 'number' }),
  label: text('label'),
  at: timestamp('at', { withTimezone: true }),
});

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
  await db.db.execute(
    sql`/* testRowMapperTables */ create table row_mapper_parent (id bigint primary key, big bigint, name text, at timestamptz, "on" date, amount numeric(18,3), flag boolean, count integer)`,
  );
  await db.db.execute(sql`/* testRowMapperChild */ create table row_mapper_child (id bigint primary key, parent_id bigint, label text, at timestamptz)`);
  await db.db.execute(sql`/* testRowMapperRows */ insert into row_mapper_parent values
    (1, 9007199254740993, '甲', '2026-11-30 08:00:00.123+08', '2026-02-28', 12.345, true, 7),
    (2, null, null, null, null, null, null, null),
    (3, -5, 'c', '1999-12-31 23:59:59+00', '0001-01-01', 0, false, 0)`);
  await db.db.execute(sql`/* testRowMapperChildRows */ insert into row_mapper_child values (10, 1, 'x', '2026-01-01 00:00:00+00'), (11, 1, null, null), (12, 3, 'y', null)`);
});
afterAll(() => db.close());

type Built = { prepare(name: string): { execute(): Promise<unknown> } };

/** The rows drizzle maps itself, and the rows of the compiled mapper, for one query. */
async function both(build: () => Built): Promise<[unknown, unknown]> {
  const drizzles = await build().prepare('testRowMapperDrizzle').execute();
  const prepared = labelled('testRowMapperCompiled', build());
  expect((prepared as unknown as { customResultMapper?: unknown }).customResultMapper).toBeTypeOf('function');
  return [drizzles, await prepared.execute()];
}

describe('compiled row mapping', () => {
  it('maps every column type of a flat selection as drizzle does', async () => {
    const [expected, actual] = await both(() => db.db.select().from(parent).orderBy(parent.id) as unknown as Built);
    expect(actual).toEqual(expected);
    expect((actual as { big: unknown; at: unknown }[])[0]!.big).toBe(9007199254740993n);
    expect((actual as { at: unknown }[])[0]!.at).toBeInstanceOf(Date);
  });

  it('decodes expressions with their own decoders', async () => {
    const [expected, actual] = await both(
      () =>
        db.db
          .select({ id: parent.id, doubled: sql<number>`${parent.count} * 2`.mapWith(Number), raw: sql<string>`${parent.name} || '!'`, total: sql<string>`sum(${parent.amount}) over ()` })
          .from(parent)
          .orderBy(parent.id) as unknown as Built,
    );
    expect(actual).toEqual(expected);
  });

  it('nulls a left-joined table that found nothing, and not one whose first column alone is null', async () => {
    const [expected, actual] = await both(() => db.db.select({ parent, child }).from(parent).leftJoin(child, eq(child.parentId, parent.id)).orderBy(parent.id, child.id) as unknown as Built);
    expect(actual).toEqual(expected);
    const rows = actual as { child: { label: string | null } | null }[];
    expect(rows.some((r) => r.child === null)).toBe(true);
    expect(rows.some((r) => r.child !== null && r.child.label === null)).toBe(true);
  });

  it('keeps inner-joined objects and mixes columns with nested tables', async () => {
    const [expected, actual] = await both(() => db.db.select({ id: parent.id, child }).from(parent).innerJoin(child, eq(child.parentId, parent.id)).orderBy(child.id) as unknown as Built);
    expect(actual).toEqual(expected);
  });

  it('leaves deeper selections to drizzle', () => {
    expect(compiledRowMapper([{ path: ['a', 'b', 'c'], field: parent.id }])).toBeUndefined();
    expect(compiledRowMapper([{ path: ['a', 'b'], field: sql`1` }])).toBeUndefined();
  });
});
