import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import type { RegionRow } from './regions.table';
import { regionsByCodes } from './regions.service';

/** Regions by numeric code, in the viewer's scope (null outside it). */
export const regionByCode: LoaderFactory<DataLoader<number, RegionRow | null>> = (viewer, db) =>
  new DataLoader((codes) => regionsByCodes(db, viewer, codes));
