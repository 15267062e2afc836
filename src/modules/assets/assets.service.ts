/**
 * 资产台账 (the asset register), DESIGN.md §3 Asset. Rules enforced here:
 * - a unique code; a region in the writer's scope; money in fen, never negative;
 * - dates keep their order: built ≤ completed ≤ accepted ≤ handed over (DATE_ORDER);
 * - status follows the lifecycle (lifecycle.ts); every change is recorded with reason, date
 *   and actor; a DISPOSED asset is read-only (ASSET_DISPOSED) — both in asset-gate.ts, which
 *   every capability's writer passes;
 * - updates carry the version they were based on (VERSION_CONFLICT).
 * The funding composition need not equal the original value: a county's real ledger is
 * accepted as it is, and the FUNDING_MISMATCH check reports the difference.
 *
 * Every write has a form that runs in a transaction the caller holds (`…In(tx, viewer, clock,
 * input)`: its lookups read inside that transaction) and a wrapper that opens one.
 */
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { savepoint, withReportTimeout, withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { Loaders, type Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, pageInMemory, sortInMemory, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import {
  UserErrorCode,
  UserErrors,
  checkDateOrder,
  checkNotInFuture,
  ok,
  optionalText,
  refusal,
  refused,
  requiredLine,
  requiredText,
  text,
  withoutInvisible,
  type Outcome,
  type UserErrorValue,
} from '../../graphql/user-errors';
import { recordAuditEvents, recordedWhereItWas, type AuditAction } from '../audit/audit.service';
import { checkOwnerSet, openFirstOwnerSets, shareImage, type OwnerShare, type OwnerShareInput, type OwnershipRow } from '../ownership/ownership.service';
import { partyById } from '../parties/parties.loaders';
import { projectById } from '../projects/projects.loaders';
import type { FundingSource } from '../projects/projects.service';
import { numberToCode } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import { AssetError, changeLockedAssetStatus, lockAssetForChange } from './asset-gate';
import { hasBlanks, normaliseAssetCode } from './asset-code';
import type { AssetRow, AssetStatusChangeRow } from './assets.table';
import * as store from './assets.store';
import { INITIAL_STATUSES, type AssetStatus } from './lifecycle';
import { TIMELINE_ORDER, timelineOf, type TimelineEntry } from './timeline';

export type { AssetFundingRow, AssetRow, AssetStatusChangeRow } from './assets.table';
export { ASSET_CATEGORIES, ASSET_CLASSES, ASSET_STATUSES } from './assets.table';
export type { AssetFilter, AssetSort, FundingWithProject, SummaryRow } from './assets.store';
export { insertAssets, insertFunding, insertStatusChanges, type AssetFundingValues, type AssetValues, type StatusChangeValues } from './assets.store';
export { normaliseAssetCode } from './asset-code';
export { AssetError, bumpAssetVersion, changeLockedAssetStatus, disposalWorkflowRefusal, lockAssetForChange, registerDisposalUnderWay } from './asset-gate';
import { disposalWorkflowRefusal } from './asset-gate';

export interface FundingInput {
  projectId?: string | null;
  source: FundingSource;
  amount: bigint;
}

export interface AssetFields {
  code?: string;
  name?: string;
  assetClass?: AssetRow['assetClass'];
  category?: AssetRow['category'];
  regionCode?: string;
  address?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  quantity?: number | null;
  unit?: string | null;
  originalValue?: bigint;
  builtOn?: string | null;
  completedOn?: string | null;
  acceptedOn?: string | null;
  handedOverOn?: string | null;
  funding?: FundingInput[];
}

export interface Registration extends AssetFields {
  status?: AssetStatus;
  /** When the initial status began; defaults to the latest of the asset's dates, or today. */
  statusSince?: string | null;
  owners?: OwnerShareInput[];
  /** When the owners' rights began; defaults to the confirmation date or statusSince. */
  ownershipFrom?: string | null;
}

type FundingLine = Omit<store.AssetFundingValues, 'assetId' | 'regionCode'>;

/** A registration checked and ready to write (import writes many at once). */
export interface PreparedRegistration {
  values: store.AssetValues;
  funding: FundingLine[];
  statusSince: string;
  owners: OwnerShare[];
  ownershipFrom: string;
}

const DATE_FIELDS = ['builtOn', 'completedOn', 'acceptedOn', 'handedOverOn'] as const;
/** numeric(18, 3): fifteen digits before the point. */
const MAX_QUANTITY = 1e15;
const LABEL = { code: text('资产编号', 'Asset code'), name: text('资产名称', 'Asset name'), address: text('坐落位置', 'Address'), unit: text('单位', 'Unit'), reason: text('变更原因', 'Reason') };

/** Checks the fields of a register line; lookups read through `loaders`, which the caller binds to its transaction. */
async function checkFields(
  loaders: Loaders,
  viewer: Viewer,
  fields: AssetFields,
  before: AssetRow | null,
  errors: UserErrors,
  at: string[] = ['input'],
): Promise<{ values: Partial<store.AssetValues>; funding?: FundingLine[] }> {
  const values: Partial<store.AssetValues> = {};
  const field = (name: string) => [...at, name];
  if (fields.code != null) {
    values.code = normaliseAssetCode(requiredText(errors, field('code'), fields.code, 64, LABEL.code));
    // (A code of blanks only is already REQUIRED.)
    if (hasBlanks(values.code) && withoutInvisible(values.code).trim() !== '')
      errors.add(field('code'), UserErrorCode.INVALID_VALUE, text('资产编号不能含空格或不可见字符', 'An asset code has no spaces or invisible characters'));
  }
  if (fields.name != null) values.name = requiredLine(errors, field('name'), fields.name, 200, LABEL.name);
  if (fields.assetClass != null) values.assetClass = fields.assetClass;
  if (fields.category != null) values.category = fields.category;
  if (fields.regionCode != null) {
    if (!codeInScope(fields.regionCode, viewer))
      errors.add(field('regionCode'), UserErrorCode.OUT_OF_SCOPE, text(`区划 ${fields.regionCode} 不在您的范围内`, `Region ${fields.regionCode} is outside your scope`));
    else if (!(await loaders.get(regionByCode).load(Number(fields.regionCode))))
      errors.add(field('regionCode'), UserErrorCode.REGION_NOT_FOUND, text(`没有区划代码 ${fields.regionCode}`, `No region has code ${fields.regionCode}`));
    values.regionCode = Number(fields.regionCode);
  }
  if (fields.address !== undefined) values.address = optionalText(errors, field('address'), fields.address, 300, LABEL.address);
  if (fields.unit !== undefined) values.unit = optionalText(errors, field('unit'), fields.unit, 20, LABEL.unit);
  if (fields.longitude !== undefined || fields.latitude !== undefined) {
    const longitude = fields.longitude === undefined ? (before?.longitude ?? null) : fields.longitude;
    const latitude = fields.latitude === undefined ? (before?.latitude ?? null) : fields.latitude;
    if ((longitude === null) !== (latitude === null)) errors.add(field('latitude'), UserErrorCode.REQUIRED, text('经度和纬度须同时给出或同时省略', 'Give both longitude and latitude, or neither'));
    if (longitude !== null && (longitude < -180 || longitude > 180)) errors.add(field('longitude'), UserErrorCode.INVALID_VALUE, text('经度在 -180 至 180 之间', 'Longitude is -180 to 180'));
    if (latitude !== null && (latitude < -90 || latitude > 90)) errors.add(field('latitude'), UserErrorCode.INVALID_VALUE, text('纬度在 -90 至 90 之间', 'Latitude is -90 to 90'));
    values.longitude = longitude;
    values.latitude = latitude;
  }
  if (fields.quantity !== undefined) {
    if (fields.quantity !== null && (!Number.isFinite(fields.quantity) || fields.quantity < 0))
      errors.add(field('quantity'), UserErrorCode.INVALID_VALUE, text('数量不能为负', 'Quantity cannot be negative'));
    else if (fields.quantity !== null && fields.quantity >= MAX_QUANTITY)
      errors.add(field('quantity'), UserErrorCode.INVALID_VALUE, text('数量最大为 999999999999999.999', 'Quantity is at most 999999999999999.999'));
    values.quantity = fields.quantity === null ? null : String(fields.quantity);
  }
  if (fields.originalValue != null) {
    if (fields.originalValue < 0n) errors.add(field('originalValue'), UserErrorCode.INVALID_VALUE, text('原值不能为负', 'The original value cannot be negative'));
    values.originalValueFen = fields.originalValue;
  }
  for (const key of DATE_FIELDS) if (fields[key] !== undefined) values[key] = fields[key];
  const merged = { ...before, ...values };
  checkDateOrder(
    errors,
    DATE_FIELDS.map((key) => [key, merged[key]]),
    at,
  );

  if (fields.funding == null) return { values };
  const funding = await Promise.all(
    fields.funding.map(async (line, i) => {
      const lineField = [...at, 'funding', String(i)];
      if (line.amount <= 0n) errors.add([...lineField, 'amount'], UserErrorCode.INVALID_VALUE, text('资金金额必须大于零', 'A funding amount must be positive'));
      let projectId: number | null = null;
      if (line.projectId) {
        const id = tryKeyOf(line.projectId, 'Project');
        const project = id === undefined ? null : await loaders.get(projectById).load(id);
        if (!project) errors.add([...lineField, 'projectId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此项目', 'No project with this id visible to you'));
        projectId = project?.id ?? null;
      }
      return { projectId, source: line.source, amountFen: line.amount };
    }),
  );
  return { values, funding };
}

/**
 * The latest date the register line carries (when its current status most likely began), and
 * which input field gave it (where a fault of it is said); today when it carries none.
 */
function defaultStatusSince(values: Partial<store.AssetValues>, clock: Clock): { on: string; field: string } {
  for (const field of ['handedOverOn', 'acceptedOn', 'completedOn', 'builtOn'] as const) {
    const on = values[field];
    if (on) return { on, field };
  }
  return { on: clock.today(), field: 'statusSince' };
}

/** Checks one registration completely; userErrors are added under `at` (['input'] or a spreadsheet row). */
export async function prepareRegistration(loaders: Loaders, viewer: Viewer, clock: Clock, input: Registration, errors: UserErrors, at: string[] = ['input']): Promise<PreparedRegistration> {
  const { values, funding } = await checkFields(loaders, viewer, { ...input, code: input.code ?? '', name: input.name ?? '', funding: input.funding ?? [] }, null, errors, at);
  // (An update passes `null` for a field it does not change; a field the asset must have cannot be cleared.)
  if (!input.assetClass) errors.add([...at, 'assetClass'], UserErrorCode.REQUIRED, text('资产类别为必填项', 'Asset class is required'));
  if (!input.category) errors.add([...at, 'category'], UserErrorCode.REQUIRED, text('资产类型为必填项', 'Category is required'));
  if (input.regionCode === undefined) errors.add([...at, 'regionCode'], UserErrorCode.REQUIRED, text('所在区划为必填项', 'Region is required'));
  if (input.originalValue === undefined) errors.add([...at, 'originalValue'], UserErrorCode.REQUIRED, text('原值为必填项', 'Original value is required'));
  const status = input.status ?? 'IN_USE';
  if (!INITIAL_STATUSES.includes(status)) errors.add([...at, 'status'], AssetError.ILLEGAL_STATUS_TRANSITION, text(`资产不能以 ${status} 状态登记`, `An asset cannot be registered as ${status}`));
  const today = clock.today();
  const since = input.statusSince != null ? { on: input.statusSince, field: 'statusSince' } : defaultStatusSince(values, clock);
  const statusSince = since.on;
  checkNotInFuture(errors, [...at, since.field], statusSince, today, since.field === 'statusSince' ? text('状态开始日期', 'The start of the status') : text('资产日期', 'A date of the asset'));
  const owners = await checkOwnerSet((id) => loaders.get(partyById).load(id), input.owners ?? [], [...at, 'owners'], errors, today);
  const ownershipFrom = input.ownershipFrom ?? input.owners?.[0]?.confirmedOn ?? statusSince;
  // Its defaults (the first confirmation, statusSince) are checked where they were given.
  if (input.ownershipFrom != null) checkNotInFuture(errors, [...at, 'ownershipFrom'], ownershipFrom, today, text('产权开始日期', 'The start of ownership'));
  return { values: { ...values, status, ownershipConfirmed: owners.length > 0 } as store.AssetValues, funding: funding ?? [], statusSince, owners, ownershipFrom };
}

/** What the audit trail keeps of an asset, in the API's terms (Money strings, 12-digit codes, global IDs). */
export function auditImage(asset: AssetRow, funding: FundingLine[], owners?: (OwnershipRow | (OwnerShare & { validFrom?: string }))[]) {
  return {
    id: toGlobalId('Asset', asset.id),
    code: asset.code,
    name: asset.name,
    assetClass: asset.assetClass,
    category: asset.category,
    status: asset.status,
    regionCode: numberToCode(asset.regionCode),
    address: asset.address,
    longitude: asset.longitude,
    latitude: asset.latitude,
    quantity: asset.quantity === null ? null : Number(asset.quantity),
    unit: asset.unit,
    originalValue: formatMoney(asset.originalValueFen),
    builtOn: asset.builtOn,
    completedOn: asset.completedOn,
    acceptedOn: asset.acceptedOn,
    handedOverOn: asset.handedOverOn,
    version: asset.version,
    funding: funding.map((line) => ({
      projectId: line.projectId === null || line.projectId === undefined ? null : toGlobalId('Project', line.projectId),
      source: line.source,
      amount: formatMoney(line.amountFen),
    })),
    ...(owners ? { owners: owners.map(shareImage) } : {}),
  };
}

/** Writes checked registrations in the caller's transaction: assets, funding, status, owners, audit events. */
export async function writeRegistrations(tx: Tx, viewer: Viewer, clock: Clock, prepared: PreparedRegistration[], action: AuditAction = 'asset.register'): Promise<AssetRow[]> {
  const assets = await store.insertAssets(
    tx,
    prepared.map((p) => p.values),
  );
  const at = (i: number) => assets[i]!;
  const funding = await store.insertFunding(
    tx,
    prepared.flatMap((p, i) => p.funding.map((line) => ({ ...line, assetId: at(i).id, regionCode: at(i).regionCode }))),
  );
  await store.insertStatusChanges(
    tx,
    prepared.map((p, i) => ({
      assetId: at(i).id,
      regionCode: at(i).regionCode,
      fromStatus: null,
      toStatus: p.values.status,
      reason: '登记 registered',
      effectiveOn: p.statusSince,
      actorId: viewer.userId,
    })),
  );
  const owners = await openFirstOwnerSets(
    tx,
    viewer,
    prepared.map((p, i) => ({ asset: at(i), from: p.ownershipFrom, shares: p.owners })),
  );
  const ids = assets.map((a) => a.id);
  const fundingByAsset = manyByKey(ids, funding, (f) => f.assetId);
  const ownersByAsset = manyByKey(ids, owners, (o) => o.assetId);
  await recordAuditEvents(
    tx,
    viewer,
    clock,
    assets.map((asset, i) => ({
      action,
      entityType: 'Asset',
      entityId: toGlobalId('Asset', asset.id),
      regionCode: asset.regionCode,
      before: null,
      after: auditImage(asset, fundingByAsset[i]!, ownersByAsset[i]!),
    })),
  );
  return assets;
}

const duplicateCode = <T>(field: string[] = ['input', 'code']): Outcome<T> => refusal(field, UserErrorCode.DUPLICATE, text('已有资产使用此编号', 'Another asset already has this code'));

/** Registers an asset with its funding and owners, inside the caller's transaction. */
export async function registerAssetIn(tx: Tx, viewer: Viewer, clock: Clock, input: Registration): Promise<Outcome<AssetRow>> {
  assertCan(viewer, 'register:write');
  const errors = new UserErrors();
  const prepared = await prepareRegistration(new Loaders(viewer, tx), viewer, clock, input, errors);
  if (errors.any) return refused(errors);
  const written = await savepoint(tx, (sp) => writeRegistrations(sp, viewer, clock, [prepared]));
  if ('duplicate' in written) return duplicateCode();
  return ok(written.value[0]!);
}

export function registerAsset(db: Db, viewer: Viewer, clock: Clock, input: Registration): Promise<Outcome<AssetRow>> {
  return withTransaction(db, (tx) => registerAssetIn(tx, viewer, clock, input));
}

/** Whether the asset has an operating contract not over by the date (the contracts module answers). */
type ContractInForce = (tx: Tx, assetId: number, on: string) => Promise<boolean>;
let contractInForce: ContractInForce = async () => false;
export function registerContractInForce(check: ContractInForce): void {
  contractInForce = check;
}

export async function updateAssetIn(tx: Tx, viewer: Viewer, clock: Clock, id: number | undefined, expectedVersion: number, fields: AssetFields): Promise<Outcome<AssetRow>> {
  assertCan(viewer, 'register:write');
  const before = await lockAssetForChange(tx, viewer, id, expectedVersion);
  if (Array.isArray(before)) return refused(before);
  const errors = new UserErrors();
  const { values, funding } = await checkFields(new Loaders(viewer, tx), viewer, fields, before, errors);
  // Only an operating asset has operating contracts: one still running keeps it operating.
  if (values.assetClass && values.assetClass !== 'OPERATING' && before.assetClass === 'OPERATING' && (await contractInForce(tx, before.id, clock.today())))
    errors.add(['input', 'assetClass'], AssetError.CONTRACT_IN_FORCE);
  if (errors.any) return refused(errors);
  const fundingBefore = (await store.fundingWithProjects(tx, viewer, [before.id])).map((f) => f.line);
  const updated = await savepoint(tx, (sp) => store.updateAsset(sp, before.id, values));
  if ('duplicate' in updated) return duplicateCode();
  const after = updated.value;
  // A move to another region has carried the funding lines along (their key follows the asset's).
  const fundingAfter = funding ? await store.replaceFunding(tx, after, funding) : fundingBefore;
  await recordAuditEvents(
    tx,
    viewer,
    clock,
    recordedWhereItWas(
      {
        action: 'asset.update',
        entityType: 'Asset',
        entityId: toGlobalId('Asset', before.id),
        regionCode: after.regionCode,
        before: auditImage(before, fundingBefore),
        after: auditImage(after, fundingAfter),
      },
      before.regionCode,
      'asset.moveOut',
    ),
  );
  return ok(after);
}

export function updateAsset(db: Db, viewer: Viewer, clock: Clock, id: number | undefined, expectedVersion: number, fields: AssetFields): Promise<Outcome<AssetRow>> {
  return withTransaction(db, (tx) => updateAssetIn(tx, viewer, clock, id, expectedVersion, fields));
}

export interface StatusChange {
  status: AssetStatus;
  reason: string;
  /** When it took effect; today when omitted. */
  effectiveOn?: string | null;
}

/** Moves an asset along its lifecycle, with a reason, inside the caller's transaction. */
export async function changeAssetStatusIn(tx: Tx, viewer: Viewer, clock: Clock, id: number | undefined, expectedVersion: number, change: StatusChange): Promise<Outcome<AssetRow>> {
  assertCan(viewer, 'register:write');
  const locked = await lockAssetForChange(tx, viewer, id, expectedVersion);
  if (Array.isArray(locked)) return refused(locked);
  const errors = new UserErrors();
  const reason = requiredText(errors, ['input', 'reason'], change.reason, 500, LABEL.reason);
  const workflow = await disposalWorkflowRefusal(tx, locked, change.status);
  if (workflow) errors.add(workflow.field, workflow.code, workflow.message);
  if (errors.any) return refused(errors);
  const moved = await changeLockedAssetStatus(tx, viewer, clock, locked, { status: change.status, reason, effectiveOn: change.effectiveOn ?? clock.today() });
  return Array.isArray(moved) ? refused(moved as UserErrorValue[]) : ok(moved);
}

export function changeAssetStatus(db: Db, viewer: Viewer, clock: Clock, id: number | undefined, expectedVersion: number, change: StatusChange): Promise<Outcome<AssetRow>> {
  return withTransaction(db, (tx) => changeAssetStatusIn(tx, viewer, clock, id, expectedVersion, change));
}

export async function assetsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(AssetRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.assetsByIds(db, viewer, ids), (r) => r.id);
}

export async function assetsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<(AssetRow | null)[]> {
  assertCan(viewer, 'read');
  const normalised = codes.map(normaliseAssetCode);
  return oneByKey(normalised, await store.assetsByCodes(db, viewer, normalised), (r) => r.code);
}

export async function fundingOfAssets(db: Db, viewer: Viewer, ids: readonly number[]): Promise<store.FundingWithProject[][]> {
  assertCan(viewer, 'read');
  return manyByKey(ids, await store.fundingWithProjects(db, viewer, ids), (r) => r.line.assetId);
}

export async function statusChangesOfAssets(db: Db, viewer: Viewer, ids: readonly number[]): Promise<AssetStatusChangeRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(ids, await store.statusChangesByAssetIds(db, viewer, ids), (r) => r.assetId);
}

/** How much of each project's investment its assets (in the viewer's scope) took. */
export async function fundedAssetValue(db: Db, viewer: Viewer, projectIds: readonly number[]): Promise<bigint[]> {
  assertCan(viewer, 'read');
  const rows = await store.fundedByProjects(db, viewer, projectIds);
  return oneByKey(projectIds, rows, (r) => r.projectId).map((r) => r?.amountFen ?? 0n);
}

export function listAssets(db: Db, viewer: Viewer, filter: store.AssetFilter, sort: { field: store.AssetSort; direction: 'asc' | 'desc' }, args: PageArgs): Promise<Connection<AssetRow>> {
  assertCan(viewer, 'read');
  const order = store.assetOrder(sort.field, sort.direction);
  return keysetConnection(
    args,
    order,
    (page) => store.assetsPage(db, viewer, filter, order, page),
    () => store.assetsCount(db, viewer, filter),
  );
}

/** Every asset matching the filter, in code order and in batches (exports). */
export function assetsInBatches(db: Db, viewer: Viewer, filter: store.AssetFilter): AsyncGenerator<AssetRow[]> {
  assertCan(viewer, 'read');
  return store.assetsInBatches(db, viewer, filter);
}

/** The register's counts for a region on a date (the region summary below county level, or in the past). */
export function summaryFromRegister(db: Db, viewer: Viewer, prefix: string, asOf: string, isToday: boolean): Promise<store.SummaryRow[]> {
  assertCan(viewer, 'read');
  return withReportTimeout(db, (tx) => store.summaryFromRegister(tx, viewer, prefix, asOf, isToday));
}

/** The assets of a subtree with their status on a date, as a subquery (id, region_code, class, status): see assets.store. */
export function assetsOnDate(viewer: Viewer, prefix: string, asOf: string, clock: Clock): SQL {
  return store.assetsOnDate(viewer, prefix, asOf, asOf >= clock.today());
}

/** A condition: the asset `assetId` points at was not DISPOSED on the date (duties of disposed assets are owed no more). */
export function assetLiveOn(assetId: SQLWrapper, asOf: string, clock: Clock): SQL {
  return store.assetLiveOn(assetId, asOf, asOf >= clock.today());
}

/** Codes that already exist anywhere (a code is unique across scopes). */
export function existingCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  return store.existingCodes(db, codes);
}

/**
 * The asset's history on one timeline, oldest first: what every capability contributes for it
 * (timeline.ts), ordered by business date.
 */
export async function assetHistory(ctx: Context, asset: AssetRow, args: PageArgs): Promise<Connection<TimelineEntry>> {
  assertCan(ctx.viewer, 'read');
  return pageInMemory(sortInMemory(await timelineOf(ctx, asset), TIMELINE_ORDER), TIMELINE_ORDER, args);
}

/**
 * An asset's status on a date, as SQL over its id column (the audit checks): its latest status
 * change by then. Registration records the first one, so before it the asset was not on the
 * register and has no status (null): a check run for a past date leaves it out, as the region
 * summary does.
 */
export const statusOnSql = (assetId: SQL, asOf: string) => store.statusOfAssetOn(assetId, asOf);

/** An asset's status on a date (statusOnSql): null before it was registered. */
export const statusOn = (tx: Db, assetId: number, on: string) => store.statusOfOn(tx, assetId, on);

/** An asset's code, as SQL over its id column (exports that name the asset of each row). */
export const assetCodeSql = (assetId: SQL) => sql`(select a.code from asset a where a.id = ${assetId})`;

/** Since when an asset has held a status on a date: its last change to it by then (null: registered so). */
export const statusSinceSql = (assetId: SQL, status: string, asOf: string) =>
  sql`(select max(s.effective_on) from asset_status_change s where s.asset_id = ${assetId} and s.to_status = ${status} and s.effective_on <= ${asOf})`;
