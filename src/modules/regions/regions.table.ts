import { bigint, foreignKey, index, pgTable, text } from 'drizzle-orm/pg-core';

export const REGION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;

/** 行政区划: division codes stored as bigint so a subtree is one numeric range. */
export const regionTable = pgTable(
  'region',
  {
    code: bigint('code', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    parentCode: bigint('parent_code', { mode: 'number' }),
  },
  (t) => [index('region_parent_idx').on(t.parentCode, t.code), index('region_name_idx').on(t.name), foreignKey({ name: 'region_parent_fk', columns: [t.parentCode], foreignColumns: [t.code] })],
);

export type RegionRow = typeof regionTable.$inferSelect;
