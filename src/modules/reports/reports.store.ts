/** SQL of the region summary: the tally above township level, the register below it or in the past. */
import { sql } from 'drizzle-orm';
import { inRange, inScope, inSubtree } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, type Db } from '../../db/client';
import { isConfirmed } from '../ownership/ownership.service';
import { subtreeRange } from '../regions/division-code';

export interface SummaryRow {
  asset_class: string;
  category: string;
  status: string;
  confirmed: boolean;
  assets: number;
  value_fen: string;
}

/** Prefixes of a county or wider (2, 4 or 6 digits): whole counties, which the tally holds. */
export const COUNTY_PREFIX_LENGTH = 6;

/**
 * Today's counts and value per (class, category, status, confirmed) for whole counties, from
 * the tally: a province reads a few thousand rows instead of a million assets. The caller has
 * checked that the region is in the viewer's scope, so all of its counties are.
 */
export function tallySummary(db: Db, prefix: string): Promise<SummaryRow[]> {
  const [low, high] = subtreeRange(prefix).map((code) => code / 1e6);
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
 * The same figures counted from the register, for a township or village, or for a past date
 * (when an asset counts with the status it had then, and only if it was registered by then).
 */
export function registerSummary(db: Db, viewer: Viewer, prefix: string, asOf: string, isToday: boolean): Promise<SummaryRow[]> {
  const statusOn = isToday
    ? sql`a.status`
    : sql`(select s.to_status from asset_status_change s where s.asset_id = a.id and s.effective_on <= ${asOf} order by s.effective_on desc, s.id desc limit 1)`;
  const confirmed = isToday ? sql`a.ownership_confirmed` : isConfirmed(sql`a.id`, asOf);
  return queryRows<SummaryRow>(
    db,
    sql`/* regionSummary */
      select x.asset_class, x.category, x.status, x.confirmed, count(*)::int as assets, sum(x.value_fen)::text as value_fen
      from (
        select a.class as asset_class, a.category, ${statusOn} as status, a.original_value_fen as value_fen, ${confirmed} as confirmed
        from asset a
        where ${inScope(sql`a.region_code`, viewer)} and ${inSubtree(sql`a.region_code`, prefix)}
      ) x
      where x.status is not null
      group by x.asset_class, x.category, x.status, x.confirmed`,
  );
}

/**
 * Folds the tally's change rows into one row per key, in one statement: rows appended while it
 * runs are outside its snapshot and stay for the next fold, so no change is lost or counted twice.
 */
export async function foldAssetTally(db: Db): Promise<void> {
  await db.execute(sql`
    with folded as (delete from asset_tally returning *)
    insert into asset_tally (county_code, class, category, status, ownership_confirmed, asset_count, value_fen)
    select county_code, class, category, status, ownership_confirmed, sum(asset_count), sum(value_fen)
    from folded
    group by county_code, class, category, status, ownership_confirmed
    having sum(asset_count) <> 0`);
}
