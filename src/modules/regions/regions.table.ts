import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';

/** 行政区划: division codes stored as bigint so a subtree is one numeric range. */
export const regionTable = pgTable(
  'region',
  {
    code: bigint('code', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] }).notNull(),
    parentCode: bigint('parent_code', { mode: 'number' }),
  },
  (t) => [index('region_parent_idx').on(t.parentCode, t.code), index('region_name_idx').on(t.name)],
);

export type RegionRow = typeof regionTable.$inferSelect;
