/** SQL of the region summary's tally: today's counts of a county, city or province. */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { SummaryRow } from '../assets/assets.service';

/** Prefixes of a county or wider (2, 4 or 6 digits): the regions the tally holds. */
export const COUNTY_PREFIX_LENGTH = 6;

/**
 * Today's counts and value per (class, category, status, confirmed) of a county, city or
 * province, from its own rows of the tally (a hundred keys and the changes not yet folded, as
 * many for a province as for a county). The caller has checked that the region is in the
 * viewer's scope.
 */
export function tallySummary(db: Db, prefix: string): Promise<SummaryRow[]> {
  return queryRows<SummaryRow>(
    db,
    sql`/* regionSummary (tally) */
      select class as asset_class, category, status, ownership_confirmed as confirmed, sum(asset_count)::int as assets, sum(value_fen)::text as value_fen
      from asset_tally
      where region_code = ${Number(prefix)}
      group by class, category, status, ownership_confirmed
      having sum(asset_count) <> 0`,
  );
}

/**
 * Folds the tally's change rows into one row per key, in one statement: rows appended while it
 * runs are outside its snapshot and stay for the next fold, so no change is lost or counted twice.
 * Only keys with change rows (or nothing left) are rewritten: a fold with no writes since the last
 * one deletes and inserts nothing, so it leaves no dead tuples behind, autovacuum or not.
 */
export async function foldAssetTally(db: Db): Promise<void> {
  await db.execute(sql`/* foldAssetTally */
    with changed as (
      select region_code, class, category, status, ownership_confirmed
      from asset_tally
      group by region_code, class, category, status, ownership_confirmed
      having count(*) > 1 or sum(asset_count) = 0
    ), folded as (
      delete from asset_tally t using changed c
      where (t.region_code, t.class, t.category, t.status, t.ownership_confirmed) = (c.region_code, c.class, c.category, c.status, c.ownership_confirmed)
      returning t.*
    )
    insert into asset_tally (region_code, class, category, status, ownership_confirmed, asset_count, value_fen)
    select region_code, class, category, status, ownership_confirmed, sum(asset_count), sum(value_fen)
    from folded
    group by region_code, class, category, status, ownership_confirmed
    having sum(asset_count) <> 0`);
}
