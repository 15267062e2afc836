import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Today's register in numbers, per county and (class, category, status, confirmed): what a
 * county, city or province summary reads instead of a million asset rows. Statement triggers
 * on `asset` (migration 0003) append each statement's net change as rows here — insert-only,
 * so writers never wait on one another — and `foldAssetTally` folds them into one row per
 * key from time to time. A key's figures are the sum of its rows.
 */
export const assetTallyTable = pgTable(
  'asset_tally',
  {
    /** The county's 6-digit code (an asset's region code / 1,000,000). */
    countyCode: bigint('county_code', { mode: 'number' }).notNull(),
    assetClass: text('class').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    ownershipConfirmed: boolean('ownership_confirmed').notNull(),
    assetCount: integer('asset_count').notNull(),
    valueFen: bigint('value_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [index('asset_tally_county_idx').on(t.countyCode)],
);
