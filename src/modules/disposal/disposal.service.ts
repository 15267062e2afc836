/**
 * 处置 (disposal, DESIGN.md §3 Disposal): an ASSET_MANAGER asks, with the method, the reason and
 * the appraised value, and the asset goes UNDER_DISPOSAL; the township then the county approve,
 * each by an ADMIN or ASSET_MANAGER whose scope lies above the asset's village (the county's from
 * the county or above), never the one who asked, and not the same person twice; a rejection at
 * either level returns the asset to the status it had; the completion makes it DISPOSED and,
 * when proceeds come with it, records them as DISPOSAL_PROCEEDS income apportioned to the owners,
 * all in one transaction. An asset with a contract still in force or income in a live plan cannot
 * complete its disposal: the userError names them.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withTransaction, withTransactionKeptIf, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { AppError } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import {
  UserErrorCode,
  UserErrors,
  checkAmount,
  checkNotInFuture,
  defineErrorCodes,
  ok,
  optionalText,
  refusal,
  refused,
  requiredText,
  text,
  versionConflict,
  type Outcome,
  type UserErrorValue,
} from '../../graphql/user-errors';
import { livePlansAmong } from '../allocation/allocation.service';
import { changeLockedAssetStatus, lockAssetForChange, type AssetRow } from '../assets/assets.service';
import { recordAuditEvent } from '../audit/audit.service';
import { contractsOfAssets } from '../contracts/contracts.service';
import { IncomeError, plansOfAssets, recordProceedsIn, type AccountType } from '../income/income.service';
import type { DisposalMethod, DisposalRow } from './disposal.table';
import * as store from './disposal.store';

export type { DisposalMethod, DisposalRow, DisposalStatus } from './disposal.table';
export { DISPOSAL_METHODS, DISPOSAL_STATUSES } from './disposal.table';
export type { DisposalFilter } from './disposal.store';

export const DisposalError = defineErrorCodes({
  DISPOSAL_ALREADY_OPEN: text('该资产已有处置申请在办', 'A disposal of this asset is already under way.'),
  DISPOSAL_NOT_PENDING: text('该处置不在待审批状态', 'The disposal is not waiting for an approval.'),
  DISPOSAL_NOT_APPROVED: text('处置尚未经县级批准，不能完成', 'The disposal has not been approved by the county; it cannot be completed.'),
  SAME_APPROVER: text('同一人不能审批两级', 'One person may not approve at both levels.'),
  OPEN_CONTRACT: text('资产仍有在履行的经营合同，请先终止', 'A contract of the asset is still in force; end it first.'),
});

const LABEL = { reason: text('处置原因', 'Reason'), rejectReason: text('驳回理由', 'Reason for the rejection'), buyer: text('受让方', 'Buyer'), voucherNo: text('凭证号', 'Voucher number') };

export function disposalImage(d: DisposalRow) {
  return {
    id: toGlobalId('Disposal', d.id),
    assetId: toGlobalId('Asset', d.assetId),
    method: d.method,
    reason: d.reason,
    appraisedValue: formatMoney(d.appraisedValueFen),
    status: d.status,
    requestedOn: d.requestedOn,
    townshipApprovedBy: d.townshipApprovedBy,
    countyApprovedBy: d.countyApprovedBy,
    rejectReason: d.rejectReason,
    completedOn: d.completedOn,
    proceedsIncomeId: d.proceedsIncomeId === null ? null : toGlobalId('IncomeRecord', d.proceedsIncomeId),
    version: d.version,
  };
}

async function audited(
  tx: Tx,
  viewer: Viewer,
  clock: Clock,
  action: 'disposal.request' | 'disposal.approve' | 'disposal.reject' | 'disposal.complete',
  before: DisposalRow | null,
  after: DisposalRow,
) {
  await recordAuditEvent(tx, viewer, clock, {
    action,
    entityType: 'Asset',
    entityId: toGlobalId('Asset', after.assetId),
    regionCode: after.regionCode,
    before: before && disposalImage(before),
    after: disposalImage(after),
  });
}

export interface RequestDisposal {
  assetId: number | undefined;
  method: DisposalMethod;
  reason: string;
  appraisedValue: bigint;
  requestedOn?: string | null;
  expectedVersion?: number | null;
}

/** 处置申请: the asset goes UNDER_DISPOSAL. */
export function requestDisposal(db: Db, viewer: Viewer, clock: Clock, input: RequestDisposal): Promise<Outcome<DisposalRow>> {
  assertCan(viewer, 'register:write');
  return withTransaction(db, async (tx) => {
    const asset = await lockAssetForChange(tx, viewer, input.assetId, input.expectedVersion, 'assetId');
    if (Array.isArray(asset)) return refused(asset);
    const errors = new UserErrors();
    const reason = requiredText(errors, ['input', 'reason'], input.reason, 1000, LABEL.reason);
    checkAmount(errors, ['input', 'appraisedValue'], input.appraisedValue, { zeroAllowed: true });
    const requestedOn = input.requestedOn ?? clock.today();
    checkNotInFuture(errors, ['input', 'requestedOn'], requestedOn, clock.today(), text('申请日期', 'The request'));
    if (await store.openDisposalOf(tx, asset.id)) errors.add(['input', 'assetId'], DisposalError.DISPOSAL_ALREADY_OPEN);
    if (errors.any) return refused(errors);
    // An asset the ledger already lists as 处置中 (registered so) enters the workflow as it is.
    if (asset.status !== 'UNDER_DISPOSAL') {
      const moved = await changeLockedAssetStatus(tx, viewer, clock, asset, { status: 'UNDER_DISPOSAL', reason: `处置申请：${reason}`, effectiveOn: requestedOn });
      // Said at the input that brought it: the asset (its status) or the request's date.
      if (Array.isArray(moved)) return refused((moved as UserErrorValue[]).map((e) => ({ ...e, field: e.field?.at(-1) === 'status' ? ['input', 'assetId'] : ['input', 'requestedOn'] })));
    }
    const created = await store.insertDisposal(tx, {
      assetId: asset.id,
      regionCode: asset.regionCode,
      method: input.method,
      reason,
      appraisedValueFen: input.appraisedValue,
      previousStatus: asset.status,
      requestedBy: viewer.userId,
      requestedOn,
    });
    await audited(tx, viewer, clock, 'disposal.request', null, created);
    return ok(created);
  });
}

/** Whether a scope sits at the county or above (the county's approval). */
const countyOrAbove = (scope: string) => scope.length <= 6;

/** The disposal locked, with the approval rule of its level checked (FORBIDDEN when the viewer may not decide it). */
async function lockForDecision(tx: Tx, viewer: Viewer, id: number | undefined, expectedVersion: number | null | undefined): Promise<DisposalRow | UserErrorValue[]> {
  const found = id === undefined ? undefined : await store.lockDisposal(tx, viewer, id);
  if (!found) return [{ field: ['input', 'disposalId'], code: UserErrorCode.NOT_FOUND, message: text('您的范围内没有此处置', 'No disposal with this id in your scope') }];
  assertCan(viewer, 'disposal:approve', { kind: 'approval', regionCode: found.regionCode, requestedBy: found.requestedBy });
  // Past the township, the decision is the county's.
  if (found.townshipApprovedBy !== null && !countyOrAbove(viewer.scope)) throw new AppError('FORBIDDEN', "The county's decision is taken from the county or above");
  const stale = versionConflict(found, expectedVersion, ['input', 'expectedVersion'], text('处置', 'The disposal'));
  if (stale) return [stale];
  if (found.status !== 'REQUESTED')
    return [{ field: ['input', 'disposalId'], code: DisposalError.DISPOSAL_NOT_PENDING, message: text(`该处置状态为 ${found.status}`, `The disposal is ${found.status}`) }];
  return found;
}

export interface DecideDisposal {
  disposalId: number | undefined;
  decidedOn?: string | null;
  expectedVersion?: number | null;
}

/** 审批: the township's approval, then the county's; the second makes it APPROVED. */
export function approveDisposal(db: Db, viewer: Viewer, clock: Clock, input: DecideDisposal): Promise<Outcome<DisposalRow>> {
  assertCan(viewer, 'disposal:approve');
  return withTransaction(db, async (tx) => {
    const found = await lockForDecision(tx, viewer, input.disposalId, input.expectedVersion);
    if (Array.isArray(found)) return refused(found);
    const on = input.decidedOn ?? clock.today();
    const errors = new UserErrors();
    checkNotInFuture(errors, ['input', 'decidedOn'], on, clock.today(), text('审批日期', 'The approval'));
    const previous = found.townshipApprovedOn ?? found.requestedOn;
    if (on < previous) errors.add(['input', 'decidedOn'], UserErrorCode.DATE_ORDER, text(`审批不能早于 ${previous}`, `The approval cannot be before ${previous}`));
    const township = found.townshipApprovedBy === null;
    if (!township && found.townshipApprovedBy === viewer.userId) errors.add(['input', 'disposalId'], DisposalError.SAME_APPROVER);
    if (errors.any) return refused(errors);
    const approved = await store.updateDisposal(
      tx,
      found.id,
      township ? { townshipApprovedBy: viewer.userId, townshipApprovedOn: on } : { countyApprovedBy: viewer.userId, countyApprovedOn: on, status: 'APPROVED' },
    );
    await audited(tx, viewer, clock, 'disposal.approve', found, approved);
    return ok(approved);
  });
}

export interface RejectDisposal extends DecideDisposal {
  reason: string;
}

/** 驳回: at either level; the asset returns to the status it had before the request. */
export function rejectDisposal(db: Db, viewer: Viewer, clock: Clock, input: RejectDisposal): Promise<Outcome<DisposalRow>> {
  assertCan(viewer, 'disposal:approve');
  return withTransaction(db, async (tx) => {
    const found = await lockForDecision(tx, viewer, input.disposalId, input.expectedVersion);
    if (Array.isArray(found)) return refused(found);
    const errors = new UserErrors();
    const reason = requiredText(errors, ['input', 'reason'], input.reason, 1000, LABEL.rejectReason);
    const on = input.decidedOn ?? clock.today();
    checkNotInFuture(errors, ['input', 'decidedOn'], on, clock.today(), text('驳回日期', 'The rejection'));
    if (on < found.requestedOn)
      errors.add(['input', 'decidedOn'], UserErrorCode.DATE_ORDER, text(`驳回不能早于申请日 ${found.requestedOn}`, `The rejection cannot be before the request of ${found.requestedOn}`));
    if (errors.any) return refused(errors);
    const asset = await lockAssetForChange(tx, viewer, found.assetId, null, 'disposalId');
    if (Array.isArray(asset)) return refused(asset);
    // Back to the status it had; one the ledger listed as under disposal stays so.
    if (found.previousStatus !== asset.status) {
      const back = await changeLockedAssetStatus(tx, viewer, clock, asset, { status: found.previousStatus as AssetRow['status'], reason: `处置驳回：${reason}`, effectiveOn: on });
      if (Array.isArray(back)) return refused((back as UserErrorValue[]).map((e) => ({ ...e, field: ['input', 'decidedOn'] })));
    }
    const rejected = await store.updateDisposal(tx, found.id, { status: 'REJECTED', rejectedBy: viewer.userId, rejectedOn: on, rejectReason: reason });
    await audited(tx, viewer, clock, 'disposal.reject', found, rejected);
    return ok(rejected);
  });
}

export interface CompleteDisposal {
  disposalId: number | undefined;
  completedOn?: string | null;
  buyer?: string | null;
  proceeds?: { amount: bigint; receivedOn?: string | null; accountType: AccountType; voucherNo?: string | null } | null;
  expectedVersion?: number | null;
}

/** 处置完成: the asset becomes DISPOSED; proceeds received with it become DISPOSAL_PROCEEDS income, apportioned. */
export function completeDisposal(db: Db, viewer: Viewer, clock: Clock, input: CompleteDisposal): Promise<Outcome<DisposalRow>> {
  assertCan(viewer, 'register:write');
  // Proceeds are written before the asset moves: a refusal after them rolls the whole completion back.
  return withTransactionKeptIf(db, async (tx) => {
    const outcome = await completeIn(tx, viewer, clock, input);
    return { keep: outcome.value !== null, value: outcome };
  });
}

async function completeIn(tx: Tx, viewer: Viewer, clock: Clock, input: CompleteDisposal): Promise<Outcome<DisposalRow>> {
  const found = input.disposalId === undefined ? undefined : await store.lockDisposal(tx, viewer, input.disposalId);
  if (!found) return refusal(['input', 'disposalId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此处置', 'No disposal with this id in your scope'));
  const stale = versionConflict(found, input.expectedVersion, ['input', 'expectedVersion'], text('处置', 'The disposal'));
  if (stale) return refused([stale]);
  // Still waiting for the county is "not approved"; decided already (completed, rejected) is "not pending".
  if (found.status === 'COMPLETED' || found.status === 'REJECTED')
    return refusal(['input', 'disposalId'], DisposalError.DISPOSAL_NOT_PENDING, text(`该处置状态为 ${found.status}`, `The disposal is ${found.status}`));
  if (found.status !== 'APPROVED') return refusal(['input', 'disposalId'], DisposalError.DISPOSAL_NOT_APPROVED);
  const asset = await lockAssetForChange(tx, viewer, found.assetId, null, 'disposalId');
  if (Array.isArray(asset)) return refused(asset);
  const errors = new UserErrors();
  const completedOn = input.completedOn ?? clock.today();
  checkNotInFuture(errors, ['input', 'completedOn'], completedOn, clock.today(), text('完成日期', 'The completion'));
  if (completedOn < found.countyApprovedOn!)
    errors.add(
      ['input', 'completedOn'],
      UserErrorCode.DATE_ORDER,
      text(`完成不能早于县级批准日 ${found.countyApprovedOn}`, `The completion cannot be before the county's approval of ${found.countyApprovedOn}`),
    );
  const buyer = optionalText(errors, ['input', 'buyer'], input.buyer, 200, LABEL.buyer);
  // Settled first: a contract still in force, income in a plan not yet paid out.
  const open = ((await contractsOfAssets(tx, viewer, [asset.id]))[0] ?? []).filter((c) => c.status === 'ACTIVE' && (c.endedOn ?? c.endsOn) >= completedOn);
  for (const c of open)
    errors.add(
      ['input', 'disposalId'],
      DisposalError.OPEN_CONTRACT,
      text(`合同 ${c.contractNo ?? c.id} 至 ${c.endedOn ?? c.endsOn} 仍在履行`, `Contract ${c.contractNo ?? c.id} is in force until ${c.endedOn ?? c.endsOn}`),
    );
  // Every owner's plan counts, in the caller's scope or not (a jointly built asset's other village).
  const planIds = (await plansOfAssets(tx, viewer, [asset.id]))[0] ?? [];
  for (const p of await livePlansAmong(tx, planIds))
    errors.add(
      ['input', 'disposalId'],
      IncomeError.INCOME_IN_LIVE_PLAN,
      text(`资产收益仍在分配方案"${p.title}"（${p.status}）中，请先完成或撤销`, `Income of the asset is in allocation plan "${p.title}" (${p.status}); complete or cancel it first`),
    );
  if (errors.any) return refused(errors);
  let proceedsIncomeId: number | null = null;
  if (input.proceeds) {
    const recorded = await recordProceedsIn(tx, viewer, clock, {
      assetId: asset.id,
      amount: input.proceeds.amount,
      receivedOn: input.proceeds.receivedOn ?? completedOn,
      accountType: input.proceeds.accountType,
      voucherNo: input.proceeds.voucherNo,
      note: `处置收入（${found.method}）`,
    });
    if (recorded.value === null) return refused(recorded.userErrors.map((e) => ({ ...e, field: ['input', 'proceeds', ...(e.field ?? []).slice(1)] })));
    proceedsIncomeId = recorded.value.income.id;
  }
  const moved = await changeLockedAssetStatus(tx, viewer, clock, asset, { status: 'DISPOSED', reason: `处置完成（${found.method}）：${found.reason}`, effectiveOn: completedOn });
  if (Array.isArray(moved)) return refused(moved as UserErrorValue[]);
  const completed = await store.updateDisposal(tx, found.id, { status: 'COMPLETED', completedOn, buyer, proceedsIncomeId });
  await audited(tx, viewer, clock, 'disposal.complete', found, completed);
  return ok(completed);
}

// Reads

/** Whether a disposal of the asset is under way (REQUESTED or APPROVED). */
export async function disposalUnderWay(tx: Tx, assetId: number): Promise<boolean> {
  return (await store.openDisposalOf(tx, assetId)) !== undefined;
}

export async function disposalsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(DisposalRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.disposalsByIds(db, viewer, ids), (d) => d.id);
}

export async function disposalsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<DisposalRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.disposalsOfAssets(db, viewer, assetIds), (d) => d.assetId);
}

export function listDisposals(db: Db, viewer: Viewer, filter: store.DisposalFilter, args: PageArgs): Promise<Connection<DisposalRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.DISPOSAL_ORDER,
    (page) => store.disposalsPage(db, viewer, filter, page),
    () => store.disposalsCount(db, viewer, filter),
  );
}
