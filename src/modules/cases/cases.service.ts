/**
 * 审计/检查 and 整改 (audit cases and findings, DESIGN.md §3 AuditCase / Finding): an AUDITOR opens
 * a case for a region and adds findings, from an automated check's result (the check, subject,
 * amount and evidence as the check finds them today; the same result is not added twice while a
 * finding of it is open) or by hand, with a severity and a rectification due date. The responsible
 * side (ASSET_MANAGER or FINANCE of the scope) records what it did (RECTIFYING) and marks it
 * RECTIFIED; only an auditor closes it, or sends it back. A finding within REPEAT_FINDING_DAYS of
 * the closing of one of the same kind is a repeat and names it.
 */
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { addDays, type Clock } from '../../clock';
import type { Db } from '../../db/client';
import { savepoint, withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { fromGlobalId, toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import {
  UserErrorCode,
  UserErrors,
  checkAmount,
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
} from '../../graphql/user-errors';
import { assetsByIds } from '../assets/assets.service';
import type { AuditAction } from '../audit/actions';
import { recordAuditEvent } from '../audit/audit.service';
import { checkResultOf, type AuditCheck } from '../checks/checks.service';
import { numberToCode, significantPrefix } from '../regions/division-code';
import { regionsByCodes } from '../regions/regions.service';
import { rulesInForce } from '../rules/rules.service';
import type { CaseRow, FindingNoteRow, FindingRow, FindingStatus, NoteKind } from './cases.table';
import * as store from './cases.store';

export type { CaseRow, FindingNoteRow, FindingRow, FindingStatus } from './cases.table';
export { FINDING_STATUSES, NOTE_KINDS } from './cases.table';

export const CaseError = defineErrorCodes({
  NOT_FOUND_BY_CHECK: text('该检查在案件区域内没有发现这一对象的问题', 'The check finds no problem of this subject in the case’s region.'),
  FINDING_STEP_NOT_ALLOWED: text('问题当前状态不允许这一步', 'The finding’s status does not allow this step.'),
});

const LABEL = { title: text('案件名称', 'Title'), note: text('说明', 'Note'), description: text('问题描述', 'Description') };

function findingImage(f: FindingRow) {
  return {
    id: toGlobalId('AuditFinding', f.id),
    caseId: toGlobalId('AuditCase', f.caseId),
    assetId: f.assetId === null ? null : toGlobalId('Asset', f.assetId),
    check: f.check,
    subjectId: f.subjectType && f.subjectId !== null ? toGlobalId(f.subjectType, f.subjectId) : null,
    severity: f.severity,
    description: f.description,
    amount: formatMoney(f.amountFen),
    dueOn: f.dueOn,
    status: f.status,
    closedOn: f.closedOn,
    repeatOfId: f.repeatOfId === null ? null : toGlobalId('AuditFinding', f.repeatOfId),
    version: f.version,
  };
}

async function audited(tx: Tx, viewer: Viewer, clock: Clock, action: AuditAction, before: FindingRow | null, after: FindingRow, note?: FindingNoteRow) {
  await recordAuditEvent(tx, viewer, clock, {
    action,
    entityType: after.assetId === null ? 'AuditCase' : 'Asset',
    entityId: after.assetId === null ? toGlobalId('AuditCase', after.caseId) : toGlobalId('Asset', after.assetId),
    regionCode: after.regionCode,
    before: before && findingImage(before),
    after: { ...findingImage(after), ...(note ? { note: note.text, noteOn: note.on } : {}) },
  });
}

export interface OpenCase {
  regionCode: string;
  title: string;
  note?: string | null;
  openedOn?: string | null;
}

/** 立案: an audit or inspection of a region in the auditor's scope. */
export function openAuditCase(db: Db, viewer: Viewer, clock: Clock, input: OpenCase): Promise<Outcome<CaseRow>> {
  assertCan(viewer, 'audit:write');
  return withTransaction(db, async (tx) => {
    const errors = new UserErrors();
    const title = requiredLine(errors, ['input', 'title'], input.title, 200, LABEL.title);
    const note = optionalText(errors, ['input', 'note'], input.note, 2000, LABEL.note);
    const openedOn = input.openedOn ?? clock.today();
    if (openedOn > clock.today()) errors.add(['input', 'openedOn'], UserErrorCode.INVALID_VALUE, text('立案日期不能在将来', 'A case cannot be opened in the future'));
    const [region] = await regionsByCodes(tx, viewer, [Number(input.regionCode)]);
    if (!region || !codeInScope(input.regionCode, viewer)) errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, text('该区域不在您的范围内', 'The region is not in your scope'));
    if (errors.any) return refused(errors);
    const created = await store.insertCase(tx, { regionCode: Number(input.regionCode), title, note, openedOn, actorId: viewer.userId });
    await recordAuditEvent(tx, viewer, clock, {
      action: 'auditCase.open',
      entityType: 'AuditCase',
      entityId: toGlobalId('AuditCase', created.id),
      regionCode: created.regionCode,
      before: null,
      after: { id: toGlobalId('AuditCase', created.id), title, regionCode: input.regionCode, openedOn, note },
    });
    return ok(created);
  });
}

export interface AddFinding {
  caseId: number | undefined;
  /** From a check's result: the check and its subject's global ID. */
  check?: AuditCheck | null;
  subjectId?: string | null;
  /** By hand. */
  assetId?: string | null;
  description?: string | null;
  severity?: FindingRow['severity'] | null;
  amount?: bigint | null;
  dueOn: string;
}

/** 添加问题: from a check's result as found today, or by hand; the same open result is answered, not added again. */
export function addFinding(db: Db, viewer: Viewer, clock: Clock, input: AddFinding): Promise<Outcome<FindingRow>> {
  assertCan(viewer, 'audit:write');
  return withTransaction(db, async (tx) => {
    const [auditCase] = input.caseId === undefined ? [] : await store.casesByIds(tx, viewer, [input.caseId]);
    if (!auditCase) return refusal(['input', 'caseId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此案件', 'No audit case with this id in your scope'));
    const today = clock.today();
    const errors = new UserErrors();
    if (input.dueOn < today) errors.add(['input', 'dueOn'], UserErrorCode.DATE_ORDER, text('整改期限不能早于今天', 'The rectification due date cannot be before today'));
    const description = optionalText(errors, ['input', 'description'], input.description, 2000, LABEL.description);
    if (input.amount != null) checkAmount(errors, ['input', 'amount'], input.amount, { zeroAllowed: true });
    let values: {
      regionCode: number;
      assetId: number | null;
      check: string | null;
      subjectType: string | null;
      subjectId: number | null;
      severity: FindingRow['severity'];
      description: string;
      amountFen: bigint;
      evidence: unknown;
    };
    if (input.check) {
      const subject = input.subjectId ? fromGlobalId(input.subjectId) : null;
      const key = subject && /^\d{1,15}$/.test(subject.key) ? Number(subject.key) : null;
      if (!subject || key === null) return refusal(['input', 'subjectId'], UserErrorCode.REQUIRED, text('请给出检查结果的对象', "Give the check result's subject"));
      const found = await checkResultOf(tx, viewer, clock, input.check, numberToCode(auditCase.regionCode), { type: subject.type, id: key });
      if (!found) return refusal(['input', 'subjectId'], CaseError.NOT_FOUND_BY_CHECK);
      if (errors.any) return refused(errors);
      const open = await store.openFindingOf(tx, input.check, subject.type, key);
      if (open) return ok(open); // already being followed (in this case or another): nothing is added
      values = {
        regionCode: found.regionCode,
        assetId: found.assetId,
        check: input.check,
        subjectType: subject.type,
        subjectId: key,
        severity: input.severity ?? found.severity,
        description: description ?? found.messageZh,
        amountFen: input.amount ?? BigInt(found.amountFen),
        evidence: found.evidence,
      };
    } else {
      if (!description) errors.add(['input', 'description'], UserErrorCode.REQUIRED, text('请描述问题', 'Describe the finding'));
      if (!input.severity) errors.add(['input', 'severity'], UserErrorCode.REQUIRED, text('请给出严重程度', 'Give a severity'));
      const assetKey = input.assetId ? tryKeyOf(input.assetId, 'Asset') : undefined;
      const [asset] = assetKey === undefined ? [null] : await assetsByIds(tx, viewer, [assetKey]);
      if (input.assetId && !asset) errors.add(['input', 'assetId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此资产', 'No asset with this id in your scope'));
      if (asset && !numberToCode(asset.regionCode).startsWith(significantPrefix(numberToCode(auditCase.regionCode))))
        errors.add(['input', 'assetId'], UserErrorCode.OUT_OF_SCOPE, text('该资产不在案件区域内', "The asset is not in the case's region"));
      if (errors.any) return refused(errors);
      values = {
        regionCode: asset?.regionCode ?? auditCase.regionCode,
        assetId: asset?.id ?? null,
        check: null,
        subjectType: null,
        subjectId: null,
        severity: input.severity!,
        description: description!,
        amountFen: input.amount ?? 0n,
        evidence: null,
      };
    }
    if (errors.any) return refused(errors);
    const repeatDays = (await rulesInForce(tx, values.regionCode, today)).get('REPEAT_FINDING_DAYS');
    const same = values.check ? store.sameResult(values.check, values.subjectType!, values.subjectId!) : values.assetId !== null ? store.sameByHand(values.assetId, values.description) : null;
    const repeatOf = same ? await store.closedSince(tx, same, addDays(today, -repeatDays)) : undefined;
    // Two auditors adding the same result at once: the one-open-finding index lets one in; the other is answered with it.
    const inserted = await savepoint(tx, (sp) =>
      store.insertFinding(sp, { caseId: auditCase.id, ...values, dueOn: input.dueOn, repeatOfId: repeatOf?.id ?? null, actorId: viewer.userId, createdOn: today }),
    );
    if ('duplicate' in inserted) return ok((await store.openFindingOf(tx, values.check!, values.subjectType!, values.subjectId!))!);
    await audited(tx, viewer, clock, 'finding.add', null, inserted.value);
    return ok(inserted.value);
  });
}

export interface FindingStep {
  findingId: number | undefined;
  note: string;
  on?: string | null;
  expectedVersion?: number | null;
}

/** Each step: who may take it, from which statuses, to which, and the note it leaves. */
const STEPS = {
  recordRectification: { permission: 'rectification:write', from: ['OPEN', 'RECTIFYING'], to: 'RECTIFYING', note: 'RECTIFICATION', action: 'finding.recordRectification' },
  markFindingRectified: { permission: 'rectification:write', from: ['OPEN', 'RECTIFYING'], to: 'RECTIFIED', note: 'RECTIFIED', action: 'finding.markRectified' },
  closeFinding: { permission: 'audit:write', from: ['RECTIFIED'], to: 'CLOSED', note: 'CLOSED', action: 'finding.close' },
  sendBackFinding: { permission: 'audit:write', from: ['RECTIFIED'], to: 'RECTIFYING', note: 'SENT_BACK', action: 'finding.sendBack' },
} as const satisfies Record<string, { permission: 'rectification:write' | 'audit:write'; from: readonly FindingStatus[]; to: FindingStatus; note: NoteKind; action: AuditAction }>;
export type StepName = keyof typeof STEPS;

/** A step of a finding's rectification (整改), with its note. */
export function stepFinding(db: Db, viewer: Viewer, clock: Clock, name: StepName, input: FindingStep): Promise<Outcome<FindingRow>> {
  const step = STEPS[name];
  assertCan(viewer, step.permission);
  return withTransaction(db, async (tx) => {
    const found = input.findingId === undefined ? undefined : await store.lockFinding(tx, viewer, input.findingId);
    if (!found) return refusal(['input', 'findingId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此问题', 'No finding with this id in your scope'));
    const stale = versionConflict(found, input.expectedVersion, ['input', 'expectedVersion'], text('问题', 'The finding'));
    if (stale) return refused([stale]);
    const errors = new UserErrors();
    const note = requiredText(errors, ['input', 'note'], input.note, 2000, LABEL.note);
    const on = input.on ?? clock.today();
    if (on > clock.today() || on < found.createdOn)
      errors.add(['input', 'on'], UserErrorCode.DATE_ORDER, text(`日期应在 ${found.createdOn} 至今天之间`, `The date lies between ${found.createdOn} and today`));
    if (!(step.from as readonly string[]).includes(found.status))
      errors.add(['input', 'findingId'], CaseError.FINDING_STEP_NOT_ALLOWED, text(`问题状态为 ${found.status}，不能执行此步`, `The finding is ${found.status}; this step is not open to it`));
    if (errors.any) return refused(errors);
    const after = await store.updateFinding(tx, found.id, { status: step.to, closedOn: step.to === 'CLOSED' ? on : null });
    const written = await store.insertNote(tx, { findingId: found.id, kind: step.note, text: note, on, actorId: viewer.userId, actorRole: viewer.role });
    await audited(tx, viewer, clock, step.action, found, after, written);
    return ok(after);
  });
}

// Reads

export async function casesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(CaseRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.casesByIds(db, viewer, ids), (c) => c.id);
}

export async function findingsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(FindingRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.findingsByIds(db, viewer, ids), (f) => f.id);
}

export async function findingsOfCases(db: Db, viewer: Viewer, caseIds: readonly number[]): Promise<FindingRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(caseIds, await store.findingsOfCases(db, viewer, caseIds), (f) => f.caseId);
}

export async function findingsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<FindingRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.findingsOfAssets(db, viewer, assetIds), (f) => f.assetId!);
}

/** A finding's notes: seen by whoever sees the finding (the loader asks for findings the viewer sees). */
export async function notesOfFindings(db: Db, viewer: Viewer, findingIds: readonly number[]): Promise<FindingNoteRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(findingIds, await store.notesOfFindings(db, findingIds), (n) => n.findingId);
}

export function listCases(db: Db, viewer: Viewer, prefix: string | undefined, args: PageArgs): Promise<Connection<CaseRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.CASE_ORDER,
    (page) => store.casesPage(db, viewer, prefix, page),
    () => store.casesCount(db, viewer, prefix),
  );
}

/** 整改逾期: findings past their due date still OPEN or RECTIFYING, the oldest due first. */
export function overdueRectifications(db: Db, viewer: Viewer, prefix: string | undefined, asOf: string, args: PageArgs): Promise<Connection<FindingRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.OVERDUE_ORDER,
    (page) => store.overduePage(db, viewer, prefix, asOf, page),
    () => store.overdueCount(db, viewer, prefix, asOf),
  );
}
