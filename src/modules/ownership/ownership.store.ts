/** SQL of ownership rows (确权). Reads carry the scope on the rows' own region code. */
import { and, eq, gt, isNull, lte, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { inScopePlaceholders, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { preparedRead, type KeyIn } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { partyRegionCode, visiblePartyJoin, type PartyRow } from '../parties/parties.service';
import { ownershipTable as ownership, type OwnershipRow } from './ownership.table';

/** Rows in force on a date (a value, or a placeholder): valid_from ≤ date < valid_to (open rows have no valid_to). */
function inForce(asOf: string | Placeholder): SQL {
  return and(lte(ownership.validFrom, asOf), or(isNull(ownership.validTo), gt(ownership.validTo, asOf))) as SQL;
}

/** An ownership row with its owner, or null for an owner outside the viewer's scope. */
export interface OwnershipWithOwner {
  ownership: OwnershipRow;
  owner: PartyRow | null;
}

const owner = visiblePartyJoin('owner');

/** Ownership rows of the assets `ids` joined to their owners, in one statement built once. */
function withOwners(db: Db, keyIn: KeyIn, condition?: SQL) {
  return db
    .select({ ownership, owner: owner.fields })
    .from(ownership)
    .leftJoin(owner.source, owner.on(ownership.ownerPartyId))
    .where(and(inScopePlaceholders(ownership.regionCode), keyIn(ownership.assetId), condition));
}

const inForceQuery = preparedRead('ownershipsInForce', (db, keyIn) => withOwners(db, keyIn, inForce(sql.placeholder('asOf'))).orderBy(ownership.assetId, sql`${ownership.shareBp} desc`, ownership.id));

const historyQuery = preparedRead('ownershipHistory', (db, keyIn) => withOwners(db, keyIn).orderBy(ownership.assetId, ownership.validFrom, ownership.id));

export async function ownershipsInForce(db: Db, viewer: Viewer, assetIds: readonly number[], asOf: string): Promise<OwnershipWithOwner[]> {
  return (await inForceQuery(db, { ...scopeParams(viewer), ids: assetIds, asOf })) as unknown as OwnershipWithOwner[];
}

export async function ownershipHistory(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<OwnershipWithOwner[]> {
  return (await historyQuery(db, { ...scopeParams(viewer), ids: assetIds })) as unknown as OwnershipWithOwner[];
}

/** One asset's owners on a date with their shares and regions, whatever the caller's scope (apportionment needs every owner), largest share first. */
export function sharesOn(db: Db, assetId: number, asOf: string): Promise<{ ownerPartyId: number; shareBp: number; ownerRegionCode: number }[]> {
  return run(
    'sharesOn',
    db
      .select({ ownerPartyId: ownership.ownerPartyId, shareBp: ownership.shareBp, ownerRegionCode: partyRegionCode(ownership.ownerPartyId) })
      .from(ownership)
      .where(and(eq(ownership.assetId, assetId), inForce(asOf)))
      .orderBy(sql`${ownership.shareBp} desc`, ownership.id),
  );
}

/** A subquery of the asset ids a party owns on a date, for other modules' filters. */
export function assetIdsOwnedBy(partyId: number | Placeholder, asOf: string | Placeholder): SQL {
  return sql`(select ${ownership.assetId} from ${ownership} where ${ownership.ownerPartyId} = ${partyId} and ${inForce(asOf)})`;
}

/**
 * Whether an asset has any owner on a date (确权 confirmed): an index probe per asset, so a
 * county costs its own assets only. (`id in (subquery)` over the whole table fell back to a
 * nested scan at a million rows once the ids no longer fit in work_mem.)
 */
export function isConfirmed(assetId: SQL, asOf: string): SQL {
  return sql`exists (select 1 from ${ownership} where ${ownership.assetId} = ${assetId} and ${inForce(asOf)})`;
}

/** The last day the asset's ownership history changed: the latest start or end of any of its rows (null: none). */
export async function lastOwnershipChange(tx: Db, assetId: number): Promise<string | null> {
  const [row] = await run(
    'lastOwnershipChange',
    tx
      .select({ on: sql<string | null>`max(greatest(${ownership.validFrom}, coalesce(${ownership.validTo}, ${ownership.validFrom})))::text` })
      .from(ownership)
      .where(eq(ownership.assetId, assetId)),
  );
  return row?.on ?? null;
}

/** The open rows of an asset the caller holds locked. */
export function openOwnerships(tx: Db, assetId: number): Promise<OwnershipRow[]> {
  return run(
    'openOwnerships',
    tx
      .select()
      .from(ownership)
      .where(and(eq(ownership.assetId, assetId), isNull(ownership.validTo)))
      .orderBy(ownership.id),
  );
}

export async function closeOwnerships(tx: Db, ids: number[], validTo: string): Promise<void> {
  if (ids.length)
    await run(
      'closeOwnerships',
      tx
        .update(ownership)
        .set({ validTo })
        .where(sql`${ownership.id} = any(${sql.param(ids)}::bigint[])`),
    );
}

export type NewOwnership = Omit<typeof ownership.$inferInsert, 'id' | 'createdAt' | 'validTo'>;

export function insertOwnerships(tx: Db, rows: NewOwnership[]): Promise<OwnershipRow[]> {
  return insertInChunks(tx, 'insertOwnerships', ownership, rows, 2000);
}
