/**
 * 管护 (custody and maintenance), DESIGN.md §3 Custody, MaintenanceRecord, Stocktake. The policy
 * demands a custodian with clear duties for every public-welfare asset (落实管护主体，明确管护责任).
 * Rules enforced here:
 * - at most one open custody assignment per asset (a partial unique index holds it in the
 *   database); a new custodian closes the previous assignment on the day it begins;
 * - a duty's next due date is its latest maintenance record of its kind, else the later of the
 *   open assignment's start and the duty's start, plus its interval — kept with every write;
 * - a CUSTODIAN records maintenance and stocktake results only for assets its party holds in
 *   custody on that date; an ASSET_MANAGER for any asset in scope;
 * - a maintenance record that finds damage (ISSUE_FOUND, NOT_REPAIRABLE) may move the asset to
 *   DAMAGED, a REPAIRED one back to IN_USE, in the same transaction (through the asset gate);
 * - a stocktake (清查盘点) covers the assets of its region registered by its date; one result per
 *   asset while it is open; closing freezes it and keeps its discrepancies for the audit checks.
 */
import { assertCan, refusalOf } from '../../auth/permissions';
import { AppError } from '../../graphql/errors';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { allowLongStatements, savepoint, withReportTimeout, withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { Loaders } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import {
  UserErrorCode,
  UserErrors,
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
import { assetLiveOn, assetsOnDate, bumpAssetVersion, changeLockedAssetStatus, disposalWorkflowRefusal, lockAssetForChange, type AssetRow } from '../assets/assets.service';
import { recordAuditEvent } from '../audit/audit.service';
import { partyById } from '../parties/parties.loaders';
import { checkPhone } from '../parties/parties.service';
import { numberToCode, significantPrefix } from '../regions/division-code';
import { findRegion } from '../regions/regions.service';
import { rulesInForce } from '../rules/rules.service';
import type { CustodyRow, DutyKind, DutyRow, MaintenanceOutcome, MaintenanceRow, StocktakeItemRow, StocktakeResult, StocktakeRow } from './custody.table';
import * as store from './custody.store';

export type { CustodyRow, DutyKind, DutyRow, MaintenanceOutcome, MaintenanceRow, StocktakeItemRow, StocktakeResult, StocktakeRow } from './custody.table';
export type { CareOfAsset, CustodyWithCustodian, DutyFilter, ItemFilter, MaintenanceFilter, OverdueDutyRow, StocktakeFilter } from './custody.store';
export { DUTY_KINDS, MAINTENANCE_OUTCOMES, STOCKTAKE_RESULTS, STOCKTAKE_STATUSES } from './custody.table';
export {
  assetIdsInCustodyOf,
  dueOn as dutyDueOnSql,
  insertCustody,
  insertDuties,
  insertMaintenance,
  recomputeNextDue,
  stocktakeAssetIds,
  type NewCustody,
  type NewDuty,
  type NewMaintenance,
} from './custody.store';

export const CustodyError = defineErrorCodes({
  NO_OPEN_CUSTODY: text('该资产当前没有管护主体', 'The asset has no open custody assignment.'),
  DUTY_OF_ANOTHER_ASSET: text('该管护内容属于另一项资产', 'The duty belongs to another asset.'),
  STATUS_NOT_FOR_OUTCOME: text('该管护结果不能带来这一资产状态', 'This maintenance outcome cannot bring the asset to this status.'),
  STOCKTAKE_CLOSED: text('盘点已结束，不能再登记结果', 'The stocktake is closed: its results are frozen.'),
  NOT_IN_STOCKTAKE: text('该资产不在此次盘点范围内', "The asset is not among the stocktake's assets."),
  STOCKTAKE_ALREADY_OPEN: text('该区划已有进行中的盘点，请先结束它', 'The region already has an open stocktake: close it first.'),
  STOCKTAKE_REGION_ABOVE_SCOPE: text('盘点的区划高于您的范围，只能由该区划的人员结束', "The stocktake's region lies above your scope: only its own region may close it."),
  NOT_YOUR_CUSTODY: text('您的单位在该日期未管护此资产', 'Your party does not hold this asset in custody on that date.'),
});

const LABEL = {
  responsiblePerson: text('管护责任人', 'Responsible person'),
  responsiblePhone: text('责任人电话', 'Responsible phone'),
  fundingArrangement: text('管护经费安排', 'Funding arrangement'),
  note: text('备注', 'Note'),
  reason: text('原因', 'Reason'),
  description: text('内容', 'Description'),
  performedBy: text('管护人', 'Performed by'),
  conditionAfter: text('管护后状况', 'Condition after'),
  name: text('盘点名称', 'Stocktake name'),
  checkedBy: text('盘点人', 'Checked by'),
};

const MAX_INTERVAL_DAYS = 3660;

/** The custody assignment in the API's terms (the audit trail's images). */
export function custodyImage(c: CustodyRow) {
  return {
    id: toGlobalId('CustodyAssignment', c.id),
    assetId: toGlobalId('Asset', c.assetId),
    custodianId: toGlobalId('Party', c.custodianPartyId),
    responsiblePerson: c.responsiblePerson,
    responsiblePhone: c.responsiblePhone,
    fundingArrangement: c.fundingArrangement,
    validFrom: c.validFrom,
    validTo: c.validTo,
    note: c.note,
    endReason: c.endReason,
  };
}

export function dutyImage(d: DutyRow) {
  return {
    id: toGlobalId('CustodyDuty', d.id),
    assetId: toGlobalId('Asset', d.assetId),
    kind: d.kind,
    description: d.description,
    intervalDays: d.intervalDays,
    active: d.active,
    startsOn: d.startsOn,
    nextDueOn: d.nextDueOn,
    version: d.version,
  };
}

export interface AssignCustodian {
  assetId: number | undefined;
  expectedVersion?: number | null;
  custodianId: string;
  responsiblePerson?: string | null;
  responsiblePhone?: string | null;
  fundingArrangement?: string | null;
  /** First day; today when omitted. */
  startsOn?: string | null;
  note?: string | null;
}

/**
 * Puts an asset in a party's custody from a date (管护主体), inside the caller's transaction; an
 * open assignment closes that day. Returns the new assignment.
 */
export async function assignCustodianIn(tx: Tx, viewer: Viewer, clock: Clock, input: AssignCustodian): Promise<Outcome<CustodyRow>> {
  assertCan(viewer, 'register:write');
  const asset = await lockAssetForChange(tx, viewer, input.assetId, input.expectedVersion, 'assetId');
  if (Array.isArray(asset)) return refused(asset);
  const errors = new UserErrors();
  const startsOn = input.startsOn ?? clock.today();
  checkNotInFuture(errors, ['input', 'startsOn'], startsOn, clock.today(), text('管护开始日期', 'A custody assignment'));
  const partyId = tryKeyOf(input.custodianId, 'Party');
  const party = partyId === undefined ? null : await new Loaders(viewer, tx).get(partyById).load(partyId);
  if (!party) errors.add(['input', 'custodianId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
  const responsiblePerson = optionalText(errors, ['input', 'responsiblePerson'], input.responsiblePerson, 50, LABEL.responsiblePerson);
  const responsiblePhone = optionalText(errors, ['input', 'responsiblePhone'], input.responsiblePhone, 20, LABEL.responsiblePhone);
  checkPhone(errors, ['input', 'responsiblePhone'], responsiblePhone);
  const fundingArrangement = optionalText(errors, ['input', 'fundingArrangement'], input.fundingArrangement, 500, LABEL.fundingArrangement);
  const note = optionalText(errors, ['input', 'note'], input.note, 1000, LABEL.note);
  const before = await store.openCustody(tx, asset.id);
  // Custody periods never overlap: a new one begins no earlier than the open one began or the last closed one ended.
  const bound = await store.latestCustodyBound(tx, asset.id);
  if (bound && startsOn < bound) {
    errors.add(
      ['input', 'startsOn'],
      UserErrorCode.DATE_ORDER,
      text(`该资产的管护记录截至 ${bound}，新的管护不能早于该日开始`, `The asset's custody history runs to ${bound}; a new assignment cannot begin before that`),
    );
  }
  if (errors.any) return refused(errors);
  const closed = before ? await store.closeCustody(tx, before.id, startsOn, '更换管护主体 custodian changed') : null;
  const [assigned] = (await store.insertCustody(tx, [
    { assetId: asset.id, regionCode: asset.regionCode, custodianPartyId: party!.id, responsiblePerson, responsiblePhone, fundingArrangement, validFrom: startsOn, note, actorId: viewer.userId },
  ])) as [CustodyRow];
  await store.recomputeNextDue(tx, [asset.id]);
  await bumpAssetVersion(tx, asset.id);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'custody.assign',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', asset.id),
    regionCode: asset.regionCode,
    before: closed && custodyImage(closed),
    after: custodyImage(assigned),
  });
  return ok(assigned);
}

export const assignCustodian = (db: Db, viewer: Viewer, clock: Clock, input: AssignCustodian) => withTransaction(db, (tx) => assignCustodianIn(tx, viewer, clock, input));

export interface EndCustody {
  assetId: number | undefined;
  /** Last day is the day before; today when omitted. */
  endsOn?: string | null;
  reason: string;
}

/** Ends the open custody assignment of an asset on a date, with the reason. */
export async function endCustodyIn(tx: Tx, viewer: Viewer, clock: Clock, input: EndCustody): Promise<Outcome<CustodyRow>> {
  assertCan(viewer, 'register:write');
  const asset = await lockAssetForChange(tx, viewer, input.assetId, null, 'assetId', { allowDisposed: true });
  if (Array.isArray(asset)) return refused(asset);
  const errors = new UserErrors();
  const endsOn = input.endsOn ?? clock.today();
  checkNotInFuture(errors, ['input', 'endsOn'], endsOn, clock.today(), text('管护结束日期', 'The end of a custody assignment'));
  const reason = requiredText(errors, ['input', 'reason'], input.reason, 500, LABEL.reason);
  const open = await store.openCustody(tx, asset.id);
  if (!open) return refusal(['input', 'assetId'], CustodyError.NO_OPEN_CUSTODY);
  if (endsOn < open.validFrom)
    errors.add(['input', 'endsOn'], UserErrorCode.DATE_ORDER, text(`管护自 ${open.validFrom} 起，不能早于该日结束`, `The custody began on ${open.validFrom}; it cannot end before that`));
  if (errors.any) return refused(errors);
  const ended = await store.closeCustody(tx, open.id, endsOn, reason);
  await store.recomputeNextDue(tx, [asset.id]);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'custody.end',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', asset.id),
    regionCode: asset.regionCode,
    before: custodyImage(open),
    after: custodyImage(ended),
  });
  return ok(ended);
}

export const endCustody = (db: Db, viewer: Viewer, clock: Clock, input: EndCustody) => withTransaction(db, (tx) => endCustodyIn(tx, viewer, clock, input));

/**
 * The CUSTODIAN rule for (asset, date) pairs, in one statement: why the viewer may not record
 * maintenance or results for each pair it may not (by index). A file import reports these row
 * by row; a write asserts there are none.
 */
export async function custodyRefusals(tx: Tx, viewer: Viewer, pairs: readonly { assetId: number; on: string }[]): Promise<Map<number, string>> {
  const refusals = new Map<number, string>();
  // Roles that may record for any asset in scope need no lookup.
  if (!refusalOf(viewer, 'maintenance:write', { kind: 'custody', custodianPartyIds: [] })) return refusals;
  const holders = await store.custodiansOn(tx, pairs);
  for (const [i, p] of pairs.entries()) {
    const refusal = refusalOf(viewer, 'maintenance:write', { kind: 'custody', custodianPartyIds: holders.get(store.custodyKey(p.assetId, p.on)) ?? [] });
    if (refusal) refusals.set(i, refusal.reason);
  }
  return refusals;
}

/** FORBIDDEN unless the viewer may record for every pair (a custodian: its party held each asset on its date). */
async function assertCustodian(tx: Tx, viewer: Viewer, pairs: readonly { assetId: number; on: string }[]): Promise<void> {
  const [reason] = (await custodyRefusals(tx, viewer, pairs)).values();
  if (reason) throw new AppError('FORBIDDEN', reason);
}

function checkInterval(errors: UserErrors, field: string[], days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_INTERVAL_DAYS)
    errors.add(field, UserErrorCode.INVALID_VALUE, text(`周期为 1 至 ${MAX_INTERVAL_DAYS} 天`, `The interval is 1 to ${MAX_INTERVAL_DAYS} days`));
}

export interface AddDuty {
  assetId: number | undefined;
  kind: DutyKind;
  description: string;
  /** Every how many days; for an inspection, the INSPECTION_INTERVAL_DAYS rule for the asset's category when omitted. */
  intervalDays?: number | null;
  /** From when the duty holds; today when omitted. */
  startsOn?: string | null;
}

/** Adds a duty (管护内容) to an asset. */
export async function addCustodyDutyIn(tx: Tx, viewer: Viewer, clock: Clock, input: AddDuty): Promise<Outcome<DutyRow>> {
  assertCan(viewer, 'register:write');
  const asset = await lockAssetForChange(tx, viewer, input.assetId, null, 'assetId');
  if (Array.isArray(asset)) return refused(asset);
  const errors = new UserErrors();
  const description = requiredText(errors, ['input', 'description'], input.description, 500, LABEL.description);
  const startsOn = input.startsOn ?? clock.today();
  // An inspection without an interval takes the one the rules set for the asset's category.
  const intervalDays = input.intervalDays ?? (input.kind === 'INSPECTION' ? (await rulesInForce(tx, asset.regionCode, startsOn)).get('INSPECTION_INTERVAL_DAYS', asset.category) : undefined);
  if (intervalDays === undefined)
    errors.add(['input', 'intervalDays'], UserErrorCode.REQUIRED, text('请填写周期天数（仅巡查可按规则默认）', 'Give the interval (only an inspection takes the rules’ default)'));
  else checkInterval(errors, ['input', 'intervalDays'], intervalDays);
  if (errors.any) return refused(errors);
  const [inserted] = (await store.insertDuties(tx, [{ assetId: asset.id, regionCode: asset.regionCode, kind: input.kind, description, intervalDays: intervalDays!, startsOn }])) as [DutyRow];
  await store.recomputeNextDue(tx, [asset.id], input.kind);
  const duty = (await store.dutyById(tx, inserted.id))!;
  await recordAuditEvent(tx, viewer, clock, {
    action: 'custody.addDuty',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', asset.id),
    regionCode: asset.regionCode,
    before: null,
    after: dutyImage(duty),
  });
  return ok(duty);
}

export const addCustodyDuty = (db: Db, viewer: Viewer, clock: Clock, input: AddDuty) => withTransaction(db, (tx) => addCustodyDutyIn(tx, viewer, clock, input));

export interface UpdateDuty {
  dutyId: number | undefined;
  expectedVersion: number;
  description?: string | null;
  intervalDays?: number | null;
  active?: boolean | null;
}

/** Changes a duty's description, interval or whether it is active; the due date follows. */
export async function updateCustodyDutyIn(tx: Tx, viewer: Viewer, clock: Clock, input: UpdateDuty): Promise<Outcome<DutyRow>> {
  assertCan(viewer, 'register:write');
  const [found] = input.dutyId === undefined ? [] : await store.dutiesByIds(tx, viewer, [input.dutyId]);
  if (!found) return refusal(['input', 'dutyId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此管护内容', 'No duty with this id in your scope'));
  // The asset first, then the duty: every custody write locks in that order. A disposed asset's
  // duties may still be switched off.
  const asset = await lockAssetForChange(tx, viewer, found.assetId, null, 'dutyId', { allowDisposed: true });
  if (Array.isArray(asset)) return refused(asset);
  const before = (await store.lockDuty(tx, viewer, found.id))!;
  const stale = versionConflict(before, input.expectedVersion, ['input', 'expectedVersion'], text('管护内容', 'The duty'));
  if (stale) return refused([stale]);
  const errors = new UserErrors();
  const values: Partial<Pick<DutyRow, 'description' | 'intervalDays' | 'active'>> = {};
  if (input.description != null) values.description = requiredText(errors, ['input', 'description'], input.description, 500, LABEL.description);
  if (input.intervalDays != null) {
    checkInterval(errors, ['input', 'intervalDays'], input.intervalDays);
    values.intervalDays = input.intervalDays;
  }
  if (input.active != null) values.active = input.active;
  if (errors.any) return refused(errors);
  await store.updateDuty(tx, before.id, values);
  await store.recomputeNextDue(tx, [before.assetId], before.kind);
  const after = (await store.dutyById(tx, before.id))!;
  await recordAuditEvent(tx, viewer, clock, {
    action: 'custody.updateDuty',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', before.assetId),
    regionCode: before.regionCode,
    before: dutyImage(before),
    after: dutyImage(after),
  });
  return ok(after);
}

export const updateCustodyDuty = (db: Db, viewer: Viewer, clock: Clock, input: UpdateDuty) => withTransaction(db, (tx) => updateCustodyDutyIn(tx, viewer, clock, input));

export interface RecordMaintenance {
  assetId: number | undefined;
  dutyId?: string | null;
  kind: DutyKind;
  performedOn: string;
  performedBy: string;
  description: string;
  cost?: bigint | null;
  payerId?: string | null;
  outcome: MaintenanceOutcome;
  conditionAfter?: string | null;
  /** DAMAGED after ISSUE_FOUND or NOT_REPAIRABLE, IN_USE after REPAIRED; the asset moves in the same transaction. */
  assetStatusAfter?: 'DAMAGED' | 'IN_USE' | null;
}

const STATUS_FOR_OUTCOME: Record<MaintenanceOutcome, ('DAMAGED' | 'IN_USE')[]> = { OK: [], ISSUE_FOUND: ['DAMAGED'], NOT_REPAIRABLE: ['DAMAGED'], REPAIRED: ['IN_USE'] };

export function maintenanceImage(m: MaintenanceRow) {
  return {
    id: toGlobalId('MaintenanceRecord', m.id),
    assetId: toGlobalId('Asset', m.assetId),
    dutyId: m.dutyId === null ? null : toGlobalId('CustodyDuty', m.dutyId),
    kind: m.kind,
    performedOn: m.performedOn,
    performedBy: m.performedBy,
    description: m.description,
    cost: formatMoney(m.costFen),
    payerId: m.payerPartyId === null ? null : toGlobalId('Party', m.payerPartyId),
    outcome: m.outcome,
    conditionAfter: m.conditionAfter,
  };
}

/**
 * Records maintenance (管护记录) of an asset, inside the caller's transaction: the duties of its
 * kind move on, and the asset's status may move with it.
 */
export async function recordMaintenanceIn(tx: Tx, viewer: Viewer, clock: Clock, input: RecordMaintenance): Promise<Outcome<{ record: MaintenanceRow; asset: AssetRow }>> {
  assertCan(viewer, 'maintenance:write');
  const asset = await lockAssetForChange(tx, viewer, input.assetId, null, 'assetId');
  if (Array.isArray(asset)) return refused(asset);
  await assertCustodian(tx, viewer, [{ assetId: asset.id, on: input.performedOn }]);
  const errors = new UserErrors();
  checkNotInFuture(errors, ['input', 'performedOn'], input.performedOn, clock.today(), text('管护日期', 'Maintenance'));
  const performedBy = requiredLine(errors, ['input', 'performedBy'], input.performedBy, 100, LABEL.performedBy);
  const description = requiredText(errors, ['input', 'description'], input.description, 2000, LABEL.description);
  const conditionAfter = optionalText(errors, ['input', 'conditionAfter'], input.conditionAfter, 500, LABEL.conditionAfter);
  const cost = input.cost ?? 0n;
  if (cost < 0n) errors.add(['input', 'cost'], UserErrorCode.INVALID_VALUE, text('费用不能为负', 'The cost cannot be negative'));
  let dutyId: number | null = null;
  if (input.dutyId) {
    const id = tryKeyOf(input.dutyId, 'CustodyDuty');
    const [duty] = id === undefined ? [] : await store.dutiesByIds(tx, viewer, [id]);
    if (!duty) errors.add(['input', 'dutyId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此管护内容', 'No duty with this id in your scope'));
    else if (duty.assetId !== asset.id) errors.add(['input', 'dutyId'], CustodyError.DUTY_OF_ANOTHER_ASSET);
    else if (duty.kind !== input.kind) errors.add(['input', 'kind'], UserErrorCode.INVALID_VALUE, text(`该管护内容的类型是 ${duty.kind}`, `The duty's kind is ${duty.kind}`));
    dutyId = duty?.id ?? null;
  }
  let payerPartyId: number | null = null;
  if (input.payerId) {
    const id = tryKeyOf(input.payerId, 'Party');
    const payer = id === undefined ? null : await new Loaders(viewer, tx).get(partyById).load(id);
    if (!payer) errors.add(['input', 'payerId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
    payerPartyId = payer?.id ?? null;
  }
  if (input.assetStatusAfter && !STATUS_FOR_OUTCOME[input.outcome].includes(input.assetStatusAfter)) {
    errors.add(
      ['input', 'assetStatusAfter'],
      CustodyError.STATUS_NOT_FOR_OUTCOME,
      text(`管护结果 ${input.outcome} 不能使资产变为 ${input.assetStatusAfter}`, `An outcome of ${input.outcome} cannot make the asset ${input.assetStatusAfter}`),
    );
  }
  // A maintenance record does not take an asset into or out of a disposal: that is the disposal's to decide.
  const workflow = input.assetStatusAfter && input.assetStatusAfter !== asset.status ? await disposalWorkflowRefusal(tx, asset, input.assetStatusAfter) : null;
  if (workflow) errors.add(['input', 'assetStatusAfter'], workflow.code, workflow.message);
  if (errors.any) return refused(errors);
  let after: AssetRow = asset;
  if (input.assetStatusAfter && input.assetStatusAfter !== asset.status) {
    const reason = `管护记录：${input.outcome} ${description.slice(0, 100)}`;
    const moved = await changeLockedAssetStatus(tx, viewer, clock, asset, { status: input.assetStatusAfter, reason, effectiveOn: input.performedOn }, ['input', 'assetStatusAfter']);
    if (Array.isArray(moved)) return refused((moved as UserErrorValue[]).map((e) => ({ ...e, field: e.field?.at(-1) === 'status' ? ['input', 'assetStatusAfter'] : ['input', 'performedOn'] })));
    after = moved;
  }
  const [record] = (await store.insertMaintenance(tx, [
    {
      assetId: asset.id,
      regionCode: asset.regionCode,
      dutyId,
      kind: input.kind,
      performedOn: input.performedOn,
      performedBy,
      description,
      costFen: cost,
      payerPartyId,
      outcome: input.outcome,
      conditionAfter,
      actorId: viewer.userId,
    },
  ])) as [MaintenanceRow];
  await store.recomputeNextDue(tx, [asset.id], input.kind);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'maintenance.record',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', asset.id),
    regionCode: asset.regionCode,
    before: null,
    after: maintenanceImage(record),
  });
  return ok({ record, asset: after });
}

export const recordMaintenance = (db: Db, viewer: Viewer, clock: Clock, input: RecordMaintenance) => withTransaction(db, (tx) => recordMaintenanceIn(tx, viewer, clock, input));

// Stocktakes

export interface OpenStocktake {
  regionCode: string;
  name: string;
  /** The date the register is counted as of; today when omitted. */
  asOf?: string | null;
}

function stocktakeImage(s: StocktakeRow, counts?: Record<string, number>) {
  return { id: toGlobalId('Stocktake', s.id), regionCode: numberToCode(s.regionCode), name: s.name, asOf: s.asOf, status: s.status, ...(counts ?? {}) };
}

/** Opens a stocktake of a region as of a date: one line per asset registered in it by then. */
export async function openStocktakeIn(tx: Tx, viewer: Viewer, clock: Clock, input: OpenStocktake): Promise<Outcome<StocktakeRow>> {
  assertCan(viewer, 'register:write');
  const errors = new UserErrors();
  const name = requiredLine(errors, ['input', 'name'], input.name, 200, LABEL.name);
  const asOf = input.asOf ?? clock.today();
  checkNotInFuture(errors, ['input', 'asOf'], asOf, clock.today(), text('盘点基准日', 'A stocktake'));
  if (!codeInScope(input.regionCode, viewer))
    errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, text(`区划 ${input.regionCode} 不在您的范围内`, `Region ${input.regionCode} is outside your scope`));
  else if (!(await findRegion(tx, viewer, input.regionCode)))
    errors.add(['input', 'regionCode'], UserErrorCode.REGION_NOT_FOUND, text(`没有区划代码 ${input.regionCode}`, `No region has code ${input.regionCode}`));
  if (errors.any) return refused(errors);
  const opened = await savepoint(tx, (sp) => store.insertStocktake(sp, { regionCode: Number(input.regionCode), name, asOf, openedBy: viewer.userId }));
  if ('duplicate' in opened) return refusal(['input', 'regionCode'], CustodyError.STOCKTAKE_ALREADY_OPEN);
  const stocktake = opened.value;
  await allowLongStatements(tx);
  const assets = await store.insertStocktakeItems(tx, stocktake.id, assetsOnDate(viewer, significantPrefix(input.regionCode), asOf, clock));
  await recordAuditEvent(tx, viewer, clock, {
    action: 'stocktake.open',
    entityType: 'Stocktake',
    entityId: toGlobalId('Stocktake', stocktake.id),
    regionCode: stocktake.regionCode,
    before: null,
    after: stocktakeImage(stocktake, { assets }),
  });
  return ok(stocktake);
}

export const openStocktake = (db: Db, viewer: Viewer, clock: Clock, input: OpenStocktake) => withTransaction(db, (tx) => openStocktakeIn(tx, viewer, clock, input));

export interface StocktakeResultInput {
  assetId: number | undefined;
  result: StocktakeResult;
  note?: string | null;
  /** When the asset was checked; today when omitted. */
  checkedOn?: string | null;
  checkedBy: string;
}

async function lockOpenStocktake(tx: Tx, viewer: Viewer, id: number | undefined): Promise<StocktakeRow | UserErrorValue[]> {
  const stocktake = id === undefined ? undefined : await store.lockStocktake(tx, viewer, id);
  const errors = new UserErrors();
  if (!stocktake) return errors.add(['input', 'stocktakeId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此盘点', 'No stocktake with this id in your scope')).list;
  if (stocktake.status !== 'OPEN') return errors.add(['input', 'stocktakeId'], CustodyError.STOCKTAKE_CLOSED).list;
  return stocktake;
}

/**
 * Records results of a stocktake, all or none (a field team's sheet is many at once); `at` names
 * where each result came from in refusals (['input'] or a spreadsheet row). While the stocktake
 * is open a later result for an asset replaces the earlier one; one sheet names an asset once.
 */
export async function recordStocktakeResultsIn(
  tx: Tx,
  viewer: Viewer,
  clock: Clock,
  stocktakeId: number | undefined,
  results: { input: StocktakeResultInput; at: string[] }[],
  action: 'stocktake.recordResults' | 'stocktake.importResults' = 'stocktake.recordResults',
): Promise<Outcome<{ stocktake: StocktakeRow; items: StocktakeItemRow[] }>> {
  assertCan(viewer, 'maintenance:write');
  const stocktake = await lockOpenStocktake(tx, viewer, stocktakeId);
  if (Array.isArray(stocktake)) return refused(stocktake);
  const ids = [...new Set(results.flatMap((r) => (r.input.assetId === undefined ? [] : [r.input.assetId])))];
  const lines = new Map((await store.lockStocktakeItems(tx, viewer, stocktake.id, ids)).map((i) => [i.assetId, i]));
  const errors = new UserErrors();
  const seen = new Set<number>();
  const writes: store.StocktakeResultWrite[] = [];
  for (const { input, at } of results) {
    const line = input.assetId === undefined ? undefined : lines.get(input.assetId);
    if (!line) {
      errors.add([...at, 'assetId'], CustodyError.NOT_IN_STOCKTAKE);
      continue;
    }
    if (seen.has(line.assetId)) {
      errors.add([...at, 'assetId'], UserErrorCode.DUPLICATE, text('同一资产出现了两次', 'The same asset appears twice'));
      continue;
    }
    seen.add(line.assetId);
    const checkedOn = input.checkedOn ?? clock.today();
    checkNotInFuture(errors, [...at, 'checkedOn'], checkedOn, clock.today(), text('盘点日期', 'A check'));
    if (checkedOn < stocktake.asOf)
      errors.add(
        [...at, 'checkedOn'],
        UserErrorCode.DATE_ORDER,
        text(`盘点基准日为 ${stocktake.asOf}，检查日期不能早于该日`, `The stocktake counts as of ${stocktake.asOf}; a check cannot be earlier`),
      );
    const checkedBy = requiredLine(errors, [...at, 'checkedBy'], input.checkedBy, 100, LABEL.checkedBy);
    const note = optionalText(errors, [...at, 'note'], input.note, 1000, LABEL.note);
    if (input.result !== 'FOUND' && !note) errors.add([...at, 'note'], UserErrorCode.REQUIRED, text('账实不符时须说明情况', 'A result other than FOUND needs a note saying what was found'));
    writes.push({ id: line.id, assetId: line.assetId, result: input.result, note, checkedOn, checkedBy, actorId: viewer.userId, recordedAt: clock.now() });
  }
  if (errors.any) return refused(errors);
  if (!writes.length) return ok({ stocktake, items: [] });
  await assertCustodian(
    tx,
    viewer,
    writes.map((w) => ({ assetId: w.assetId, on: w.checkedOn! })),
  );

  await store.recordResults(tx, writes);
  await recordAuditEvent(tx, viewer, clock, {
    action,
    entityType: 'Stocktake',
    entityId: toGlobalId('Stocktake', stocktake.id),
    regionCode: stocktake.regionCode,
    before: { results: writes.map((w) => resultImage(lines.get(w.assetId)!)) },
    after: { results: writes.map(resultImage) },
  });
  return ok({ stocktake, items: await store.lockStocktakeItems(tx, viewer, stocktake.id, ids) });
}

function resultImage(r: Pick<StocktakeItemRow, 'assetId' | 'result' | 'note' | 'checkedOn' | 'checkedBy'>) {
  return { assetId: toGlobalId('Asset', r.assetId), result: r.result, note: r.note, checkedOn: r.checkedOn, checkedBy: r.checkedBy };
}

/** Records what a stocktake found of one asset (recordStocktakeResult). */
export async function recordStocktakeResult(
  db: Db,
  viewer: Viewer,
  clock: Clock,
  stocktakeId: number | undefined,
  input: StocktakeResultInput,
): Promise<Outcome<{ stocktake: StocktakeRow; item: StocktakeItemRow }>> {
  const outcome = await withTransaction(db, (tx) => recordStocktakeResultsIn(tx, viewer, clock, stocktakeId, [{ input, at: ['input'] }]));
  return outcome.value ? ok({ stocktake: outcome.value.stocktake, item: outcome.value.items[0]! }) : refused(outcome.userErrors);
}

/** Closes a stocktake: no result changes after this, its discrepancies stay for the audit checks. */
export async function closeStocktakeIn(tx: Tx, viewer: Viewer, clock: Clock, stocktakeId: number | undefined): Promise<Outcome<StocktakeRow>> {
  assertCan(viewer, 'register:write');
  const stocktake = await lockOpenStocktake(tx, viewer, stocktakeId);
  if (Array.isArray(stocktake)) return refused(stocktake);
  if (!codeInScope(stocktake.regionCode, viewer)) return refusal(['input', 'stocktakeId'], CustodyError.STOCKTAKE_REGION_ABOVE_SCOPE);
  const [progress] = await stocktakeProgress(tx, viewer, [stocktake.id]);
  const closed = await store.closeStocktake(tx, stocktake.id, viewer.userId, clock.now());
  await recordAuditEvent(tx, viewer, clock, {
    action: 'stocktake.close',
    entityType: 'Stocktake',
    entityId: toGlobalId('Stocktake', stocktake.id),
    regionCode: stocktake.regionCode,
    before: stocktakeImage(stocktake),
    after: stocktakeImage(closed, { assets: progress!.total, checked: progress!.checked, discrepancies: progress!.discrepancies }),
  });
  return ok(closed);
}

export const closeStocktake = (db: Db, viewer: Viewer, clock: Clock, stocktakeId: number | undefined) => withTransaction(db, (tx) => closeStocktakeIn(tx, viewer, clock, stocktakeId));

// Reads

export async function careOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[], asOf: string): Promise<(store.CareOfAsset | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(assetIds, await store.careOfAssets(db, viewer, assetIds, asOf), (r) => r.assetId);
}

export async function custodyHistoryOf(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<store.CustodyWithCustodian[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.custodyHistory(db, viewer, assetIds), (r) => r.custody.assetId);
}

export async function custodyByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(CustodyRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.custodyByIds(db, viewer, ids), (r) => r.id);
}

export async function dutiesOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<DutyRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.dutiesOfAssets(db, viewer, assetIds), (r) => r.assetId);
}

export async function dutiesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(DutyRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.dutiesByIds(db, viewer, ids), (r) => r.id);
}

export async function maintenanceOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<MaintenanceRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.maintenanceOfAssets(db, viewer, assetIds), (r) => r.assetId);
}

export async function maintenanceByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(MaintenanceRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.maintenanceByIds(db, viewer, ids), (r) => r.id);
}

export async function stocktakesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(StocktakeRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.stocktakesByIds(db, viewer, ids), (r) => r.id);
}

export async function stocktakeItemsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<StocktakeItemRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.itemsOfAssets(db, viewer, assetIds), (r) => r.assetId);
}

/**
 * Duties past due on a date (巡查/维护超期) across the viewer's scope, most overdue first. Today's
 * list reads the kept due dates (an index); a past date's recomputes them as they were then.
 */
export function overdueDuties(db: Db, viewer: Viewer, clock: Clock, filter: store.DutyFilter, asOf: string, args: PageArgs): Promise<Connection<store.OverdueDutyRow>> {
  assertCan(viewer, 'read');
  const { query, read } = overdueOn(db, viewer, clock, filter, asOf);
  return keysetConnection(
    args,
    query.order,
    (page) => read((tx) => store.overduePage(tx, query, page)),
    () => read((tx) => store.overdueCount(tx, query)),
  );
}

export function overdueDutyCount(db: Db, viewer: Viewer, clock: Clock, filter: store.DutyFilter, asOf: string): Promise<number> {
  assertCan(viewer, 'read');
  const { query, read } = overdueOn(db, viewer, clock, filter, asOf);
  return read((tx) => store.overdueCount(tx, query));
}

/** The overdue query of a date, and how to run it: a past date recomputes due dates, so it runs as a report. */
function overdueOn(db: Db, viewer: Viewer, clock: Clock, filter: store.DutyFilter, asOf: string) {
  const isToday = asOf >= clock.today();
  const read = <T>(work: (tx: Db) => Promise<T>): Promise<T> => (isToday ? work(db) : withReportTimeout(db, work));
  return { query: store.overdueQuery(viewer, filter, asOf, isToday, (assetId) => assetLiveOn(assetId, asOf, clock)), read };
}

/** Custody coverage of a region on a date (管护覆盖率): public-welfare assets in use, those with a custodian in force, and the share (1 when there are none: nothing is uncovered). */
export async function custodyCoverage(db: Db, viewer: Viewer, clock: Clock, prefix: string, asOf: string): Promise<{ inUse: number; covered: number; coverage: number }> {
  assertCan(viewer, 'read');
  const { inUse, covered } = await withReportTimeout(db, (tx) => store.custodyCoverage(tx, assetsOnDate(viewer, prefix, asOf, clock), asOf));
  return { inUse, covered, coverage: inUse === 0 ? 1 : covered / inUse };
}

export function maintenanceRecords(db: Db, viewer: Viewer, filter: store.MaintenanceFilter, args: PageArgs): Promise<Connection<MaintenanceRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.MAINTENANCE_ORDER,
    (page) => store.maintenancePage(db, viewer, filter, page),
    () => store.maintenanceCount(db, viewer, filter),
  );
}

export async function maintenanceTotals(db: Db, viewer: Viewer, filter: store.MaintenanceFilter): Promise<{ payerPartyId: number | null; year: number; records: number; costFen: bigint }[]> {
  assertCan(viewer, 'read');
  return (await store.maintenanceTotals(db, viewer, filter)).map((r) => ({ ...r, costFen: BigInt(r.costFen) }));
}

export function listStocktakes(db: Db, viewer: Viewer, filter: store.StocktakeFilter, args: PageArgs): Promise<Connection<StocktakeRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.STOCKTAKE_ORDER,
    (page) => store.stocktakesPage(db, viewer, filter, page),
    () => store.stocktakesCount(db, viewer, filter),
  );
}

export function stocktakeItems(db: Db, viewer: Viewer, filter: store.ItemFilter, args: PageArgs): Promise<Connection<StocktakeItemRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.ITEM_ORDER,
    (page) => store.itemsPage(db, viewer, filter, page),
    () => store.itemsCount(db, viewer, filter),
  );
}

/** How far a stocktake has got over its lines in the viewer's scope. */
export interface StocktakeProgress {
  total: number;
  checked: number;
  discrepancies: number;
  byTownship: store.TownshipTally[];
}

/** Progress of stocktakes (by id, in order), overall and by township, in one statement. */
export async function stocktakeProgress(db: Db, viewer: Viewer, stocktakeIds: readonly number[]): Promise<StocktakeProgress[]> {
  assertCan(viewer, 'read');
  return manyByKey(stocktakeIds, await store.stocktakeTallies(db, viewer, stocktakeIds), (t) => t.stocktakeId).map((byTownship) => ({
    total: byTownship.reduce((n, t) => n + t.total, 0),
    checked: byTownship.reduce((n, t) => n + t.checked, 0),
    discrepancies: byTownship.reduce((n, t) => n + t.discrepancies, 0),
    byTownship,
  }));
}

/** Every line of a stocktake in the viewer's scope, in batches (the field teams' checklist). */
export function stocktakeChecklist(db: Db, viewer: Viewer, stocktakeId: number): AsyncGenerator<StocktakeItemRow[]> {
  assertCan(viewer, 'read');
  return store.itemsInBatches(db, viewer, stocktakeId);
}
