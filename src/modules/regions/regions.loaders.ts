import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import { numberToCode, parentOf } from './division-code';
import type { RegionRow } from './regions.service';
import { regionsByCodes } from './regions.service';

/** A code and every region above it (village → township → county → city → province). */
function withAncestors(code: number): number[] {
  const chain = [code];
  for (let parent = parentOf(numberToCode(code)); parent; parent = parentOf(parent)) chain.push(Number(parent));
  return chain;
}

/**
 * Regions by numeric code, in the viewer's scope (null outside it). A batch also reads the
 * regions above the ones asked for and primes them, so `region { parent { name } }` over a
 * page of assets is one statement, not one per level.
 */
export const regionByCode: LoaderFactory<DataLoader<number, RegionRow | null>> = (viewer, db) => {
  const loader: DataLoader<number, RegionRow | null> = new DataLoader(async (codes) => {
    const wanted = [...new Set(codes.flatMap(withAncestors))];
    const rows = await regionsByCodes(db, viewer, wanted);
    const byCode = new Map(wanted.map((code, i) => [code, rows[i] ?? null]));
    for (const [code, row] of byCode) loader.prime(code, row);
    return codes.map((code) => byCode.get(code) ?? null);
  });
  return loader;
};
