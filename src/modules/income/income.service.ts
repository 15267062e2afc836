/**
 * 资产收益 (income, DESIGN.md §3 IncomeRecord), part 1. Rules:
 * - FINANCE records income an asset received; it is apportioned on receipt to the asset's owners
 *   by their shares in force on the received date (apportion.ts: parts sum exactly to the
 *   amount); an asset without confirmed owners that day cannot receive income;
 * - a DISPOSED asset receives nothing but its DISPOSAL_PROCEEDS, and only an asset under disposal
 *   or disposed on the received date receives those (PROCEEDS_WITHOUT_DISPOSAL); income into a PERSONAL account
 *   is accepted and marked (the audit check INCOME_TO_PERSONAL_ACCOUNT reports it);
 * - append-only: `reverseIncome` writes the reversal (红字冲销) of the whole amount, its parts the
 *   negation of the original's; a record is reversed at most once, a reversal never; a record
 *   whose parts sit in a live allocation plan cannot be reversed until it leaves the plan;
 * - both are idempotent on `idempotencyKey` (idempotency.service);
 * - an owner's pool: apportioned, reversed, in plans, allocated, paid, balance.
 */
import type { SQL } from 'drizzle-orm';
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { drawId } from '../../db/ids';
import { withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import {
  UserErrorCode,
  UserErrors,
  checkAmount,
  checkDateOrder,
  checkNotInFuture,
  defineErrorCodes,
  ok,
  optionalText,
  refusal,
  refused,
  requiredText,
  text,
  type Outcome,
} from '../../graphql/user-errors';
import { lockAssetForChange, statusOn } from '../assets/assets.service';
import { recordAuditEvent } from '../audit/audit.service';
import { ARREARS_BUCKETS } from './income.types';
import { addReceivedIn, arrearsRelation, arrears as contractArrears, contractsByIds } from '../contracts/contracts.service';
import { idempotent } from '../idempotency/idempotency.service';
import { OwnershipError, registerSharesReliedOn, sharesOn } from '../ownership/ownership.service';
import { apportion } from './apportion';
import type { IncomePartRow, IncomeRow } from './income.table';
import * as store from './income.store';

export type { AccountType, IncomeKind, IncomePartRow, IncomeRow } from './income.table';
export { ACCOUNT_TYPES, INCOME_KINDS } from './income.table';
export type { IncomeFilter } from './income.store';
export { insertIncome, insertParts, type NewIncome, type NewPart } from './income.store';

export const IncomeError = defineErrorCodes({
  NO_CONFIRMED_OWNERS: text('该资产在收款日没有确权的权属主体，收益无法分配', 'The asset had no confirmed owners on the received date, so its income cannot be apportioned.'),
  CONTRACT_OF_ANOTHER_ASSET: text('该合同属于另一项资产', 'The contract belongs to another asset.'),
  INCOME_IN_LIVE_PLAN: text('该笔收益已列入有效的分配方案，请先将其移出方案', 'Parts of this income are in a live allocation plan; take them out of the plan first.'),
  PROCEEDS_WITHOUT_DISPOSAL: text('资产不在处置中，也未处置，不能登记处置收入', 'The asset is neither under disposal nor disposed: it has no disposal proceeds.'),
});

// Income is apportioned by the shares of its received date: those shares may no longer change.
registerSharesReliedOn((tx, assetId) => store.latestUnreversedReceipt(tx, assetId));

const DISPOSING: string[] = ['UNDER_DISPOSAL', 'DISPOSED'];
const LABEL = { voucherNo: text('凭证号', 'Voucher number'), note: text('备注', 'Note'), reason: text('冲销原因', 'Reason for the reversal') };

/** The record and its parts in the API's terms (the audit trail's images). */
export function incomeImage(r: Omit<IncomeRow, 'createdAt'>, parts: Pick<IncomePartRow, 'ownerPartyId' | 'shareBp' | 'amountFen'>[]) {
  return {
    id: toGlobalId('IncomeRecord', r.id),
    assetId: toGlobalId('Asset', r.assetId),
    contractId: r.contractId === null ? null : toGlobalId('OperatingContract', r.contractId),
    kind: r.kind,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    amount: formatMoney(r.amountFen),
    receivedOn: r.receivedOn,
    accountType: r.accountType,
    voucherNo: r.voucherNo,
    reversesId: r.reversesId === null ? null : toGlobalId('IncomeRecord', r.reversesId),
    parts: parts.map((p) => ({ ownerId: toGlobalId('Party', p.ownerPartyId), shareBp: p.shareBp, amount: formatMoney(p.amountFen) })),
  };
}

export interface RecordIncome {
  assetId: number | undefined;
  contractId?: string | null;
  kind: IncomeRow['kind'];
  periodFrom?: string | null;
  periodTo?: string | null;
  amount: bigint;
  receivedOn: string;
  accountType: IncomeRow['accountType'];
  voucherNo?: string | null;
  note?: string | null;
  idempotencyKey?: string | null;
}

export interface IncomeWithParts {
  income: IncomeRow;
  parts: IncomePartRow[];
}

async function replay(tx: Tx, viewer: Viewer, id: number): Promise<IncomeWithParts | null> {
  const [row] = await store.incomeByIds(tx, viewer, [id]);
  return row ? { income: row, parts: await store.partsOfIncome(tx, id) } : null;
}

/** Records income received (收益入账) and apportions it to the owners, inside the caller's transaction. */
export async function recordIncomeIn(tx: Tx, viewer: Viewer, clock: Clock, input: RecordIncome): Promise<Outcome<IncomeWithParts>> {
  assertCan(viewer, 'finance:write');
  const { idempotencyKey, ...request } = input;
  return idempotent(tx, viewer, { operation: 'recordIncome', key: idempotencyKey, input: request }, () => writeIncome(tx, viewer, clock, input), {
    idOf: (v) => v.income.id,
    replay: (id) => replay(tx, viewer, id),
  });
}

async function writeIncome(tx: Tx, viewer: Viewer, clock: Clock, input: RecordIncome): Promise<Outcome<IncomeWithParts>> {
  // Proceeds of a disposal may arrive after the asset is DISPOSED; nothing else may.
  const asset = await lockAssetForChange(tx, viewer, input.assetId, null, 'assetId', { allowDisposed: input.kind === 'DISPOSAL_PROCEEDS' });
  if (Array.isArray(asset)) return refused(asset);
  const errors = new UserErrors();
  // Proceeds come of a disposal: under way on the day they came (completed with its proceeds), or done (arriving later).
  if (input.kind === 'DISPOSAL_PROCEEDS' && !DISPOSING.includes((await statusOn(tx, asset.id, input.receivedOn)) ?? 'IN_USE'))
    errors.add(
      ['input', 'kind'],
      IncomeError.PROCEEDS_WITHOUT_DISPOSAL,
      text(`资产在 ${input.receivedOn} 不在处置中，也未处置，不能登记处置收入`, `On ${input.receivedOn} the asset was neither under disposal nor disposed: it had no disposal proceeds`),
    );
  checkAmount(errors, ['input', 'amount'], input.amount, { hint: text('更正请冲销', 'correct a record by reversing it') });
  checkNotInFuture(errors, ['input', 'receivedOn'], input.receivedOn, clock.today(), text('收款日期', 'The received date'));
  checkDateOrder(errors, [
    ['periodFrom', input.periodFrom],
    ['periodTo', input.periodTo],
  ]);
  const voucherNo = optionalText(errors, ['input', 'voucherNo'], input.voucherNo, 100, LABEL.voucherNo);
  const note = optionalText(errors, ['input', 'note'], input.note, 1000, LABEL.note);
  let contractId: number | null = null;
  if (input.contractId) {
    const id = tryKeyOf(input.contractId, 'OperatingContract');
    const [contract] = id === undefined ? [null] : await contractsByIds(tx, viewer, [id]);
    if (!contract) errors.add(['input', 'contractId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此合同', 'No contract with this id in your scope'));
    else if (contract.assetId !== asset.id) errors.add(['input', 'contractId'], IncomeError.CONTRACT_OF_ANOTHER_ASSET);
    contractId = contract?.id ?? null;
  }
  // The owners on the received date and the record's id in one round trip (pipelined), then the record, its parts and its audit event in another.
  const [shares, id] = await Promise.all([sharesOn(tx, asset.id, input.receivedOn), drawId(tx, 'income_record')]);
  if (shares.length === 0)
    errors.add(
      ['input', 'assetId'],
      IncomeError.NO_CONFIRMED_OWNERS,
      text(`该资产在 ${input.receivedOn} 没有确权的权属主体，收益无法分配`, `The asset had no confirmed owners on ${input.receivedOn}, so its income cannot be apportioned`),
    );
  // Owner sets written before two could no longer overlap may still hold more (or less) than the
  // whole on a day: the income cannot be shared by them, and the ownership must be put right first.
  else if (shares.reduce((sum, s) => sum + s.shareBp, 0) !== 10_000)
    errors.add(
      ['input', 'receivedOn'],
      OwnershipError.SHARES_NOT_10000,
      text(
        `该资产在 ${input.receivedOn} 的确权份额合计不是 10000 基点，收益无法分配（该日的确权记录须由管理员更正）`,
        `The asset's owner shares on ${input.receivedOn} do not sum to 10000 bp, so its income cannot be apportioned (an administrator must correct that day's ownership records)`,
      ),
    );
  if (errors.any) return refused(errors);
  const row = {
    id,
    assetId: asset.id,
    regionCode: asset.regionCode,
    contractId,
    kind: input.kind,
    periodFrom: input.periodFrom ?? null,
    periodTo: input.periodTo ?? null,
    amountFen: input.amount,
    receivedOn: input.receivedOn,
    accountType: input.accountType,
    voucherNo,
    reversesId: null,
    note,
    actorId: viewer.userId,
  };
  const amounts = apportion(
    input.amount,
    shares.map((s) => ({ id: s.ownerPartyId, shareBp: s.shareBp })),
  );
  const newParts = shares.map((s, i) => ({
    incomeId: id,
    assetId: asset.id,
    regionCode: asset.regionCode,
    ownerPartyId: s.ownerPartyId,
    ownerRegionCode: s.ownerRegionCode,
    shareBp: s.shareBp,
    amountFen: amounts[i]!,
    receivedOn: input.receivedOn,
  }));
  const [record, parts] = await Promise.all([
    store.insertIncomeWithId(tx, row),
    store.insertParts(tx, newParts),
    recordAuditEvent(tx, viewer, clock, {
      action: 'income.record',
      entityType: 'Asset',
      entityId: toGlobalId('Asset', asset.id),
      regionCode: asset.regionCode,
      before: null,
      after: incomeImage(row, newParts),
    }),
    contractId === null ? undefined : addReceivedIn(tx, contractId, input.amount),
  ]);
  return ok({ income: record, parts });
}

/**
 * The proceeds a disposal's completion brings (处置收入), recorded and apportioned in the
 * completion's transaction under the completer's right to complete it (disposal module).
 */
export function recordProceedsIn(tx: Tx, viewer: Viewer, clock: Clock, input: Omit<RecordIncome, 'kind' | 'idempotencyKey' | 'contractId'>): Promise<Outcome<IncomeWithParts>> {
  return writeIncome(tx, viewer, clock, { ...input, kind: 'DISPOSAL_PROCEEDS' });
}

export const recordIncome = (db: Db, viewer: Viewer, clock: Clock, input: RecordIncome) => withTransaction(db, (tx) => recordIncomeIn(tx, viewer, clock, input));

export interface ReverseIncome {
  incomeId: number | undefined;
  reason: string;
  /** The date of the reversal; today when omitted. */
  reversedOn?: string | null;
  idempotencyKey?: string | null;
}

/** Reverses an income record in full (红字冲销), inside the caller's transaction. */
export async function reverseIncomeIn(tx: Tx, viewer: Viewer, clock: Clock, input: ReverseIncome): Promise<Outcome<IncomeWithParts>> {
  assertCan(viewer, 'finance:write');
  const { idempotencyKey, ...request } = input;
  return idempotent(tx, viewer, { operation: 'reverseIncome', key: idempotencyKey, input: request }, () => writeReversal(tx, viewer, clock, input), {
    idOf: (v) => v.income.id,
    replay: (id) => replay(tx, viewer, id),
  });
}

async function writeReversal(tx: Tx, viewer: Viewer, clock: Clock, input: ReverseIncome): Promise<Outcome<IncomeWithParts>> {
  const [found] = input.incomeId === undefined ? [] : await store.incomeByIds(tx, viewer, [input.incomeId]);
  if (!found) return refusal(['input', 'incomeId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此收益记录', 'No income record with this id in your scope'));
  // The asset first, then the record: the order every income write locks in.
  const asset = await lockAssetForChange(tx, viewer, found.assetId, null, 'incomeId', { allowDisposed: true });
  if (Array.isArray(asset)) return refused(asset);
  const original = (await store.lockIncome(tx, viewer, found.id))!;
  const errors = new UserErrors();
  const reason = requiredText(errors, ['input', 'reason'], input.reason, 500, LABEL.reason);
  const reversedOn = input.reversedOn ?? clock.today();
  checkNotInFuture(errors, ['input', 'reversedOn'], reversedOn, clock.today(), text('冲销日期', 'The reversal'));
  if (reversedOn < original.receivedOn)
    errors.add(
      ['input', 'reversedOn'],
      UserErrorCode.DATE_ORDER,
      text(`原记录收款于 ${original.receivedOn}，冲销不能早于该日`, `The record was received on ${original.receivedOn}; its reversal cannot be earlier`),
    );
  if (original.reversesId !== null) errors.add(['input', 'incomeId'], UserErrorCode.REVERSAL_NOT_REVERSIBLE);
  else if (await store.reversalOf(tx, original.id)) errors.add(['input', 'incomeId'], UserErrorCode.ALREADY_REVERSED);
  // Locked: a plan taking these parts at the same moment either has them (refused here) or waits and leaves them.
  const originalParts = await store.lockPartsOfIncome(tx, original.id);
  if (originalParts.some((p) => p.planId !== null)) errors.add(['input', 'incomeId'], IncomeError.INCOME_IN_LIVE_PLAN);
  if (errors.any) return refused(errors);
  const [reversal] = (await store.insertIncome(tx, [
    {
      assetId: original.assetId,
      regionCode: original.regionCode,
      contractId: original.contractId,
      kind: original.kind,
      periodFrom: original.periodFrom,
      periodTo: original.periodTo,
      amountFen: -original.amountFen,
      receivedOn: reversedOn,
      accountType: original.accountType,
      voucherNo: original.voucherNo,
      reversesId: original.id,
      note: reason,
      actorId: viewer.userId,
    },
  ])) as [IncomeRow];
  if (original.contractId !== null) await addReceivedIn(tx, original.contractId, -original.amountFen);
  const parts = await store.insertParts(
    tx,
    originalParts.map((p) => ({
      incomeId: reversal.id,
      assetId: p.assetId,
      regionCode: p.regionCode,
      ownerPartyId: p.ownerPartyId,
      ownerRegionCode: p.ownerRegionCode,
      shareBp: p.shareBp,
      amountFen: -p.amountFen,
      receivedOn: reversedOn,
    })),
  );
  for (const undo of onReversal) await undo(tx, viewer, clock, original);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'income.reverse',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', original.assetId),
    regionCode: original.regionCode,
    before: incomeImage(original, originalParts),
    after: incomeImage(reversal, parts),
  });
  return ok({ income: reversal, parts });
}

/** What else a reversal undoes, in its transaction: the statements module releases the bank line matched to the record. */
type OnReversal = (tx: Tx, viewer: Viewer, clock: Clock, reversed: IncomeRow) => Promise<void>;
const onReversal: OnReversal[] = [];
export function registerOnReversal(undo: OnReversal): void {
  onReversal.push(undo);
}

export const reverseIncome = (db: Db, viewer: Viewer, clock: Clock, input: ReverseIncome) => withTransaction(db, (tx) => reverseIncomeIn(tx, viewer, clock, input));

// Reads

export async function incomeByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(IncomeRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.incomeByIds(db, viewer, ids), (r) => r.id);
}

export async function incomeOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<IncomeRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.incomeOfAssets(db, viewer, assetIds), (r) => r.assetId);
}

export async function partsOfIncomes(db: Db, viewer: Viewer, incomeIds: readonly number[]): Promise<IncomePartRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(incomeIds, await store.partsOfIncomes(db, viewer, incomeIds), (r) => r.incomeId);
}

export function listIncome(db: Db, viewer: Viewer, filter: store.IncomeFilter, args: PageArgs): Promise<Connection<IncomeRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.INCOME_ORDER,
    (page) => store.incomePage(db, viewer, filter, page),
    () => store.incomeCount(db, viewer, filter),
  );
}

export function ownerParts(db: Db, viewer: Viewer, ownerPartyId: number, args: PageArgs): Promise<Connection<IncomePartRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.PART_ORDER,
    (page) => store.partsPage(db, viewer, ownerPartyId, page),
    () => store.partsCount(db, viewer, ownerPartyId),
  );
}

// Allocation plans (allocation module) take an owner's parts and give them back.

/**
 * The owner's receipts in no plan, received in [from, to] and not reversed, locked: what a plan
 * may take. Two plans never take one part, and a reversal of their record waits for the plan.
 */
export async function lockPlannableParts(tx: Tx, viewer: Viewer, ownerPartyId: number, from: string, to: string): Promise<IncomePartRow[]> {
  const locked = await store.lockUnplannedParts(tx, viewer, ownerPartyId, from, to);
  const reversed = locked.length
    ? await store.reversedParts(
        tx,
        locked.map((p) => p.id),
      )
    : new Set<number>();
  return locked.filter((p) => !reversed.has(p.id));
}

/** The plan takes these parts (locked by lockPlannableParts in the same transaction). */
export function assignPartsToPlan(tx: Tx, partIds: readonly number[], planId: number): Promise<void> {
  return store.setPlanOfParts(tx, { partIds }, planId);
}

/** What a plan took returns to the owner's pool (the plan was cancelled). */
export function releasePartsOfPlan(tx: Tx, planId: number): Promise<void> {
  return store.setPlanOfParts(tx, { fromPlan: planId }, null);
}

/** The plans that hold parts of each asset's income (the asset timeline shows them). */
export async function plansOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<number[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.plansOfAssets(db, viewer, assetIds), (r) => r.assetId).map((rows) => rows.map((r) => r.planId));
}

export async function partsOfPlans(db: Db, viewer: Viewer, planIds: readonly number[]): Promise<IncomePartRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(planIds, await store.partsOfPlans(db, viewer, planIds), (r) => r.planId!);
}

/** What the owner's plans allocated, paid and carried forward by a date: the allocation module answers it. */
type AllocationFigures = (db: Db, viewer: Viewer, ownerPartyId: number, asOf: string) => Promise<{ allocatedFen: bigint; paidFen: bigint; carriedForwardFen: bigint }>;
let allocationFigures: AllocationFigures = async () => ({ allocatedFen: 0n, paidFen: 0n, carriedForwardFen: 0n });
export function registerAllocationFigures(figures: AllocationFigures): void {
  allocationFigures = figures;
}

/** An owner's income pool (收益池) on a date. */
export interface IncomePool {
  ownerPartyId: number;
  asOf: string;
  apportionedFen: bigint;
  reversedFen: bigint;
  /** Taken into allocation plans not cancelled. */
  inPlansFen: bigint;
  allocatedFen: bigint;
  paidFen: bigint;
  /** Kept with the owner by approved plans (结转): never paid, not to be planned again. */
  carriedForwardFen: bigint;
  /** Apportioned less reversed less what plans took: what is left to plan. */
  balanceFen: bigint;
  oldestUnplannedOn: string | null;
}

export async function incomePool(db: Db, viewer: Viewer, ownerPartyId: number, asOf: string): Promise<IncomePool> {
  assertCan(viewer, 'read');
  const [t, plans] = await Promise.all([store.poolTotals(db, viewer, ownerPartyId, asOf), allocationFigures(db, viewer, ownerPartyId, asOf)]);
  return {
    ownerPartyId,
    asOf,
    apportionedFen: t.apportioned,
    reversedFen: t.reversed,
    inPlansFen: t.inPlans,
    allocatedFen: plans.allocatedFen,
    paidFen: plans.paidFen,
    carriedForwardFen: plans.carriedForwardFen,
    balanceFen: t.apportioned + t.reversed - t.inPlans,
    oldestUnplannedOn: t.oldestUnplanned,
  };
}

/** Arrears (欠收) of an asset's or a region's contracts on a date, most overdue first, with totals by ageing bucket. */
export function arrears(db: Db, viewer: Viewer, scope: { assetId?: number; regionPrefix?: string }, asOf: string, today: string) {
  const found = contractArrears(db, viewer, scope, asOf, receivedFor(asOf, today));
  // Every bucket, in ageing order, as the reconciliation gives them: an empty one is 0, not missing.
  const totals = async () => {
    const rows = await found.totals();
    return ARREARS_BUCKETS.map((bucket) => rows.find((r) => r.bucket === bucket) ?? { bucket, periods: 0, unpaidFen: '0' });
  };
  return { ...found, totals };
}

/**
 * What contracts received by a date, for their arrears: today's (or later) is kept on each
 * contract's row (null); an earlier date's is a scalar subquery summing its income up to then.
 */
const receivedFor = (asOf: string, today: string) => (asOf >= today ? null : store.receivedByContract(asOf));

export function receivedByYear(db: Db, viewer: Viewer, prefix: string, asOf: string) {
  assertCan(viewer, 'read');
  return store.receivedByYear(db, viewer, prefix, asOf);
}

/** Received and reversed per asset of a subtree in [from, to], as a relation (the reconciliation). */
export function incomePerAssetRelation(viewer: Viewer, regionPrefix: string, from: string, to: string): SQL {
  assertCan(viewer, 'read');
  return store.incomePerAssetRelation(viewer, regionPrefix, from, to);
}

/** The plans holding parts of a subtree's income received in [from, to], as a relation (plan_id): what a reconciliation's figures in plans depend on. */
export function plansHoldingIncomeRelation(regionPrefix: string, from: string, to: string): SQL {
  return store.plansHoldingIncomeRelation(regionPrefix, from, to);
}

/** The owners' parts per asset of a subtree in [from, to] as a relation: apportioned, in no plan, in plans (the reconciliation). */
export function partsPerAssetOwnerRelation(viewer: Viewer, regionPrefix: string, from: string, to: string): SQL {
  assertCan(viewer, 'read');
  return store.partsPerAssetOwnerRelation(viewer, regionPrefix, from, to);
}

/** The unpaid periods of a subtree's contracts on a date, as a relation (contracts.service arrearsRelation): today's from each contract's row, an earlier date's from its income up to then. */
export function arrearsRelationOn(viewer: Viewer, regionPrefix: string, asOf: string, today: string, graceDays?: (countyCode: SQL) => SQL): SQL {
  return arrearsRelation(viewer, regionPrefix, asOf, receivedFor(asOf, today), graceDays);
}

/** Receipts that stand in [from, to] with a part for the owner, locked (bank statement matching). */
export function lockStandingReceiptsOfOwner(tx: Tx, viewer: Viewer, ownerPartyId: number, from: string, to: string): Promise<IncomeRow[]> {
  assertCan(viewer, 'finance:write');
  return store.lockStandingReceiptsOfOwner(tx, viewer, ownerPartyId, from, to);
}

/** Whether a reversal of the record exists. */
export async function isReversed(tx: Tx, incomeId: number): Promise<boolean> {
  return (await store.reversalOf(tx, incomeId)) !== undefined;
}

/** What each of these contracts received in all, net of reversals. */
export function receivedOfContracts(tx: Tx, contractIds: readonly number[]): Promise<Map<number, bigint>> {
  return store.receivedPerContract(tx, contractIds);
}
