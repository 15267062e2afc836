import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import { partyById } from '../parties/parties.loaders';
import * as custody from './custody.service';

type CareKey = { assetId: number; asOf: string };
const keyOf = (k: CareKey) => `${k.assetId}@${k.asOf}`;

/**
 * An asset's custody on a date with its custodian and next due duty, keyed by asset and date:
 * one statement per distinct date in a batch answers `custody`, `custody.custodian` and
 * `nextDuty` of a whole page (the custodian is primed into partyById).
 */
export const careOnDate: LoaderFactory<DataLoader<CareKey, custody.CareOfAsset | null, string>> = (viewer, db, loaders) =>
  new DataLoader(
    async (keys) => {
      const found = new Map<string, custody.CareOfAsset | null>();
      const dates = [...new Set(keys.map((k) => k.asOf))];
      await Promise.all(
        dates.map(async (asOf) => {
          const ids = [...new Set(keys.filter((k) => k.asOf === asOf).map((k) => k.assetId))];
          const cares = await custody.careOfAssets(db, viewer, ids, asOf);
          for (const [i, assetId] of ids.entries()) {
            const care = cares[i] ?? null;
            if (care?.custody) loaders.get(partyById).prime(care.custody.custodianPartyId, care.custodian);
            found.set(keyOf({ assetId, asOf }), care);
          }
        }),
      );
      return keys.map((k) => found.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );

export const custodyHistory: LoaderFactory<DataLoader<number, custody.CustodyRow[]>> = (viewer, db, loaders) =>
  new DataLoader(async (ids) =>
    (await custody.custodyHistoryOf(db, viewer, ids)).map((list) =>
      list.map(({ custody: row, custodian }) => {
        loaders.get(partyById).prime(row.custodianPartyId, custodian);
        return row;
      }),
    ),
  );

export const custodyById: LoaderFactory<DataLoader<number, custody.CustodyRow | null>> = (viewer, db) => new DataLoader((ids) => custody.custodyByIds(db, viewer, ids));
export const dutiesOfAsset: LoaderFactory<DataLoader<number, custody.DutyRow[]>> = (viewer, db) => new DataLoader((ids) => custody.dutiesOfAssets(db, viewer, ids));
export const dutyById: LoaderFactory<DataLoader<number, custody.DutyRow | null>> = (viewer, db) => new DataLoader((ids) => custody.dutiesByIds(db, viewer, ids));
export const maintenanceOfAsset: LoaderFactory<DataLoader<number, custody.MaintenanceRow[]>> = (viewer, db) => new DataLoader((ids) => custody.maintenanceOfAssets(db, viewer, ids));
export const maintenanceById: LoaderFactory<DataLoader<number, custody.MaintenanceRow | null>> = (viewer, db) => new DataLoader((ids) => custody.maintenanceByIds(db, viewer, ids));
export const stocktakeById: LoaderFactory<DataLoader<number, custody.StocktakeRow | null>> = (viewer, db) => new DataLoader((ids) => custody.stocktakesByIds(db, viewer, ids));
export const stocktakeItemsOfAsset: LoaderFactory<DataLoader<number, custody.StocktakeItemRow[]>> = (viewer, db) => new DataLoader((ids) => custody.stocktakeItemsOfAssets(db, viewer, ids));
export const stocktakeProgress: LoaderFactory<DataLoader<number, custody.StocktakeProgress>> = (viewer, db) => new DataLoader((ids) => custody.stocktakeProgress(db, viewer, ids));
