/** SQL of custody assignments, duties, maintenance records and stocktakes. Reads carry the scope on the rows' own region code. */
import { and, asc, eq, gt, gte, isNotNull, isNull, lte, or, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { inScope, inScopeOrAbove, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, type Db } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { visiblePartyJoin, type PartyRow } from '../parties/parties.service';
import {
  custodyTable as custody,
  dutyTable as duty,
  maintenanceTable as maintenance,
  stocktakeItemTable as item,
  stocktakeTable as stocktake,
  type CustodyRow,
  type DutyRow,
  type MaintenanceRow,
  type StocktakeItemRow,
  type StocktakeRow,
} from './custody.table';

/** Assignments in force on a date (a value or a placeholder): valid_from ≤ date < valid_to. */
function inForce(asOf: string | Placeholder): SQL {
  return and(lte(custody.validFrom, asOf), or(isNull(custody.validTo), gt(custody.validTo, asOf))) as SQL;
}

/** A custody assignment with its custodian (null when outside the viewer's scope). */
export interface CustodyWithCustodian {
  custody: CustodyRow;
  custodian: PartyRow | null;
}

/** An asset's custody on a date and its next due duty, read together (one statement for both). */
export interface CareOfAsset {
  assetId: number;
  custody: CustodyRow | null;
  custodian: PartyRow | null;
  nextDuty: DutyRow | null;
}

const custodian = visiblePartyJoin('custodian');

const careQuery = preparedRead('careOfAssets', (db) =>
  db
    .select({ assetId: sql<number>`x.asset_id`.mapWith(Number), custody, custodian: custodian.fields, nextDuty: duty })
    .from(sql`unnest(${sql.placeholder('ids')}::bigint[]) as x(asset_id)`)
    .leftJoin(custody, and(sql`${custody.assetId} = x.asset_id`, inScopePlaceholders(custody.regionCode), inForce(sql.placeholder('asOf'))))
    .leftJoin(custodian.source, custodian.on(custody.custodianPartyId))
    .leftJoin(
      duty,
      sql`${duty.id} = (select d.id from custody_duty d where d.asset_id = x.asset_id and d.active and d.region_code >= ${sql.placeholder('scopeLow')} and d.region_code < ${sql.placeholder('scopeHigh')} order by d.next_due_on, d.id limit 1)`,
    ),
);

export async function careOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[], asOf: string): Promise<CareOfAsset[]> {
  return (await careQuery(db, { ...scopeParams(viewer), ids: assetIds, asOf })) as unknown as CareOfAsset[];
}

const historyQuery = preparedRead('custodyHistory', (db, keyIn) =>
  db
    .select({ custody, custodian: custodian.fields })
    .from(custody)
    .leftJoin(custodian.source, custodian.on(custody.custodianPartyId))
    .where(and(inScopePlaceholders(custody.regionCode), keyIn(custody.assetId)))
    .orderBy(custody.assetId, custody.validFrom, custody.id),
);

export async function custodyHistory(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<CustodyWithCustodian[]> {
  return (await historyQuery(db, { ...scopeParams(viewer), ids: assetIds })) as unknown as CustodyWithCustodian[];
}

export function custodyByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<CustodyRow[]> {
  return run(
    'custodyByIds',
    db
      .select()
      .from(custody)
      .where(and(inScope(custody.regionCode, viewer), sql`${custody.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

/** The latest date the asset's custody history reaches: the open assignment's start, or the last end. */
export async function latestCustodyBound(tx: Db, assetId: number): Promise<string | null> {
  const [row] = await run(
    'latestCustodyBound',
    tx
      .select({ bound: sql<string | null>`max(coalesce(${custody.validTo}, ${custody.validFrom}))::text` })
      .from(custody)
      .where(eq(custody.assetId, assetId)),
  );
  return row?.bound ?? null;
}

/** A subquery of the asset ids a party holds in custody on a date, for asset lists. */
export function assetIdsInCustodyOf(partyId: number, asOf: string): SQL {
  return sql`(select ${custody.assetId} from ${custody} where ${custody.custodianPartyId} = ${partyId} and ${inForce(asOf)})`;
}

/** The parties holding each asset in custody on a date (the CUSTODIAN rule), for many (asset, date) pairs in one statement. */
export async function custodiansOn(tx: Db, pairs: readonly { assetId: number; on: string }[]): Promise<Map<string, number[]>> {
  const held = new Map<string, number[]>();
  if (!pairs.length) return held;
  const rows = await queryRows<{ asset_id: number; day: string; party: number }>(
    tx,
    sql`/* custodiansOn */
      select p.asset_id, p.day, c.custodian_party_id as party
      from unnest(${sql.param(pairs.map((p) => p.assetId))}::bigint[], ${sql.param(pairs.map((p) => p.on))}::text[]) as p(asset_id, day)
      join custody_assignment c on c.asset_id = p.asset_id and c.valid_from <= p.day::date and (c.valid_to is null or c.valid_to > p.day::date)`,
  );
  for (const r of rows) {
    const key = custodyKey(Number(r.asset_id), r.day);
    held.set(key, [...(held.get(key) ?? []), Number(r.party)]);
  }
  return held;
}

export const custodyKey = (assetId: number, on: string) => `${assetId}@${on}`;

export async function openCustody(tx: Db, assetId: number): Promise<CustodyRow | undefined> {
  const [row] = await run(
    'openCustody',
    tx
      .select()
      .from(custody)
      .where(and(eq(custody.assetId, assetId), isNull(custody.validTo))),
  );
  return row;
}

/** A new assignment; a seeded history may bring ended ones (validTo, endReason). */
export type NewCustody = Omit<typeof custody.$inferInsert, 'id' | 'createdAt'>;

export function insertCustody(tx: Db, rows: NewCustody[]): Promise<CustodyRow[]> {
  return insertInChunks(tx, 'insertCustody', custody, rows);
}

export async function closeCustody(tx: Db, id: number, validTo: string, reason: string | null): Promise<CustodyRow> {
  const [row] = await run('closeCustody', tx.update(custody).set({ validTo, endReason: reason }).where(eq(custody.id, id)).returning());
  return row!;
}

/**
 * Recomputes the duties of assets (of one kind, or all) from what they rest on: the latest
 * maintenance record of the duty's kind, else the later of the open assignment's start and the
 * duty's own start, plus the interval. Every write that moves one of those calls this in its
 * transaction, so `next_due_on` is always the rule's answer for today.
 */
export async function recomputeNextDue(tx: Db, assetIds: readonly number[], kind?: DutyRow['kind']): Promise<void> {
  await queryRows(
    tx,
    sql`/* recomputeNextDue */
      update custody_duty d set last_done_on = x.last_done_on,
        next_due_on = coalesce(x.last_done_on, greatest(x.custody_from, d.starts_on)) + d.interval_days
      from (
        select d2.id,
          (select max(m.performed_on) from maintenance_record m where m.asset_id = d2.asset_id and m.kind = d2.kind) as last_done_on,
          (select c.valid_from from custody_assignment c where c.asset_id = d2.asset_id and c.valid_to is null) as custody_from
        from custody_duty d2
        where d2.asset_id = any(${sql.param(assetIds)}::bigint[]) ${kind ? sql`and d2.kind = ${kind}` : sql``}
      ) x
      where d.id = x.id`,
  );
}

export type NewDuty = Omit<typeof duty.$inferInsert, 'id' | 'createdAt' | 'version' | 'lastDoneOn' | 'nextDueOn'>;

export async function insertDuties(tx: Db, rows: NewDuty[]): Promise<DutyRow[]> {
  // last_done_on and next_due_on are computed by recomputeNextDue right after; the start stands in until then.
  return insertInChunks(
    tx,
    'insertDuties',
    duty,
    rows.map((r) => ({ ...r, nextDueOn: r.startsOn })),
  );
}

export async function lockDuty(tx: Db, viewer: Viewer, id: number): Promise<DutyRow | undefined> {
  const [row] = await run(
    'lockDuty',
    tx
      .select()
      .from(duty)
      .where(and(eq(duty.id, id), inScope(duty.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export async function updateDuty(tx: Db, id: number, values: Partial<Pick<DutyRow, 'description' | 'intervalDays' | 'active'>>): Promise<void> {
  await run(
    'updateDuty',
    tx
      .update(duty)
      .set({ ...values, version: sql`${duty.version} + 1` })
      .where(eq(duty.id, id)),
  );
}

export async function dutyById(tx: Db, id: number): Promise<DutyRow | undefined> {
  const [row] = await run('dutyById', tx.select().from(duty).where(eq(duty.id, id)));
  return row;
}

const dutiesQuery = preparedRead('dutiesOfAssets', (db, keyIn) =>
  db
    .select()
    .from(duty)
    .where(and(inScopePlaceholders(duty.regionCode), keyIn(duty.assetId)))
    .orderBy(duty.assetId, duty.nextDueOn, duty.id),
);

export function dutiesOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<DutyRow[]> {
  return dutiesQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

export function dutiesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<DutyRow[]> {
  return run(
    'dutiesByIds',
    db
      .select()
      .from(duty)
      .where(and(inScope(duty.regionCode, viewer), sql`${duty.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

export interface DutyFilter {
  regionPrefix?: string;
  kind?: DutyRow['kind'];
}

/**
 * A duty's due date as of a date, as SQL over the `custody_duty` table's columns (the overdue
 * list here, the INSPECTION_OVERDUE check). For today (or later) the kept `next_due_on`; for a
 * past date what it was then: the latest record of its kind by that date, else the later of the
 * custody then in force and the duty's start, plus the interval (the rule recomputeNextDue keeps).
 */
export function dueOn(asOf: string, isToday: boolean): SQL<string> {
  if (isToday) return sql<string>`${duty.nextDueOn}`;
  return sql<string>`(coalesce(
      (select max(m.performed_on) from maintenance_record m where m.asset_id = ${duty.assetId} and m.kind = ${duty.kind} and m.performed_on <= ${asOf}),
      greatest((select max(c.valid_from) from custody_assignment c where c.asset_id = ${duty.assetId} and c.valid_from <= ${asOf} and (c.valid_to is null or c.valid_to > ${asOf})), ${duty.startsOn})
    ) + ${duty.intervalDays})`;
}

/** A duty past its due date on a date. */
export interface OverdueDutyRow {
  duty: DutyRow;
  dueOn: string;
  daysOverdue: number;
  /** The date the list was asked for. */
  asOf: string;
}

/** Most overdue first: due date ascending, ties by id. */
function overdueOrder(due: SQL): SortKey<OverdueDutyRow>[] {
  return [
    { name: 'dueOn', expr: due, direction: 'asc', type: 'date', value: (r) => r.dueOn },
    { name: 'duty', expr: duty.id, direction: 'asc', type: 'id', value: (r) => r.duty.id },
  ];
}

/**
 * The SQL of an overdue list on a date: its due-date expression, order and condition. `owed`
 * says whose duties still count (assets not disposed on the date: see assets.service assetLiveOn).
 */
export function overdueQuery(viewer: Viewer, filter: DutyFilter, asOf: string, isToday: boolean, owed: (assetId: SQLWrapper) => SQL) {
  const due = dueOn(asOf, isToday);
  const where = and(
    eq(duty.active, true),
    sql`${due} < ${asOf}`,
    owed(duty.assetId),
    inScope(duty.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(duty.regionCode, filter.regionPrefix) : undefined,
    filter.kind ? eq(duty.kind, filter.kind) : undefined,
  );
  return { asOf, due, order: overdueOrder(due), where };
}

export type OverdueQuery = ReturnType<typeof overdueQuery>;

export function overduePage(db: Db, query: OverdueQuery, page: PageRequest): Promise<OverdueDutyRow[]> {
  return run(
    'overdueDutiesPage',
    db
      .select({ duty, dueOn: sql<string>`${query.due}::text`, daysOverdue: sql<number>`${query.asOf}::date - ${query.due}`.mapWith(Number), asOf: sql<string>`${query.asOf}::text` })
      .from(duty)
      .where(and(query.where, keysetCondition(query.order, page)))
      .orderBy(...keysetOrder(query.order, page))
      .limit(page.limit + 1),
  );
}

export async function overdueCount(db: Db, query: OverdueQuery): Promise<number> {
  const [row] = await run('overdueDutiesCount', db.select({ n: sql<number>`count(*)::int` }).from(duty).where(query.where));
  return row?.n ?? 0;
}

export type NewMaintenance = Omit<typeof maintenance.$inferInsert, 'id' | 'createdAt'>;

export function insertMaintenance(tx: Db, rows: NewMaintenance[]): Promise<MaintenanceRow[]> {
  return insertInChunks(tx, 'insertMaintenance', maintenance, rows);
}

export interface MaintenanceFilter {
  regionPrefix?: string;
  assetId?: number;
  kind?: MaintenanceRow['kind'];
  outcome?: MaintenanceRow['outcome'];
  from?: string;
  to?: string;
}

export const MAINTENANCE_ORDER: SortKey<MaintenanceRow>[] = [
  { name: 'performedOn', expr: maintenance.performedOn, direction: 'desc', type: 'date', value: (r) => r.performedOn },
  { name: 'maintenance', expr: maintenance.id, direction: 'desc', type: 'id', value: (r) => r.id },
];

function maintenanceCondition(viewer: Viewer, filter: MaintenanceFilter): SQL | undefined {
  return and(
    inScope(maintenance.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(maintenance.regionCode, filter.regionPrefix) : undefined,
    filter.assetId !== undefined ? eq(maintenance.assetId, filter.assetId) : undefined,
    filter.kind ? eq(maintenance.kind, filter.kind) : undefined,
    filter.outcome ? eq(maintenance.outcome, filter.outcome) : undefined,
    filter.from ? gte(maintenance.performedOn, filter.from) : undefined,
    filter.to ? lte(maintenance.performedOn, filter.to) : undefined,
  );
}

export function maintenancePage(db: Db, viewer: Viewer, filter: MaintenanceFilter, page: PageRequest): Promise<MaintenanceRow[]> {
  return run(
    'maintenanceRecordsPage',
    db
      .select()
      .from(maintenance)
      .where(and(maintenanceCondition(viewer, filter), keysetCondition(MAINTENANCE_ORDER, page)))
      .orderBy(...keysetOrder(MAINTENANCE_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function maintenanceCount(db: Db, viewer: Viewer, filter: MaintenanceFilter): Promise<number> {
  const [row] = await run('maintenanceRecordsCount', db.select({ n: sql<number>`count(*)::int` }).from(maintenance).where(maintenanceCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** Cost of the records by payer and year (管护经费 spent). */
export function maintenanceTotals(db: Db, viewer: Viewer, filter: MaintenanceFilter): Promise<{ payerPartyId: number | null; year: number; records: number; costFen: string }[]> {
  return run(
    'maintenanceTotals',
    db
      .select({
        payerPartyId: maintenance.payerPartyId,
        year: sql<number>`extract(year from ${maintenance.performedOn})::int`,
        records: sql<number>`count(*)::int`,
        costFen: sql<string>`sum(${maintenance.costFen})::text`,
      })
      .from(maintenance)
      .where(maintenanceCondition(viewer, filter))
      .groupBy(maintenance.payerPartyId, sql`2`)
      .orderBy(sql`2`, maintenance.payerPartyId),
  );
}

const maintenanceOfAssetsQuery = preparedRead('maintenanceOfAssets', (db, keyIn) =>
  db
    .select()
    .from(maintenance)
    .where(and(inScopePlaceholders(maintenance.regionCode), keyIn(maintenance.assetId)))
    .orderBy(maintenance.assetId, maintenance.performedOn, maintenance.id),
);

export function maintenanceOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<MaintenanceRow[]> {
  return maintenanceOfAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

export function maintenanceByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<MaintenanceRow[]> {
  return run(
    'maintenanceByIds',
    db
      .select()
      .from(maintenance)
      .where(and(inScope(maintenance.regionCode, viewer), sql`${maintenance.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

/**
 * Custody coverage on a date, for the region summary: of `assets` (a subquery with id and
 * status on the date, see assets.service assetsOnDate), the public-welfare ones in use, and how
 * many of those have a custodian in force.
 */
export async function custodyCoverage(db: Db, assets: SQL, asOf: string): Promise<{ inUse: number; covered: number }> {
  const [row] = await queryRows<{ in_use: number; covered: number }>(
    db,
    sql`/* custodyCoverage */
      select count(*)::int as in_use,
        count(*) filter (where exists (select 1 from ${custody} where ${custody.assetId} = a.id and ${inForce(asOf)}))::int as covered
      from ${assets} a
      where a.class = 'PUBLIC_WELFARE' and a.status = 'IN_USE'`,
  );
  return { inUse: Number(row?.in_use ?? 0), covered: Number(row?.covered ?? 0) };
}

// Stocktakes

export async function insertStocktake(tx: Db, values: Omit<typeof stocktake.$inferInsert, 'id' | 'openedAt' | 'version' | 'status'>): Promise<StocktakeRow> {
  const [row] = await run('insertStocktake', tx.insert(stocktake).values(values).returning());
  return row!;
}

/** Writes the stocktake's lines, unchecked: one per asset of `assets` (a subquery with id, region_code and status on the date) not disposed by then. Returns how many. */
export async function insertStocktakeItems(tx: Db, stocktakeId: number, assets: SQL): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`/* insertStocktakeItems */
      with inserted as (
        insert into stocktake_item (stocktake_id, asset_id, region_code)
        select ${stocktakeId}, a.id, a.region_code from ${assets} a where a.status <> 'DISPOSED'
        returning 1
      ) select count(*)::int as n from inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The stocktake locked for update, if the viewer sees it (its region in the scope or above it). */
export async function lockStocktake(tx: Db, viewer: Viewer, id: number): Promise<StocktakeRow | undefined> {
  const [row] = await run(
    'lockStocktake',
    tx
      .select()
      .from(stocktake)
      .where(and(eq(stocktake.id, id), inScopeOrAbove(stocktake.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export async function closeStocktake(tx: Db, id: number, closedBy: string | null, closedAt: Date): Promise<StocktakeRow> {
  const [row] = await run(
    'closeStocktake',
    tx
      .update(stocktake)
      .set({ status: 'CLOSED', closedBy, closedAt, version: sql`${stocktake.version} + 1` })
      .where(eq(stocktake.id, id))
      .returning(),
  );
  return row!;
}

/** The stocktake's lines of these assets in the viewer's scope, locked for update. */
export async function lockStocktakeItems(tx: Db, viewer: Viewer, stocktakeId: number, assetIds: readonly number[]): Promise<StocktakeItemRow[]> {
  return run(
    'lockStocktakeItems',
    tx
      .select()
      .from(item)
      .where(and(eq(item.stocktakeId, stocktakeId), inScope(item.regionCode, viewer), sql`${item.assetId} = any(${sql.param(assetIds)}::bigint[])`))
      .for('update'),
  );
}

export type StocktakeResultWrite = Pick<StocktakeItemRow, 'id' | 'assetId' | 'note' | 'checkedOn' | 'checkedBy' | 'actorId' | 'recordedAt'> & { result: NonNullable<StocktakeItemRow['result']> };

/** Writes results onto their lines, one statement for the lot. */
export async function recordResults(tx: Db, writes: StocktakeResultWrite[]): Promise<void> {
  if (!writes.length) return;
  await queryRows(
    tx,
    sql`/* recordStocktakeResults */
      update stocktake_item i set result = w.result, note = w.note, checked_on = w.checked_on::date, checked_by = w.checked_by, actor_id = w.actor_id, recorded_at = w.recorded_at::timestamptz
      from jsonb_to_recordset(${JSON.stringify(writes.map((w) => ({ id: w.id, result: w.result, note: w.note, checked_on: w.checkedOn, checked_by: w.checkedBy, actor_id: w.actorId, recorded_at: w.recordedAt?.toISOString() })))}::jsonb)
        as w(id bigint, result text, note text, checked_on text, checked_by text, actor_id text, recorded_at text)
      where i.id = w.id`,
  );
}

export interface StocktakeFilter {
  regionPrefix?: string;
  status?: StocktakeRow['status'];
}

export const STOCKTAKE_ORDER: SortKey<StocktakeRow>[] = [{ name: 'stocktake', expr: stocktake.id, direction: 'desc', type: 'id', value: (r) => r.id }];

function stocktakeCondition(viewer: Viewer, filter: StocktakeFilter): SQL | undefined {
  return and(
    inScopeOrAbove(stocktake.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(stocktake.regionCode, filter.regionPrefix) : undefined,
    filter.status ? eq(stocktake.status, filter.status) : undefined,
  );
}

export function stocktakesPage(db: Db, viewer: Viewer, filter: StocktakeFilter, page: PageRequest): Promise<StocktakeRow[]> {
  return run(
    'stocktakesPage',
    db
      .select()
      .from(stocktake)
      .where(and(stocktakeCondition(viewer, filter), keysetCondition(STOCKTAKE_ORDER, page)))
      .orderBy(...keysetOrder(STOCKTAKE_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function stocktakesCount(db: Db, viewer: Viewer, filter: StocktakeFilter): Promise<number> {
  const [row] = await run('stocktakesCount', db.select({ n: sql<number>`count(*)::int` }).from(stocktake).where(stocktakeCondition(viewer, filter)));
  return row?.n ?? 0;
}

export function stocktakesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<StocktakeRow[]> {
  return run(
    'stocktakesByIds',
    db
      .select()
      .from(stocktake)
      .where(and(inScopeOrAbove(stocktake.regionCode, viewer), sql`${stocktake.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

/** Counts of a stocktake's lines in one township. */
export interface TownshipTally {
  stocktakeId: number;
  township: number;
  total: number;
  checked: number;
  discrepancies: number;
}

/** Progress of stocktakes by township: how many of their lines in the viewer's scope are checked, and found otherwise than registered. */
export function stocktakeTallies(db: Db, viewer: Viewer, stocktakeIds: readonly number[]): Promise<TownshipTally[]> {
  return run(
    'stocktakeProgress',
    db
      .select({
        stocktakeId: item.stocktakeId,
        township: sql<number>`(${item.regionCode} / 1000)::bigint * 1000`.mapWith(Number),
        total: sql<number>`count(*)::int`,
        checked: sql<number>`count(${item.result})::int`,
        discrepancies: sql<number>`count(*) filter (where ${item.result} in ('NOT_FOUND', 'DAMAGED', 'USE_CHANGED'))::int`,
      })
      .from(item)
      .where(and(sql`${item.stocktakeId} = any(${sql.param(stocktakeIds)}::bigint[])`, inScope(item.regionCode, viewer)))
      .groupBy(item.stocktakeId, sql`2`)
      .orderBy(item.stocktakeId, sql`2`),
  );
}

export interface ItemFilter {
  stocktakeId: number;
  regionPrefix?: string;
  /** Only these results. */
  results?: NonNullable<StocktakeItemRow['result']>[];
  /** true: only unchecked lines; false: only checked ones. */
  unchecked?: boolean;
}

export const ITEM_ORDER: SortKey<StocktakeItemRow>[] = [{ name: 'stocktakeItem', expr: item.id, direction: 'asc', type: 'id', value: (r) => r.id }];

function itemCondition(viewer: Viewer, filter: ItemFilter): SQL | undefined {
  return and(
    eq(item.stocktakeId, filter.stocktakeId),
    inScope(item.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(item.regionCode, filter.regionPrefix) : undefined,
    filter.results ? sql`${item.result} = any(${sql.param(filter.results)}::text[])` : undefined,
    filter.unchecked === undefined ? undefined : filter.unchecked ? isNull(item.result) : isNotNull(item.result),
  );
}

export function itemsPage(db: Db, viewer: Viewer, filter: ItemFilter, page: PageRequest): Promise<StocktakeItemRow[]> {
  return run(
    'stocktakeItemsPage',
    db
      .select()
      .from(item)
      .where(and(itemCondition(viewer, filter), keysetCondition(ITEM_ORDER, page)))
      .orderBy(...keysetOrder(ITEM_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function itemsCount(db: Db, viewer: Viewer, filter: ItemFilter): Promise<number> {
  const [row] = await run('stocktakeItemsCount', db.select({ n: sql<number>`count(*)::int` }).from(item).where(itemCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** The assets a stocktake covers, in line order. */
export async function stocktakeAssetIds(tx: Db, stocktakeId: number): Promise<number[]> {
  const rows = await run('stocktakeAssetIds', tx.select({ assetId: item.assetId }).from(item).where(eq(item.stocktakeId, stocktakeId)).orderBy(item.id));
  return rows.map((r) => r.assetId);
}

/** Every line of a stocktake in the viewer's scope, in batches (the checklist). */
export async function* itemsInBatches(db: Db, viewer: Viewer, stocktakeId: number, batchSize = 2000): AsyncGenerator<StocktakeItemRow[]> {
  let afterId = 0;
  for (;;) {
    const rows = await run(
      'stocktakeChecklistBatch',
      db
        .select()
        .from(item)
        .where(and(eq(item.stocktakeId, stocktakeId), inScope(item.regionCode, viewer), gt(item.id, afterId)))
        .orderBy(asc(item.id))
        .limit(batchSize),
    );
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    afterId = rows[rows.length - 1]!.id;
  }
}

const itemsOfAssetsQuery = preparedRead('stocktakeItemsOfAssets', (db, keyIn) =>
  db
    .select()
    .from(item)
    .where(and(inScopePlaceholders(item.regionCode), keyIn(item.assetId)))
    .orderBy(item.assetId, sql`${item.stocktakeId} desc`),
);

/** Stocktake lines of assets, newest stocktake first (an asset's timeline and its last result). */
export function itemsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<StocktakeItemRow[]> {
  return itemsOfAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}
