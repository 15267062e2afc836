/**
 * Synthetic counties for data sets beyond the demo county (benchmarks at province scale):
 * county i gets code 52 (90 + ⌊i/99⌋) (1 + i mod 99), ten townships of fifteen villages each.
 * The codes use city numbers no real Guizhou city has, so they never collide with real ones.
 */
import type { RegionRow } from '../src/modules/regions/regions.table';
import { regionRow } from './demo-county';

export const SYNTHETIC_TOWNSHIPS = 10;
export const SYNTHETIC_VILLAGES = 15;

export function syntheticCountyCode(index: number): string {
  const city = 90 + Math.floor(index / 99);
  if (city > 99) throw new Error('at most 990 synthetic counties');
  return `52${city}${String((index % 99) + 1).padStart(2, '0')}`;
}

export function syntheticRegions(index: number): RegionRow[] {
  const county = syntheticCountyCode(index);
  const rows = [regionRow('52', '贵州省'), regionRow(county.slice(0, 4), `模拟市${county.slice(2, 4)}`), regionRow(county, `模拟县${index + 1}`)];
  for (let t = 1; t <= SYNTHETIC_TOWNSHIPS; t++) {
    const township = `${county}${100 + t}`;
    rows.push(regionRow(township, `模拟${index + 1}县第${t}镇`));
    for (let v = 0; v < SYNTHETIC_VILLAGES; v++) rows.push(regionRow(`${township}${200 + v}`, `第${t}镇${v + 1}村`));
  }
  return rows;
}
