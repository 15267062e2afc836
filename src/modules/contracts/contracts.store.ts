/**
 * SQL of operating contracts, and the arithmetic of their payment periods (see contracts.service
 * for the rule). Periods are never stored: a contract's k-th period, its amount and how many are
 * due by a date are closed-form expressions over the contract's row.
 */
import { and, eq, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { inRange, inScope, inScopePlaceholders, inSubtree, scopeParams, scopeRange } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, rowsOf, type Db } from '../../db/client';
import { placeholders, preparedRead, statementsByShape } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey, type SortValue } from '../../graphql/relay';
import { subtreeRange } from '../regions/division-code';
import { contractTable as contract, type ContractRow } from './contracts.table';

/** The last day a contract runs: its end, or the day it was ended early. */
const EFFECTIVE_END = sql`coalesce(c.ended_on, c.ends_on)`;
/** Months per period (a generated column, as are the start's month and day and the last period's index). */
const M = sql`c.months_per_period`;
/** Periods per year. */
const N = sql`c.periods_per_year`;
const A = sql`c.agreed_income_fen`;

/** The first day of period `k` (k = 0 is the contract's start). */
const periodStart = (k: SQLWrapper) => sql`(c.starts_on + make_interval(months => (${k})::int * ${M}))::date`;

/**
 * A date as the period arithmetic compares it: its month as year × 12 + month, and its day of
 * the month, or 31 on the month's last day (which every later start day reaches, clamped).
 */
interface MonthDay {
  date: SQLWrapper;
  month: SQLWrapper;
  day: SQLWrapper;
}
const monthDayOf = (d: SQLWrapper): MonthDay => ({
  date: d,
  month: sql`(extract(year from ${d})::int * 12 + extract(month from ${d})::int)`,
  day: sql`(case when extract(day from (${d} + 1))::int = 1 then 31 else extract(day from ${d})::int end)`,
});

/**
 * The most whole months m with start + m months ≤ a date on or after the start. Not `age()`:
 * a start on the 31st reaches 29 February after one month (PostgreSQL clamps), and age() would
 * call that zero months. Start + the calendar months lands in the date's month on the start's
 * day, clamped to the month's end: past the date when the start's day is later than the date's,
 * unless the date is its month's last day. Compared as integers: adding an interval for every
 * contract cost more than the rest of the arithmetic. (`last_period`, a generated column of
 * contracts.table, is the same count to the contract's end, in periods.)
 */
const monthsTo = (d: MonthDay) => sql`(${d.month} - c.start_month - (case when c.start_day > ${d.day} then 1 else 0 end))`;

/** How many of the contract's periods have begun (are due) by a date given as its `MonthDay`. */
const periodsDueByDay = (d: MonthDay) => sql`(case when ${d.date} < c.starts_on or ${EFFECTIVE_END} < c.starts_on then 0 else least(c.last_period + 1, ${monthsTo(d)} / ${M} + 1) end)`;

/** How many of the contract's periods have begun (are due) by a date. */
export const periodsDueBy = (d: SQLWrapper) => periodsDueByDay(monthDayOf(d));

/** The full amount of period `k`: the year's agreed income split so that its periods sum to it exactly. */
const fullAmount = (k: SQLWrapper) => sql`((${A} * ((${k}) % ${N} + 1)) / ${N} - (${A} * ((${k}) % ${N})) / ${N})`;

/**
 * Periods as rows: each contract of `contracts` (aliased `c`, all its columns) once per period k
 * of the series, with the period's `index`, its first day `due_on` and the next period's first
 * day `next_on`. The subquery is fenced (offset 0): PostgreSQL would otherwise copy the date
 * arithmetic into every expression that uses the dates, which was most of the arrears' time.
 */
const periodRows = (contracts: SQL, first: SQLWrapper, last: SQLWrapper, where?: SQL) =>
  sql`(select c.*, k as index, ${periodStart(sql`k`)} as due_on, ${periodStart(sql`k + 1`)} as next_on
    from ${contracts} c, lateral generate_series(${first}, ${last}) as k
    ${where ? sql`where ${where}` : sql``}
    offset 0)`;

/** The amount of period `k` beginning `dueOn`, the next one `nextOn`: its full amount, pro rata by days when the contract ends inside it (rounded down to the fen). */
const periodAmount = (k: SQLWrapper, dueOn: SQLWrapper, nextOn: SQLWrapper) => sql`(case when ${nextOn} - 1 <= ${EFFECTIVE_END} then ${fullAmount(k)}
  else ${fullAmount(k)} * (${EFFECTIVE_END} - ${dueOn} + 1) / (${nextOn} - ${dueOn}) end)`;

/** The amount of a period of `periodRows` (aliased `c`). */
const PERIOD_AMOUNT = periodAmount(sql`c.index`, sql`c.due_on`, sql`c.next_on`);

/** The periods of the contracts matching `where` (over `c`) that fall due in [from, to]. */
const periodsDueIn = (where: SQL, from: string, to: string) =>
  periodRows(sql`operating_contract`, periodsDueBy(sql`(${from}::date - 1)`), sql`${periodsDueBy(sql`${to}::date`)} - 1`, sql`${where} and c.agreed_income_fen > 0`);

/** The sum of the full amounts of the first `k` periods. */
const cumulative = (k: SQLWrapper) => sql`(${A} * ((${k}) / ${N}) + (${A} * ((${k}) % ${N})) / ${N})`;

/** How many periods a received total pays in full, oldest first (payments go to the oldest period due). */
const periodsPaid = (received: SQLWrapper) => sql`((${received}) / ${A} * ${N} + least(${N}, (${N} * ((${received}) % ${A} + 1) + ${A} - 1) / ${A} - 1))`;

/** The due date of the first period that `received` does not pay in full; null when it pays them all, or nothing is agreed. */
const firstUnpaid = (received: SQLWrapper) => {
  const k = periodsPaid(sql`greatest(${received}, 0)`);
  // Nested: the inner CASE (which divides by the agreed income) runs only when there is one.
  return sql`(case when c.agreed_income_fen > 0 then (case when ${periodStart(k)} <= ${EFFECTIVE_END} then ${periodStart(k)} end) end)`;
};

/** Adds an income write (a receipt, or a reversal's negative amount) to what the contract received, and moves its first unpaid period. */
export async function addReceived(tx: Db, contractId: number, amountFen: bigint): Promise<void> {
  await queryRows(
    tx,
    sql`/* addContractReceived */ update operating_contract c set received_fen = c.received_fen + ${amountFen}, first_unpaid_on = ${firstUnpaid(sql`(c.received_fen + ${amountFen})`)}
      where c.id = ${contractId}`,
  );
}

/** Sets what contracts received (seeds, which insert income in bulk; income.service sums it) and their first unpaid period. */
export async function setReceived(tx: Db, rows: readonly { contractId: number; receivedFen: bigint }[]): Promise<void> {
  if (rows.length === 0) return;
  await queryRows(
    tx,
    sql`/* setContractReceived */ update operating_contract c set received_fen = v.received, first_unpaid_on = ${firstUnpaid(sql`v.received`)}
      from (select unnest(${sql.param(rows.map((r) => String(r.contractId)))}::text[])::bigint as id,
                   unnest(${sql.param(rows.map((r) => String(r.receivedFen)))}::text[])::bigint as received) v
      where c.id = v.id`,
  );
}

/** A contract's first unpaid period again, from what it received (a new contract, or a term cut short). */
export async function refreshFirstUnpaid(tx: Db, contractIds: readonly number[]): Promise<void> {
  await queryRows(
    tx,
    sql`/* refreshContractFirstUnpaid */ update operating_contract c set first_unpaid_on = ${firstUnpaid(sql`c.received_fen`)} where c.id = any(${sql.param(contractIds.map(String))}::text[]::bigint[])`,
  );
}

/** Whether a contract has been renewed already (a contract is renewed once). */
export async function renewalOf(tx: Db, contractId: number): Promise<boolean> {
  const rows = await run('contractRenewalOf', tx.select({ id: contract.id }).from(contract).where(eq(contract.renewsContractId, contractId)));
  return rows.length > 0;
}

/** Whether the asset has a contract not over by the date (one to come counts: it was agreed). */
export async function contractNotOverOn(tx: Db, assetId: number, on: string): Promise<boolean> {
  const rows = await run(
    'contractNotOverOn',
    tx
      .select({ id: contract.id })
      .from(contract)
      .where(and(eq(contract.assetId, assetId), sql`coalesce(${contract.endedOn}, ${contract.endsOn}) >= ${on}`))
      .limit(1),
  );
  return rows.length > 0;
}

export interface ContractFilter {
  regionPrefix?: string;
  assetId?: number;
  operatorPartyId?: number;
  status?: ContractRow['status'];
  mode?: ContractRow['mode'];
  /** Contracts running on this date. */
  inForceOn?: string;
}

export const CONTRACT_ORDER: SortKey<ContractRow>[] = [
  { name: 'startsOn', expr: contract.startsOn, direction: 'desc', type: 'date', value: (r) => r.startsOn },
  { name: 'contract', expr: contract.id, direction: 'desc', type: 'id', value: (r) => r.id },
];

function contractCondition(viewer: Viewer, filter: ContractFilter): SQL | undefined {
  return and(
    inScope(contract.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(contract.regionCode, filter.regionPrefix) : undefined,
    filter.assetId !== undefined ? eq(contract.assetId, filter.assetId) : undefined,
    filter.operatorPartyId !== undefined ? eq(contract.operatorPartyId, filter.operatorPartyId) : undefined,
    filter.status ? eq(contract.status, filter.status) : undefined,
    filter.mode ? eq(contract.mode, filter.mode) : undefined,
    filter.inForceOn ? and(lte(contract.startsOn, filter.inForceOn), sql`coalesce(${contract.endedOn}, ${contract.endsOn}) >= ${filter.inForceOn}`) : undefined,
  );
}

export function contractsPage(db: Db, viewer: Viewer, filter: ContractFilter, page: PageRequest): Promise<ContractRow[]> {
  return run(
    'operatingContractsPage',
    db
      .select()
      .from(contract)
      .where(and(contractCondition(viewer, filter), keysetCondition(CONTRACT_ORDER, page)))
      .orderBy(...keysetOrder(CONTRACT_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function contractsCount(db: Db, viewer: Viewer, filter: ContractFilter): Promise<number> {
  const [row] = await run('operatingContractsCount', db.select({ n: sql<number>`count(*)::int` }).from(contract).where(contractCondition(viewer, filter)));
  return row?.n ?? 0;
}

const byIdsQuery = preparedRead('contractsByIds', (db, keyIn) =>
  db
    .select()
    .from(contract)
    .where(and(inScopePlaceholders(contract.regionCode), keyIn(contract.id))),
);

export function contractsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<ContractRow[]> {
  return byIdsQuery(db, { ...scopeParams(viewer), ids });
}

const ofAssetsQuery = preparedRead('contractsOfAssets', (db, keyIn) =>
  db
    .select()
    .from(contract)
    .where(and(inScopePlaceholders(contract.regionCode), keyIn(contract.assetId)))
    .orderBy(contract.assetId, contract.startsOn, contract.id),
);

export function contractsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<ContractRow[]> {
  return ofAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

/** The contracts of an asset whose running time meets [from, to] (to null: open-ended), other than `except`. */
export function overlapping(tx: Db, assetId: number, from: string, to: string, except?: number): Promise<ContractRow[]> {
  return run(
    'overlappingContracts',
    tx
      .select()
      .from(contract)
      .where(
        and(
          eq(contract.assetId, assetId),
          lte(contract.startsOn, to),
          sql`coalesce(${contract.endedOn}, ${contract.endsOn}) >= ${from}`,
          sql`coalesce(${contract.endedOn}, ${contract.endsOn}) >= ${contract.startsOn}`,
          except === undefined ? undefined : sql`${contract.id} <> ${except}`,
        ),
      ),
  );
}

export async function lockContract(tx: Db, viewer: Viewer, id: number): Promise<ContractRow | undefined> {
  const [row] = await run(
    'lockContract',
    tx
      .select()
      .from(contract)
      .where(and(eq(contract.id, id), inScope(contract.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export type NewContract = Omit<typeof contract.$inferInsert, 'id' | 'createdAt' | 'version'>;

export function insertContracts(tx: Db, rows: NewContract[]): Promise<ContractRow[]> {
  return insertInChunks(tx, 'insertContracts', contract, rows);
}

export async function endContract(tx: Db, id: number, values: Pick<ContractRow, 'endedOn' | 'status' | 'endReason'>): Promise<ContractRow> {
  const [row] = await run(
    'endContract',
    tx
      .update(contract)
      .set({ ...values, version: sql`${contract.version} + 1` })
      .where(eq(contract.id, id))
      .returning(),
  );
  return row!;
}

/** One period of a contract's payment schedule. */
export interface PeriodRow {
  contractId: number;
  assetId: number;
  regionCode: number;
  index: number;
  startsOn: string;
  endsOn: string;
  /** Due on its first day (rent is paid in advance). */
  dueOn: string;
  amountFen: string;
}

/**
 * The periods of the contracts matching `where` (over `c`) that fall due in [from, to], oldest
 * first: the expected income of an asset or a region.
 */
export async function periodsDueBetween(db: Db, where: SQL, from: string, to: string, limit: number): Promise<PeriodRow[]> {
  const rows = await queryRows<PeriodRow>(
    db,
    sql`/* contractPeriods */
      select c.id as "contractId", c.asset_id as "assetId", c.region_code as "regionCode", c.index,
        c.due_on::text as "startsOn", least(c.next_on - 1, ${EFFECTIVE_END})::text as "endsOn",
        c.due_on::text as "dueOn", ${PERIOD_AMOUNT}::text as "amountFen"
      from ${periodsDueIn(where, from, to)} c
      order by c.due_on, c.id
      limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, contractId: Number(r.contractId), assetId: Number(r.assetId), regionCode: Number(r.regionCode), index: Number(r.index) }));
}

/** The total of the periods of the contracts matching `where` that fall due in [from, to], and how many. */
export async function expectedTotal(db: Db, where: SQL, from: string, to: string): Promise<{ periods: number; amountFen: bigint }> {
  const [row] = await queryRows<{ periods: number; amount_fen: string | null }>(
    db,
    sql`/* contractExpected */
      select count(*)::int as periods, sum(${PERIOD_AMOUNT})::text as amount_fen
      from ${periodsDueIn(where, from, to)} c`,
  );
  return { periods: Number(row?.periods ?? 0), amountFen: BigInt(row?.amount_fen ?? 0) };
}

/** Expected income per asset for the periods due in [from, to], as a relation (asset_id, region_code, expected_fen): the reconciliation's first column. */
export function expectedPerAssetRelation(where: SQL, from: string, to: string): SQL {
  return sql`(
    select c.asset_id, c.region_code, sum(${PERIOD_AMOUNT}) as expected_fen
    from ${periodsDueIn(where, from, to)} c
    group by c.asset_id, c.region_code
  )`;
}

/** The SQL condition "contract `c` is of this asset / in this subtree and in the viewer's scope". */
export function contractsWhere(viewer: Viewer, scope: { assetId?: number; regionPrefix?: string }): SQL {
  return contractsWhereIn(contractBounds(viewer, scope));
}

/** The values `contractsWhereIn` bounds the contracts by: the viewer's scope, and the asset or the region only when given. */
export type ContractBounds = {
  scopeLow: number;
  scopeHigh: number;
  assetId?: number;
  regionLow?: number;
  regionHigh?: number;
};

export function contractBounds(viewer: Viewer, scope: { assetId?: number; regionPrefix?: string }): ContractBounds {
  const [scopeLow, scopeHigh] = scopeRange(viewer);
  const bounds: ContractBounds = { scopeLow, scopeHigh };
  if (scope.assetId !== undefined) bounds.assetId = scope.assetId;
  if (scope.regionPrefix !== undefined) [bounds.regionLow, bounds.regionHigh] = subtreeRange(scope.regionPrefix);
  return bounds;
}

/** The contracts within bounds given as values or as their placeholders. */
export function contractsWhereIn(b: { scopeLow: unknown; scopeHigh: unknown; assetId?: unknown; regionLow?: unknown; regionHigh?: unknown }): SQL {
  return and(
    inRange(sql`c.region_code`, b.scopeLow, b.scopeHigh),
    b.assetId !== undefined ? sql`c.asset_id = ${b.assetId}` : undefined,
    b.regionLow !== undefined ? inRange(sql`c.region_code`, b.regionLow, b.regionHigh) : undefined,
  ) as SQL;
}

/** One unpaid period past its grace days. */
export interface ArrearsRow {
  contractId: number;
  assetId: number;
  regionCode: number;
  operatorPartyId: number;
  index: number;
  dueOn: string;
  expectedFen: string;
  unpaidFen: string;
  daysOverdue: number;
}

export interface ArrearsQuery {
  where: SQL;
  /** The date (a value, or a placeholder of `shape`). */
  asOf: string | SQLWrapper;
  /** What a contract (its id column) received by the date: a scalar subquery, run per contract of the page's region, never over all income. */
  received: (contractId: SQL) => SQL;
  /** The grace days in force in a county (rules.service ruleValueSql over the county's code). */
  graceDays: (countyCode: SQL) => SQL;
  /** The county (its 12-digit code) every contract matching `where` is in, when the scope says so. */
  county?: number | SQLWrapper;
  /**
   * What a contract received is what its row keeps (today's arrears, `received_fen`): its first
   * unpaid period is then `first_unpaid_on`, and the row's version changes with anything the
   * arrears read from it (`fingerprintSql`).
   */
  kept: boolean;
  /**
   * Kept arrears are asked again and again: their statements are built once per shape
   * (db/prepared statementsByShape). The query's values are then placeholders, filled from
   * these values, whose names are its shape.
   */
  shape?: Record<string, unknown>;
}

/** Days past its due date and grace at which a period is owed (1), and enters the buckets over 90, 180 and 365 days. */
const AGE_LIMITS = [1, 91, 181, 366] as const;
/** The date a period must have fallen due by to be so many days past its grace, as CTE `graces` works it out once per county (`tails` carries it). */
const ageLimit = (days: (typeof AGE_LIMITS)[number]): MonthDay => ({ date: sql.raw(`c.d${days}`), month: sql.raw(`c.m${days}`), day: sql.raw(`c.e${days}`) });

/**
 * Unpaid periods (欠收) of the contracts matching `where`, as of a date. What a contract has
 * received pays its periods oldest first; a period is in arrears when it is not paid in full
 * and fell due more than the grace days before the date.
 *
 * `tails` holds each contract once: its row (the columns the arithmetic and the rows read), what
 * it `received`, the `grace` in force, the periods it `paid` in full and those `owed` (past their
 * grace); its arrears are the periods paid ≤ k < owed. Listing them generates only those rows;
 * totals and the choice of a page's contracts need none (`closedRows`). `more` adds columns
 * worked out from the county's age limits (`ageLimit`); `read` narrows and orders the contracts.
 */
const tails = (q: ArrearsQuery, more?: SQL, read?: ContractsRead) => sql`(
      select c.id, c.asset_id, c.region_code, c.operator_party_id, c.starts_on, c.ends_on, c.ended_on, c.agreed_income_fen,
        c.months_per_period, c.periods_per_year, c.start_month, c.start_day, c.last_period, c.received, c.grace,
        (${periodsPaid(sql`greatest(c.received, 0)`)})::bigint as paid, (${periodsDueByDay(ageLimit(1))})::bigint as owed ${more ?? sql``}
      -- Fenced (offset 0): what a contract received is worked out once per contract.
      from (select c.id, c.asset_id, c.region_code, c.operator_party_id, c.starts_on, c.ends_on, c.ended_on, c.agreed_income_fen,
          c.months_per_period, c.periods_per_year, c.start_month, c.start_day, c.last_period, coalesce(${q.received(sql`c.id`)}, 0)::bigint as received, g.*
        from operating_contract c join graces g on g.code = c.region_code / 1000000 * 1000000
        where ${q.where} and c.agreed_income_fen > 0 ${read ? sql`and ${read.where}` : sql``}
        ${read?.order ? sql`order by ${read.order}` : sql``}
        offset 0) c
      offset 0)`;

/**
 * Which of the contracts `tails` reads, and in what order. The levels above are fenced subqueries
 * and a lateral select without FROM, which stream their rows in the order they get them (the
 * plans of PostgreSQL and PGlite keep it; the arrears property test walks every page against an
 * oracle), so a LIMIT over them takes the first contracts of that order.
 */
interface ContractsRead {
  where: SQL;
  order?: SQL;
}

/**
 * CTE `graces`: per county of the contracts, the grace days in force and the dates (with their
 * `MonthDay`) a period must have fallen due by to be past each age limit. Rules are set per
 * province, city or county, so they are looked up once per county, not per contract; a scope
 * inside one county names it without reading the contracts.
 */
const gracesWith = (q: ArrearsQuery) => sql`
    with counties as materialized (
      ${
        q.county === undefined
          ? sql`select distinct c.region_code / 1000000 * 1000000 as code from operating_contract c where ${q.where} and c.agreed_income_fen > 0`
          : sql`select ${q.county}::bigint as code`
      }
    ), graces as materialized (
      select k.code, g.grace, ${sql.join(
        AGE_LIMITS.map((days) => {
          const d = monthDayOf(sql.raw(`b.d${days}`));
          return sql`${d.date} as ${sql.raw(`d${days}`)}, ${d.month} as ${sql.raw(`m${days}`)}, ${d.day} as ${sql.raw(`e${days}`)}`;
        }),
        sql`, `,
      )}
      from counties k
      cross join lateral (select (${q.graceDays(sql`k.code`)})::int as grace) g
      cross join lateral (select ${sql.join(
        AGE_LIMITS.map((days) => sql`${q.asOf}::date - g.grace - ${sql.raw(String(days))} as ${sql.raw(`d${days}`)}`),
        sql`, `,
      )}) b
    )`;

/** CTE `tails` (materialized: the periods listed from it read each contract's figures once). */
const tailsWith = (q: ArrearsQuery) => sql`${gracesWith(q)}, tails as materialized ${tails(q)}`;

/** The periods in arrears of the contracts of `tails` (a relation with the columns of CTE `tails`, aliased `c`) from period `first` on. */
const arrearRows = (asOf: string | SQLWrapper, tails: SQL, first: SQL) =>
  // The amount is used twice below: computed once per row, fenced like the dates.
  sql`select c.id as contract_id, c.asset_id, c.region_code, c.operator_party_id, c.index, c.due_on, c.expected_fen,
      c.expected_fen - case when c.index = c.paid then greatest(c.received, 0) - ${cumulative(sql`c.paid`)} else 0 end as unpaid_fen,
      (${asOf}::date - c.due_on - c.grace) as days_overdue
    from (select c.*, ${PERIOD_AMOUNT} as expected_fen from ${periodRows(tails, first, sql`c.owed - 1`)} c offset 0) c`;

function arrearsSql(q: ArrearsQuery): SQL {
  return sql`(${tailsWith(q)} ${arrearRows(q.asOf, sql`tails`, sql`c.paid`)})`;
}

/** The unpaid periods as a relation (contract_id, asset_id, region_code, due_on, expected_fen, unpaid_fen, days_overdue…), for the audit check. */
export const arrearsRelation = arrearsSql;

/**
 * Arrears in closed form (CTE `closed`, the contracts of `tails`): per contract, the first period of
 * each ageing bucket's successor (`b365`: the first period due less than 366 days past its grace,
 * `b180`, `b90`), its `last` period with that period's amount and unpaid part. When the contract
 * agrees at least a fen per period (`exact`), every period in arrears owes something except
 * perhaps the last, cut short by the contract's end: counts and sums by bucket follow from the
 * cumulative amounts, and a contract's first period in arrears is a row. Contracts agreeing less
 * may owe 0 fen for a period, which is not in arrears: theirs are listed.
 */
const closedRows = (q: ArrearsQuery, read?: ContractsRead) => sql`
      select c.*, c.last_period::bigint as last, e.last_expected,
        e.last_expected - case when c.last_period = c.paid then greatest(c.received, 0) - ${cumulative(sql`c.paid`)} else 0 end as last_unpaid,
        c.agreed_income_fen >= ${N} as exact
      from ${tails(q, sql`, ${periodsDueByDay(ageLimit(366))} as b365, ${periodsDueByDay(ageLimit(181))} as b180, ${periodsDueByDay(ageLimit(91))} as b90`, read)} c
      -- Only a last period already owed can be in arrears: worked out for those alone.
      cross join lateral (select case when c.last_period < c.owed then ${periodAmount(sql`c.last_period`, periodStart(sql`c.last_period`), periodStart(sql`c.last_period + 1`))} end as last_expected) e`;

/**
 * CTE `closed` of the contracts of `tails`; for kept arrears also CTE `kept`, read once: what the
 * fingerprint is made of (`fingerprintSql`) and the contracts agreeing less than a fen a period
 * (whether any is `inexact`), which a first page lists: read only when there are some (a one-time filter).
 */
const closedWith = (q: ArrearsQuery) => sql`${gracesWith(q)},
    ${
      q.kept
        ? sql`kept as materialized (
      select count(*) as contracts, coalesce(bit_xor(hashint8extended(c.id, c.xmin::text::bigint)), 0) as versions,
        bool_or(c.agreed_income_fen < ${N}) as inexact
      from operating_contract c where ${q.where} and c.agreed_income_fen > 0),`
        : sql``
    }
    closed as materialized (${closedRows(q)})`;

/** The ageing buckets from the oldest: a contract's periods in arrears fall in them in turn, at its limits b365, b180, b90, owed. */
const BUCKETS = ['OVER_365', 'DAYS_181_365', 'DAYS_91_180', 'DAYS_0_90'] as const;

/**
 * Totals by ageing bucket (bucket, periods, "unpaidFen") of the arrears of CTE `closed`, in one
 * pass over its contracts. Bucket i of a contract holds its periods lo ≤ k < hi between two of
 * its limits (each at least `paid`): their full amounts, less the last period's shortfall when it
 * is among them (and the last itself when it owes nothing), less what was paid of the first
 * unpaid period, which is in the first bucket that holds any.
 */
const closedTotalsSql = (asOf: string | SQLWrapper) => {
  // A bucket's bounds, as periods (x…) and as the cumulative amounts before them (k…, each worked out once per contract).
  const limits = ['paid', '365', '180', '90', 'o'].map((l) => ({ x: sql.raw(`c.x${l}`), k: sql.raw(`c.k${l}`), name: sql.raw(`k${l}`) }));
  const bucketOf = (k: SQL) => sql`(case when ${k} < c.x365 then 0 when ${k} < c.x180 then 1 when ${k} < c.x90 then 2 else 3 end)`;
  const perBucket = BUCKETS.map((_, i) => {
    const [lo, hi] = [limits[i]!, limits[i + 1]!];
    const last = sql`c.last_bucket = ${sql.raw(String(i))}`;
    return {
      periods: sql`sum(${hi.x} - ${lo.x} - (case when ${last} and c.last_unpaid <= 0 then 1 else 0 end))`,
      unpaid: sql`sum(${hi.k} - ${lo.k}
        - (case when ${last} then ${fullAmount(sql`c.last`)} - c.last_expected + least(c.last_unpaid, 0) else 0 end)
        - (case when c.paid_bucket = ${sql.raw(String(i))} then greatest(c.received, 0) - c.kpaid else 0 end))`,
    };
  });
  return sql`
    select x.bucket, sum(x.periods)::int as periods, sum(x.unpaid)::text as "unpaidFen"
    from (
      select unnest(array[${sql.raw(BUCKETS.map((b) => `'${b}'`).join(', '))}]) as bucket,
        unnest(array[${sql.join(
          perBucket.map((b) => b.periods),
          sql`, `,
        )}]) as periods,
        unnest(array[${sql.join(
          perBucket.map((b) => b.unpaid),
          sql`, `,
        )}]) as unpaid
      from (
        select c.*, ${bucketOf(sql`c.paid`)} as paid_bucket, (case when c.last >= c.paid and c.last < c.xo then ${bucketOf(sql`c.last`)} end) as last_bucket,
          ${sql.join(
            limits.map((l) => sql`${cumulative(l.x)} as ${l.name}`),
            sql`, `,
          )}
        from (select c.*, c.paid as xpaid, greatest(c.paid, c.b365) as x365, greatest(c.paid, c.b180) as x180, greatest(c.paid, c.b90) as x90, greatest(c.paid, c.owed) as xo
          from closed c where c.exact and c.owed > c.paid offset 0) c
        offset 0
      ) c
      union all
      select ${ageingBucketSql(sql`a.days_overdue`)}, 1, a.unpaid_fen
      from (${arrearRows(asOf, sql`(select * from closed where not exact)`, sql`c.paid`)}) a where a.unpaid_fen > 0
    ) x
    group by x.bucket having sum(x.periods) > 0`;
};

/**
 * The contracts a page of arrears can draw on, with `s`, each one's first period past the
 * cursor. Within a contract the order is by period, so its rows on the page start at its row s:
 * the page's rows come from the first `limit` contracts ranked by that row alone (and from the
 * inexact ones, whose row s may owe nothing). Going backward, all of them.
 */
function pageContracts(q: ArrearsQuery, page: PageRequest, v: Values<SortValue | SQLWrapper>): SQL {
  if (page.backward) return sql`select c.*, c.paid as s from closed c`;
  if (q.kept && !page.cursor) {
    // A first page: a contract's first row is its first unpaid period, due on its kept
    // first_unpaid_on, so the contracts are read in that order and worked out only until the page is full.
    return sql`select c.*, c.paid as s from (${closedRows(q, { where: sql`(select k.inexact from kept k) and c.agreed_income_fen < ${N}` })}) c where c.paid < c.owed
      union all
      (select c.*, c.paid as s from (${closedRows(q, { where: sql`c.agreed_income_fen >= ${N}`, order: sql`c.first_unpaid_on + g.grace, c.id` })}) c
        where c.paid < c.owed and (c.paid < c.last or c.last_unpaid > 0)
        limit ${v.limit}::int)`;
  }
  let s: SQL = sql`c.paid`;
  if (page.cursor) {
    // Periods of contracts after the cursor's on the same day count; of those before, only later days.
    const dueBy = (days: SQL) => periodsDueBy(sql`(${q.asOf}::date - c.grace - ${days})`);
    const [days, later] = [sql`${v.cursorDays}::int`, sql`(${v.cursorDays}::int + 1)`];
    s = sql`greatest(c.paid, case when c.id > ${v.cursorContract}::bigint then ${dueBy(later)} when c.id < ${v.cursorContract}::bigint then ${dueBy(days)} else least(${v.cursorIndex}::int + 1, ${dueBy(days)}) end)`;
  }
  return sql`select * from (select c.*, ${s} as s from closed c offset 0) c where c.s < c.owed and not c.exact
    union all
    (select * from (select c.*, ${s} as s from closed c offset 0) c
      where c.exact and c.s < c.owed and (c.s < c.last or c.last_unpaid > 0)
      order by ${periodStart(sql`c.s`)} + c.grace, c.id
      limit ${v.limit}::int)`;
}

export const ARREARS_ORDER: SortKey<ArrearsRow>[] = [
  { name: 'daysOverdue', expr: sql`a.days_overdue`, direction: 'desc', type: 'integer', value: (r) => r.daysOverdue },
  { name: 'contract', expr: sql`a.contract_id`, direction: 'asc', type: 'id', value: (r) => r.contractId },
  { name: 'period', expr: sql`a.index`, direction: 'asc', type: 'integer', value: (r) => r.index },
];

export interface ArrearsTotal {
  bucket: string;
  periods: number;
  unpaidFen: string;
}

/** Totals by ageing bucket with the fingerprint of what they were worked out from; `totals` is null when the caller knew that fingerprint. */
export interface ArrearsFigures {
  fingerprint: string | null;
  totals: ArrearsTotal[] | null;
}

/** The ageing bucket of a period so many days overdue: 0–90, 91–180, 181–365, over 365. */
export const ageingBucketSql = (daysOverdue: SQL) =>
  sql`case when ${daysOverdue} <= 90 then 'DAYS_0_90' when ${daysOverdue} <= 180 then 'DAYS_91_180' when ${daysOverdue} <= 365 then 'DAYS_181_365' else 'OVER_365' end`;

/**
 * What the totals of kept (today's) arrears are worked out from, as one string (CTE `kept`): how
 * many contracts, their ids and row versions (xmin, which every write of a row changes) folded
 * into a 64-bit hash, and the grace in force in each county. The same fingerprint, the same totals.
 */
const fingerprintSql = (q: ArrearsQuery) =>
  q.kept
    ? sql`(select k.contracts::text || '/' || k.versions::text || '/' || (select string_agg(g.code::text || ':' || g.grace::text, ',' order by g.code) from graces g) from kept k)`
    : sql`null::text`;

/**
 * The relation (fingerprint, totals) of CTE `closed`: totals as JSON, or null when the fingerprint
 * is `known` (then they are never worked out: the scalar subquery runs only in its branch).
 */
const figuresSql = (q: ArrearsQuery, known: unknown) => sql`
    select f.fingerprint, case when f.fingerprint = ${known}::text then null
      else (select coalesce(jsonb_agg(b), '[]'::jsonb) from (${closedTotalsSql(q.asOf)}) b) end as totals
    from (select ${fingerprintSql(q)} as fingerprint) f`;

const totalsOf = (json: ArrearsTotal[] | null) => json?.map((t) => ({ ...t, periods: Number(t.periods) })) ?? null;

/** An arrears statement's own values: the fingerprint known, and a page's limit (+ 1) and cursor. */
type Values<V> = {
  known?: V;
  limit?: V;
  cursorDays?: V;
  cursorContract?: V;
  cursorIndex?: V;
};

const byShape = statementsByShape();

/** Runs an arrears statement: built on the spot, or once per shape when the query has one (its values and the statement's as placeholders). */
async function runArrears<T>(db: Db, name: string, q: ArrearsQuery, values: Values<SortValue>, build: (v: Values<SortValue | SQLWrapper>) => SQL): Promise<T[]> {
  if (!q.shape) return queryRows<T>(db, build(values));
  const all = { ...q.shape, ...values };
  return rowsOf<T>(await byShape(db, `${name}(${Object.keys(all).join(',')})`, () => build(placeholders(values)), all));
}

/**
 * A page of arrears, with the figures of all of them on every row (undefined when the page is
 * empty). `known`: the fingerprint whose totals the caller has (contracts.service remembers them).
 */
export async function arrearsPage(db: Db, q: ArrearsQuery, page: PageRequest, known: string | null): Promise<{ rows: ArrearsRow[]; figures?: ArrearsFigures }> {
  const [days, contractId, index] = page.cursor ?? [];
  const values: Values<SortValue> = { known, limit: page.limit + 1, ...(page.cursor && { cursorDays: Number(days), cursorContract: Number(contractId), cursorIndex: Number(index) }) };
  const rows = await runArrears<ArrearsRow & { fingerprint: string | null; totals: ArrearsTotal[] | null }>(db, page.backward ? 'arrearsPage backward' : 'arrearsPage', q, values, (v) => {
    const keyset = keysetCondition(ARREARS_ORDER, page, page.cursor && [v.cursorDays!, v.cursorContract!, v.cursorIndex!]);
    return sql`/* arrearsPage */ ${closedWith(q)},
        candidates as materialized (${pageContracts(q, page, v)}),
        a as (select * from (${arrearRows(q.asOf, sql`candidates`, sql`c.s`)}) a where a.unpaid_fen > 0),
        t as (${figuresSql(q, v.known)})
      select a.contract_id as "contractId", a.asset_id as "assetId", a.region_code as "regionCode", a.operator_party_id as "operatorPartyId", a.index,
        a.due_on::text as "dueOn", a.expected_fen::text as "expectedFen", a.unpaid_fen::text as "unpaidFen", a.days_overdue as "daysOverdue", t.fingerprint, t.totals
      from a cross join t
      ${keyset ? sql`where ${keyset}` : sql``}
      order by ${sql.join(keysetOrder(ARREARS_ORDER, page), sql`, `)}
      limit ${v.limit}::int`;
  });
  return {
    rows: rows.map(({ totals: _, fingerprint: __, ...r }) => ({
      ...r,
      contractId: Number(r.contractId),
      assetId: Number(r.assetId),
      regionCode: Number(r.regionCode),
      operatorPartyId: Number(r.operatorPartyId),
      index: Number(r.index),
      daysOverdue: Number(r.daysOverdue),
    })),
    figures: rows[0] ? { fingerprint: rows[0].fingerprint, totals: totalsOf(rows[0].totals) } : undefined,
  };
}

/** Arrears totals by ageing bucket (0–90, 91–180, 181–365, over 365 days), unless `known` is their fingerprint. */
export async function arrearsTotals(db: Db, q: ArrearsQuery, known: string | null): Promise<ArrearsFigures> {
  const [row] = await runArrears<{ fingerprint: string | null; totals: ArrearsTotal[] | null }>(
    db,
    'arrearsTotals',
    q,
    { known },
    (v) => sql`/* arrearsTotals */ ${closedWith(q)} ${figuresSql(q, v.known)}`,
  );
  return { fingerprint: row!.fingerprint, totals: totalsOf(row!.totals) };
}

/** Unpaid amounts by the year their periods fell due (the region summary's arrears line). */
export async function arrearsByYear(db: Db, q: ArrearsQuery): Promise<{ year: number; unpaidFen: string }[]> {
  const rows = await runArrears<{ year: number; unpaidFen: string }>(
    db,
    'arrearsByYear',
    q,
    {},
    () => sql`/* arrearsByYear */
      select extract(year from a.due_on)::int as year, sum(a.unpaid_fen)::text as "unpaidFen"
      from ${arrearsSql(q)} a
      where a.unpaid_fen > 0
      group by 1 order by 1`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year) }));
}
