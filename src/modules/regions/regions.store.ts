/** SQL of regions. Every read is confined to the viewer's scope. */
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { escapeLike } from '../../db/like';
import { preparedRead } from '../../db/prepared';
import { run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { regionTable as region, type RegionRow } from './regions.table';

export interface RegionFilter {
  parentCode?: number;
  withinPrefix?: string;
  level?: RegionRow['level'];
  text?: string;
}

export const REGION_ORDER: SortKey<RegionRow>[] = [{ name: 'region', expr: region.code, direction: 'asc', type: 'id', value: (r) => r.code }];

function filterCondition(viewer: Viewer, filter: RegionFilter): SQL | undefined {
  return and(
    inScope(region.code, viewer),
    filter.parentCode !== undefined ? eq(region.parentCode, filter.parentCode) : undefined,
    filter.withinPrefix !== undefined ? inSubtree(region.code, filter.withinPrefix) : undefined,
    filter.level ? eq(region.level, filter.level) : undefined,
    filter.text ? or(ilike(region.name, `%${escapeLike(filter.text)}%`), sql`${region.code}::text like ${escapeLike(filter.text) + '%'}`) : undefined,
  );
}

export function regionsPage(db: Db, viewer: Viewer, filter: RegionFilter, page: PageRequest): Promise<RegionRow[]> {
  return run(
    'regionsPage',
    db
      .select()
      .from(region)
      .where(and(filterCondition(viewer, filter), keysetCondition(REGION_ORDER, page)))
      .orderBy(...keysetOrder(REGION_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function regionsCount(db: Db, viewer: Viewer, filter: RegionFilter): Promise<number> {
  const [row] = await run('regionsCount', db.select({ n: sql<number>`count(*)::int` }).from(region).where(filterCondition(viewer, filter)));
  return row?.n ?? 0;
}

const regionsByCodesQuery = preparedRead('regionsByCodes', (db, keyIn) =>
  db
    .select()
    .from(region)
    .where(and(inScopePlaceholders(region.code), keyIn(region.code, 'codes'))),
);

export function regionsByCodes(db: Db, viewer: Viewer, codes: readonly number[]): Promise<RegionRow[]> {
  return regionsByCodesQuery(db, { ...scopeParams(viewer), codes });
}

/** Reference data: loaded with a county (seeds), never changed by the API. */
export async function insertRegions(db: Db, rows: RegionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await run(
      'insertRegions',
      db
        .insert(region)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing(),
    );
}

/** Names of regions, in no scope (geography is public: a public notice names its village). */
export function namesOf(db: Db, codes: readonly number[]): Promise<{ code: number; name: string }[]> {
  return run(
    'regionNames',
    db
      .select({ code: region.code, name: region.name })
      .from(region)
      .where(sql`${region.code} = any(${sql.param(codes.map(String))}::text[]::bigint[])`),
  );
}
