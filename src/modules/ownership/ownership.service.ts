/**
 * 确权 (ownership confirmation), DESIGN.md §3 Ownership. Rules:
 * - the open ownerships of an asset sum to exactly 10000 bp, or there are none (unconfirmed);
 * - owners are distinct, each share 1–10000 bp;
 * - a change closes the open rows and opens new ones on the effective date: history is never
 *   deleted, and the owners on any date are the rows in force on it;
 * - ownership can neither begin nor change in the future, nor before its history's last change
 *   (the start or end of any owner set: an emptied set's history counts too); a confirmation is
 *   not dated in the future. Owners from before the asset's built date are the ledger's to answer
 *   for (the register takes it as it is), not refused.
 * Who owns which class (a HOUSEHOLD-class asset by households or other operators, 确权到农户或
 * 其他经营主体) is not refused here: a county's real ledger is accepted as it is, and the
 * OWNER_KIND_MISMATCH audit check reports it. Owner sets are written under the asset's row
 * lock (assets/asset-gate.ts), so they never interleave.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withTransaction, type Tx } from '../../db/transaction';
import { manyByKey } from '../../graphql/batch';
import { Loaders } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { UserErrorCode, UserErrors, checkNotInFuture, defineErrorCodes, ok, optionalText, refused, text, type Outcome } from '../../graphql/user-errors';
import { lockAssetForChange, setOwnershipConfirmed } from '../assets/asset-gate';
import type { AssetRow } from '../assets/assets.service';
import { recordAuditEvent } from '../audit/audit.service';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import type { OwnershipRow } from './ownership.table';
import * as store from './ownership.store';

export type { OwnershipRow } from './ownership.table';
export { assetIdsOwnedBy, insertOwnerships, isConfirmed, type NewOwnership, type OwnershipWithOwner } from './ownership.store';

export const OwnershipError = defineErrorCodes({
  SHARES_NOT_10000: text('持有份额合计须恰为 10000 基点（100%）', 'The open ownership shares do not sum to exactly 10000 basis points.'),
  DUPLICATE_OWNER: text('同一产权主体在一组产权中出现两次', 'The same owner appears twice in one owner set.'),
  SHARES_ALREADY_APPORTIONED: text('已有收益按当时的份额分配，产权变更不能早于或等于该收款日', 'Income was apportioned by the shares of that day; a change cannot take effect on or before it.'),
});

/**
 * The last day whose shares something else has already relied on (income apportioned by them):
 * an owner change may take effect only after it. Capabilities that rely on the shares register
 * their answer (income.service); none means the open rows' start is the only bound.
 */
type SharesReliedOnUntil = (tx: Tx, assetId: number) => Promise<string | null>;
const reliedOn: SharesReliedOnUntil[] = [];
export function registerSharesReliedOn(until: SharesReliedOnUntil): void {
  reliedOn.push(until);
}

export const FULL_SHARE_BP = 10_000;

export interface OwnerShareInput {
  partyId: string;
  shareBp: number;
  certificateNo?: string | null;
  confirmedOn?: string | null;
}

export interface OwnerShare {
  ownerPartyId: number;
  shareBp: number;
  certificateNo: string | null;
  confirmedOn: string | null;
}

/** Checks an owner set against the rules; adds userErrors under `field` and returns the resolved shares. */
export async function checkOwnerSet(partyOf: (id: number) => Promise<PartyRow | null>, owners: OwnerShareInput[], field: string[], errors: UserErrors, today: string): Promise<OwnerShare[]> {
  if (owners.length === 0) return [];
  const ids = owners.map((o) => tryKeyOf(o.partyId, 'Party'));
  const parties = await Promise.all(ids.map((id) => (id === undefined ? null : partyOf(id))));
  const visible = new Set(parties.filter((p): p is PartyRow => p !== null).map((p) => p.id));
  const seen = new Set<number>();
  let total = 0;
  const shares: OwnerShare[] = owners.map((owner, i) => {
    const at = [...field, String(i)];
    const id = ids[i];
    if (id === undefined || !visible.has(id))
      errors.add([...at, 'partyId'], UserErrorCode.NOT_FOUND, text(`您的范围内没有主体 "${owner.partyId.slice(0, 40)}"`, `No party with id "${owner.partyId.slice(0, 40)}" in your scope`));
    else if (seen.has(id)) errors.add([...at, 'partyId'], OwnershipError.DUPLICATE_OWNER, text('同一产权主体出现了两次', 'The same owner appears twice'));
    if (id !== undefined) seen.add(id);
    if (!Number.isInteger(owner.shareBp) || owner.shareBp < 1 || owner.shareBp > FULL_SHARE_BP) {
      errors.add([...at, 'shareBp'], UserErrorCode.INVALID_VALUE, text('份额为 1 至 10000 基点', 'A share is 1 to 10000 basis points'));
    }
    if (owner.confirmedOn) checkNotInFuture(errors, [...at, 'confirmedOn'], owner.confirmedOn, today, text('确权日期', 'A confirmation'));
    total += owner.shareBp;
    return {
      ownerPartyId: id ?? 0,
      shareBp: owner.shareBp,
      certificateNo: optionalText(errors, [...at, 'certificateNo'], owner.certificateNo, 100, text('确权证书号', 'Certificate number')),
      confirmedOn: owner.confirmedOn ?? null,
    };
  });
  if (total !== FULL_SHARE_BP) errors.add(field, OwnershipError.SHARES_NOT_10000, text(`份额合计为 ${total} 基点，须为 10000`, `The shares sum to ${total} bp, not 10000`));
  return shares;
}

/** An owner share in the API's terms (the audit trail's images). */
export function shareImage(share: Pick<OwnershipRow, 'ownerPartyId' | 'shareBp' | 'certificateNo' | 'confirmedOn'> & { validFrom?: string; validTo?: string | null }) {
  return {
    partyId: toGlobalId('Party', share.ownerPartyId),
    shareBp: share.shareBp,
    certificateNo: share.certificateNo,
    confirmedOn: share.confirmedOn,
    ...(share.validFrom ? { validFrom: share.validFrom, validTo: share.validTo ?? null } : {}),
  };
}

/**
 * Closes the locked asset's open rows on `effectiveOn` and opens the new set from it. Refuses a
 * date before the history's last change, closed sets included: history cannot be rewritten
 * backwards, and two owner sets never hold on one day (income on it would be shared twice).
 */
async function replaceOwnerSet(tx: Tx, viewer: Viewer, asset: AssetRow, effectiveOn: string, shares: OwnerShare[], errors: UserErrors): Promise<{ before: OwnershipRow[]; after: OwnershipRow[] }> {
  const before = await store.openOwnerships(tx, asset.id);
  const lastChange = await store.lastOwnershipChange(tx, asset.id);
  if (lastChange && effectiveOn < lastChange) {
    errors.add(
      ['input', 'effectiveOn'],
      UserErrorCode.DATE_ORDER,
      text(`产权记录已变更至 ${lastChange}，新的变更不能早于该日`, `The ownership history last changed on ${lastChange}; a change cannot take effect before that`),
    );
    return { before, after: [] };
  }
  const fixedUntil = (await Promise.all(reliedOn.map((until) => until(tx, asset.id)))).reduce<string>((latest, d) => (d && d > latest ? d : latest), '');
  if (effectiveOn <= fixedUntil) {
    errors.add(
      ['input', 'effectiveOn'],
      OwnershipError.SHARES_ALREADY_APPORTIONED,
      text(
        `${fixedUntil} 收到的收益已按当时的份额分配，变更须在其后生效（或先冲销该收益）`,
        `Income received on ${fixedUntil} was apportioned by the shares then; a change must take effect after it (or reverse that income first)`,
      ),
    );
    return { before, after: [] };
  }
  await store.closeOwnerships(
    tx,
    before.map((row) => row.id),
    effectiveOn,
  );
  const after = await store.insertOwnerships(
    tx,
    shares.map((share) => ({ ...share, assetId: asset.id, regionCode: asset.regionCode, validFrom: effectiveOn, actorId: viewer.userId })),
  );
  return { before, after };
}

/** Opens the first owner sets of newly registered assets, in one statement. */
export function openFirstOwnerSets(tx: Tx, viewer: Viewer, sets: { asset: Pick<AssetRow, 'id' | 'regionCode'>; from: string; shares: OwnerShare[] }[]): Promise<OwnershipRow[]> {
  return store.insertOwnerships(
    tx,
    sets.flatMap((set) => set.shares.map((share) => ({ ...share, assetId: set.asset.id, regionCode: set.asset.regionCode, validFrom: set.from, actorId: viewer.userId }))),
  );
}

export interface ConfirmOwnership {
  assetId: number | undefined;
  expectedVersion?: number | null;
  /** First day of the new owner set; today when omitted. */
  effectiveOn?: string | null;
  owners: OwnerShareInput[];
}

/** Sets the whole owner set of an asset (确权), inside the caller's transaction. */
export async function confirmOwnershipIn(tx: Tx, viewer: Viewer, clock: Clock, input: ConfirmOwnership): Promise<Outcome<AssetRow>> {
  assertCan(viewer, 'register:write');
  const effectiveOn = input.effectiveOn ?? clock.today();
  const locked = await lockAssetForChange(tx, viewer, input.assetId, input.expectedVersion, 'assetId');
  if (Array.isArray(locked)) return refused(locked);
  const errors = new UserErrors();
  checkNotInFuture(errors, ['input', 'effectiveOn'], effectiveOn, clock.today(), text('产权变更日期', 'An ownership change'));
  const parties = new Loaders(viewer, tx).get(partyById);
  const shares = await checkOwnerSet((id) => parties.load(id), input.owners, ['input', 'owners'], errors, clock.today());
  if (errors.any) return refused(errors);
  const change = await replaceOwnerSet(tx, viewer, locked, effectiveOn, shares, errors);
  if (errors.any) return refused(errors);
  const after = await setOwnershipConfirmed(tx, locked.id, change.after.length > 0);
  await recordAuditEvent(tx, viewer, clock, {
    action: 'asset.confirmOwnership',
    entityType: 'Asset',
    entityId: toGlobalId('Asset', locked.id),
    regionCode: after.regionCode,
    before: { version: locked.version, owners: change.before.map(shareImage) },
    after: { version: after.version, effectiveOn, owners: change.after.map(shareImage) },
  });
  return ok(after);
}

export function confirmOwnership(db: Db, viewer: Viewer, clock: Clock, input: ConfirmOwnership): Promise<Outcome<AssetRow>> {
  return withTransaction(db, (tx) => confirmOwnershipIn(tx, viewer, clock, input));
}

/** The shares income received on `asOf` is apportioned by, with each owner's region (the income's caller holds the asset locked). */
export function sharesOn(tx: Tx, assetId: number, asOf: string): Promise<{ ownerPartyId: number; shareBp: number; ownerRegionCode: number }[]> {
  return store.sharesOn(tx, assetId, asOf);
}

export async function ownersOn(db: Db, viewer: Viewer, assetIds: readonly number[], asOf: string): Promise<store.OwnershipWithOwner[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.ownershipsInForce(db, viewer, assetIds, asOf), (row) => row.ownership.assetId);
}

export async function ownershipHistoryOf(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<store.OwnershipWithOwner[][]> {
  assertCan(viewer, 'read');
  return manyByKey(assetIds, await store.ownershipHistory(db, viewer, assetIds), (row) => row.ownership.assetId);
}
