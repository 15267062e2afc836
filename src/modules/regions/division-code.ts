/**
 * 统计用区划代码 (statistical division codes): PP CC DD TTT VVV — province, city, county,
 * township, village. A region's subtree is every code that starts with its significant prefix;
 * stored as bigint, that subtree is one numeric range, which every scoped query uses.
 */
const LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export type RegionLevel = (typeof LEVELS)[number];

const PREFIX_LENGTHS = [2, 4, 6, 9, 12] as const;

/**
 * A 2, 4, 6, 9 or 12-digit code → its 12-digit form, or null when malformed.
 */
export function normaliseDivisionCode(input: string): string | null {
  if (!/^\d+$/.test(input) || !(PREFIX_LENGTHS as readonly number[]).includes(input.length)) return null;
  const code = input.padEnd(12, '0');
  const prefix = significantPrefix(code);
  // A province is never 00, nor a city below it; a county part may be 00 (cities without
  // counties, such as 东莞 441900).
  if (prefix.length === 0 || code.startsWith('00') || (prefix.length > 2 && code.slice(2, 4) === '00')) return null;
  return code;
}

/** The significant prefix of a 12-digit code ('522327000000' → '522327'); '' for all zeros. */
export function significantPrefix(code: string): string {
  for (let i = PREFIX_LENGTHS.length - 1; i >= 0; i--) {
    const start = i === 0 ? 0 : PREFIX_LENGTHS[i - 1];
    const part = code.slice(start, PREFIX_LENGTHS[i]);
    if (/[1-9]/.test(part)) return code.slice(0, PREFIX_LENGTHS[i]);
  }
  return '';
}

export function levelOf(code: string): RegionLevel {
  const length = significantPrefix(code).length;
  return LEVELS[(PREFIX_LENGTHS as readonly number[]).indexOf(length)] ?? 'VILLAGE';
}

/** The parent region's 12-digit code, or null for a province. */
export function parentOf(code: string): string | null {
  const prefix = significantPrefix(code);
  const index = (PREFIX_LENGTHS as readonly number[]).indexOf(prefix.length);
  if (index <= 0) return null;
  return prefix.slice(0, PREFIX_LENGTHS[index - 1]!).padEnd(12, '0');
}

/** What one unit of each level's segment is worth in a numeric code: township, county, city, province. */
const LEVEL_UNITS = [1e3, 1e6, 1e8, 1e10] as const;

/**
 * The regions above a numeric code, nearest first (village → township → county → city →
 * province), as numbers: `parentOf` over and over without a string (an asset page asks for
 * fifty villages' chains).
 */
export function ancestorsOf(code: number): number[] {
  const chain: number[] = [];
  for (const unit of LEVEL_UNITS) {
    const above = code - (code % unit);
    if (above !== (chain.at(-1) ?? code) && above > 0) chain.push(above);
  }
  return chain;
}

/** [low, high) of the numeric codes in the subtree of a significant prefix ('' = everything). */
export function subtreeRange(prefix: string): [number, number] {
  if (prefix === '') return [0, 1e12];
  const width = 10 ** (12 - prefix.length);
  const base = Number(prefix);
  return [base * width, (base + 1) * width];
}

/** The numeric code of the county a significant prefix lies in (itself, for a county); undefined above county level. */
export function countyOf(prefix: string): number | undefined {
  return prefix.length >= 6 ? subtreeRange(prefix.slice(0, 6))[0] : undefined;
}

export function numberToCode(value: number | string | bigint): string {
  return String(value).padStart(12, '0');
}
