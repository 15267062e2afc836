/**
 * Reports. Region summary (DESIGN.md §6): counts and original value by class, category and
 * status, and the ownership confirmation rate (确权率), for any region in scope on any date,
 * computed by one GROUP BY in the database: over the county tally for a county or wider
 * region today, over the register otherwise.
 */
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { AppError } from '../../graphql/errors';
import { summaryFromRegister } from '../assets/assets.service';
import { significantPrefix } from '../regions/division-code';
import { COUNTY_PREFIX_LENGTH, foldAssetTally, tallySummary } from './reports.store';

export interface Breakdown {
  key: string;
  assetCount: number;
  originalValueFen: bigint;
}

export interface RegionSummary {
  regionCode: string;
  asOf: string;
  assetCount: number;
  originalValueFen: bigint;
  ownershipConfirmedCount: number;
  byClass: Breakdown[];
  byCategory: Breakdown[];
  byStatus: Breakdown[];
}

/** Null when the region is outside the viewer's scope: it is not there for them. */
/** The years a summary's by-year figures are asked for: the last three up to its date when none are given, at most 10. */
export function summaryYears(summary: RegionSummary, years: number[] | undefined): number[] {
  const last = Number(summary.asOf.slice(0, 4));
  const asked = years ?? [last - 2, last - 1, last];
  if (asked.length > 10 || asked.some((y) => !Number.isInteger(y) || y < 1980 || y > 2199)) throw new AppError('BAD_USER_INPUT', 'Give at most 10 years between 1980 and 2199', ['years']);
  return asked;
}

export async function regionSummary(db: Db, viewer: Viewer, clock: Clock, code: string, asOf?: string | null): Promise<RegionSummary | null> {
  assertCan(viewer, 'read');
  if (!codeInScope(code, viewer)) return null;
  const today = clock.today();
  const date = asOf ?? today;
  const prefix = significantPrefix(code);
  const isToday = date >= today;
  const rows = isToday && prefix.length <= COUNTY_PREFIX_LENGTH ? await tallySummary(db, prefix) : await summaryFromRegister(db, viewer, prefix, date, isToday);
  const rollUp = (key: 'asset_class' | 'category' | 'status'): Breakdown[] => {
    const totals = new Map<string, Breakdown>();
    for (const row of rows) {
      const entry = totals.get(row[key]) ?? { key: row[key], assetCount: 0, originalValueFen: 0n };
      entry.assetCount += row.assets;
      entry.originalValueFen += BigInt(row.value_fen);
      totals.set(row[key], entry);
    }
    return [...totals.values()].sort((a, b) => b.assetCount - a.assetCount || a.key.localeCompare(b.key));
  };
  return {
    regionCode: code,
    asOf: date,
    assetCount: rows.reduce((n, r) => n + r.assets, 0),
    originalValueFen: rows.reduce((sum, r) => sum + BigInt(r.value_fen), 0n),
    ownershipConfirmedCount: rows.reduce((n, r) => n + (r.confirmed ? r.assets : 0), 0),
    byClass: rollUp('asset_class'),
    byCategory: rollUp('category'),
    byStatus: rollUp('status'),
  };
}

/**
 * Folds the tally every `everyMs` (each server may; folds never conflict). Without it the
 * summaries stay right and only grow slower, by one row per asset-writing statement.
 */
export function foldTallyPeriodically(db: Db, everyMs: number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => foldAssetTally(db).catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export { foldAssetTally };
