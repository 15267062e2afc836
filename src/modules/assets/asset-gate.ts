/**
 * The one gate every writer passes to change an asset, whichever capability it belongs to
 * (ownership, custody, maintenance, income, disposal): the asset is locked (`FOR UPDATE`) in the
 * caller's transaction, it must be in scope, not DISPOSED (已处置, read-only), and at the version
 * the caller read. Status moves go through here too, so a maintenance record that finds damage
 * and a completed disposal record their status change the same way the register does.
 */
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Tx } from '../../db/transaction';
import { toGlobalId } from '../../graphql/global-id';
import { UserErrorCode, defineErrorCodes, text, versionConflict, type UserErrorValue } from '../../graphql/user-errors';
import { recordAuditEvent } from '../audit/audit.service';
import type { AssetRow, AssetStatusChangeRow } from './assets.table';
import * as store from './assets.store';
import { canTransition, type AssetStatus } from './lifecycle';

export const AssetError = defineErrorCodes({
  ILLEGAL_STATUS_TRANSITION: text('资产生命周期不允许这一状态变更', 'The asset lifecycle does not allow this status change.'),
  ASSET_DISPOSED: text('资产已处置，只读', 'The asset is disposed (已处置) and read-only.'),
  CONTRACT_IN_FORCE: text('资产有尚未到期的运营合同，不能改为非经营性资产', 'The asset has an operating contract not yet over: it cannot stop being an operating asset.'),
  DISPOSAL_WORKFLOW: text(
    '资产处置须经申请、乡县两级审批后完成（requestDisposal…completeDisposal）',
    'An asset is disposed of through a request and the approvals of township and county (requestDisposal … completeDisposal).',
  ),
});

/** Whether a disposal of the asset is under way (the disposal module answers). */
type DisposalUnderWay = (tx: Tx, assetId: number) => Promise<boolean>;
let disposalUnderWay: DisposalUnderWay = async () => false;
export function registerDisposalUnderWay(check: DisposalUnderWay): void {
  disposalUnderWay = check;
}

/**
 * A status the register may not set by hand: UNDER_DISPOSAL and DISPOSED come from the disposal
 * workflow, and an asset whose disposal is under way leaves UNDER_DISPOSAL only by its decision.
 */
export async function disposalWorkflowRefusal(tx: Tx, asset: AssetRow, to: AssetStatus): Promise<UserErrorValue | null> {
  const enters = to === 'UNDER_DISPOSAL' || to === 'DISPOSED';
  if (!enters && !(asset.status === 'UNDER_DISPOSAL' && (await disposalUnderWay(tx, asset.id)))) return null;
  return { field: ['input', 'status'], code: AssetError.DISPOSAL_WORKFLOW, message: text('处置须通过处置申请和审批办理', 'Disposal goes through requestDisposal and its approvals') };
}

/**
 * Locks the asset for a change and checks it may change: in scope, not disposed, at the expected
 * version. Returns the row, or the refusal (`idField` names the input field that gave the id).
 */
export async function lockAssetForChange(
  tx: Tx,
  viewer: Viewer,
  id: number | undefined,
  expectedVersion: number | null | undefined,
  idField = 'id',
  options: { allowDisposed?: boolean } = {},
): Promise<AssetRow | UserErrorValue[]> {
  const asset = id === undefined ? undefined : await store.lockAsset(tx, viewer, id);
  if (!asset) return [{ field: ['input', idField], code: UserErrorCode.NOT_FOUND, message: text('您的范围内没有此资产', 'No asset with this id in your scope') }];
  if (asset.status === 'DISPOSED' && !options.allowDisposed)
    return [{ field: ['input', idField], code: AssetError.ASSET_DISPOSED, message: text('资产已处置，只读', 'The asset is disposed and read-only') }];
  const stale = versionConflict(asset, expectedVersion, ['input', 'expectedVersion'], text('资产', 'The asset'));
  return stale ? [stale] : asset;
}

export interface StatusMove {
  status: AssetStatus;
  reason: string;
  effectiveOn: string;
}

/**
 * Moves a locked asset to a new status (the lifecycle, the dates), records the change and its
 * audit event. Returns the asset after the change, or why it cannot move. `field` is the path
 * of the input that asked for the status (refusals name it).
 */
export async function changeLockedAssetStatus(tx: Tx, viewer: Viewer, clock: Clock, asset: AssetRow, move: StatusMove, field: string[] = ['input']): Promise<AssetRow | UserErrorValue[]> {
  const errors: UserErrorValue[] = [];
  if (!canTransition(asset.status, move.status)) {
    errors.push({
      field: [...field, 'status'],
      code: AssetError.ILLEGAL_STATUS_TRANSITION,
      message: text(`资产不能从 ${asset.status} 变为 ${move.status}`, `An asset cannot go from ${asset.status} to ${move.status}`),
    });
  }
  if (move.effectiveOn > clock.today())
    errors.push({ field: [...field, 'effectiveOn'], code: UserErrorCode.INVALID_VALUE, message: text('状态变更不能在将来生效', 'A status change cannot take effect in the future') });
  const history = await store.statusChangesByAssetIds(tx, viewer, [asset.id]);
  const lastOn = history.at(-1)?.effectiveOn;
  if (lastOn && move.effectiveOn < lastOn) {
    errors.push({
      field: [...field, 'effectiveOn'],
      code: UserErrorCode.DATE_ORDER,
      message: text(`当前状态自 ${lastOn} 起生效，变更不能早于该日`, `The current status holds since ${lastOn}; a change cannot take effect before that`),
    });
  }
  if (errors.length) return errors;
  const after = await store.updateAsset(tx, asset.id, { status: move.status });
  const [recorded] = (await store.insertStatusChanges(tx, [
    { assetId: asset.id, regionCode: asset.regionCode, fromStatus: asset.status, toStatus: move.status, reason: move.reason, effectiveOn: move.effectiveOn, actorId: viewer.userId },
  ])) as [AssetStatusChangeRow];
  await recordAuditEvent(tx, viewer, clock, {
    action: 'asset.changeStatus',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', asset.id),
    regionCode: after.regionCode,
    before: { status: asset.status, version: asset.version },
    after: { status: after.status, version: after.version, reason: move.reason, effectiveOn: recorded.effectiveOn },
  });
  return after;
}

/**
 * A change of the locked asset's record held elsewhere (a custodian assigned, which takes the
 * asset's expectedVersion) moves its version on, so that a writer holding the version read
 * before it gets VERSION_CONFLICT rather than undoing it.
 */
export function bumpAssetVersion(tx: Tx, assetId: number): Promise<AssetRow> {
  return store.updateAsset(tx, assetId, {});
}

/** Marks whether a locked asset has confirmed owners (kept with every owner-set write: 确权). */
export function setOwnershipConfirmed(tx: Tx, assetId: number, confirmed: boolean): Promise<AssetRow> {
  return store.updateAsset(tx, assetId, { ownershipConfirmed: confirmed });
}
