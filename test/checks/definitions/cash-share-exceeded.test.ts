/**
 * CASH_SHARE_EXCEEDED 一分了之: an approved plan whose household dividends exceed CASH_SHARE_CAP_BP
 * (30%) of its pool, the cap in force on the date; or whose dividend payments gave the same amount
 * to at least IDENTICAL_DIVIDEND_SHARE_BP (90%) of five or more paid households. A plan cannot be
 * drawn up over the cap in force: the county allowed 31% this year and went back to 30% from
 * June, as the demo county lowered its cap (seeds/allocation-generator.ts). Each plan has an owner
 * of its own with 10,000.00 yuan received in 2025; the run is as of 2026-06-30.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { cWorld, type CWorld } from './fixtures-c';

const CHECK = 'CASH_SHARE_EXCEEDED';
const AS_OF = '2026-06-30';

describe(CHECK, () => {
  let t: TestContext;
  let w: CWorld;

  /** An approved plan of a 10,000.00 pool with these dividends, the rest to the collective economy; returns the plan and its dividend line. */
  const planWithDividends = async (name: string, dividends: string) => {
    const { ownerId, assetId } = await w.ownedAsset(name);
    await w.income(assetId, '10000.00', '2025-03-10');
    const rest = ((1_000_000 - Math.round(Number(dividends) * 100)) / 100).toFixed(2);
    const plan = await w.plan(
      ownerId,
      ['2025-01-01', '2025-12-31'],
      [
        { purpose: 'HOUSEHOLD_DIVIDEND', amount: dividends },
        { purpose: 'COLLECTIVE_ECONOMY', amount: rest },
      ],
      { publicizedOn: '2026-03-01', approvedOn: '2026-03-20' },
    );
    return { planId: plan.planId, dividendLine: plan.lines.find((l) => l.purpose === 'HOUSEHOLD_DIVIDEND')!.id };
  };
  /** Pays the dividend line to households 户1, 户2, … one amount each, on a date. */
  const payHouseholds = async (lineId: string, amounts: string[], paidOn = '2026-04-01', from = 1) => {
    for (const [i, amount] of amounts.entries()) await w.pay(lineId, amount, paidOn, `户${from + i}`);
  };

  let over: string;
  let atCap: string;
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-02-01');
    w = await cWorld(t);
    await w.setRule('CASH_SHARE_CAP_BP', 3100, '2026-01-01');
    t.clock.set('2026-03-20');
    over = (await planWithDividends('超比例电站', '3000.01')).planId;
    atCap = (await planWithDividends('恰好上限电站', '3000.00')).planId;
    await w.setRule('CASH_SHARE_CAP_BP', 3000, '2026-06-01');
    t.clock.set(AS_OF);
  });
  afterAll(() => t?.close());

  it('finds a plan whose dividends are one fen over the cap in force on the date, with the shares', async () => {
    const [found] = (await w.findings(CHECK, { asOf: AS_OF })).filter((f) => f.subjectId === over);
    expect(found).toMatchObject({ subjectType: 'AllocationPlan', amount: '3000.01', evidence: { pool: 1000000, dividends: 300001, shareBp: 3000.01, capBp: 3000 } });
  });

  it('leaves a plan at the cap exactly alone, and the plan over it while the higher cap was in force', async () => {
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(atCap);
    expect(await w.subjects(CHECK, { asOf: '2026-05-31' })).not.toContain(over);
    // …and over it from the day the cap went back to 30%.
    expect(await w.subjects(CHECK, { asOf: '2026-06-01' })).toContain(over);
  });

  it('finds a plan that paid 9 of 10 households the same amount, and not one where a fen sets a ninth apart', async () => {
    const same = await planWithDividends('平均分红电站', '1000.00');
    await payHouseholds(same.dividendLine, [...Array(9).fill('100.00'), '50.00']);
    const apart = await planWithDividends('差异分红电站', '1000.00');
    await payHouseholds(apart.dividendLine, [...Array(8).fill('100.00'), '100.01', '50.00']);
    const found = await w.findings(CHECK, { asOf: AS_OF });
    expect(found.filter((f) => f.subjectId === same.planId)).toEqual([
      expect.objectContaining({ amount: '1000.00', evidence: expect.objectContaining({ paidHouseholds: 10, sameAmountHouseholds: 9 }) }),
    ]);
    expect(found.map((f) => f.subjectId)).not.toContain(apart.planId);
    // Before the payments, nothing was paid alike.
    expect(await w.subjects(CHECK, { asOf: '2026-03-31' })).not.toContain(same.planId);
    // The share is the county's (90% by default): 9 of 10 is under 90.01%, 8 of 10 at 80%.
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'IDENTICAL_DIVIDEND_SHARE_BP', value: 9001 }] })).not.toContain(same.planId);
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'IDENTICAL_DIVIDEND_SHARE_BP', value: 8000 }] })).toContain(apart.planId);
    await w.setRule('IDENTICAL_DIVIDEND_SHARE_BP', 9001, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(same.planId);
    await w.setRule('IDENTICAL_DIVIDEND_SHARE_BP', 8000, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining([same.planId, apart.planId]));
    await w.setRule('IDENTICAL_DIVIDEND_SHARE_BP', 9000, '2026-01-01');
  });

  it('counts identical amounts from five paid households on, not four', async () => {
    const few = await planWithDividends('四户分红电站', '1000.00');
    await payHouseholds(few.dividendLine, Array(4).fill('100.00'), '2026-04-01');
    await payHouseholds(few.dividendLine, ['100.00'], '2026-04-02', 5);
    expect(await w.subjects(CHECK, { asOf: '2026-04-01' })).not.toContain(few.planId);
    expect(await w.subjects(CHECK, { asOf: '2026-04-02' })).toContain(few.planId);
  });

  it("reads the county's cap, or the run's", async () => {
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'CASH_SHARE_CAP_BP', value: 3001 }] })).not.toContain(over);
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'CASH_SHARE_CAP_BP', value: 2999 }] })).toContain(atCap);
    // The county allows 30.01% from June: the plan one fen over 30% is no longer over it.
    await w.setRule('CASH_SHARE_CAP_BP', 3001, '2026-06-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(over);
    await w.setRule('CASH_SHARE_CAP_BP', 2999, '2026-06-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining([over, atCap]));
  });
});
