/**
 * 运营合同 (operating contracts, DESIGN.md §3 OperatingContract). Rules:
 * - only an operating asset (经营性资产) has operating contracts, and its contracts never overlap
 *   in time (checked under the asset's lock): a renewal starts after the contract it renews ends;
 * - a contract ends on its end date (ENDED) or earlier (TERMINATED), with the day and the reason;
 * - its expected income (应收) follows from the agreed income per year and the payment cycle:
 *   period k runs from the start plus k cycles (1, 3, 6 or 12 months) to the day before the next;
 *   the periods of a contract year split the year's amount so they sum to it exactly (period i
 *   of n gets ⌊A·(i+1)/n⌋ − ⌊A·i/n⌋ fen); a period the contract's end cuts short gets its share
 *   by days, rounded down to the fen; each period is due on its first day (rent is paid in
 *   advance, as these leases usually say);
 * - arrears (欠收): what a contract received pays its periods oldest first; a period not paid in
 *   full is in arrears once it fell due more than the grace days in force (INCOME_GRACE_DAYS).
 */
import { and, sql, type SQL } from 'drizzle-orm';
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { remembered as rememberedAnswers } from '../../db/remembered';
import { placeholders, type Placeholders } from '../../db/prepared';
import { withReportTimeout, withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { Loaders } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import {
  UserErrorCode,
  UserErrors,
  checkAmount,
  checkDateOrder,
  defineErrorCodes,
  ok,
  optionalText,
  refusal,
  refused,
  requiredText,
  text,
  versionConflict,
  type Outcome,
} from '../../graphql/user-errors';
import { lockAssetForChange, registerContractInForce } from '../assets/assets.service';
import { recordAuditEvent, trailHeads, trailsOf } from '../audit/audit.service';
import { partyById } from '../parties/parties.loaders';
import { countyOf, significantPrefix } from '../regions/division-code';
import { ruleMinimumSql, ruleValueSql, rulingRegions } from '../rules/rules.service';
import type { ContractRow } from './contracts.table';
import * as store from './contracts.store';

export type { ContractMode, ContractRow, ContractStatus, PaymentCycle } from './contracts.table';
export { CONTRACT_MODES, CONTRACT_STATUSES, CYCLE_MONTHS, PAYMENT_CYCLES } from './contracts.table';
export type { ArrearsRow, ContractFilter, PeriodRow } from './contracts.store';
export { insertContracts, type NewContract } from './contracts.store';

export const ContractError = defineErrorCodes({
  ASSET_NOT_OPERATING: text('只有经营性资产才有运营合同', 'Only an operating asset (经营性资产) has operating contracts.'),
  CONTRACT_OVERLAP: text('与该资产的另一份合同时间重叠', "The term overlaps another of the asset's contracts."),
  CONTRACT_NOT_ACTIVE: text('合同已结束', 'The contract has already ended.'),
  CONTRACT_ALREADY_RENEWED: text('该合同已续签过', 'The contract has already been renewed.'),
});

// An operating asset with a contract still running stays operating (updateAsset asks).
registerContractInForce((tx, assetId, on) => store.contractNotOverOn(tx, assetId, on));

const LABEL = { contractNo: text('合同编号', 'Contract number'), reason: text('原因', 'Reason'), note: text('备注', 'Note') };

/** The contract in the API's terms (the audit trail's images). */
export function contractImage(c: ContractRow) {
  return {
    id: toGlobalId('OperatingContract', c.id),
    assetId: toGlobalId('Asset', c.assetId),
    operatorId: toGlobalId('Party', c.operatorPartyId),
    mode: c.mode,
    contractNo: c.contractNo,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    endedOn: c.endedOn,
    status: c.status,
    agreedIncomePerYear: formatMoney(c.agreedIncomeFen),
    paymentCycle: c.paymentCycle,
    renewsContractId: c.renewsContractId === null ? null : toGlobalId('OperatingContract', c.renewsContractId),
    endReason: c.endReason,
  };
}

export interface CreateContract {
  assetId: number | undefined;
  operatorId: string;
  mode: ContractRow['mode'];
  contractNo?: string | null;
  startsOn: string;
  endsOn: string;
  agreedIncomePerYear: bigint;
  paymentCycle: ContractRow['paymentCycle'];
  /** The contract this one renews (it must end before this one starts). */
  renewsContractId?: string | null;
  note?: string | null;
}

/** Records an operating contract of an asset (ASSET_MANAGER), inside the caller's transaction. */
export async function createOperatingContractIn(tx: Tx, viewer: Viewer, clock: Clock, input: CreateContract): Promise<Outcome<ContractRow>> {
  assertCan(viewer, 'register:write');
  const asset = await lockAssetForChange(tx, viewer, input.assetId, null, 'assetId');
  if (Array.isArray(asset)) return refused(asset);
  const errors = new UserErrors();
  if (asset.assetClass !== 'OPERATING') errors.add(['input', 'assetId'], ContractError.ASSET_NOT_OPERATING);
  const operatorId = tryKeyOf(input.operatorId, 'Party');
  const operator = operatorId === undefined ? null : await new Loaders(viewer, tx).get(partyById).load(operatorId);
  if (!operator) errors.add(['input', 'operatorId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
  const contractNo = optionalText(errors, ['input', 'contractNo'], input.contractNo, 100, LABEL.contractNo);
  const note = optionalText(errors, ['input', 'note'], input.note, 1000, LABEL.note);
  checkDateOrder(errors, [
    ['startsOn', input.startsOn],
    ['endsOn', input.endsOn],
  ]);
  // Only the owners' own operation may earn nothing agreed: a lease or contract at zero is rent never owed.
  checkAmount(errors, ['input', 'agreedIncomePerYear'], input.agreedIncomePerYear, { zeroAllowed: input.mode === 'SELF_OPERATED' });
  let renews: ContractRow | undefined;
  if (input.renewsContractId) {
    const id = tryKeyOf(input.renewsContractId, 'OperatingContract');
    renews = id === undefined ? undefined : await store.lockContract(tx, viewer, id);
    if (!renews || renews.assetId !== asset.id) errors.add(['input', 'renewsContractId'], UserErrorCode.NOT_FOUND, text('该资产没有此合同', 'The asset has no such contract'));
    else if (await store.renewalOf(tx, renews.id)) errors.add(['input', 'renewsContractId'], ContractError.CONTRACT_ALREADY_RENEWED);
    else {
      // A renewal continues the contract: it starts after the renewed one's last day (its end, or
      // the day it was ended early), never before it, which would use up the one renewal it has.
      const lastDay = renews.endedOn ?? renews.endsOn;
      if (input.startsOn <= lastDay)
        errors.add(['input', 'startsOn'], UserErrorCode.DATE_ORDER, text(`所续合同至 ${lastDay} 结束，续签合同须在其后开始`, `The renewed contract runs to ${lastDay}; its renewal starts after that`));
    }
  }
  if (errors.any) return refused(errors);
  const clash = await store.overlapping(tx, asset.id, input.startsOn, input.endsOn);
  if (clash.length) {
    const other = clash[0]!;
    return refusal(
      ['input', 'startsOn'],
      ContractError.CONTRACT_OVERLAP,
      text(
        `与合同 ${other.contractNo ?? toGlobalId('OperatingContract', other.id)}（${other.startsOn} 至 ${other.endedOn ?? other.endsOn}）重叠`,
        `Overlaps contract ${other.contractNo ?? toGlobalId('OperatingContract', other.id)} (${other.startsOn} to ${other.endedOn ?? other.endsOn})`,
      ),
    );
  }
  // A renewed contract whose term has run out is closed now, on its own end date (audited);
  // one still running stays ACTIVE to its end.
  if (renews && renews.status === 'ACTIVE' && renews.endsOn < clock.today()) {
    const closed = await store.endContract(tx, renews.id, { endedOn: renews.endsOn, status: 'ENDED', endReason: '续签 renewed' });
    await store.refreshFirstUnpaid(tx, [renews.id]);
    await recordAuditEvent(tx, viewer, clock, {
      action: 'contract.end',
      entityType: 'Asset',
      entityId: toGlobalId('Asset', asset.id),
      regionCode: asset.regionCode,
      before: contractImage(renews),
      after: contractImage(closed),
    });
  }
  const [created] = (await store.insertContracts(tx, [
    {
      assetId: asset.id,
      regionCode: asset.regionCode,
      operatorPartyId: operator!.id,
      mode: input.mode,
      contractNo,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      agreedIncomeFen: input.agreedIncomePerYear,
      paymentCycle: input.paymentCycle,
      renewsContractId: renews?.id ?? null,
      note,
      actorId: viewer.userId,
    },
  ])) as [ContractRow];
  await store.refreshFirstUnpaid(tx, [created.id]);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'contract.create',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', asset.id),
    regionCode: asset.regionCode,
    before: null,
    after: contractImage(created),
  });
  return ok(created);
}

export const createOperatingContract = (db: Db, viewer: Viewer, clock: Clock, input: CreateContract) => withTransaction(db, (tx) => createOperatingContractIn(tx, viewer, clock, input));

export interface EndContract {
  contractId: number | undefined;
  expectedVersion?: number | null;
  /** Its last day; ENDED on the contract's end date, TERMINATED before it. */
  endsOn: string;
  reason: string;
}

/** Ends a contract on a day, with the reason. */
export async function endOperatingContractIn(tx: Tx, viewer: Viewer, clock: Clock, input: EndContract): Promise<Outcome<ContractRow>> {
  assertCan(viewer, 'register:write');
  const [found] = input.contractId === undefined ? [] : await store.contractsByIds(tx, viewer, [input.contractId]);
  if (!found) return refusal(['input', 'contractId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此合同', 'No contract with this id in your scope'));
  const asset = await lockAssetForChange(tx, viewer, found.assetId, null, 'contractId', { allowDisposed: true });
  if (Array.isArray(asset)) return refused(asset);
  const before = (await store.lockContract(tx, viewer, found.id))!;
  const stale = versionConflict(before, input.expectedVersion, ['input', 'expectedVersion'], text('合同', 'The contract'));
  if (stale) return refused([stale]);
  if (before.status !== 'ACTIVE') return refusal(['input', 'contractId'], ContractError.CONTRACT_NOT_ACTIVE);
  const errors = new UserErrors();
  const reason = requiredText(errors, ['input', 'reason'], input.reason, 500, LABEL.reason);
  if (input.endsOn > before.endsOn)
    errors.add(['input', 'endsOn'], UserErrorCode.DATE_ORDER, text(`合同到 ${before.endsOn} 止；延期请续签`, `The contract runs to ${before.endsOn}; to extend it, renew it`));
  if (input.endsOn < before.startsOn)
    errors.add(['input', 'endsOn'], UserErrorCode.DATE_ORDER, text(`合同自 ${before.startsOn} 起，不能早于该日结束`, `The contract starts on ${before.startsOn}; it cannot end before that`));
  if (errors.any) return refused(errors);
  const ended = await store.endContract(tx, before.id, { endedOn: input.endsOn, status: input.endsOn === before.endsOn ? 'ENDED' : 'TERMINATED', endReason: reason });
  await store.refreshFirstUnpaid(tx, [before.id]); // a shorter term may leave nothing unpaid
  await recordAuditEvent(tx, viewer, clock, {
    action: 'contract.end',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', before.assetId),
    regionCode: before.regionCode,
    before: contractImage(before),
    after: contractImage(ended),
  });
  return ok(ended);
}

export const endOperatingContract = (db: Db, viewer: Viewer, clock: Clock, input: EndContract) => withTransaction(db, (tx) => endOperatingContractIn(tx, viewer, clock, input));

// Reads

export async function contractsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(ContractRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.contractsByIds(db, viewer, ids), (r) => r.id);
}

export async function contractsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<ContractRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.contractsOfAssets(db, viewer, assetIds), (r) => r.assetId);
}

export function listContracts(db: Db, viewer: Viewer, filter: store.ContractFilter, args: PageArgs): Promise<Connection<ContractRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.CONTRACT_ORDER,
    (page) => store.contractsPage(db, viewer, filter, page),
    () => store.contractsCount(db, viewer, filter),
  );
}

/**
 * Expected income (应收) of an asset or a region from its contracts, for the periods due in
 * [from, to]; null for a region outside the viewer's scope, as the region summary answers.
 */
export async function expectedIncome(db: Db, viewer: Viewer, target: { assetId: number } | { regionCode: string }, from: string, to: string, listLimit: number) {
  assertCan(viewer, 'read');
  if ('regionCode' in target && !codeInScope(target.regionCode, viewer)) return null;
  const where = store.contractsWhere(viewer, 'regionCode' in target ? { regionPrefix: significantPrefix(target.regionCode) } : target);
  return withReportTimeout(db, async (tx) => {
    const [total, periods] = await Promise.all([store.expectedTotal(tx, where, from, to), store.periodsDueBetween(tx, where, from, to, listLimit)]);
    return { amountFen: total.amountFen, periodCount: total.periods, periods };
  });
}

/** Income written under a contract (a receipt, or a reversal's negative amount): what it received follows, in the writer's transaction. */
export function addReceivedIn(tx: Tx, contractId: number, amountFen: bigint): Promise<void> {
  return store.addReceived(tx, contractId, amountFen);
}

export { setReceived } from './contracts.store';

/** What each contract received to date, as kept on its row (arrears as of today). */
const RECEIVED_TO_DATE = () => sql`c.received_fen`;

/**
 * Arrears of the contracts of an asset or region on a date, most overdue first. `receivedBy` is
 * what each contract received by an earlier date (income.service gives it); null for today or
 * later, when the kept `received_fen` answers.
 */
export function arrears(db: Db, viewer: Viewer, scope: { assetId?: number; regionPrefix?: string }, asOf: string, receivedBy: ((contractId: SQL) => SQL) | null) {
  assertCan(viewer, 'read');
  const q = arrearsQuery(viewer, scope, asOf, receivedBy, undefined, true);
  // The question is what its statement's values are (today's arrears only: q.shape).
  const memo = q.shape ? rememberedTotals(db, JSON.stringify(q.shape)) : undefined;
  let totals: Promise<store.ArrearsTotal[]> | undefined;
  const remember = (figures: store.ArrearsFigures) => {
    if (memo && figures.fingerprint !== null && figures.totals) memo.keep(figures.fingerprint, figures.totals);
    // Figures without totals came with the fingerprint the memo holds.
    return figures.totals ?? memo!.totals!;
  };
  const totalsOnce = () => (totals ??= store.arrearsTotals(db, q, memo?.fingerprint ?? null).then(remember));
  return {
    // The page brings the totals along (one pass over the arrears, not two); an empty page cannot.
    page: (args: PageArgs) =>
      keysetConnection(
        args,
        store.ARREARS_ORDER,
        async (page) => {
          // A page of one county's today's arrears, remembered whole while the county's trails stand still.
          const trails = q.shape?.county === undefined ? undefined : trailsOf(rulingRegions(q.shape.county as number));
          const question = trails && JSON.stringify([q.shape, page]);
          const known = question ? rememberedPages.recall(db, question) : undefined;
          // Read before the page: the page is then never older than the heads it is remembered with.
          const heads = trails && (await trailHeads(db, trails));
          if (known && known.heads === heads) {
            totals ??= Promise.resolve(known.totals);
            return known.rows;
          }
          const found = await store.arrearsPage(db, q, page, memo?.fingerprint ?? null);
          if (!found.figures) return found.rows;
          // This statement's totals (read after the heads), whatever an earlier call may have asked.
          const pageTotals = remember(found.figures);
          totals ??= Promise.resolve(pageTotals);
          if (question && heads) rememberedPages.keep(db, question, { heads, rows: found.rows, totals: pageTotals });
          return found.rows;
        },
        async () => (await totalsOnce()).reduce((n, t) => n + t.periods, 0),
      ),
    totals: totalsOnce,
    byYear: () => store.arrearsByYear(db, q),
  };
}

/**
 * Today's arrears totals, remembered per database and question (viewer's scope, filter, date)
 * with the fingerprint of what they were worked out from (store.fingerprintSql: the contracts'
 * row versions and the grace in force). Every statement sends the fingerprint it remembers and
 * works the totals out again only when the database's differs, in the same snapshot as its page:
 * an answer is never older than its statement. A county's totals are most of its first page's
 * cost (2,017 owing contracts: 9.8 ms worked out, 4.5 ms known).
 */
interface RememberedTotals {
  readonly fingerprint: string | null;
  readonly totals: store.ArrearsTotal[] | null;
  keep(fingerprint: string, totals: store.ArrearsTotal[]): void;
}

/** Questions remembered per database; the least recently asked are forgotten past this many. */
const remembered = rememberedAnswers<{ fingerprint: string; totals: store.ArrearsTotal[] }>(1000);

function rememberedTotals(db: Db, question: string): RememberedTotals {
  const known = remembered.recall(db, question);
  return {
    fingerprint: known?.fingerprint ?? null,
    totals: known?.totals ?? null,
    keep: (fingerprint, totals) => remembered.keep(db, question, { fingerprint, totals }),
  };
}

/**
 * Pages of today's arrears of a county (or a township or village of it), remembered whole per
 * question (the statement's values and the page asked) with where the county's audit trails and
 * those its grace may be set in stood (audit.service trailHeads): every write that changes a
 * county's arrears — a receipt or reversal (a contract's kept `received_fen`), a contract made or
 * ended, an asset moving, a grace set — leaves an event in one of them. Asked again with the
 * trails still, one probe of the chain index answers instead of the arrears statement.
 */
const rememberedPages = rememberedAnswers<{ heads: string; rows: store.ArrearsRow[]; totals: store.ArrearsTotal[] }>(1000);

/** What an arrears query's text depends on the values of: the viewer's scope, the date, and the asset, region and county when given. */
type ArrearsValues = store.ContractBounds & { asOf: string; county?: number };

function arrearsQuery(
  viewer: Viewer,
  scope: { assetId?: number; regionPrefix?: string },
  asOf: string,
  receivedBy: ((contractId: SQL) => SQL) | null,
  graceDays?: (countyCode: SQL) => SQL,
  byShape = false,
): store.ArrearsQuery {
  // The longer of the two prefixes bounds the contracts (when they are not nested, none match).
  const prefix = [scope.regionPrefix ?? '', viewer.scope].reduce((a, b) => (b.length > a.length ? b : a));
  const county = countyOf(prefix);
  // The values given are the statement's shape: an absent filter is no key at all.
  const values: ArrearsValues = { ...store.contractBounds(viewer, scope), asOf };
  if (county !== undefined) values.county = county;
  const kept = !receivedBy && !graceDays;
  // Today's arrears asked by themselves (not inside another statement) are built once per shape, their values as placeholders.
  const shaped = byShape && kept;
  const v: ArrearsValues | Placeholders<ArrearsValues> = shaped ? placeholders(values) : values;
  // Today's arrears start from the contracts whose first unpaid period fell due before the
  // shortest grace anywhere (an index reads them); the rest owe nothing yet.
  const owing = kept ? sql`c.first_unpaid_on <= ${v.asOf}::date - ${ruleMinimumSql('INCOME_GRACE_DAYS', v.asOf)}` : undefined;
  return {
    where: and(store.contractsWhereIn(v), owing) as SQL,
    county: v.county,
    asOf: v.asOf,
    kept,
    shape: shaped ? values : undefined,
    received: receivedBy ?? RECEIVED_TO_DATE,
    graceDays: graceDays ?? ((code) => ruleValueSql('INCOME_GRACE_DAYS', code, v.asOf)),
  };
}

/** The ageing bucket of a period so many days overdue, as SQL (DAYS_0_90 … OVER_365). */
export const ageingBucketSql = store.ageingBucketSql;

/**
 * The unpaid periods past their grace of a region's contracts on a date, as a relation the audit
 * check INCOME_ARREARS groups (one row per period: contract_id, asset_id, region_code, due_on,
 * unpaid_fen, days_overdue). `graceDays` overrides the rule in force (SQL over a county's code).
 */
export function arrearsRelation(viewer: Viewer, regionPrefix: string, asOf: string, receivedBy: ((contractId: SQL) => SQL) | null, graceDays?: (countyCode: SQL) => SQL): SQL {
  assertCan(viewer, 'read');
  return store.arrearsRelation(arrearsQuery(viewer, { regionPrefix }, asOf, receivedBy, graceDays));
}

/** Expected income per asset of a subtree for the periods due in [from, to], as a relation (asset_id, region_code, expected_fen). */
export function expectedPerAssetRelation(viewer: Viewer, regionPrefix: string, from: string, to: string): SQL {
  assertCan(viewer, 'read');
  return store.expectedPerAssetRelation(store.contractsWhere(viewer, { regionPrefix }), from, to);
}

/** Expected income by the year periods fall due, for a region: [year, fen]. */
export async function expectedByYear(db: Db, viewer: Viewer, regionPrefix: string, years: number[]): Promise<{ year: number; amountFen: bigint }[]> {
  assertCan(viewer, 'read');
  const where = store.contractsWhere(viewer, { regionPrefix });
  return withReportTimeout(db, (tx) => Promise.all(years.map(async (year) => ({ year, amountFen: (await store.expectedTotal(tx, where, `${year}-01-01`, `${year}-12-31`)).amountFen }))));
}
