/** SQL of assets, their funding composition and their status changes. */
import { and, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey, type SortValue } from '../../graphql/relay';
import { assetIdsOwnedBy } from '../ownership/ownership.service';
import { PROJECT_VISIBLE, projectScopeParams } from '../projects/projects.store';
import { projectTable as project, type ProjectRow } from '../projects/projects.table';
import { escapeLike } from '../regions/regions.store';
import {
  assetFundingTable as funding,
  assetStatusChangeTable as statusChange,
  assetTable as asset,
  type AssetFundingRow,
  type AssetRow,
  type AssetStatusChangeRow,
} from './assets.table';

export interface AssetFilter {
  regionPrefix?: string;
  assetClass?: AssetRow['assetClass'];
  category?: AssetRow['category'];
  status?: AssetRow['status'];
  projectId?: number;
  owner?: { partyId: number; asOf: string };
  text?: string;
  builtFrom?: string;
  builtTo?: string;
  acceptedFrom?: string;
  acceptedTo?: string;
  valueMin?: bigint;
  valueMax?: bigint;
}

export type AssetSort = 'CODE' | 'NAME' | 'ORIGINAL_VALUE' | 'BUILT_ON' | 'CREATED_AT';

const builtOnKey = sql`coalesce(${asset.builtOn}, '0001-01-01'::date)`;

export function assetOrder(sort: AssetSort, direction: 'asc' | 'desc'): SortKey[] {
  const first: SortKey = {
    CODE: { expr: asset.code, direction },
    NAME: { expr: asset.name, direction },
    ORIGINAL_VALUE: { expr: asset.originalValueFen, direction, cast: 'bigint' },
    BUILT_ON: { expr: builtOnKey, direction, cast: 'date' },
    CREATED_AT: { expr: asset.createdAt, direction, cast: 'timestamptz' },
  }[sort] as SortKey;
  return [first, { expr: asset.id, direction }];
}

export function assetCursor(sort: AssetSort, row: AssetRow): SortValue[] {
  const first = {
    CODE: row.code,
    NAME: row.name,
    ORIGINAL_VALUE: row.originalValueFen.toString(),
    BUILT_ON: row.builtOn ?? '0001-01-01',
    CREATED_AT: row.createdAt.toISOString(),
  }[sort];
  return [first, row.id];
}

function filterCondition(viewer: Viewer, filter: AssetFilter): SQL | undefined {
  return and(
    inScope(asset.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(asset.regionCode, filter.regionPrefix) : undefined,
    filter.assetClass ? eq(asset.assetClass, filter.assetClass) : undefined,
    filter.category ? eq(asset.category, filter.category) : undefined,
    filter.status ? eq(asset.status, filter.status) : undefined,
    filter.projectId !== undefined ? inArray(asset.id, sql`(select ${funding.assetId} from ${funding} where ${funding.projectId} = ${filter.projectId})`) : undefined,
    filter.owner ? inArray(asset.id, assetIdsOwnedBy(filter.owner.partyId, filter.owner.asOf)) : undefined,
    filter.text ? or(ilike(asset.name, `%${escapeLike(filter.text)}%`), ilike(asset.code, `${escapeLike(filter.text)}%`)) : undefined,
    filter.builtFrom ? gte(asset.builtOn, filter.builtFrom) : undefined,
    filter.builtTo ? lte(asset.builtOn, filter.builtTo) : undefined,
    filter.acceptedFrom ? gte(asset.acceptedOn, filter.acceptedFrom) : undefined,
    filter.acceptedTo ? lte(asset.acceptedOn, filter.acceptedTo) : undefined,
    filter.valueMin !== undefined ? gte(asset.originalValueFen, filter.valueMin) : undefined,
    filter.valueMax !== undefined ? lte(asset.originalValueFen, filter.valueMax) : undefined,
  );
}

export function assetsPage(db: Db, viewer: Viewer, filter: AssetFilter, order: SortKey[], page: PageRequest): Promise<AssetRow[]> {
  return db
    .select()
    .from(asset)
    .where(and(filterCondition(viewer, filter), keysetCondition(order, page)))
    .orderBy(...keysetOrder(order, page))
    .limit(page.limit + 1);
}

export async function assetsCount(db: Db, viewer: Viewer, filter: AssetFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(asset).where(filterCondition(viewer, filter));
  return row.n;
}

/** Streams every asset matching the filter in code order, in batches (exports). */
export async function* assetsInBatches(db: Db, viewer: Viewer, filter: AssetFilter, batchSize = 2000): AsyncGenerator<AssetRow[]> {
  const order = assetOrder('CODE', 'asc');
  let cursor: SortValue[] | null = null;
  for (;;) {
    const page: PageRequest = { limit: batchSize, cursor, backward: false, hasCursor: cursor !== null };
    const rows = await assetsPage(db, viewer, filter, order, page);
    const batch = rows.slice(0, batchSize);
    if (batch.length) yield batch;
    if (rows.length <= batchSize) return;
    cursor = assetCursor('CODE', batch[batch.length - 1]);
  }
}

const assetsByIdsQuery = preparedRead((db) =>
  db
    .select()
    .from(asset)
    .where(and(inScopePlaceholders(asset.regionCode), sql`${asset.id} = any(${sql.placeholder('ids')}::bigint[])`))
    .prepare('assetsByIds'),
);

const assetsByCodesQuery = preparedRead((db) =>
  db
    .select()
    .from(asset)
    .where(and(inScopePlaceholders(asset.regionCode), sql`${asset.code} = any(${sql.placeholder('codes')}::text[])`))
    .prepare('assetsByCodes'),
);

export function assetsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<AssetRow[]> {
  return assetsByIdsQuery(db, { ...scopeParams(viewer), ids });
}

export function assetsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<AssetRow[]> {
  return assetsByCodesQuery(db, { ...scopeParams(viewer), codes });
}

/** Codes that already exist anywhere (a code is unique across scopes). */
export async function existingCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const rows = await db.select({ code: asset.code }).from(asset).where(sql`${asset.code} = any(${sql.param(codes)}::text[])`);
  return new Set(rows.map((r) => r.code));
}

export async function lockAsset(tx: Db, viewer: Viewer, id: number): Promise<AssetRow | undefined> {
  const [row] = await tx
    .select()
    .from(asset)
    .where(and(eq(asset.id, id), inScope(asset.regionCode, viewer)))
    .for('update');
  return row;
}

export type AssetValues = Omit<typeof asset.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type AssetFundingValues = Omit<typeof funding.$inferInsert, 'id'>;
export type StatusChangeValues = Omit<typeof statusChange.$inferInsert, 'id' | 'changedAt'>;

export async function insertAssets(tx: Db, values: AssetValues[]): Promise<AssetRow[]> {
  const rows: AssetRow[] = [];
  for (let i = 0; i < values.length; i += 1000) rows.push(...(await tx.insert(asset).values(values.slice(i, i + 1000)).returning()));
  return rows;
}

export async function updateAsset(tx: Db, id: number, values: Partial<AssetValues>): Promise<AssetRow> {
  const [row] = await tx
    .update(asset)
    .set({ ...values, version: sql`${asset.version} + 1`, updatedAt: new Date() })
    .where(eq(asset.id, id))
    .returning();
  return row;
}

/** A funding line with its project, or null when there is none or it is not visible to the viewer. */
export interface FundingWithProject {
  line: AssetFundingRow;
  project: ProjectRow | null;
}

const fundingWithProjectsQuery = preparedRead((db) =>
  db
    .select({ line: funding, project })
    .from(funding)
    .leftJoin(project, and(eq(project.id, funding.projectId), PROJECT_VISIBLE))
    .where(sql`${funding.assetId} = any(${sql.placeholder('ids')}::bigint[])`)
    .orderBy(funding.assetId, funding.id)
    .prepare('fundingWithProjects'),
);

export function fundingWithProjects(db: Db, viewer: Viewer, ids: readonly number[]): Promise<FundingWithProject[]> {
  return fundingWithProjectsQuery(db, { ...projectScopeParams(viewer), ids });
}

export async function insertFunding(tx: Db, rows: AssetFundingValues[]): Promise<AssetFundingRow[]> {
  const out: AssetFundingRow[] = [];
  for (let i = 0; i < rows.length; i += 2000) out.push(...(await tx.insert(funding).values(rows.slice(i, i + 2000)).returning()));
  return out;
}

/** Funding lines are part of the register line: an update replaces them as a set. */
export async function replaceFunding(tx: Db, assetId: number, rows: Omit<AssetFundingValues, 'assetId'>[]): Promise<AssetFundingRow[]> {
  await tx.delete(funding).where(eq(funding.assetId, assetId));
  return rows.length ? insertFunding(tx, rows.map((r) => ({ ...r, assetId }))) : [];
}

/** Sum of asset funding per project: what the project's assets took of its investment. */
export async function fundedByProjects(db: Db, viewer: Viewer, projectIds: readonly number[]): Promise<{ projectId: number; amountFen: bigint }[]> {
  const rows = await db
    .select({ projectId: funding.projectId, amount: sql<string>`sum(${funding.amountFen})::text` })
    .from(funding)
    .innerJoin(asset, eq(asset.id, funding.assetId))
    .where(and(inScope(asset.regionCode, viewer), sql`${funding.projectId} = any(${sql.param(projectIds)}::bigint[])`))
    .groupBy(funding.projectId);
  return rows.map((r) => ({ projectId: Number(r.projectId), amountFen: BigInt(r.amount) }));
}

const statusChangesQuery = preparedRead((db) =>
  db
    .select()
    .from(statusChange)
    .where(sql`${statusChange.assetId} = any(${sql.placeholder('ids')}::bigint[])`)
    .orderBy(statusChange.assetId, statusChange.effectiveOn, statusChange.id)
    .prepare('statusChangesByAssetIds'),
);

export function statusChangesByAssetIds(db: Db, ids: readonly number[]): Promise<AssetStatusChangeRow[]> {
  return statusChangesQuery(db, { ids });
}

export async function insertStatusChanges(tx: Db, rows: StatusChangeValues[]): Promise<AssetStatusChangeRow[]> {
  const out: AssetStatusChangeRow[] = [];
  for (let i = 0; i < rows.length; i += 2000) out.push(...(await tx.insert(statusChange).values(rows.slice(i, i + 2000)).returning()));
  return out;
}
