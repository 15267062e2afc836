/**
 * 确权 (ownership confirmation), DESIGN.md §3 Ownership. Rules:
 * - the open ownerships of an asset sum to exactly 10000 bp, or there are none (unconfirmed);
 * - owners are distinct, each share 1–10000 bp;
 * Who owns which class (a HOUSEHOLD-class asset by households or other operators, 确权到农户或
 * 其他经营主体) is not refused here: a county's real ledger is accepted as it is, and the
 * OWNER_KIND_MISMATCH audit check reports it.
 * - a change closes the open rows and opens new ones on the effective date: history is never
 *   deleted, and the owners on any date are the rows in force on it.
 * The caller (the asset service) holds the asset's row lock, so owner sets never interleave.
 */
import { requirePermission } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { manyByKey } from '../../graphql/batch';
import { tryKeyOf } from '../../graphql/global-id';
import { UserErrorCode, UserErrors, optionalText } from '../../graphql/user-errors';
import type { PartyRow } from '../parties/parties.table';
import type { OwnershipRow } from './ownership.table';
import * as store from './ownership.store';
import type { OwnershipWithOwner } from './ownership.store';

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
export async function checkOwnerSet(
  partyOf: (id: number) => Promise<PartyRow | null>,
  owners: OwnerShareInput[],
  field: string[],
  errors: UserErrors,
): Promise<OwnerShare[]> {
  if (owners.length === 0) return [];
  const ids = owners.map((o) => tryKeyOf(o.partyId, 'Party'));
  const parties = await Promise.all(ids.map((id) => (id === undefined ? null : partyOf(id))));
  const visible = new Set(parties.filter((p): p is PartyRow => p !== null).map((p) => p.id));
  const seen = new Set<number>();
  let total = 0;
  const shares: OwnerShare[] = owners.map((owner, i) => {
    const at = [...field, String(i)];
    const id = ids[i];
    if (id === undefined || !visible.has(id)) errors.add([...at, 'partyId'], UserErrorCode.NOT_FOUND, `No party with id "${owner.partyId}" in your scope`);
    else if (seen.has(id)) errors.add([...at, 'partyId'], UserErrorCode.DUPLICATE_OWNER, 'The same owner appears twice');
    if (id !== undefined) seen.add(id);
    if (!Number.isInteger(owner.shareBp) || owner.shareBp < 1 || owner.shareBp > FULL_SHARE_BP) {
      errors.add([...at, 'shareBp'], UserErrorCode.INVALID_VALUE, 'A share is 1 to 10000 basis points');
    }
    total += owner.shareBp;
    return {
      ownerPartyId: id ?? 0,
      shareBp: owner.shareBp,
      certificateNo: optionalText(errors, [...at, 'certificateNo'], owner.certificateNo, 100, 'Certificate number'),
      confirmedOn: owner.confirmedOn ?? null,
    };
  });
  if (total !== FULL_SHARE_BP) errors.add(field, UserErrorCode.SHARES_NOT_10000, `The shares sum to ${total} bp, not 10000`);
  return shares;
}

/**
 * Closes the asset's open rows on `effectiveOn` and opens the new set from it. Refuses a date
 * before the open rows began: history cannot be rewritten backwards.
 */
export async function replaceOwnerSet(
  tx: Tx,
  viewer: Viewer,
  assetId: number,
  effectiveOn: string,
  shares: OwnerShare[],
  errors: UserErrors,
): Promise<{ before: OwnershipRow[]; after: OwnershipRow[] }> {
  const before = await store.openOwnerships(tx, assetId);
  const latestStart = before.reduce((max, row) => (row.validFrom > max ? row.validFrom : max), '');
  if (effectiveOn < latestStart) {
    errors.add(['input', 'effectiveOn'], UserErrorCode.DATE_ORDER, `The current owners hold since ${latestStart}; a change cannot take effect before that`);
    return { before, after: [] };
  }
  await store.closeOwnerships(tx, before.map((row) => row.id), effectiveOn);
  const after = await store.insertOwnerships(tx, shares.map((share) => ({ ...share, assetId, validFrom: effectiveOn, actorId: viewer.userId })));
  return { before, after };
}

/** Opens the first owner sets of newly registered assets, in one statement. */
export function openFirstOwnerSets(tx: Tx, viewer: Viewer, sets: { assetId: number; from: string; shares: OwnerShare[] }[]): Promise<OwnershipRow[]> {
  return store.insertOwnerships(tx, sets.flatMap((set) => set.shares.map((share) => ({ ...share, assetId: set.assetId, validFrom: set.from, actorId: viewer.userId }))));
}

export async function ownersOn(db: Db, viewer: Viewer, assetIds: readonly number[], asOf: string): Promise<OwnershipWithOwner[][]> {
  requirePermission(viewer, 'read');
  return manyByKey(assetIds, await store.ownershipsInForce(db, viewer, assetIds, asOf), (row) => row.ownership.assetId);
}

export async function ownershipHistoryOf(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<OwnershipWithOwner[][]> {
  requirePermission(viewer, 'read');
  return manyByKey(assetIds, await store.ownershipHistory(db, viewer, assetIds), (row) => row.ownership.assetId);
}

export { assetIdsOwnedBy, isConfirmed, type OwnershipWithOwner } from './ownership.store';
