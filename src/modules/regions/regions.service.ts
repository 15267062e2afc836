/**
 * 行政区划 (regions): the tree every scope, asset and party hangs from (DESIGN.md §2). Regions are
 * reference data loaded with the county; reads are confined to the viewer's subtree.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { oneByKey } from '../../graphql/batch';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import type { RegionRow } from './regions.table';
import * as store from './regions.store';

export type { RegionRow } from './regions.table';
export type { RegionFilter } from './regions.store';
export { insertRegions } from './regions.store';

export async function regionsByCodes(db: Db, viewer: Viewer, codes: readonly number[]): Promise<(RegionRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(codes, await store.regionsByCodes(db, viewer, codes), (r) => r.code);
}

/** The region with this 12-digit code, or null when it does not exist or lies outside the scope. */
export async function findRegion(db: Db, viewer: Viewer, code: string | number): Promise<RegionRow | null> {
  const [row] = await regionsByCodes(db, viewer, [Number(code)]);
  return row ?? null;
}

export function listRegions(db: Db, viewer: Viewer, filter: store.RegionFilter, args: PageArgs): Promise<Connection<RegionRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.REGION_ORDER,
    (page) => store.regionsPage(db, viewer, filter, page),
    () => store.regionsCount(db, viewer, filter),
  );
}

/** Names of regions by code, in no scope (a public notice names its village). */
export async function publicRegionNames(db: Db, codes: readonly number[]): Promise<Map<number, string>> {
  if (codes.length === 0) return new Map();
  return new Map((await store.namesOf(db, codes)).map((r) => [r.code, r.name]));
}
