/** SQL of assets, their funding composition and their status changes. */
import { and, eq, gte, ilike, inArray, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { inRange, inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, type Db } from '../../db/client';
import { escapeLike } from '../../db/like';
import { placeholders, preparedRead, preparedReadsByShape, type Placeholders } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey, type SortValue } from '../../graphql/relay';
import { assetIdsOwnedBy, isConfirmed } from '../ownership/ownership.service';
import { projectScopeParams, visibleProjectJoin, type ProjectRow } from '../projects/projects.service';
import { subtreeRange } from '../regions/division-code';
import { assetFundingTable as funding, assetStatusChangeTable as statusChange, assetTable as asset, type AssetFundingRow, type AssetRow, type AssetStatusChangeRow } from './assets.table';

export interface AssetFilter {
  regionPrefix?: string;
  assetClass?: AssetRow['assetClass'];
  category?: AssetRow['category'];
  status?: AssetRow['status'];
  projectId?: number;
  owner?: { partyId: number; asOf: string };
  /** Asset ids from another module's condition (custodian, contract …), as a subquery. */
  idsIn?: SQL;
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

export function assetOrder(sort: AssetSort, direction: 'asc' | 'desc'): SortKey<AssetRow>[] {
  const first: Record<AssetSort, SortKey<AssetRow>> = {
    CODE: { name: 'code', expr: asset.code, direction, type: 'text', value: (r) => r.code },
    NAME: { name: 'name', expr: asset.name, direction, type: 'text', value: (r) => r.name },
    ORIGINAL_VALUE: { name: 'originalValue', expr: asset.originalValueFen, direction, type: 'bigint', value: (r) => r.originalValueFen.toString() },
    BUILT_ON: { name: 'builtOn', expr: builtOnKey, direction, type: 'date', value: (r) => r.builtOn ?? '0001-01-01' },
    CREATED_AT: { name: 'createdAt', expr: asset.createdAt, direction, type: 'timestamptz', value: (r) => r.createdAt.toISOString() },
  };
  return [first[sort], { name: 'asset', expr: asset.id, direction, type: 'id', value: (r) => r.id }];
}

/**
 * A filter's values, named as the statement's parameters. Which are given (with the order and
 * the page's direction) is the page statement's shape: it is built once per shape
 * (db/prepared `preparedReadsByShape`), with placeholders for these values.
 */
interface FilterValues {
  scopeLow: number;
  scopeHigh: number;
  regionLow?: number;
  regionHigh?: number;
  assetClass?: AssetRow['assetClass'];
  category?: AssetRow['category'];
  status?: AssetRow['status'];
  projectId?: number;
  ownerId?: number;
  ownerAsOf?: string;
  nameLike?: string;
  codeLike?: string;
  builtFrom?: string;
  builtTo?: string;
  acceptedFrom?: string;
  acceptedTo?: string;
  /** Fen, as decimal text: a placeholder's value goes to the driver as it is, and not every driver writes a bigint. */
  valueMin?: string;
  valueMax?: string;
}

function regionRange(prefix: string): { regionLow: number; regionHigh: number } {
  const [regionLow, regionHigh] = subtreeRange(prefix);
  return { regionLow, regionHigh };
}

function filterValues(viewer: Viewer, filter: AssetFilter): FilterValues {
  const given = {
    ...scopeParams(viewer),
    ...(filter.regionPrefix !== undefined && regionRange(filter.regionPrefix)),
    assetClass: filter.assetClass,
    category: filter.category,
    status: filter.status,
    projectId: filter.projectId,
    ownerId: filter.owner?.partyId,
    ownerAsOf: filter.owner?.asOf,
    nameLike: filter.text ? `%${escapeLike(filter.text)}%` : undefined,
    codeLike: filter.text ? `${escapeLike(filter.text)}%` : undefined,
    builtFrom: filter.builtFrom || undefined,
    builtTo: filter.builtTo || undefined,
    acceptedFrom: filter.acceptedFrom || undefined,
    acceptedTo: filter.acceptedTo || undefined,
    valueMin: filter.valueMin?.toString(),
    valueMax: filter.valueMax?.toString(),
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value != null)) as unknown as FilterValues;
}

/** The filter as a condition on `asset`, its values given as themselves or as placeholders. `idsIn`: another module's subquery, with its own values. */
function filterCondition(v: Placeholders<FilterValues> | FilterValues, idsIn?: SQL): SQL | undefined {
  return and(
    inRange(asset.regionCode, v.scopeLow, v.scopeHigh),
    v.regionLow !== undefined ? inRange(asset.regionCode, v.regionLow, v.regionHigh) : undefined,
    v.assetClass !== undefined ? eq(asset.assetClass, v.assetClass) : undefined,
    v.category !== undefined ? eq(asset.category, v.category) : undefined,
    v.status !== undefined ? eq(asset.status, v.status) : undefined,
    v.projectId !== undefined ? inArray(asset.id, sql`(select ${funding.assetId} from ${funding} where ${funding.projectId} = ${v.projectId})`) : undefined,
    v.ownerId !== undefined ? inArray(asset.id, assetIdsOwnedBy(v.ownerId, v.ownerAsOf!)) : undefined,
    idsIn ? inArray(asset.id, idsIn) : undefined,
    v.nameLike !== undefined ? or(ilike(asset.name, v.nameLike), ilike(asset.code, v.codeLike!)) : undefined,
    v.builtFrom !== undefined ? gte(asset.builtOn, v.builtFrom) : undefined,
    v.builtTo !== undefined ? lte(asset.builtOn, v.builtTo) : undefined,
    v.acceptedFrom !== undefined ? gte(asset.acceptedOn, v.acceptedFrom) : undefined,
    v.acceptedTo !== undefined ? lte(asset.acceptedOn, v.acceptedTo) : undefined,
    v.valueMin !== undefined ? gte(asset.originalValueFen, sql`${v.valueMin}`) : undefined,
    v.valueMax !== undefined ? lte(asset.originalValueFen, sql`${v.valueMax}`) : undefined,
  );
}

const pagesByShape = preparedReadsByShape<AssetRow[]>('assetsPage');

/**
 * A page of assets. Built once per shape, unless another module's subquery (`idsIn`: in a
 * custodian's care) is in it: that one carries its own values and is built on each call.
 */
export function assetsPage(db: Db, viewer: Viewer, filter: AssetFilter, order: SortKey<AssetRow>[], page: PageRequest): Promise<AssetRow[]> {
  const cursor = Object.fromEntries((page.cursor ?? []).map((value, i) => [`cursor${i}`, value]));
  const values = { ...filterValues(viewer, filter), limit: page.limit + 1, ...cursor };
  const build = (db: Db, v: Record<string, unknown>) =>
    db
      .select()
      .from(asset)
      .where(
        and(
          filterCondition(v as unknown as FilterValues, filter.idsIn),
          keysetCondition(
            order,
            page,
            page.cursor?.map((_, i) => v[`cursor${i}`] as SortValue),
          ),
        ),
      )
      .orderBy(...keysetOrder(order, page))
      .limit(v.limit as number);
  if (filter.idsIn) return run('assetsPage', build(db, values));
  const shape = `${Object.keys(values).join(',')};${order.map((key) => `${key.name} ${key.direction}`).join(',')}${page.backward ? ';backward' : ''}`;
  return pagesByShape(db, shape, (shared) => build(shared, placeholders(values)), values);
}

export async function assetsCount(db: Db, viewer: Viewer, filter: AssetFilter): Promise<number> {
  const [row] = await run(
    'assetsCount',
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(asset)
      .where(filterCondition(filterValues(viewer, filter), filter.idsIn)),
  );
  return row?.n ?? 0;
}

const assetsByIdsQuery = preparedRead('assetsByIds', (db, keyIn) =>
  db
    .select()
    .from(asset)
    .where(and(inScopePlaceholders(asset.regionCode), keyIn(asset.id))),
);

const assetsByCodesQuery = preparedRead('assetsByCodes', (db, keyIn) =>
  db
    .select()
    .from(asset)
    .where(and(inScopePlaceholders(asset.regionCode), keyIn(asset.code, 'codes', 'text'))),
);

export function assetsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<AssetRow[]> {
  return assetsByIdsQuery(db, { ...scopeParams(viewer), ids });
}

export function assetsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<AssetRow[]> {
  return assetsByCodesQuery(db, { ...scopeParams(viewer), codes });
}

/** Codes that already exist anywhere (a code is unique across scopes). */
export async function existingCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const rows = await run(
    'existingAssetCodes',
    db
      .select({ code: asset.code })
      .from(asset)
      .where(sql`${asset.code} = any(${sql.param(codes)}::text[])`),
  );
  return new Set(rows.map((r) => r.code));
}

export async function lockAsset(tx: Db, viewer: Viewer, id: number): Promise<AssetRow | undefined> {
  const [row] = await run(
    'lockAsset',
    tx
      .select()
      .from(asset)
      .where(and(eq(asset.id, id), inScope(asset.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export type AssetValues = Omit<typeof asset.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type AssetFundingValues = Omit<typeof funding.$inferInsert, 'id'>;
export type StatusChangeValues = Omit<typeof statusChange.$inferInsert, 'id' | 'changedAt'>;

export function insertAssets(tx: Db, values: AssetValues[]): Promise<AssetRow[]> {
  return insertInChunks(tx, 'insertAssets', asset, values);
}

export async function updateAsset(tx: Db, id: number, values: Partial<AssetValues>): Promise<AssetRow> {
  const [row] = await run(
    'updateAsset',
    tx
      .update(asset)
      .set({ ...values, version: sql`${asset.version} + 1`, updatedAt: sql`now()` })
      .where(eq(asset.id, id))
      .returning(),
  );
  return row!;
}

/** A funding line with its project, or null when there is none or it is not visible to the viewer. */
export interface FundingWithProject {
  line: AssetFundingRow;
  project: ProjectRow | null;
}

const fundingProject = visibleProjectJoin('funding_project');

const fundingWithProjectsQuery = preparedRead('fundingWithProjects', (db, keyIn) =>
  db
    .select({ line: funding, project: fundingProject.fields })
    .from(funding)
    .leftJoin(fundingProject.source, fundingProject.on(funding.projectId))
    .where(and(inScopePlaceholders(funding.regionCode), keyIn(funding.assetId)))
    .orderBy(funding.assetId, funding.id),
);

export async function fundingWithProjects(db: Db, viewer: Viewer, ids: readonly number[]): Promise<FundingWithProject[]> {
  return (await fundingWithProjectsQuery(db, { ...projectScopeParams(viewer), ids })) as unknown as FundingWithProject[];
}

export function insertFunding(tx: Db, rows: AssetFundingValues[]): Promise<AssetFundingRow[]> {
  return insertInChunks(tx, 'insertAssetFunding', funding, rows, 2000);
}

/** Funding lines are part of the register line: an update replaces them as a set. */
export async function replaceFunding(tx: Db, target: Pick<AssetRow, 'id' | 'regionCode'>, rows: Omit<AssetFundingValues, 'assetId' | 'regionCode'>[]): Promise<AssetFundingRow[]> {
  await run('deleteAssetFunding', tx.delete(funding).where(eq(funding.assetId, target.id)));
  return rows.length
    ? insertFunding(
        tx,
        rows.map((r) => ({ ...r, assetId: target.id, regionCode: target.regionCode })),
      )
    : [];
}

/** Sum of asset funding per project: what the project's assets (in the viewer's scope) took of its investment. */
export async function fundedByProjects(db: Db, viewer: Viewer, projectIds: readonly number[]): Promise<{ projectId: number; amountFen: bigint }[]> {
  const rows = await run(
    'fundedByProjects',
    db
      .select({ projectId: funding.projectId, amount: sql<string>`sum(${funding.amountFen})::text` })
      .from(funding)
      .where(and(inScope(funding.regionCode, viewer), sql`${funding.projectId} = any(${sql.param(projectIds)}::bigint[])`))
      .groupBy(funding.projectId),
  );
  return rows.map((r) => ({ projectId: Number(r.projectId), amountFen: BigInt(r.amount) }));
}

const statusChangesQuery = preparedRead('statusChangesByAssetIds', (db, keyIn) =>
  db
    .select()
    .from(statusChange)
    .where(and(inScopePlaceholders(statusChange.regionCode), keyIn(statusChange.assetId)))
    .orderBy(statusChange.assetId, statusChange.effectiveOn, statusChange.id),
);

export function statusChangesByAssetIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<AssetStatusChangeRow[]> {
  return statusChangesQuery(db, { ...scopeParams(viewer), ids });
}

export function insertStatusChanges(tx: Db, rows: StatusChangeValues[]): Promise<AssetStatusChangeRow[]> {
  return insertInChunks(tx, 'insertStatusChanges', statusChange, rows, 2000);
}

/** Keyset pages over every asset matching the filter, in code order (exports). */
export async function* assetsInBatches(db: Db, viewer: Viewer, filter: AssetFilter, batchSize = 2000): AsyncGenerator<AssetRow[]> {
  const order = assetOrder('CODE', 'asc');
  let cursor: (string | number | null)[] | null = null;
  for (;;) {
    const page: PageRequest = { limit: batchSize, cursor, backward: false, hasCursor: cursor !== null };
    const rows = await assetsPage(db, viewer, filter, order, page);
    const batch = rows.slice(0, batchSize);
    if (batch.length) yield batch;
    if (rows.length <= batchSize) return;
    const last = batch[batch.length - 1]!;
    cursor = order.map((key) => key.value(last));
  }
}

/** The status of the asset `assetId` names on a date: its latest change by then (null: not registered yet, registration records the first). */
export function statusOfAssetOn(assetId: SQL, asOf: string): SQL {
  return sql`(select s.to_status from asset_status_change s where s.asset_id = ${assetId} and s.effective_on <= ${asOf} order by s.effective_on desc, s.id desc limit 1)`;
}

export async function statusOfOn(tx: Db, assetId: number, on: string): Promise<AssetRow['status'] | null> {
  const [row] = await queryRows<{ status: AssetRow['status'] | null }>(tx, sql`/* assetStatusOn */ select ${statusOfAssetOn(sql`${assetId}::bigint`, on)} as status`);
  return row?.status ?? null;
}

/** The status of asset `a` on a date (statusOfAssetOn), or its current status for today. */
function statusOnDate(asOf: string, isToday: boolean): SQL {
  return isToday ? sql`a.status` : statusOfAssetOn(sql`a.id`, asOf);
}

/**
 * The assets of a subtree in the viewer's scope with the status each had on a date, as a
 * subquery with columns (id, region_code, class, status) for other capabilities to select from
 * (a stocktake's lines, custody coverage). Assets not yet registered on the date are left out.
 */
export function assetsOnDate(viewer: Viewer, prefix: string, asOf: string, isToday: boolean): SQL {
  return sql`(
    select x.* from (
      select a.id, a.region_code, a.class, ${statusOnDate(asOf, isToday)} as status from asset a
      where ${inScope(sql`a.region_code`, viewer)} and ${inSubtree(sql`a.region_code`, prefix)}
    ) x where x.status is not null)`;
}

/** Whether the asset `assetId` points at was not DISPOSED on a date (registered by then), for other capabilities' lists. */
export function assetLiveOn(assetId: SQLWrapper, asOf: string, isToday: boolean): SQL {
  return sql`exists (select 1 from asset a where a.id = ${assetId} and ${statusOnDate(asOf, isToday)} <> 'DISPOSED')`;
}

/** Counts and original value per (class, category, status, confirmed) of a subtree on a date. */
export interface SummaryRow {
  asset_class: string;
  category: string;
  status: string;
  confirmed: boolean;
  assets: number;
  value_fen: string;
}

/**
 * The register's counts for a region, for a township or village, or for a past date (when an
 * asset counts with the status it had then, and only if it was registered by then).
 */
export function summaryFromRegister(db: Db, viewer: Viewer, prefix: string, asOf: string, isToday: boolean): Promise<SummaryRow[]> {
  const statusOn = statusOnDate(asOf, isToday);
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
