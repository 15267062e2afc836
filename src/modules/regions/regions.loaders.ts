import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import { ancestorsOf } from './division-code';
import type { RegionRow } from './regions.service';
import { regionsByCodes } from './regions.service';

/**
 * Regions by numeric code, in the viewer's scope (null outside it). A batch also reads the
 * regions above the ones asked for and primes them, so `region { parent { name } }` over a
 * page of assets is one statement, not one per level.
 */
export const regionByCode: LoaderFactory<DataLoader<number, RegionRow | null>> = (viewer, db) => {
  const loader: DataLoader<number, RegionRow | null> = new DataLoader(async (codes) => {
    const wanted = [...new Set(codes.flatMap((code) => [code, ...ancestorsOf(code)]))];
    const rows = await regionsByCodes(db, viewer, wanted);
    const byCode = new Map(wanted.map((code, i) => [code, rows[i] ?? null]));
    for (const [code, row] of byCode) loader.prime(code, row);
    return codes.map((code) => byCode.get(code) ?? null);
  });
  return loader;
};
