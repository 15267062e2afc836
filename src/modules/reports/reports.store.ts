/** SQL of the region summary's tally: today's counts of whole counties (a county, city or province). */
import { sql } from 'drizzle-orm';
import { inRange } from '../../auth/scope';
import { queryRows, type Db } from '../../db/client';
import type { SummaryRow } from '../assets/assets.service';
import { subtreeRange } from '../regions/division-code';

/** Prefixes of a county or wider (2, 4 or 6 digits): whole counties, which the tally holds. */
export const COUNTY_PREFIX_LENGTH = 6;

/**
 * Today's counts and value per (class, category, status, confirmed) for whole counties, from
 * the tally: a province reads a few thousand rows instead of a million assets. The caller has
 * checked that the region is in the viewer's scope, so all of its counties are.
 */
export function tallySummary(db: Db, prefix: string): Promise<SummaryRow[]> {
  const [low, high] = subtreeRange(prefix).map((code) => code / 1e6) as [number, number];
  return queryRows<SummaryRow>(
    db,
    sql`/* regionSummary (tally) */
      select class as asset_class, category, status, ownership_confirmed as confirmed, sum(asset_count)::int as assets, sum(value_fen)::text as value_fen
      from asset_tally
      where ${inRange(sql`county_code`, low, high)}
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
      select county_code, class, category, status, ownership_confirmed
      from asset_tally
      group by county_code, class, category, status, ownership_confirmed
      having count(*) > 1 or sum(asset_count) = 0
    ), folded as (
      delete from asset_tally t using changed c
      where (t.county_code, t.class, t.category, t.status, t.ownership_confirmed) = (c.county_code, c.class, c.category, c.status, c.ownership_confirmed)
      returning t.*
    )
    insert into asset_tally (county_code, class, category, status, ownership_confirmed, asset_count, value_fen)
    select county_code, class, category, status, ownership_confirmed, sum(asset_count), sum(value_fen)
    from folded
    group by county_code, class, category, status, ownership_confirmed
    having sum(asset_count) <> 0`);
}
