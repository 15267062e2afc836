/**
 * Apportionment (收益分配到权属主体, DESIGN.md §3 IncomeRecord): an amount split by shares in basis
 * points so the parts sum exactly to it. Each owner gets ⌊amount × bp / 10000⌋ fen; the fen left
 * over go one each to the largest remainders, ties to the larger share, then the lower id.
 */
export interface Share {
  id: number;
  shareBp: number;
}

export function apportion(amountFen: bigint, shares: readonly Share[]): bigint[] {
  const total = shares.reduce((n, s) => n + s.shareBp, 0);
  if (amountFen < 0n || total !== 10_000) throw new Error(`apportion: ${amountFen} over shares summing to ${total}`);
  const exact = shares.map((s) => amountFen * BigInt(s.shareBp));
  const parts = exact.map((e) => e / 10_000n);
  let left = amountFen - parts.reduce((n, p) => n + p, 0n);
  const order = shares
    .map((s, i) => ({ i, remainder: exact[i]! % 10_000n, shareBp: s.shareBp, id: s.id }))
    .sort((a, b) => (a.remainder !== b.remainder ? (b.remainder > a.remainder ? 1 : -1) : b.shareBp - a.shareBp || a.id - b.id));
  for (const o of order) {
    if (left === 0n) break;
    parts[o.i]! += 1n;
    left -= 1n;
  }
  return parts;
}
