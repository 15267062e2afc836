import DataLoader from 'dataloader';
import type { LoaderFactory, Loaders } from '../../graphql/context';
import { partyById } from '../parties/parties.loaders';
import type { OwnershipRow } from './ownership.service';
import { ownersOn, ownershipHistoryOf, type OwnershipWithOwner } from './ownership.service';

type OwnersKey = { assetId: number; asOf: string };
const keyOf = (k: OwnersKey) => `${k.assetId}@${k.asOf}`;

/** The rows, with each owner primed into partyById: `owner { name }` then costs no statement. */
function primeOwners(loaders: Loaders, lists: OwnershipWithOwner[][]): OwnershipRow[][] {
  const parties = loaders.get(partyById);
  return lists.map((list) =>
    list.map(({ ownership, owner }) => {
      parties.prime(ownership.ownerPartyId, owner);
      return ownership;
    }),
  );
}

/** Owners in force on a date, keyed by asset and date: one statement per distinct date in a batch. */
export const ownersOnDate: LoaderFactory<DataLoader<OwnersKey, OwnershipRow[], string>> = (viewer, db, loaders) =>
  new DataLoader(
    async (keys) => {
      const found = new Map<string, OwnershipRow[]>();
      const dates = [...new Set(keys.map((k) => k.asOf))];
      await Promise.all(
        dates.map(async (asOf) => {
          const ids = [...new Set(keys.filter((k) => k.asOf === asOf).map((k) => k.assetId))];
          const lists = primeOwners(loaders, await ownersOn(db, viewer, ids, asOf));
          for (const [i, assetId] of ids.entries()) found.set(keyOf({ assetId, asOf }), lists[i] ?? []);
        }),
      );
      return keys.map((k) => found.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );

export const ownershipHistory: LoaderFactory<DataLoader<number, OwnershipRow[]>> = (viewer, db, loaders) =>
  new DataLoader(async (ids) => primeOwners(loaders, await ownershipHistoryOf(db, viewer, ids)));
