import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import type { OwnershipRow } from './ownership.table';
import { ownersOn, ownershipHistoryOf } from './ownership.service';

type OwnersKey = { assetId: number; asOf: string };
const keyOf = (k: OwnersKey) => `${k.assetId}@${k.asOf}`;

/** Owners in force on a date, keyed by asset and date: one statement per distinct date in a batch. */
export const ownersOnDate: LoaderFactory<DataLoader<OwnersKey, OwnershipRow[], string>> = (viewer, db) =>
  new DataLoader(
    async (keys) => {
      const found = new Map<string, OwnershipRow[]>();
      const dates = [...new Set(keys.map((k) => k.asOf))];
      await Promise.all(
        dates.map(async (asOf) => {
          const ids = [...new Set(keys.filter((k) => k.asOf === asOf).map((k) => k.assetId))];
          const lists = await ownersOn(db, viewer, ids, asOf);
          ids.forEach((assetId, i) => found.set(keyOf({ assetId, asOf }), lists[i]));
        }),
      );
      return keys.map((k) => found.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );

export const ownershipHistory: LoaderFactory<DataLoader<number, OwnershipRow[]>> = (viewer, db) => new DataLoader((ids) => ownershipHistoryOf(db, viewer, ids));
