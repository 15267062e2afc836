import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Today's register in numbers, per county, city and province and (class, category, status,
 * confirmed): what a county, city or province summary reads instead of a million asset rows.
 * Statement triggers on `asset` (migrations 0003 and 0016) append each statement's net change
 * as rows here, once for each of the three regions — insert-only,
 * so writers never wait on one another — and `foldAssetTally` folds them into one row per
 * key from time to time. A key's figures are the sum of its rows.
 */
export const assetTallyTable = pgTable(
  'asset_tally',
  {
    /**
     * A county's 6-digit code (an asset's region code / 1,000,000), its city's 4 digits or its
     * province's 2: every change is appended for all three, so a summary reads its region's rows
     * only, however many counties it holds.
     */
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    assetClass: text('class').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    ownershipConfirmed: boolean('ownership_confirmed').notNull(),
    assetCount: integer('asset_count').notNull(),
    valueFen: bigint('value_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [index('asset_tally_region_idx').on(t.regionCode)],
);
