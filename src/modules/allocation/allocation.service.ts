/**
 * 收益分配 (allocation plans and disbursements, DESIGN.md §3 AllocationPlan, Disbursement). Rules:
 * - a plan distributes one owner's income: the receipts of its pool received in the plan's
 *   period and in no other plan (not reversed), taken when the plan is drawn up — PLAN_POOL_EMPTY
 *   when there are none; cancelling the plan gives them back;
 * - lines by the allowed purposes only; Σ lines ≤ the pool (LINES_EXCEED_POOL); household cash
 *   dividends at most CASH_SHARE_CAP_BP of the pool, the rule in force for the owner's region
 *   (CASH_SHARE_OVER_CAP, 防止"一分了之");
 * - DRAFT → PUBLICIZED (公示 of at least MIN_PUBLICITY_DAYS in force on its start, starting no
 *   earlier than the last receipt it distributes: PUBLICITY_BEFORE_INCOME; lines frozen:
 *   PLAN_FROZEN) → APPROVED (resolution dated after the publicity's last day:
 *   APPROVAL_BEFORE_PUBLICITY_ENDS) → COMPLETED when every line is paid in full (a CARRY_FORWARD
 *   line stays with the owner, is never paid — LINE_NOT_PAYABLE — and counts as done); CANCELLED
 *   from DRAFT or PUBLICIZED (PLAN_NOT_IN_STATUS otherwise);
 * - disbursements only on lines of APPROVED plans (PLAN_NOT_APPROVED), never paid before the
 *   resolution; Σ per line ≤ the line (LINE_OVERPAID), re-checked by the one statement that pays
 *   on the line's latest version, and a CHECK on the line; append-only with reversals, each once
 *   (ALREADY_REVERSED); a reversal reopens a COMPLETED plan;
 * - createAllocationPlan, recordDisbursement and reverseDisbursement are idempotent on
 *   idempotencyKey; every step by FINANCE (or ADMIN) in the owner's scope, audited.
 */
import type { SQL } from 'drizzle-orm';
import { assertCan, can } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import { addDays, type Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withTransaction, type Tx } from '../../db/transaction';
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
  checkNotInFuture,
  defineErrorCodes,
  ok,
  optionalText,
  refusal,
  refused,
  requiredLine,
  requiredText,
  text,
  versionConflict,
  type Outcome,
  type UserErrorValue,
} from '../../graphql/user-errors';
import type { AuditAction } from '../audit/actions';
import { auditEventClause, recordAuditEvent } from '../audit/audit.service';
import { idempotent } from '../idempotency/idempotency.service';
import { assignPartsToPlan, lockPlannableParts, partsOfPlans, registerAllocationFigures, releasePartsOfPlan } from '../income/income.service';
import { partyById } from '../parties/parties.loaders';
import { householdNamesOfCounties, publicPartyNames } from '../parties/parties.service';
import { publicName } from '../parties/personal-data';
import { publicRegionNames } from '../regions/regions.service';
import { rulesInForce } from '../rules/rules.service';
import type { DisbursementRow, LineRow, PlanRow } from './allocation.table';
import * as store from './allocation.store';

export type { DisbursementRow, LineRow, PaymentMethod, PlanRow, PlanStatus, Purpose } from './allocation.table';
export { PAYMENT_METHODS, PLAN_STATUSES, PURPOSES } from './allocation.table';
export type { PlanFilter } from './allocation.store';

export const AllocationError = defineErrorCodes({
  PLAN_POOL_EMPTY: text('该权属主体在此期间没有未列入方案的收益', 'The owner has no income in the period that is not already in a plan.'),
  LINES_EXCEED_POOL: text('分配金额合计超过方案可分配收益', 'The lines add up to more than the income the plan distributes.'),
  CASH_SHARE_OVER_CAP: text('到户现金分红超过规定比例（防止"一分了之"）', 'Household cash dividends exceed the share the rules allow (防止"一分了之").'),
  PLAN_FROZEN: text('方案已公示，分配内容不能再修改', 'The plan has been publicized; its lines can no longer change.'),
  PLAN_NOT_IN_STATUS: text('方案当前状态不允许此操作', 'The plan is not in a state that allows this step.'),
  PUBLICITY_BEFORE_INCOME: text('公示开始日期早于方案所分配收益的到账日期', 'The publicity starts before the income the plan distributes was received.'),
  PUBLICITY_TOO_SHORT: text('公示天数少于规定的最短天数', 'The publicity is shorter than the rules require.'),
  APPROVAL_BEFORE_PUBLICITY_ENDS: text('村民会议决议日期早于公示结束', "The villagers' resolution is dated before the publicity ended."),
  PLAN_NOT_APPROVED: text('方案尚未批准，不能兑付', 'The plan is not approved; nothing of it can be paid.'),
  LINE_NOT_PAYABLE: text('结转项留存于集体，不予兑付', 'A carried-forward line stays with the owner; it is not paid out.'),
  LINE_OVERPAID: text('兑付金额超过该项分配的未付金额', 'The payment exceeds what is left unpaid of the line.'),
});

const LABEL = {
  title: text('方案名称', 'Title'),
  note: text('备注', 'Note'),
  rule: text('受益对象及规则', 'Beneficiaries'),
  reason: text('原因', 'Reason'),
  resolutionNo: text('决议文号', 'Resolution number'),
  review: text('乡镇审核文号', 'Township review reference'),
  payee: text('收款人', 'Payee'),
  voucherNo: text('凭证号', 'Voucher number'),
};
const PLAN = text('分配方案', 'The plan');
const MAX_LINES = 50;
/** The plan statuses whose lines may be paid. */
const PAYABLE: PlanRow['status'][] = ['APPROVED'];

/** 结转: what a plan carries forward stays in the owner's hands; nothing is paid on such a line. */
export const isCarriedForward = (line: Pick<LineRow, 'purpose'>) => line.purpose === 'CARRY_FORWARD';

/**
 * What a plan keeps with its owner (结转): its CARRY_FORWARD lines and what its lines leave of its
 * pool (Σ lines ≤ pool: the rest is not lost, it is counted here, on the owner's pool and in the
 * reconciliation). Taking it into a later plan is not built: a later plan takes income parts.
 */
export const carriedForwardOf = (plan: Pick<PlanRow, 'poolFen' | 'status'>, lines: LineRow[]) =>
  // A cancelled plan gave its income back to the pool: it keeps nothing.
  plan.status === 'CANCELLED' ? 0n : lines.reduce((left, l) => (isCarriedForward(l) ? left : left - l.amountFen), plan.poolFen);
/** Every line that is paid out is paid in full: the plan is done. */
const fullyPaid = (lines: LineRow[]) => lines.every((l) => isCarriedForward(l) || l.paidFen === l.amountFen);

export interface LineInput {
  purpose: LineRow['purpose'];
  amount: bigint;
  beneficiaryRule?: string | null;
  /** Parties named as beneficiaries (households of a dividend, say); in the scope. */
  beneficiaryIds?: string[] | null;
}

/** A line as checked: its row's values and its beneficiaries' party ids. */
interface CheckedLine {
  purpose: LineRow['purpose'];
  amountFen: bigint;
  beneficiaryRule: string | null;
  beneficiaries: number[];
}

const MAX_BENEFICIARIES = 2000;

/** The plan in the API's terms (the audit trail's images). */
export function planImage(p: PlanRow, lines: LineRow[]) {
  return {
    id: toGlobalId('AllocationPlan', p.id),
    ownerId: toGlobalId('Party', p.ownerPartyId),
    title: p.title,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    status: p.status,
    pool: formatMoney(p.poolFen),
    publicityStartsOn: p.publicityStartsOn,
    publicityDays: p.publicityDays,
    resolutionNo: p.resolutionNo,
    resolutionOn: p.resolutionOn,
    townshipReviewRef: p.townshipReviewRef,
    cancelReason: p.cancelReason,
    lines: lines.map((l) => ({ purpose: l.purpose, amount: formatMoney(l.amountFen), paid: formatMoney(l.paidFen), beneficiaryRule: l.beneficiaryRule })),
  };
}

function disbursementImage(d: Omit<DisbursementRow, 'createdAt'>) {
  return {
    id: toGlobalId('Disbursement', d.id),
    lineId: toGlobalId('AllocationLine', d.lineId),
    amount: formatMoney(d.amountFen),
    paidOn: d.paidOn,
    payeeId: d.payeePartyId === null ? null : toGlobalId('Party', d.payeePartyId),
    payeeName: d.payeeName,
    method: d.method,
    voucherNo: d.voucherNo,
    reversesId: d.reversesId === null ? null : toGlobalId('Disbursement', d.reversesId),
  };
}

/** The plan as its audit events keep it: its lines with their beneficiaries, and the income parts it holds. */
async function imageOf(tx: Tx, viewer: Viewer, plan: PlanRow, lines: LineRow[]) {
  const [beneficiaries, [parts]] = await Promise.all([
    lines.length
      ? store.beneficiariesOfLines(
          tx,
          lines.map((l) => l.id),
        )
      : Promise.resolve([]),
    partsOfPlans(tx, viewer, [plan.id]),
  ]);
  const image = planImage(plan, lines);
  return {
    ...image,
    lines: image.lines.map((line, i) => ({ ...line, beneficiaryIds: beneficiaries.filter((b) => b.lineId === lines[i]!.id).map((b) => toGlobalId('Party', b.partyId)) })),
    incomeParts: (parts ?? []).map((p) => ({ incomeId: toGlobalId('IncomeRecord', p.incomeId), amount: formatMoney(p.amountFen) })),
  };
}
type PlanImage = Awaited<ReturnType<typeof imageOf>>;

/** Audits a step: `before` was taken before it changed anything; the plan as it is now is read here. */
async function audit(tx: Tx, viewer: Viewer, clock: Clock, action: AuditAction, before: PlanImage | null, after: PlanRow, afterLines: LineRow[]) {
  await recordAuditEvent(tx, viewer, clock, {
    action,
    entityType: 'AllocationPlan',
    entityId: toGlobalId('AllocationPlan', after.id),
    regionCode: after.regionCode,
    before,
    after: await imageOf(tx, viewer, after, afterLines),
  });
}

/**
 * The lines' rules against the pool: purposes are the allowed ones by type; Σ lines ≤ pool;
 * household dividends ≤ the cash share cap in force for the owner's region today.
 */
async function checkLines(tx: Tx, viewer: Viewer, clock: Clock, errors: UserErrors, regionCode: number, lines: LineInput[], poolFen: bigint): Promise<CheckedLine[]> {
  if (lines.length === 0) errors.add(['input', 'lines'], UserErrorCode.INVALID_VALUE, text('方案至少有一项分配', 'A plan has at least one line'));
  if (lines.length > MAX_LINES) errors.add(['input', 'lines'], UserErrorCode.INVALID_VALUE, text(`方案至多 ${MAX_LINES} 项分配`, `A plan has at most ${MAX_LINES} lines`));
  const parties = new Loaders(viewer, tx).get(partyById);
  const checked: CheckedLine[] = [];
  for (const [i, l] of lines.entries()) {
    const at = ['input', 'lines', String(i)];
    checkAmount(errors, [...at, 'amount'], l.amount);
    const ids = [...new Set(l.beneficiaryIds ?? [])];
    if (ids.length > MAX_BENEFICIARIES)
      errors.add([...at, 'beneficiaryIds'], UserErrorCode.INVALID_VALUE, text(`每项至多 ${MAX_BENEFICIARIES} 个受益主体`, `A line names at most ${MAX_BENEFICIARIES} beneficiaries`));
    const found = ids.length > MAX_BENEFICIARIES ? [] : await parties.loadMany(ids.map((id) => tryKeyOf(id, 'Party') ?? -1));
    if (found.some((p) => !p || p instanceof Error)) errors.add([...at, 'beneficiaryIds'], UserErrorCode.NOT_FOUND, text('受益主体不在您的范围内', 'A beneficiary is no party in your scope'));
    checked.push({
      purpose: l.purpose,
      amountFen: l.amount,
      beneficiaryRule: optionalText(errors, [...at, 'beneficiaryRule'], l.beneficiaryRule, 2000, LABEL.rule),
      beneficiaries: found.flatMap((p) => (p && !(p instanceof Error) ? [p.id] : [])),
    });
  }
  const total = checked.reduce((sum, l) => sum + l.amountFen, 0n);
  if (total > poolFen)
    errors.add(
      ['input', 'lines'],
      AllocationError.LINES_EXCEED_POOL,
      text(`分配合计 ${formatMoney(total)} 元，超过可分配收益 ${formatMoney(poolFen)} 元`, `The lines add up to ${formatMoney(total)}, more than the ${formatMoney(poolFen)} the plan distributes`),
    );
  const dividends = checked.filter((l) => l.purpose === 'HOUSEHOLD_DIVIDEND').reduce((sum, l) => sum + l.amountFen, 0n);
  if (dividends > 0n) {
    const capBp = (await rulesInForce(tx, regionCode, clock.today())).get('CASH_SHARE_CAP_BP');
    if (dividends * 10000n > poolFen * BigInt(capBp))
      errors.add(
        ['input', 'lines'],
        AllocationError.CASH_SHARE_OVER_CAP,
        text(
          `到户现金分红 ${formatMoney(dividends)} 元，超过可分配收益的 ${capBp / 100}%（${formatMoney((poolFen * BigInt(capBp)) / 10000n)} 元）`,
          `Household dividends of ${formatMoney(dividends)} exceed ${capBp / 100}% of the ${formatMoney(poolFen)} the plan distributes (${formatMoney((poolFen * BigInt(capBp)) / 10000n)})`,
        ),
      );
  }
  return checked;
}

/** A plan's lines in order, with their beneficiaries. */
async function insertLines(tx: Tx, planId: number, lines: CheckedLine[]): Promise<LineRow[]> {
  const rows = await store.insertLines(
    tx,
    lines.map(({ beneficiaries: _, ...l }, i) => ({ planId, position: i + 1, ...l })),
  );
  await store.insertBeneficiaries(
    tx,
    rows.flatMap((row, i) => lines[i]!.beneficiaries.map((partyId) => ({ lineId: row.id, partyId }))),
  );
  return rows;
}

export interface CreatePlan {
  ownerId: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  lines: LineInput[];
  note?: string | null;
  idempotencyKey?: string | null;
}

export interface PlanWithLines {
  plan: PlanRow;
  lines: LineRow[];
}

async function planWithLines(tx: Tx, viewer: Viewer, id: number): Promise<PlanWithLines | null> {
  const [plan] = await store.plansByIds(tx, viewer, [id]);
  return plan ? { plan, lines: await store.linesOfPlans(tx, [id]) } : null;
}

/** Draws up a plan (DRAFT) for an owner's income received in a period, inside the caller's transaction. */
export async function createAllocationPlanIn(tx: Tx, viewer: Viewer, clock: Clock, input: CreatePlan): Promise<Outcome<PlanWithLines>> {
  assertCan(viewer, 'finance:write');
  const { idempotencyKey, ...request } = input;
  return idempotent(tx, viewer, { operation: 'createAllocationPlan', key: idempotencyKey, input: request }, () => writePlan(tx, viewer, clock, input), {
    idOf: (v) => v.plan.id,
    replay: (id) => planWithLines(tx, viewer, id),
  });
}

async function writePlan(tx: Tx, viewer: Viewer, clock: Clock, input: CreatePlan): Promise<Outcome<PlanWithLines>> {
  const ownerId = tryKeyOf(input.ownerId, 'Party');
  const owner = ownerId === undefined ? null : await new Loaders(viewer, tx).get(partyById).load(ownerId);
  if (!owner) return refusal(['input', 'ownerId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
  const errors = new UserErrors();
  const title = requiredLine(errors, ['input', 'title'], input.title, 200, LABEL.title);
  const note = optionalText(errors, ['input', 'note'], input.note, 2000, LABEL.note);
  checkDateOrder(errors, [
    ['periodFrom', input.periodFrom],
    ['periodTo', input.periodTo],
  ]);
  if (errors.any) return refused(errors);
  const parts = await lockPlannableParts(tx, viewer, owner.id, input.periodFrom, input.periodTo);
  const poolFen = parts.reduce((sum, p) => sum + p.amountFen, 0n);
  if (poolFen === 0n) return refusal(['input', 'periodTo'], AllocationError.PLAN_POOL_EMPTY);
  const lines = await checkLines(tx, viewer, clock, errors, owner.regionCode, input.lines, poolFen);
  if (errors.any) return refused(errors);
  const drawn = await store.insertPlan(tx, {
    ownerPartyId: owner.id,
    regionCode: owner.regionCode,
    title,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    poolFen,
    note,
    actorId: viewer.userId,
  });
  await assignPartsToPlan(
    tx,
    parts.map((p) => p.id),
    drawn.id,
  );
  const created = await insertLines(tx, drawn.id, lines);
  await audit(tx, viewer, clock, 'plan.create', null, drawn, created);
  return ok({ plan: drawn, lines: created });
}

/** The plan locked, its version checked: the first step of every change. */
async function lockedPlan(tx: Tx, viewer: Viewer, planId: number | undefined, expectedVersion: number | null | undefined): Promise<PlanWithLines | Outcome<never>> {
  const plan = planId === undefined ? undefined : await store.lockPlan(tx, viewer, planId);
  if (!plan) return refusal(['input', 'planId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此分配方案', 'No allocation plan with this id in your scope'));
  const stale = versionConflict(plan, expectedVersion, ['input', 'expectedVersion'], PLAN);
  if (stale) return refused([stale]);
  return { plan, lines: await store.linesOfPlans(tx, [plan.id]) };
}

function notInStatus(plan: PlanRow, allowed: PlanRow['status'][]): Outcome<never> | null {
  if (allowed.includes(plan.status)) return null;
  return refusal(
    ['input', 'planId'],
    AllocationError.PLAN_NOT_IN_STATUS,
    text(`方案状态为 ${plan.status}，此操作仅适用于 ${allowed.join('/')}`, `The plan is ${plan.status}; this step applies to ${allowed.join(' or ')} plans`),
  );
}

export interface UpdatePlan {
  planId: number | undefined;
  expectedVersion?: number | null;
  title?: string | null;
  lines?: LineInput[] | null;
  note?: string | null;
}

/** Changes a DRAFT plan: its title, note or lines (replaced as a whole). */
export async function updateAllocationPlanIn(tx: Tx, viewer: Viewer, clock: Clock, input: UpdatePlan): Promise<Outcome<PlanWithLines>> {
  assertCan(viewer, 'finance:write');
  const found = await lockedPlan(tx, viewer, input.planId, input.expectedVersion);
  if ('userErrors' in found) return found;
  const { plan, lines } = found;
  if (plan.status !== 'DRAFT') return plan.status === 'CANCELLED' ? notInStatus(plan, ['DRAFT'])! : refusal(['input', 'planId'], AllocationError.PLAN_FROZEN);
  const errors = new UserErrors();
  const title = input.title == null ? plan.title : requiredLine(errors, ['input', 'title'], input.title, 200, LABEL.title);
  const note = input.note === undefined ? plan.note : optionalText(errors, ['input', 'note'], input.note, 2000, LABEL.note);
  const newLines = input.lines == null ? null : await checkLines(tx, viewer, clock, errors, plan.regionCode, input.lines, plan.poolFen);
  if (errors.any) return refused(errors);
  const before = await imageOf(tx, viewer, plan, lines);
  const updated = await store.updatePlan(tx, plan.id, { title, note });
  let after = lines;
  if (newLines) {
    await store.deleteLines(tx, plan.id);
    after = await insertLines(tx, plan.id, newLines);
  }
  await audit(tx, viewer, clock, 'plan.update', before, updated, after);
  return ok({ plan: updated, lines: after });
}

export interface PublicizePlan {
  planId: number | undefined;
  expectedVersion?: number | null;
  startsOn: string;
  days: number;
}

/** 公示: the plan goes public for `days` days from `startsOn`; its lines are frozen from now on. */
export async function publicizeAllocationPlanIn(tx: Tx, viewer: Viewer, clock: Clock, input: PublicizePlan): Promise<Outcome<PlanWithLines>> {
  assertCan(viewer, 'finance:write');
  const found = await lockedPlan(tx, viewer, input.planId, input.expectedVersion);
  if ('userErrors' in found) return found;
  const { plan, lines } = found;
  const wrong = notInStatus(plan, ['DRAFT']);
  if (wrong) return wrong;
  // A plan cannot be put to the villagers before the money it shares out came in: without this a
  // publicity dated back years would let the approval and payments be dated back with it (and
  // the minimum publicity be read from rules long superseded).
  const [parts] = await partsOfPlans(tx, viewer, [plan.id]);
  const lastReceipt = parts!.at(-1)?.receivedOn; // in order of receipt
  if (lastReceipt && input.startsOn < lastReceipt)
    return refusal(
      ['input', 'startsOn'],
      AllocationError.PUBLICITY_BEFORE_INCOME,
      text(`方案分配的收益最晚于 ${lastReceipt} 到账，公示不能早于此日`, `The plan distributes income received up to ${lastReceipt}; its publicity cannot start before then`),
    );
  const minimum = (await rulesInForce(tx, plan.regionCode, input.startsOn)).get('MIN_PUBLICITY_DAYS');
  if (!Number.isInteger(input.days) || input.days > 366) return refusal(['input', 'days'], UserErrorCode.INVALID_VALUE, text('公示至多 366 天', 'Publicity lasts at most 366 days'));
  if (input.days < minimum) return refusal(['input', 'days'], AllocationError.PUBLICITY_TOO_SHORT, text(`此地公示至少 ${minimum} 天`, `Publicity lasts at least ${minimum} days here`));
  const before = await imageOf(tx, viewer, plan, lines);
  const updated = await store.updatePlan(tx, plan.id, { status: 'PUBLICIZED', publicityStartsOn: input.startsOn, publicityDays: input.days });
  await audit(tx, viewer, clock, 'plan.publicize', before, updated, lines);
  return ok({ plan: updated, lines });
}

/** The publicity's last day (it starts on `startsOn` and lasts `days` days). */
export function publicityEndsOn(plan: Pick<PlanRow, 'publicityStartsOn' | 'publicityDays'>): string | null {
  return plan.publicityStartsOn && plan.publicityDays != null ? addDays(plan.publicityStartsOn, plan.publicityDays - 1) : null;
}

export interface ApprovePlan {
  planId: number | undefined;
  expectedVersion?: number | null;
  resolutionNo: string;
  resolutionOn: string;
  townshipReviewRef?: string | null;
}

/** The villagers' meeting approved the publicized plan (村民会议决议), with the township's review. */
export async function approveAllocationPlanIn(tx: Tx, viewer: Viewer, clock: Clock, input: ApprovePlan): Promise<Outcome<PlanWithLines>> {
  assertCan(viewer, 'finance:write');
  const found = await lockedPlan(tx, viewer, input.planId, input.expectedVersion);
  if ('userErrors' in found) return found;
  const { plan, lines } = found;
  const wrong = notInStatus(plan, ['PUBLICIZED']);
  if (wrong) return wrong;
  const errors = new UserErrors();
  const resolutionNo = requiredLine(errors, ['input', 'resolutionNo'], input.resolutionNo, 100, LABEL.resolutionNo);
  const townshipReviewRef = optionalText(errors, ['input', 'townshipReviewRef'], input.townshipReviewRef, 100, LABEL.review);
  checkNotInFuture(errors, ['input', 'resolutionOn'], input.resolutionOn, clock.today(), text('决议日期', 'The resolution'));
  const lastDay = publicityEndsOn(plan)!;
  if (input.resolutionOn <= lastDay)
    errors.add(
      ['input', 'resolutionOn'],
      AllocationError.APPROVAL_BEFORE_PUBLICITY_ENDS,
      text(`公示至 ${lastDay} 结束，决议日期须在其后`, `The publicity runs to ${lastDay}; the resolution must come after it`),
    );
  if (errors.any) return refused(errors);
  const before = await imageOf(tx, viewer, plan, lines);
  const updated = await store.updatePlan(tx, plan.id, { status: 'APPROVED', resolutionNo, resolutionOn: input.resolutionOn, townshipReviewRef });
  await audit(tx, viewer, clock, 'plan.approve', before, updated, lines);
  if (!fullyPaid(lines)) return ok({ plan: updated, lines });
  // A plan that only carries its income forward has nothing to pay: it is done once approved.
  const completed = await store.updatePlan(tx, plan.id, { status: 'COMPLETED' });
  await audit(tx, viewer, clock, 'plan.complete', await imageOf(tx, viewer, updated, lines), completed, lines);
  return ok({ plan: completed, lines });
}

export interface CancelPlan {
  planId: number | undefined;
  expectedVersion?: number | null;
  reason: string;
}

/** Cancels a DRAFT or PUBLICIZED plan; the income it took returns to the owner's pool. */
export async function cancelAllocationPlanIn(tx: Tx, viewer: Viewer, clock: Clock, input: CancelPlan): Promise<Outcome<PlanWithLines>> {
  assertCan(viewer, 'finance:write');
  const found = await lockedPlan(tx, viewer, input.planId, input.expectedVersion);
  if ('userErrors' in found) return found;
  const { plan, lines } = found;
  // Never an APPROVED plan: one-statement payments rely on an APPROVED plan leaving that status only by being paid in full (store.payLine).
  const wrong = notInStatus(plan, ['DRAFT', 'PUBLICIZED']);
  if (wrong) return wrong;
  const errors = new UserErrors();
  const reason = requiredText(errors, ['input', 'reason'], input.reason, 500, LABEL.reason);
  if (errors.any) return refused(errors);
  const before = await imageOf(tx, viewer, plan, lines); // with the income it held, which goes back now
  await releasePartsOfPlan(tx, plan.id);
  const updated = await store.updatePlan(tx, plan.id, { status: 'CANCELLED', cancelReason: reason });
  await audit(tx, viewer, clock, 'plan.cancel', before, updated, lines);
  return ok({ plan: updated, lines });
}

export interface RecordDisbursement {
  lineId: number | undefined;
  amount: bigint;
  paidOn: string;
  payeeId?: string | null;
  payeeName?: string | null;
  method: DisbursementRow['method'];
  voucherNo?: string | null;
  note?: string | null;
  idempotencyKey?: string | null;
}

async function disbursementById(tx: Tx, viewer: Viewer, id: number): Promise<DisbursementRow | null> {
  return (await store.disbursementsByIds(tx, viewer, [id]))[0] ?? null;
}

/**
 * Pays (兑付) against a line of an APPROVED plan; the plan becomes COMPLETED with its last fen
 * paid. A payment that leaves part of its line unpaid, without an idempotency key, is one
 * statement on its own (`payPartOfLine`); the rest, and the payments that statement turns away,
 * take the plan's lock in a transaction.
 */
export async function recordDisbursement(db: Db, viewer: Viewer, clock: Clock, input: RecordDisbursement): Promise<Outcome<DisbursementRow>> {
  assertCan(viewer, 'finance:write');
  if (input.idempotencyKey == null) {
    const partial = await payPartOfLine(db, viewer, clock, input);
    if (partial) return partial;
  }
  return withTransaction(db, (tx) => recordDisbursementIn(tx, viewer, clock, input));
}

export async function recordDisbursementIn(tx: Tx, viewer: Viewer, clock: Clock, input: RecordDisbursement): Promise<Outcome<DisbursementRow>> {
  assertCan(viewer, 'finance:write');
  const { idempotencyKey, ...request } = input;
  return idempotent(tx, viewer, { operation: 'recordDisbursement', key: idempotencyKey, input: request }, () => writeDisbursement(tx, viewer, clock, input), {
    idOf: (d) => d.id,
    replay: (id) => disbursementById(tx, viewer, id),
  });
}

type Payment = Omit<DisbursementRow, 'createdAt'>;

/** The payment `input` asks for, checked against its line and plan as given, or why it is refused. */
async function checkedPayment(db: Db, viewer: Viewer, clock: Clock, input: RecordDisbursement, plan: PlanRow, line: LineRow, paymentId: number): Promise<Payment | Outcome<never>> {
  const refusedBy = unpayable(plan, line, input.amount);
  // Only an overpayment is said beside the input's other faults; a plan not approved or a line
  // not paid out makes them moot.
  if (refusedBy && refusedBy.code !== AllocationError.LINE_OVERPAID) return refused([refusedBy]);
  const errors = new UserErrors();
  checkAmount(errors, ['input', 'amount'], input.amount, { hint: text('更正请冲销', 'correct a payment by reversing it') });
  if (refusedBy) errors.addAll([refusedBy]);
  checkNotInFuture(errors, ['input', 'paidOn'], input.paidOn, clock.today(), text('兑付日期', 'The payment'));
  if (plan.resolutionOn && input.paidOn < plan.resolutionOn)
    errors.add(['input', 'paidOn'], UserErrorCode.DATE_ORDER, text(`方案于 ${plan.resolutionOn} 批准，兑付不能早于该日`, `The plan was approved on ${plan.resolutionOn}; nothing is paid before that`));
  const payee = await payeeOf(db, viewer, errors, input);
  const voucherNo = optionalText(errors, ['input', 'voucherNo'], input.voucherNo, 100, LABEL.voucherNo);
  const note = optionalText(errors, ['input', 'note'], input.note, 1000, LABEL.note);
  if (errors.any) return refused(errors);
  return {
    id: paymentId,
    lineId: line.id,
    planId: plan.id,
    regionCode: plan.regionCode,
    amountFen: input.amount,
    paidOn: input.paidOn,
    ...payee,
    method: input.method,
    voucherNo,
    reversesId: null,
    note,
    actorId: viewer.userId,
  };
}

async function lineToPay(db: Db, viewer: Viewer, input: RecordDisbursement) {
  return input.lineId === undefined ? undefined : await store.lineToPay(db, viewer, input.lineId);
}

const NO_LINE = text('您的范围内没有此分配项', 'No allocation line with this id in your scope');

/** Why a line cannot take this payment, if it cannot: its plan is not APPROVED, or less than the amount is left to pay. */
function unpayable(plan: PlanRow, line: LineRow, amountFen: bigint): UserErrorValue | null {
  if (!PAYABLE.includes(plan.status))
    return { field: ['input', 'lineId'], code: AllocationError.PLAN_NOT_APPROVED, message: text(`方案状态为 ${plan.status}，不能兑付`, `The plan is ${plan.status}; only an APPROVED plan is paid`) };
  if (isCarriedForward(line))
    return {
      field: ['input', 'lineId'],
      code: AllocationError.LINE_NOT_PAYABLE,
      message: text('该项为结转，留存于集体，不予兑付', 'The line carries the income forward; it stays with the owner and is not paid out'),
    };
  if (amountFen > 0n && line.paidFen + amountFen > line.amountFen) {
    const left = formatMoney(line.amountFen - line.paidFen);
    return { field: ['input', 'amount'], code: AllocationError.LINE_OVERPAID, message: text(`该项尚未兑付 ${left} 元`, `${left} of the line is left to pay`) };
  }
  return null;
}

/** The payment's audit event, written by the statement that pays. */
function paymentEvent(viewer: Viewer, clock: Clock, payment: Payment) {
  return auditEventClause(viewer, clock, {
    action: 'disbursement.record',
    entityType: 'AllocationPlan',
    entityId: toGlobalId('AllocationPlan', payment.planId),
    regionCode: payment.regionCode,
    before: null,
    after: disbursementImage(payment),
  });
}

/**
 * Most payments leave part of their line unpaid and so cannot complete their plan: such a
 * payment is one statement, its own transaction, that pays only while the line stays unpaid in
 * part and its plan APPROVED (re-checked on the line's latest version when payers queue on it),
 * with its audit event. The line's lock is held for that statement alone, not for round trips
 * to this process: twenty payers of one line queue for a statement each. Null when the
 * transaction must decide: no such line, the payment pays the line in full (the plan may be
 * done), or the statement turned it away (the line or plan changed since it was read).
 */
async function payPartOfLine(db: Db, viewer: Viewer, clock: Clock, input: RecordDisbursement): Promise<Outcome<DisbursementRow> | null> {
  const found = await lineToPay(db, viewer, input);
  // Not found, or paying the line in full (or more): the transaction answers, checking the input once.
  if (!found || found.line.paidFen + input.amount >= found.line.amountFen) return null;
  const payment = await checkedPayment(db, viewer, clock, input, found.plan, found.line, found.paymentId);
  if ('userErrors' in payment) return payment;
  const paid = await store.payLine(db, payment, paymentEvent(viewer, clock, payment), { leaveUnpaid: true });
  return paid ? ok({ ...payment, createdAt: paid.createdAt }) : null;
}

/**
 * In a transaction, checked under the plan's lock (taken before the line's, as a reversal takes
 * them); the plan is COMPLETED with its last fen. Payments of the plan's other lines that skip
 * the lock (one statement each) leave their lines unpaid in part, so whether every line is paid
 * in full is as read under the lock.
 */
async function writeDisbursement(tx: Tx, viewer: Viewer, clock: Clock, input: RecordDisbursement): Promise<Outcome<DisbursementRow>> {
  const found = await lineToPay(tx, viewer, input);
  if (!found) return refusal(['input', 'lineId'], UserErrorCode.NOT_FOUND, NO_LINE);
  const locked = await lockedPlan(tx, viewer, found.plan.id, null);
  if ('userErrors' in locked) return locked;
  const { plan, lines } = locked;
  const payment = await checkedPayment(tx, viewer, clock, input, plan, lines.find((l) => l.id === found.line.id)!, found.paymentId);
  if ('userErrors' in payment) return payment;
  const paid = await store.payLine(tx, payment, paymentEvent(viewer, clock, payment), { leaveUnpaid: false });
  if (!paid) {
    // A one-statement payment of this line came in between the read and the write: say what is left now.
    const [now] = await store.linesByIds(tx, viewer, [found.line.id]);
    const why = now && unpayable(plan, now, payment.amountFen);
    return why ? refused([why]) : refusal(['input', 'amount'], AllocationError.LINE_OVERPAID);
  }
  const afterLines = lines.map((l) => (l.id === payment.lineId ? { ...l, paidFen: paid.paidFen } : l));
  if (fullyPaid(afterLines)) {
    const completed = await store.updatePlan(tx, plan.id, { status: 'COMPLETED' });
    await audit(tx, viewer, clock, 'plan.complete', await imageOf(tx, viewer, plan, lines), completed, afterLines);
  }
  return ok({ ...payment, createdAt: paid.createdAt });
}

/** Exactly one of a party of the register and a name. */
async function payeeOf(db: Db, viewer: Viewer, errors: UserErrors, input: RecordDisbursement): Promise<{ payeePartyId: number | null; payeeName: string | null }> {
  const name = optionalText(errors, ['input', 'payeeName'], input.payeeName, 200, LABEL.payee);
  if ((input.payeeId == null) === (name == null)) {
    errors.add(['input', 'payeeId'], UserErrorCode.INVALID_VALUE, text('请填写收款主体或收款人姓名之一', 'Give the payee as a party or as a name, one of the two'));
    return { payeePartyId: null, payeeName: null };
  }
  if (input.payeeId == null) return { payeePartyId: null, payeeName: name };
  const id = tryKeyOf(input.payeeId, 'Party');
  const party = id === undefined ? null : await new Loaders(viewer, db).get(partyById).load(id);
  if (!party) errors.add(['input', 'payeeId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
  return { payeePartyId: party?.id ?? null, payeeName: null };
}

export interface ReverseDisbursement {
  disbursementId: number | undefined;
  reason: string;
  reversedOn?: string | null;
  idempotencyKey?: string | null;
}

/** Reverses a disbursement in full (红字冲销); the line owes it again, and a COMPLETED plan is APPROVED again. */
export async function reverseDisbursementIn(tx: Tx, viewer: Viewer, clock: Clock, input: ReverseDisbursement): Promise<Outcome<DisbursementRow>> {
  assertCan(viewer, 'finance:write');
  const { idempotencyKey, ...request } = input;
  return idempotent(tx, viewer, { operation: 'reverseDisbursement', key: idempotencyKey, input: request }, () => writeDisbursementReversal(tx, viewer, clock, input), {
    idOf: (d) => d.id,
    replay: (id) => disbursementById(tx, viewer, id),
  });
}

async function writeDisbursementReversal(tx: Tx, viewer: Viewer, clock: Clock, input: ReverseDisbursement): Promise<Outcome<DisbursementRow>> {
  const found = input.disbursementId === undefined ? null : await disbursementById(tx, viewer, input.disbursementId);
  if (!found) return refusal(['input', 'disbursementId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此兑付记录', 'No disbursement with this id in your scope'));
  const locked = await lockedPlan(tx, viewer, found.planId, null);
  if ('userErrors' in locked) return locked;
  const { plan, lines } = locked;
  await store.lockLine(tx, found.lineId);
  const original = (await store.lockDisbursement(tx, viewer, found.id))!;
  const errors = new UserErrors();
  const reason = requiredText(errors, ['input', 'reason'], input.reason, 500, LABEL.reason);
  const reversedOn = input.reversedOn ?? clock.today();
  checkNotInFuture(errors, ['input', 'reversedOn'], reversedOn, clock.today(), text('冲销日期', 'The reversal'));
  if (reversedOn < original.paidOn)
    errors.add(['input', 'reversedOn'], UserErrorCode.DATE_ORDER, text(`原兑付于 ${original.paidOn}，冲销不能早于该日`, `It was paid on ${original.paidOn}; its reversal cannot be earlier`));
  if (original.reversesId !== null) errors.add(['input', 'disbursementId'], UserErrorCode.REVERSAL_NOT_REVERSIBLE);
  else if (await store.reversalOfDisbursement(tx, original.id)) errors.add(['input', 'disbursementId'], UserErrorCode.ALREADY_REVERSED);
  if (errors.any) return refused(errors);
  const reversal = await store.insertDisbursement(tx, {
    lineId: original.lineId,
    planId: original.planId,
    regionCode: original.regionCode,
    amountFen: -original.amountFen,
    paidOn: reversedOn,
    payeePartyId: original.payeePartyId,
    payeeName: original.payeeName,
    method: original.method,
    voucherNo: original.voucherNo,
    reversesId: original.id,
    note: reason,
    actorId: viewer.userId,
  });
  const line = await store.addPaid(tx, original.lineId, -original.amountFen);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'disbursement.reverse',
    entityType: 'AllocationPlan',
    entityId: toGlobalId('AllocationPlan', plan.id),
    regionCode: plan.regionCode,
    before: disbursementImage(original),
    after: disbursementImage(reversal),
  });
  if (plan.status === 'COMPLETED') {
    const before = await imageOf(tx, viewer, plan, lines);
    const reopened = await store.updatePlan(tx, plan.id, { status: 'APPROVED' });
    await audit(
      tx,
      viewer,
      clock,
      'plan.reopen',
      before,
      reopened,
      lines.map((l) => (l.id === line.id ? line : l)),
    );
  }
  return ok(reversal);
}

export const createAllocationPlan = (db: Db, viewer: Viewer, clock: Clock, input: CreatePlan) => withTransaction(db, (tx) => createAllocationPlanIn(tx, viewer, clock, input));
export const updateAllocationPlan = (db: Db, viewer: Viewer, clock: Clock, input: UpdatePlan) => withTransaction(db, (tx) => updateAllocationPlanIn(tx, viewer, clock, input));
export const publicizeAllocationPlan = (db: Db, viewer: Viewer, clock: Clock, input: PublicizePlan) => withTransaction(db, (tx) => publicizeAllocationPlanIn(tx, viewer, clock, input));
export const approveAllocationPlan = (db: Db, viewer: Viewer, clock: Clock, input: ApprovePlan) => withTransaction(db, (tx) => approveAllocationPlanIn(tx, viewer, clock, input));
export const cancelAllocationPlan = (db: Db, viewer: Viewer, clock: Clock, input: CancelPlan) => withTransaction(db, (tx) => cancelAllocationPlanIn(tx, viewer, clock, input));
export const reverseDisbursement = (db: Db, viewer: Viewer, clock: Clock, input: ReverseDisbursement) => withTransaction(db, (tx) => reverseDisbursementIn(tx, viewer, clock, input));

// Reads

registerAllocationFigures((db, viewer, ownerPartyId, asOf) => store.ownerAllocationFigures(db, viewer, ownerPartyId, asOf));

export async function plansByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(PlanRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.plansByIds(db, viewer, ids), (r) => r.id);
}

export async function linesOfPlans(db: Db, viewer: Viewer, planIds: readonly number[]): Promise<LineRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(planIds, await store.linesOfPlansInScope(db, viewer, planIds), (r) => r.planId);
}

export async function linesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(LineRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.linesByIds(db, viewer, ids), (r) => r.id);
}

export async function disbursementsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(DisbursementRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.disbursementsByIds(db, viewer, ids), (r) => r.id);
}

export async function disbursementsOfLines(db: Db, viewer: Viewer, lineIds: readonly number[]): Promise<DisbursementRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(lineIds, await store.disbursementsOfLines(db, viewer, lineIds), (r) => r.lineId);
}

export async function disbursementsOfPlans(db: Db, viewer: Viewer, planIds: readonly number[]): Promise<DisbursementRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(planIds, await store.disbursementsOfPlans(db, viewer, planIds), (r) => r.planId);
}

/** Plans holding some income that are still live (DRAFT, PUBLICIZED, APPROVED), in any scope: the rule that an asset cannot be disposed of while its income is in one. */
export async function livePlansAmong(tx: Tx, ids: readonly number[]): Promise<{ id: number; status: PlanRow['status']; title: string }[]> {
  if (ids.length === 0) return [];
  return (await store.planStatuses(tx, ids)).filter((p) => p.status === 'DRAFT' || p.status === 'PUBLICIZED' || p.status === 'APPROVED');
}

export function listPlans(db: Db, viewer: Viewer, filter: store.PlanFilter, args: PageArgs): Promise<Connection<PlanRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.PLAN_ORDER,
    (page) => store.plansPage(db, viewer, filter, page),
    () => store.plansCount(db, viewer, filter),
  );
}

/** The parties each line names as beneficiaries (ids; the party loader decides what the viewer sees of them). */
export async function beneficiariesOfLines(db: Db, viewer: Viewer, lineIds: readonly number[]): Promise<number[][]> {
  assertCan(viewer, 'read');
  return manyByKey(lineIds, await store.beneficiariesOfLines(db, lineIds), (r) => r.lineId).map((rows) => rows.map((r) => r.partyId));
}

/** A plan as its public notice (公示) shows it: to everyone, personal data masked. */
export interface PublicNotice {
  plan: PlanRow;
  ownerName: string;
  regionName: string | null;
  lines: { purpose: LineRow['purpose']; amountFen: bigint; paidFen: bigint; beneficiaryRule: string | null; beneficiaries: string[] }[];
}

/**
 * A plan's own words on a public notice (its title, a line's rule): any run of seven or more
 * digits is masked (phone and ID numbers, however written: ASCII, full-width or Chinese
 * numerals, 大写 included, run together or split by blanks, invisible characters, dashes, dots,
 * commas, colons, tildes, slashes or brackets), and every registered household's name of the
 * plan's county shows as surname + 某, also when written with blanks, invisible characters, dots
 * or commas between its characters. A name written in other characters (traditional
 * for simplified) is not recognised: the register holds names as registered.
 */
const DIGIT = '[0-9０-９〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖]';
/** What may stand between a number's digits: blanks and invisible characters, and the punctuation people split numbers with. */
const DIGIT_GAP = '[\\s\\u200b-\\u200f\\u2060\\ufeff\\-－—–~～()（）.．·・/／_,，:：]*';
const DIGIT_RUN = new RegExp(`[+＋]?${DIGIT}(?:${DIGIT_GAP}(?:${DIGIT}|[Xx])){6,}`, 'g');
/** What may stand between a name's characters and still read as the name. */
const NAME_GAP = '[\\s\\u3000\\u200b-\\u200f\\u2060\\ufeff·・.．,，、]*';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The households' names (longest first, so that a name containing another is masked whole) as one pattern. */
function householdNamePattern(names: string[]): RegExp | null {
  const alternatives = names.filter((n) => Array.from(n).length >= 2).map((n) => Array.from(n).map(escapeRegExp).join(NAME_GAP));
  return alternatives.length ? new RegExp(alternatives.join('|'), 'gu') : null;
}

/** The household names of these counties as one pattern, for each of them (a name of the next county masked too is no loss). */
export async function householdNamePatterns(db: Db, countyCodes: readonly number[]): Promise<(RegExp | null)[]> {
  const pattern = householdNamePattern((await householdNamesOfCounties(db, countyCodes)).sort((a, b) => b.length - a.length));
  return countyCodes.map(() => pattern);
}

/**
 * A plan's own words (its title and note, a line's rule, a payment's note, a finding that quotes
 * them) as the viewer reads them: in clear with personal-data:read; otherwise masked as its
 * public notice masks them (a VIEWER must not read there the ID number the notice hides).
 */
export async function wordsAsSeenBy(viewer: Viewer, words: string | null, householdNames: () => Promise<RegExp | null>): Promise<string | null> {
  if (words === null || can(viewer, 'personal-data:read')) return words;
  return noticeText(words, await householdNames());
}

/** The same for every text inside a value (a finding's evidence, which may quote a plan's title). */
export async function valueAsSeenBy(viewer: Viewer, value: unknown, householdNames: () => Promise<RegExp | null>): Promise<unknown> {
  if (value === null || can(viewer, 'personal-data:read')) return value;
  const names = await householdNames();
  const mask = (v: unknown): unknown =>
    typeof v === 'string' ? noticeText(v, names) : Array.isArray(v) ? v.map(mask) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)])) : v;
  return mask(value);
}

function noticeText(text: string, householdNames: RegExp | null): string {
  const masked = text.replace(DIGIT_RUN, '****');
  return householdNames ? masked.replace(householdNames, (name) => publicName(name)) : masked;
}

/**
 * Public notices (公示/村务公开) of a region: its plans from their publicity's first day on, newest first,
 * readable with or without a token. Household names show as surname + 某, and resident ID and
 * phone numbers written into a line's text are masked; nothing else of the register is shown.
 */
export async function publicNotices(db: Db, viewer: Viewer, today: string, regionPrefix: string, args: PageArgs): Promise<Connection<PublicNotice>> {
  assertCan(viewer, 'read', { kind: 'public-notice' });
  const page = await keysetConnection(
    args,
    store.NOTICE_ORDER,
    (request) => store.publicNoticesPage(db, regionPrefix, today, request),
    () => store.publicNoticesCount(db, regionPrefix, today),
  );
  const plans = page.nodes;
  const lines = plans.length
    ? await store.linesOfPlans(
        db,
        plans.map((p) => p.id),
      )
    : [];
  const beneficiaries = lines.length
    ? await store.beneficiariesOfLines(
        db,
        lines.map((l) => l.id),
      )
    : [];
  const [parties, regions, households] = await Promise.all([
    publicPartyNames(db, [...new Set([...plans.map((p) => p.ownerPartyId), ...beneficiaries.map((b) => b.partyId)])]),
    publicRegionNames(db, [...new Set(plans.map((p) => p.regionCode))]),
    // Longest first, so that a name containing another is masked whole.
    householdNamesOfCounties(db, [...new Set(plans.map((p) => Math.floor(p.regionCode / 1_000_000)))]).then((list) => list.sort((a, b) => b.length - a.length)),
  ]);
  const linesOf = manyByKey(
    plans.map((p) => p.id),
    lines,
    (l) => l.planId,
  );
  const beneficiariesOf = new Map<number, string[]>();
  for (const b of beneficiaries) beneficiariesOf.set(b.lineId, [...(beneficiariesOf.get(b.lineId) ?? []), parties.get(b.partyId) ?? '']);
  const names = householdNamePattern(households);
  const notices = plans.map((plan, i) => ({
    plan: { ...plan, title: noticeText(plan.title, names) },
    ownerName: parties.get(plan.ownerPartyId) ?? '',
    regionName: regions.get(plan.regionCode) ?? null,
    lines: linesOf[i]!.map((l) => ({
      purpose: l.purpose,
      amountFen: l.amountFen,
      paidFen: l.paidFen,
      beneficiaryRule: l.beneficiaryRule && noticeText(l.beneficiaryRule, names),
      beneficiaries: beneficiariesOf.get(l.id) ?? [],
    })),
  }));
  return { ...page, nodes: notices, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: notices[i]! })) };
}

/** A region's allocated and disbursed by year, up to a date (the region summary shows them). */
export async function allocationByYear(db: Db, viewer: Viewer, regionPrefix: string, asOf: string, years: number[]): Promise<{ year: number; allocatedFen: bigint; disbursedFen: bigint }[]> {
  assertCan(viewer, 'read');
  const rows = await store.allocationByYear(db, viewer, regionPrefix, asOf);
  return years.map((year) => {
    const row = rows.find((r) => r.year === year);
    return { year, allocatedFen: BigInt(row?.allocated ?? 0), disbursedFen: BigInt(row?.disbursed ?? 0) };
  });
}

/** The regions of these plans (a relation of plan_id): their steps are audited there, wherever the parts they take lie. */
export function regionsOfPlans(db: Db, planIds: SQL): Promise<number[]> {
  return store.regionsOfPlans(db, planIds);
}

/** Per owner of a subtree, the plans approved in [from, to] as a relation: allocated, and disbursed on them by `to` (the reconciliation). */
export function approvedPlansPerOwnerRelation(viewer: Viewer, regionPrefix: string, from: string, to: string): SQL {
  assertCan(viewer, 'read');
  return store.approvedPlansPerOwnerRelation(viewer, regionPrefix, from, to);
}
