/** SQL of income records and their parts. Asset-side reads are scoped by the asset's region, owner-side reads (pools) by the owner's. */
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams, withinScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { type Db } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { incomePartTable as part, incomeTable as income, type IncomePartRow, type IncomeRow } from './income.table';

export type NewIncome = Omit<typeof income.$inferInsert, 'id' | 'createdAt'>;
export type NewPart = Omit<typeof part.$inferInsert, 'id' | 'createdAt' | 'planId'>;

export function insertIncome(tx: Db, rows: NewIncome[]): Promise<IncomeRow[]> {
  return insertInChunks(tx, 'insertIncome', income, rows);
}

/** A record with the id drawn for it (`drawId`). */
export async function insertIncomeWithId(tx: Db, row: NewIncome & { id: number }): Promise<IncomeRow> {
  const [created] = await run('insertIncomeWithId', tx.insert(income).overridingSystemValue().values(row).returning());
  return created!;
}

export function insertParts(tx: Db, rows: NewPart[]): Promise<IncomePartRow[]> {
  return insertInChunks(tx, 'insertIncomeParts', part, rows);
}

/** The record locked for update (a reversal checks it), if it is in the viewer's scope. */
export async function lockIncome(tx: Db, viewer: Viewer, id: number): Promise<IncomeRow | undefined> {
  const [row] = await run(
    'lockIncome',
    tx
      .select()
      .from(income)
      .where(and(eq(income.id, id), inScope(income.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export async function reversalOf(tx: Db, id: number): Promise<IncomeRow | undefined> {
  const [row] = await run('reversalOf', tx.select().from(income).where(eq(income.reversesId, id)));
  return row;
}

export function partsOfIncome(tx: Db, incomeId: number): Promise<IncomePartRow[]> {
  return run('partsOfIncome', tx.select().from(part).where(eq(part.incomeId, incomeId)).orderBy(part.id));
}

/**
 * The receipts that stand, received in [from, to], of which the owner has a part, locked for
 * update in id order: the bank statement of the owner's account is matched against them.
 */
export function lockStandingReceiptsOfOwner(tx: Db, viewer: Viewer, ownerPartyId: number, from: string, to: string): Promise<IncomeRow[]> {
  return run(
    'lockStandingReceiptsOfOwner',
    tx
      .select()
      .from(income)
      .where(
        and(
          inScope(income.regionCode, viewer),
          gte(income.receivedOn, from),
          lte(income.receivedOn, to),
          STANDING,
          sql`exists (select 1 from income_part p where p.income_id = income_record.id and p.owner_party_id = ${ownerPartyId} and ${inScope(sql.raw('p.owner_region_code'), viewer)})`,
        ),
      )
      .orderBy(income.id)
      .for('update'),
  );
}

/** The received date of the asset's latest receipt that stands (not reversed): its shares are relied on. */
export async function latestUnreversedReceipt(tx: Db, assetId: number): Promise<string | null> {
  const [row] = await run(
    'latestUnreversedReceipt',
    tx
      .select({ on: sql<string | null>`max(${income.receivedOn})::text` })
      .from(income)
      .where(and(eq(income.assetId, assetId), STANDING)),
  );
  return row?.on ?? null;
}

/** The record's parts locked for update: a reversal and a plan taking them wait on each other. */
export function lockPartsOfIncome(tx: Db, incomeId: number): Promise<IncomePartRow[]> {
  return run('lockPartsOfIncome', tx.select().from(part).where(eq(part.incomeId, incomeId)).orderBy(part.id).for('update'));
}

/** An owner's receipts in no plan, received in [from, to], locked for update (oldest first). */
export function lockUnplannedParts(tx: Db, viewer: Viewer, ownerPartyId: number, from: string, to: string): Promise<IncomePartRow[]> {
  return run(
    'lockUnplannedIncomeParts',
    tx
      .select()
      .from(part)
      .where(and(partCondition(viewer, ownerPartyId), sql`${part.planId} is null and ${part.amountFen} > 0`, gte(part.receivedOn, from), lte(part.receivedOn, to)))
      .orderBy(part.receivedOn, part.id)
      .for('update'),
  );
}

/**
 * Of these parts, those whose record has been reversed. A statement of its own, after the parts
 * are locked: its snapshot sees a reversal that committed while the lock was awaited.
 */
export async function reversedParts(tx: Db, partIds: readonly number[]): Promise<Set<number>> {
  const rows = await run(
    'reversedIncomeParts',
    tx
      .select({ id: part.id })
      .from(part)
      .where(and(sql`${part.id} = any(${sql.param(partIds)}::bigint[])`, sql`exists (select 1 from income_record r where r.reverses_id = ${part.incomeId})`)),
  );
  return new Set(rows.map((r) => r.id));
}

/** Puts parts into a plan, or (planId null) every part of `fromPlan` back into the pool. */
export async function setPlanOfParts(tx: Db, target: { partIds: readonly number[] } | { fromPlan: number }, planId: number | null): Promise<void> {
  const where = 'partIds' in target ? sql`${part.id} = any(${sql.param(target.partIds)}::bigint[])` : eq(part.planId, target.fromPlan);
  await run('setPlanOfIncomeParts', tx.update(part).set({ planId }).where(where));
}

/** The parts plans took, in the owner's scope. */
export function partsOfPlans(db: Db, viewer: Viewer, planIds: readonly number[]): Promise<IncomePartRow[]> {
  return run(
    'incomePartsOfPlans',
    db
      .select()
      .from(part)
      .where(and(inScope(part.ownerRegionCode, viewer), sql`${part.planId} = any(${sql.param(planIds)}::bigint[])`))
      .orderBy(part.planId, part.receivedOn, part.id),
  );
}

const incomeByIdsQuery = preparedRead('incomeByIds', (db, keyIn) =>
  db
    .select()
    .from(income)
    .where(and(inScopePlaceholders(income.regionCode), keyIn(income.id))),
);

export function incomeByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<IncomeRow[]> {
  return incomeByIdsQuery(db, { ...scopeParams(viewer), ids });
}

const incomeOfAssetsQuery = preparedRead('incomeOfAssets', (db, keyIn) =>
  db
    .select()
    .from(income)
    .where(and(inScopePlaceholders(income.regionCode), keyIn(income.assetId)))
    .orderBy(income.assetId, income.receivedOn, income.id),
);

export function incomeOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<IncomeRow[]> {
  return incomeOfAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

/** Parts of income records, for the records the viewer sees (the asset's side). */
export function partsOfIncomes(db: Db, viewer: Viewer, incomeIds: readonly number[]): Promise<IncomePartRow[]> {
  return run(
    'partsOfIncomes',
    db
      .select()
      .from(part)
      .where(and(inScope(part.regionCode, viewer), sql`${part.incomeId} = any(${sql.param(incomeIds)}::bigint[])`))
      .orderBy(part.incomeId, part.id),
  );
}

export interface IncomeFilter {
  regionPrefix?: string;
  assetId?: number;
  contractId?: number;
  kind?: IncomeRow['kind'];
  accountType?: IncomeRow['accountType'];
  from?: string;
  to?: string;
  /** true: only reversals; false: only receipts. */
  reversals?: boolean;
  /** Only receipts that stand: neither a reversal nor reversed. */
  standing?: boolean;
  /** A condition another module puts on the record's id (bank statements: no line matched to it). */
  idCondition?: (incomeId: SQL) => SQL;
}

/** A receipt that stands: not a reversal, and not reversed. */
const STANDING = sql`income_record.reverses_id is null and not exists (select 1 from income_record r where r.reverses_id = income_record.id)`;

export const INCOME_ORDER: SortKey<IncomeRow>[] = [
  { name: 'receivedOn', expr: income.receivedOn, direction: 'desc', type: 'date', value: (r) => r.receivedOn },
  { name: 'income', expr: income.id, direction: 'desc', type: 'id', value: (r) => r.id },
];

function incomeCondition(viewer: Viewer, filter: IncomeFilter): SQL | undefined {
  return and(
    inScope(income.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(income.regionCode, filter.regionPrefix) : undefined,
    filter.assetId !== undefined ? eq(income.assetId, filter.assetId) : undefined,
    filter.contractId !== undefined ? eq(income.contractId, filter.contractId) : undefined,
    filter.kind ? eq(income.kind, filter.kind) : undefined,
    filter.accountType ? eq(income.accountType, filter.accountType) : undefined,
    filter.from ? gte(income.receivedOn, filter.from) : undefined,
    filter.to ? lte(income.receivedOn, filter.to) : undefined,
    filter.reversals === undefined ? undefined : filter.reversals ? sql`${income.reversesId} is not null` : sql`${income.reversesId} is null`,
    filter.standing ? STANDING : undefined,
    // Qualified by hand: inside another module's subquery an unqualified "id" would be its own.
    filter.idCondition ? filter.idCondition(sql.raw('income_record.id')) : undefined,
  );
}

export function incomePage(db: Db, viewer: Viewer, filter: IncomeFilter, page: PageRequest): Promise<IncomeRow[]> {
  return run(
    'incomeRecordsPage',
    db
      .select()
      .from(income)
      .where(and(incomeCondition(viewer, filter), keysetCondition(INCOME_ORDER, page)))
      .orderBy(...keysetOrder(INCOME_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function incomeCount(db: Db, viewer: Viewer, filter: IncomeFilter): Promise<number> {
  const [row] = await run('incomeRecordsCount', db.select({ n: sql<number>`count(*)::int` }).from(income).where(incomeCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** What each of these contracts received in all, net of reversals (seeds set the contracts' kept figure from it). */
export async function receivedPerContract(tx: Db, contractIds: readonly number[]): Promise<Map<number, bigint>> {
  const rows = await run(
    'receivedPerContract',
    tx
      .select({ contractId: income.contractId, received: sql<string>`sum(${income.amountFen})::text` })
      .from(income)
      .where(sql`${income.contractId} = any(${sql.param(contractIds.map(String))}::text[]::bigint[])`)
      .groupBy(income.contractId),
  );
  return new Map(rows.map((r) => [r.contractId!, BigInt(r.received)]));
}

/** What a contract received by a date, net of reversals, for the arrears: a scalar subquery over its id column (the contract index answers it). */
export function receivedByContract(asOf: string): (contractId: SQL) => SQL {
  return (contractId) => sql`(select sum(${income.amountFen})::bigint from ${income} where ${income.contractId} = ${contractId} and ${income.receivedOn} <= ${asOf})`;
}

/** Received and reversed per asset of a subtree in [from, to], as a relation (asset_id, region_code, received_fen, reversed_fen). */
export function incomePerAssetRelation(viewer: Viewer, prefix: string, from: string, to: string): SQL {
  return sql`(
    select i.asset_id, i.region_code,
      coalesce(sum(i.amount_fen) filter (where i.amount_fen > 0), 0) as received_fen,
      coalesce(sum(i.amount_fen) filter (where i.amount_fen < 0), 0) as reversed_fen
    from income_record i
    where ${inScope(sql`i.region_code`, viewer)} and ${inSubtree(sql`i.region_code`, prefix)} and i.received_on between ${from} and ${to}
    group by i.asset_id, i.region_code
  )`;
}

/** The plans holding parts of a subtree's income received in [from, to], as a relation (plan_id), whoever may see them. */
export function plansHoldingIncomeRelation(prefix: string, from: string, to: string): SQL {
  return sql`(select distinct p.plan_id from income_part p where ${inSubtree(sql`p.region_code`, prefix)} and p.received_on between ${from} and ${to} and p.plan_id is not null)`;
}

const plansOfAssetsQuery = preparedRead('plansHoldingIncomeOfAssets', (db, keyIn) =>
  db
    .selectDistinct({ assetId: part.assetId, planId: sql<number>`${part.planId}`.mapWith(Number) })
    .from(part)
    .where(and(inScopePlaceholders(part.regionCode), keyIn(part.assetId), sql`${part.planId} is not null`)),
);

/** The plans that hold parts of these assets' income (the asset's side of the scope). */
export function plansOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<{ assetId: number; planId: number }[]> {
  return plansOfAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

/**
 * Parts per asset of a subtree and owner in [from, to], as a relation (asset_id, region_code,
 * owner_party_id, apportioned_fen net of reversals, unplanned_fen in no plan, in_plans_fen).
 */
export function partsPerAssetOwnerRelation(viewer: Viewer, prefix: string, from: string, to: string): SQL {
  return sql`(
    select p.asset_id, p.region_code, p.owner_party_id,
      sum(p.amount_fen) as apportioned_fen,
      coalesce(sum(p.amount_fen) filter (where p.plan_id is null), 0) as unplanned_fen,
      coalesce(sum(p.amount_fen) filter (where p.plan_id is not null), 0) as in_plans_fen
    from income_part p
    where ${inScope(sql`p.region_code`, viewer)} and ${inSubtree(sql`p.region_code`, prefix)} and p.received_on between ${from} and ${to}
    group by p.asset_id, p.region_code, p.owner_party_id
  )`;
}

// Owners' pools

/** An owner's parts, newest first, in the viewer's scope on the owner's side. */
export const PART_ORDER: SortKey<IncomePartRow>[] = [
  { name: 'receivedOn', expr: part.receivedOn, direction: 'desc', type: 'date', value: (r) => r.receivedOn },
  { name: 'part', expr: part.id, direction: 'desc', type: 'id', value: (r) => r.id },
];

function partCondition(viewer: Viewer, ownerPartyId: number, asOf?: string): SQL | undefined {
  return and(eq(part.ownerPartyId, ownerPartyId), withinScope(part.ownerRegionCode, viewer), asOf ? lte(part.receivedOn, asOf) : undefined);
}

export function partsPage(db: Db, viewer: Viewer, ownerPartyId: number, page: PageRequest): Promise<IncomePartRow[]> {
  return run(
    'ownerIncomePartsPage',
    db
      .select()
      .from(part)
      .where(and(partCondition(viewer, ownerPartyId), keysetCondition(PART_ORDER, page)))
      .orderBy(...keysetOrder(PART_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function partsCount(db: Db, viewer: Viewer, ownerPartyId: number): Promise<number> {
  const [row] = await run('ownerIncomePartsCount', db.select({ n: sql<number>`count(*)::int` }).from(part).where(partCondition(viewer, ownerPartyId)));
  return row?.n ?? 0;
}

/** An owner's pool on a date: what was apportioned to it, what was reversed, what sits in plans. */
export async function poolTotals(
  db: Db,
  viewer: Viewer,
  ownerPartyId: number,
  asOf: string,
): Promise<{ apportioned: bigint; reversed: bigint; inPlans: bigint; parts: number; oldestUnplanned: string | null }> {
  const [row] = await run(
    'ownerIncomePool',
    db
      .select({
        apportioned: sql<string>`coalesce(sum(${part.amountFen}) filter (where ${part.amountFen} > 0), 0)::text`,
        reversed: sql<string>`coalesce(sum(${part.amountFen}) filter (where ${part.amountFen} < 0), 0)::text`,
        inPlans: sql<string>`coalesce(sum(${part.amountFen}) filter (where ${part.planId} is not null), 0)::text`,
        parts: sql<number>`count(*)::int`,
        oldestUnplanned: sql<string | null>`(min(${part.receivedOn}) filter (where ${part.planId} is null and ${part.amountFen} > 0
          and not exists (select 1 from income_record r where r.reverses_id = ${part.incomeId})))::text`,
      })
      .from(part)
      .where(partCondition(viewer, ownerPartyId, asOf)),
  );
  return {
    apportioned: BigInt(row?.apportioned ?? 0),
    reversed: BigInt(row?.reversed ?? 0),
    inPlans: BigInt(row?.inPlans ?? 0),
    parts: row?.parts ?? 0,
    oldestUnplanned: row?.oldestUnplanned ?? null,
  };
}

/** Income received by year (net of reversals) in a subtree: the region summary's received line. */
export function receivedByYear(db: Db, viewer: Viewer, prefix: string, asOf: string): Promise<{ year: number; amountFen: string }[]> {
  return run(
    'incomeByYear',
    db
      .select({ year: sql<number>`extract(year from ${income.receivedOn})::int`, amountFen: sql<string>`sum(${income.amountFen})::text` })
      .from(income)
      .where(and(inScope(income.regionCode, viewer), inSubtree(income.regionCode, prefix), lte(income.receivedOn, asOf)))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  );
}
