/**
 * 资产台账 (the asset register), DESIGN.md §3 Asset. Rules enforced here:
 * - a unique code; a region in the writer's scope; money in fen, never negative;
 * - dates keep their order: built ≤ completed ≤ accepted ≤ handed over (DATE_ORDER);
 * - status follows the lifecycle (lifecycle.ts); every change is recorded with reason, date
 *   and actor; a DISPOSED asset is read-only (ASSET_DISPOSED);
 * - updates carry the version they were based on (VERSION_CONFLICT);
 * - ownership changes go through the owner-set rules of the ownership module, under the
 *   asset's row lock.
 * The funding composition need not equal the original value: a county's real ledger is
 * accepted as it is, and the FUNDING_MISMATCH check reports the difference.
 */
import { can, requirePermission } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { uniqueViolation, withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import type { Loaders } from '../../graphql/context';
import { keysetConnection, pageInMemory, type Connection, type PageArgs } from '../../graphql/relay';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { UserErrorCode, UserErrors, checkDateOrder, ok, optionalText, refused, requiredText, type Outcome, type UserError } from '../../graphql/user-errors';
import { chinaDateOf, todayInChina } from '../../time';
import { auditEventsOfEntity, recordAuditEvents } from '../audit/audit.service';
import type { AuditEventRow } from '../audit/audit.table';
import { checkOwnerSet, openFirstOwnerSets, replaceOwnerSet, type OwnerShare, type OwnerShareInput } from '../ownership/ownership.service';
import type { OwnershipRow } from '../ownership/ownership.table';
import { partyById } from '../parties/parties.loaders';
import { projectById } from '../projects/projects.loaders';
import type { FundingSource } from '../projects/projects.service';
import { regionByCode } from '../regions/regions.loaders';
import type { AssetFundingRow, AssetRow, AssetStatusChangeRow } from './assets.table';
import * as store from './assets.store';
import { INITIAL_STATUSES, canTransition, type AssetStatus } from './lifecycle';

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

/** A registration checked and ready to write (import writes many at once). */
export interface PreparedRegistration {
  values: store.AssetValues;
  funding: Omit<store.AssetFundingValues, 'assetId'>[];
  statusSince: string;
  owners: OwnerShare[];
  ownershipFrom: string;
}

const DATE_FIELDS = ['builtOn', 'completedOn', 'acceptedOn', 'handedOverOn'] as const;
const MAX_QUANTITY = 1e15;

function refusedWith<T>(field: string[], code: UserErrorCode, message: string): Outcome<T> {
  return refused(new UserErrors().add(field, code, message));
}

async function checkFields(
  loaders: Loaders,
  viewer: Viewer,
  fields: AssetFields,
  before: AssetRow | null,
  errors: UserErrors,
  at: string[] = ['input'],
): Promise<{ values: Partial<store.AssetValues>; funding?: Omit<store.AssetFundingValues, 'assetId'>[] }> {
  const values: Partial<store.AssetValues> = {};
  const field = (name: string) => [...at, name];
  if (fields.code !== undefined) values.code = requiredText(errors, field('code'), fields.code, 64, 'Asset code');
  if (fields.name !== undefined) values.name = requiredText(errors, field('name'), fields.name, 200, 'Asset name');
  if (fields.assetClass !== undefined) values.assetClass = fields.assetClass;
  if (fields.category !== undefined) values.category = fields.category;
  if (fields.regionCode !== undefined) {
    if (!codeInScope(fields.regionCode, viewer)) errors.add(field('regionCode'), UserErrorCode.OUT_OF_SCOPE, `Region ${fields.regionCode} is outside your scope`);
    else if (!(await loaders.get(regionByCode).load(Number(fields.regionCode)))) errors.add(field('regionCode'), UserErrorCode.REGION_NOT_FOUND, `No region has code ${fields.regionCode}`);
    values.regionCode = Number(fields.regionCode);
  }
  if (fields.address !== undefined) values.address = optionalText(errors, field('address'), fields.address, 300, 'Address');
  if (fields.unit !== undefined) values.unit = optionalText(errors, field('unit'), fields.unit, 20, 'Unit');
  if (fields.longitude !== undefined || fields.latitude !== undefined) {
    const longitude = fields.longitude === undefined ? before?.longitude ?? null : fields.longitude;
    const latitude = fields.latitude === undefined ? before?.latitude ?? null : fields.latitude;
    if ((longitude === null) !== (latitude === null)) errors.add(field('latitude'), UserErrorCode.REQUIRED, 'Give both longitude and latitude, or neither');
    if (longitude !== null && (longitude < -180 || longitude > 180)) errors.add(field('longitude'), UserErrorCode.INVALID_VALUE, 'Longitude is -180 to 180');
    if (latitude !== null && (latitude < -90 || latitude > 90)) errors.add(field('latitude'), UserErrorCode.INVALID_VALUE, 'Latitude is -90 to 90');
    values.longitude = longitude;
    values.latitude = latitude;
  }
  if (fields.quantity !== undefined) {
    if (fields.quantity !== null && (!Number.isFinite(fields.quantity) || fields.quantity < 0)) errors.add(field('quantity'), UserErrorCode.INVALID_VALUE, 'Quantity cannot be negative');
    // numeric(18, 3): fifteen digits before the point.
    else if (fields.quantity !== null && fields.quantity >= MAX_QUANTITY) errors.add(field('quantity'), UserErrorCode.INVALID_VALUE, 'Quantity is at most 999999999999999.999');
    values.quantity = fields.quantity === null ? null : String(fields.quantity);
  }
  if (fields.originalValue !== undefined) {
    if (fields.originalValue < 0n) errors.add(field('originalValue'), UserErrorCode.INVALID_VALUE, 'The original value cannot be negative');
    values.originalValueFen = fields.originalValue;
  }
  for (const key of DATE_FIELDS) if (fields[key] !== undefined) values[key] = fields[key];
  const merged = { ...before, ...values };
  const dateErrors = new UserErrors();
  checkDateOrder(dateErrors, DATE_FIELDS.map((key) => [key, merged[key]]));
  for (const e of dateErrors.list) errors.add([...at, ...(e.field ?? []).slice(1)], e.code, e.message);

  if (fields.funding === undefined) return { values };
  const funding = await Promise.all(
    fields.funding.map(async (line, i) => {
      const lineField = [...at, 'funding', String(i)];
      if (line.amount <= 0n) errors.add([...lineField, 'amount'], UserErrorCode.INVALID_VALUE, 'A funding amount must be positive');
      let projectId: number | null = null;
      if (line.projectId) {
        const id = tryKeyOf(line.projectId, 'Project');
        const project = id === undefined ? null : await loaders.get(projectById).load(id);
        if (!project) errors.add([...lineField, 'projectId'], UserErrorCode.NOT_FOUND, 'No project with this id visible to you');
        projectId = project?.id ?? null;
      }
      return { projectId, source: line.source, amountFen: line.amount };
    }),
  );
  return { values, funding };
}

/** The latest date the register line carries: when its current status most likely began. */
function defaultStatusSince(values: Partial<store.AssetValues>): string {
  return values.handedOverOn ?? values.acceptedOn ?? values.completedOn ?? values.builtOn ?? todayInChina();
}

/** Checks one registration completely; userErrors are added under `at` (['input'] or a row). */
export async function prepareRegistration(loaders: Loaders, viewer: Viewer, input: Registration, errors: UserErrors, at: string[] = ['input']): Promise<PreparedRegistration> {
  const { values, funding } = await checkFields(loaders, viewer, { ...input, code: input.code ?? '', name: input.name ?? '', funding: input.funding ?? [] }, null, errors, at);
  if (!input.assetClass) errors.add([...at, 'assetClass'], UserErrorCode.REQUIRED, 'Asset class is required');
  if (!input.category) errors.add([...at, 'category'], UserErrorCode.REQUIRED, 'Category is required');
  if (input.regionCode === undefined) errors.add([...at, 'regionCode'], UserErrorCode.REQUIRED, 'Region is required');
  if (input.originalValue === undefined) errors.add([...at, 'originalValue'], UserErrorCode.REQUIRED, 'Original value is required');
  const status = input.status ?? 'IN_USE';
  if (!INITIAL_STATUSES.includes(status)) errors.add([...at, 'status'], UserErrorCode.ILLEGAL_STATUS_TRANSITION, `An asset cannot be registered as ${status}`);
  const today = todayInChina();
  const statusSince = input.statusSince ?? defaultStatusSince(values);
  if (statusSince > today) errors.add([...at, 'statusSince'], UserErrorCode.INVALID_VALUE, 'The status cannot begin in the future');
  const owners = await checkOwnerSet((id) => loaders.get(partyById).load(id), input.owners ?? [], [...at, 'owners'], errors);
  const ownershipFrom = input.ownershipFrom ?? input.owners?.[0]?.confirmedOn ?? statusSince;
  if (ownershipFrom > today) errors.add([...at, 'ownershipFrom'], UserErrorCode.INVALID_VALUE, 'Ownership cannot begin in the future');
  return { values: { ...values, status, ownershipConfirmed: owners.length > 0 } as store.AssetValues, funding: funding ?? [], statusSince, owners, ownershipFrom };
}

function auditImage(asset: AssetRow, funding: AssetFundingRow[] | Omit<store.AssetFundingValues, 'assetId'>[], owners?: OwnershipRow[] | OwnerShare[]) {
  return { ...asset, funding, ...(owners ? { owners } : {}) };
}

/** Writes checked registrations in one transaction: assets, funding, status, owners, audit events. */
export async function writeRegistrations(tx: Tx, viewer: Viewer, prepared: PreparedRegistration[], action = 'asset.register'): Promise<AssetRow[]> {
  const assets = await store.insertAssets(tx, prepared.map((p) => p.values));
  const funding = await store.insertFunding(tx, prepared.flatMap((p, i) => p.funding.map((line) => ({ ...line, assetId: assets[i].id }))));
  await store.insertStatusChanges(
    tx,
    prepared.map((p, i) => ({ assetId: assets[i].id, fromStatus: null, toStatus: p.values.status, reason: '登记 registered', effectiveOn: p.statusSince, actorId: viewer.userId })),
  );
  const owners = await openFirstOwnerSets(tx, viewer, prepared.map((p, i) => ({ assetId: assets[i].id, from: p.ownershipFrom, shares: p.owners })));
  const ids = assets.map((a) => a.id);
  const fundingByAsset = manyByKey(ids, funding, (f) => f.assetId);
  const ownersByAsset = manyByKey(ids, owners, (o) => o.assetId);
  await recordAuditEvents(
    tx,
    viewer,
    assets.map((asset, i) => ({
      action,
      entityType: 'Asset',
      entityId: toGlobalId('Asset', asset.id),
      regionCode: asset.regionCode,
      before: null,
      after: auditImage(asset, fundingByAsset[i], ownersByAsset[i]),
    })),
  );
  return assets;
}

function duplicateCode<T>(field: string[] = ['input', 'code']): Outcome<T> {
  return refusedWith(field, UserErrorCode.DUPLICATE, 'Another asset already has this code');
}

export async function registerAsset(db: Db, viewer: Viewer, loaders: Loaders, input: Registration): Promise<Outcome<AssetRow>> {
  requirePermission(viewer, 'register:write');
  const errors = new UserErrors();
  const prepared = await prepareRegistration(loaders, viewer, input, errors);
  if (errors.any) return refused(errors);
  try {
    return await withTransaction(db, async (tx) => ok((await writeRegistrations(tx, viewer, [prepared]))[0]));
  } catch (error) {
    if (uniqueViolation(error)) return duplicateCode();
    throw error;
  }
}

/**
 * Locks the asset for a change and checks it may change: in scope, not disposed, at the
 * expected version. Returns the row or the refusal.
 */
async function lockForChange(tx: Tx, viewer: Viewer, id: number | undefined, expectedVersion: number | null | undefined, idField = 'id'): Promise<AssetRow | UserError[]> {
  const asset = id === undefined ? undefined : await store.lockAsset(tx, viewer, id);
  if (!asset) return new UserErrors().add(['input', idField], UserErrorCode.NOT_FOUND, 'No asset with this id in your scope').list;
  if (asset.status === 'DISPOSED') return new UserErrors().add(['input', idField], UserErrorCode.ASSET_DISPOSED, 'The asset is disposed and read-only').list;
  if (expectedVersion != null && asset.version !== expectedVersion) {
    return new UserErrors().add(['input', 'expectedVersion'], UserErrorCode.VERSION_CONFLICT, `The asset is at version ${asset.version}, not ${expectedVersion}`).list;
  }
  return asset;
}

export async function updateAsset(db: Db, viewer: Viewer, loaders: Loaders, id: number | undefined, expectedVersion: number, fields: AssetFields): Promise<Outcome<AssetRow>> {
  requirePermission(viewer, 'register:write');
  // Checks run before the transaction (the loaders read outside it; PGlite has one session):
  // the locked row must then still be at the version the checks saw.
  const [current] = id === undefined ? [null] : await assetsByIds(db, viewer, [id]);
  const errors = new UserErrors();
  const { values, funding } = await checkFields(loaders, viewer, fields, current, errors);
  try {
    return await withTransaction(db, async (tx) => {
      const before = await lockForChange(tx, viewer, id, expectedVersion);
      if (Array.isArray(before)) return refused<AssetRow>(before);
      if (errors.any) return refused<AssetRow>(errors);
      const fundingBefore = (await store.fundingWithProjects(tx, viewer, [before.id])).map((f) => f.line);
      const after = await store.updateAsset(tx, before.id, values);
      const fundingAfter = funding ? await store.replaceFunding(tx, before.id, funding) : fundingBefore;
      await recordAuditEvents(tx, viewer, [
        { action: 'asset.update', entityType: 'Asset', entityId: toGlobalId('Asset', before.id), regionCode: after.regionCode, before: auditImage(before, fundingBefore), after: auditImage(after, fundingAfter) },
      ]);
      return ok(after);
    });
  } catch (error) {
    if (uniqueViolation(error)) return duplicateCode();
    throw error;
  }
}

export async function changeAssetStatus(
  db: Db,
  viewer: Viewer,
  id: number | undefined,
  expectedVersion: number,
  change: { status: AssetStatus; reason: string; effectiveOn?: string | null },
): Promise<Outcome<AssetRow>> {
  requirePermission(viewer, 'register:write');
  return withTransaction(db, async (tx) => {
    const before = await lockForChange(tx, viewer, id, expectedVersion);
    if (Array.isArray(before)) return refused<AssetRow>(before);
    const errors = new UserErrors();
    if (!canTransition(before.status, change.status)) {
      errors.add(['input', 'status'], UserErrorCode.ILLEGAL_STATUS_TRANSITION, `An asset cannot go from ${before.status} to ${change.status}`);
    }
    const reason = requiredText(errors, ['input', 'reason'], change.reason, 500, 'Reason');
    const effectiveOn = change.effectiveOn ?? todayInChina();
    if (effectiveOn > todayInChina()) errors.add(['input', 'effectiveOn'], UserErrorCode.INVALID_VALUE, 'A status change cannot take effect in the future');
    const history = await store.statusChangesByAssetIds(tx, [before.id]);
    const lastOn = history.at(-1)?.effectiveOn;
    if (lastOn && effectiveOn < lastOn) errors.add(['input', 'effectiveOn'], UserErrorCode.DATE_ORDER, `The current status holds since ${lastOn}; a change cannot take effect before that`);
    if (errors.any) return refused<AssetRow>(errors);
    const after = await store.updateAsset(tx, before.id, { status: change.status });
    const [recorded] = await store.insertStatusChanges(tx, [{ assetId: before.id, fromStatus: before.status, toStatus: change.status, reason, effectiveOn, actorId: viewer.userId }]);
    await recordAuditEvents(tx, viewer, [
      { action: 'asset.changeStatus', entityType: 'Asset', entityId: toGlobalId('Asset', before.id), regionCode: after.regionCode, before: { status: before.status, version: before.version }, after: { status: after.status, version: after.version, reason, effectiveOn: recorded.effectiveOn } },
    ]);
    return ok(after);
  });
}

export async function confirmOwnership(
  db: Db,
  viewer: Viewer,
  loaders: Loaders,
  id: number | undefined,
  expectedVersion: number | null | undefined,
  effectiveOn: string,
  owners: OwnerShareInput[],
): Promise<Outcome<AssetRow>> {
  requirePermission(viewer, 'register:write');
  const errors = new UserErrors();
  if (effectiveOn > todayInChina()) errors.add(['input', 'effectiveOn'], UserErrorCode.INVALID_VALUE, 'Ownership cannot change in the future');
  const shares = await checkOwnerSet((partyId) => loaders.get(partyById).load(partyId), owners, ['input', 'owners'], errors);
  return withTransaction(db, async (tx) => {
    const before = await lockForChange(tx, viewer, id, expectedVersion, 'assetId');
    if (Array.isArray(before)) return refused<AssetRow>(before);
    if (errors.any) return refused<AssetRow>(errors);
    const change = await replaceOwnerSet(tx, viewer, before.id, effectiveOn, shares, errors);
    if (errors.any) return refused<AssetRow>(errors);
    const after = await store.updateAsset(tx, before.id, { ownershipConfirmed: change.after.length > 0 });
    await recordAuditEvents(tx, viewer, [
      { action: 'asset.confirmOwnership', entityType: 'Asset', entityId: toGlobalId('Asset', before.id), regionCode: after.regionCode, before: { version: before.version, owners: change.before }, after: { version: after.version, effectiveOn, owners: change.after } },
    ]);
    return ok(after);
  });
}

export async function assetsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(AssetRow | null)[]> {
  requirePermission(viewer, 'read');
  return oneByKey(ids, await store.assetsByIds(db, viewer, ids), (r) => r.id);
}

export async function assetsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<(AssetRow | null)[]> {
  requirePermission(viewer, 'read');
  return oneByKey(codes, await store.assetsByCodes(db, viewer, codes), (r) => r.code);
}

export async function fundingOfAssets(db: Db, viewer: Viewer, ids: readonly number[]): Promise<store.FundingWithProject[][]> {
  requirePermission(viewer, 'read');
  return manyByKey(ids, await store.fundingWithProjects(db, viewer, ids), (r) => r.line.assetId);
}

export async function statusChangesOfAssets(db: Db, viewer: Viewer, ids: readonly number[]): Promise<AssetStatusChangeRow[][]> {
  requirePermission(viewer, 'read');
  return manyByKey(ids, await store.statusChangesByAssetIds(db, ids), (r) => r.assetId);
}

/** How much of each project's investment its assets (in the viewer's scope) took. */
export async function fundedAssetValue(db: Db, viewer: Viewer, projectIds: readonly number[]): Promise<bigint[]> {
  requirePermission(viewer, 'read');
  const rows = await store.fundedByProjects(db, viewer, projectIds);
  return oneByKey(projectIds, rows, (r) => r.projectId).map((r) => r?.amountFen ?? 0n);
}

export async function listAssets(
  db: Db,
  viewer: Viewer,
  filter: store.AssetFilter,
  sort: { field: store.AssetSort; direction: 'asc' | 'desc' },
  args: PageArgs,
): Promise<Connection<AssetRow>> {
  requirePermission(viewer, 'read');
  const order = store.assetOrder(sort.field, sort.direction);
  return keysetConnection(
    args,
    order,
    (page) => store.assetsPage(db, viewer, filter, order, page),
    (r) => store.assetCursor(sort.field, r),
    () => store.assetsCount(db, viewer, filter),
  );
}

export type TimelineEntry =
  | { kind: 'STATUS_CHANGE'; on: string; at: Date; key: number; statusChange: AssetStatusChangeRow }
  | { kind: 'OWNERSHIP_OPENED' | 'OWNERSHIP_CLOSED'; on: string; at: Date; key: number; ownership: OwnershipRow }
  | { kind: 'AUDIT_EVENT'; on: string; at: Date; key: number; auditEvent: AuditEventRow };

/**
 * The asset's history on one timeline, oldest first: status changes and ownership on their
 * business dates, audit events on the date they happened (China time). Audit events appear
 * only for roles that may read the audit trail. The status changes and ownership rows come from
 * the request's loaders (other fields of the same asset share them); the audit events are read
 * here, at the same time.
 */
export async function assetHistory(
  db: Db,
  viewer: Viewer,
  asset: AssetRow,
  loading: { statusChanges: Promise<AssetStatusChangeRow[]>; ownerships: Promise<OwnershipRow[]> },
  args: PageArgs,
): Promise<Connection<TimelineEntry>> {
  requirePermission(viewer, 'read');
  const [statusChanges, ownerships, events] = await Promise.all([
    loading.statusChanges,
    loading.ownerships,
    can(viewer, 'audit-trail:read') ? auditEventsOfEntity(db, viewer, 'Asset', toGlobalId('Asset', asset.id)) : Promise.resolve([]),
  ]);
  const entries: TimelineEntry[] = [
    ...statusChanges.map((s) => ({ kind: 'STATUS_CHANGE' as const, on: s.effectiveOn, at: s.changedAt, key: s.id, statusChange: s })),
    ...ownerships.map((o) => ({ kind: 'OWNERSHIP_OPENED' as const, on: o.validFrom, at: o.createdAt, key: o.id, ownership: o })),
    ...ownerships.filter((o) => o.validTo).map((o) => ({ kind: 'OWNERSHIP_CLOSED' as const, on: o.validTo!, at: o.createdAt, key: o.id, ownership: o })),
    ...events.map((e) => ({ kind: 'AUDIT_EVENT' as const, on: chinaDateOf(e.occurredAt), at: e.occurredAt, key: e.id, auditEvent: e })),
  ];
  const KIND_ORDER = ['OWNERSHIP_CLOSED', 'STATUS_CHANGE', 'OWNERSHIP_OPENED', 'AUDIT_EVENT'];
  const sortKey = (e: TimelineEntry) => [e.on, e.kind === 'AUDIT_EVENT' ? e.at.toISOString() : '', KIND_ORDER.indexOf(e.kind), e.key] as (string | number)[];
  return pageInMemory(entries, sortKey, args);
}
