/**
 * Apportionment to the fen (DESIGN.md §3 IncomeRecord), over thousands of random share sets
 * (1–50 owners, any split summing to 10000 bp) and amounts (1 fen to 10¹² fen): the parts sum
 * exactly to the amount, none is negative, each is within one fen of its exact share, and the
 * leftover fen go to the largest remainders, ties to the larger share, then the lower id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, type Share } from '../../src/modules/income/apportion';

/** 1–50 owners with distinct ids and shares of at least 1 bp summing to 10000. */
const shareSets = fc
  .integer({ min: 1, max: 50 })
  .chain((n) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => [...cuts].sort((a, b) => a - b)),
      fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([cuts, ids]) => {
    const bounds = [0, ...cuts, 10_000];
    return ids.map((id, i) => ({ id, shareBp: bounds[i + 1]! - bounds[i]! }));
  });

const amounts = fc.bigInt({ min: 1n, max: 1_000_000_000_000n });

describe('apportion', () => {
  it('sums exactly, never negative, each part within a fen of its exact share', () => {
    fc.assert(
      fc.property(shareSets, amounts, (shares, amount) => {
        const parts = apportion(amount, shares);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(amount);
        shares.forEach((s, i) => {
          const part = parts[i]!;
          expect(part >= 0n).toBe(true);
          // |part − amount·bp/10000| < 1 fen, in integers: |part·10000 − amount·bp| < 10000.
          const gap = part * 10_000n - amount * BigInt(s.shareBp);
          expect(gap > -10_000n && gap < 10_000n).toBe(true);
        });
      }),
      { numRuns: 5_000, seed: 20261130 },
    );
  });

  it('gives the leftover fen to the largest remainders, then the larger share, then the lower id', () => {
    fc.assert(
      fc.property(shareSets, amounts, (shares, amount) => {
        const parts = apportion(amount, shares);
        const floor = (s: Share) => (amount * BigInt(s.shareBp)) / 10_000n;
        const remainder = (s: Share) => (amount * BigInt(s.shareBp)) % 10_000n;
        const bumped = shares.filter((s, i) => parts[i]! === floor(s) + 1n);
        const kept = shares.filter((s, i) => parts[i]! === floor(s));
        expect(bumped.length + kept.length).toBe(shares.length);
        // Every owner that got the extra fen ranks before every one that did not.
        const before = (a: Share, b: Share) => remainder(a) > remainder(b) || (remainder(a) === remainder(b) && (a.shareBp > b.shareBp || (a.shareBp === b.shareBp && a.id < b.id)));
        for (const a of bumped) for (const b of kept) expect(before(a, b)).toBe(true);
      }),
      { numRuns: 3_000, seed: 20261201 },
    );
  });

  it('splits the examples a finance officer checks by hand', () => {
    // 100.00 yuan over 1/3 each: 3333 + 3333 + 3334 fen, the extra fen to the lowest id on a full tie.
    expect(
      apportion(10_000n, [
        { id: 7, shareBp: 3334 },
        { id: 3, shareBp: 3333 },
        { id: 5, shareBp: 3333 },
      ]),
    ).toEqual([3334n, 3333n, 3333n]);
    expect(
      apportion(1n, [
        { id: 9, shareBp: 5000 },
        { id: 2, shareBp: 5000 },
      ]),
    ).toEqual([0n, 1n]);
    expect(
      apportion(1n, [
        { id: 1, shareBp: 4000 },
        { id: 2, shareBp: 6000 },
      ]),
    ).toEqual([0n, 1n]);
    expect(() => apportion(100n, [{ id: 1, shareBp: 9999 }])).toThrow();
  });
});
