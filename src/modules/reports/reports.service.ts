/**
 * Reports. Region summary (DESIGN.md §6): counts and original value by class, category and
 * status, and the ownership confirmation rate (确权率), for any region in scope on any date,
 * computed by one GROUP BY in the database.
 */
import { requirePermission } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { todayInChina } from '../../time';
import { summary } from '../assets/assets.store';
import { significantPrefix } from '../regions/division-code';

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
export async function regionSummary(db: Db, viewer: Viewer, code: string, asOf?: string | null): Promise<RegionSummary | null> {
  requirePermission(viewer, 'read');
  if (!codeInScope(code, viewer)) return null;
  const today = todayInChina();
  const date = asOf ?? today;
  const rows = await summary(db, viewer, significantPrefix(code), date, date >= today);
  const group = (by: string, key: 'asset_class' | 'category' | 'status') =>
    rows
      .filter((r) => r.grouped_by === by)
      .map((r) => ({ key: r[key] as string, assetCount: r.assets, originalValueFen: BigInt(r.value_fen) }))
      .sort((a, b) => b.assetCount - a.assetCount || a.key.localeCompare(b.key));
  const total = rows.find((r) => r.grouped_by === 'total');
  return {
    regionCode: code,
    asOf: date,
    assetCount: total?.assets ?? 0,
    originalValueFen: BigInt(total?.value_fen ?? '0'),
    ownershipConfirmedCount: total?.confirmed ?? 0,
    byClass: group('class', 'asset_class'),
    byCategory: group('category', 'category'),
    byStatus: group('status', 'status'),
  };
}
