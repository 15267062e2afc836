/**
 * LOW_YIELD 收益率偏低: an operating asset in use, handed over a year or more before the date,
 * whose income of the last 365 days is above nothing but below MIN_YIELD_BP (300, i.e. 3%) of
 * its original value. A station worth 1,000,000.00 must earn 30,000.00 a year: 29,999.99 is found
 * (short by one fen), 30,000.00 is not. A receipt 365 days old has left the year; an asset
 * handed over 364 days ago has not had its year yet. A county or a run asking 2.99% or 3.01%
 * changes the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('LOW_YIELD', () => {
  let w: WorldB;
  /** Earned 29,999.99 in the last year: one fen short of 3%. */
  let short: string;
  /** Earned 30,000.00: exactly 3%. */
  let enough: string;
  const earned = async (amount: string, receivedOn = days(TODAY, -100), overrides: Record<string, unknown> = {}) => {
    const asset = await w.asset(overrides);
    await w.income(asset, { kind: 'ELECTRICITY_SALES', amount, receivedOn });
    return asset;
  };

  beforeAll(async () => {
    w = await worldB();
    short = await earned('29999.99');
    enough = await earned('30000.00');
  });
  afterAll(() => w.t.close());

  it('finds a year one fen short of 3% of the value, and not a year of exactly 3%', async () => {
    const found = await w.findings('LOW_YIELD');
    expect(found.find((f) => f.subjectId === short)).toMatchObject({
      subjectType: 'Asset',
      amount: '0.01', // the shortfall
      evidence: { income12m: 2999999, minimum: 3000000, minYieldBp: 300 },
    });
    expect(found.map((f) => f.subjectId)).not.toContain(enough);
  });

  it('counts the receipts of the last 365 days only', async () => {
    // 29,999.99 lately and 0.01 received 365 days ago: that fen has left the year…
    const edge = await earned('29999.99');
    await w.income(edge, { kind: 'ELECTRICITY_SALES', amount: '0.01', receivedOn: days(TODAY, -365) });
    expect(await w.subjects('LOW_YIELD')).toContain(edge);
    // …and the day before, it was still in it.
    expect(await w.subjects('LOW_YIELD', { asOf: days(TODAY, -1) })).not.toContain(edge);
  });

  it('waits a full year after hand-over, and leaves an asset that earned nothing to ASSET_IDLE', async () => {
    const handed = (on: string) => ({ acceptedOn: on, handedOverOn: on, owners: [{ partyId: w.parties.collective, shareBp: 10000, confirmedOn: on }] });
    const aYear = await earned('100.00', TODAY, handed(days(TODAY, -365)));
    const notYet = await earned('100.00', TODAY, handed(days(TODAY, -364)));
    const nothing = await w.asset();
    const found = await w.subjects('LOW_YIELD');
    expect(found).toContain(aYear);
    expect(found).not.toContain(notYet);
    expect(found).not.toContain(nothing);
  });

  it('follows the yield a run asks for', async () => {
    const run = (value: number) => w.subjects('LOW_YIELD', { thresholds: [{ name: 'MIN_YIELD_BP', value }] });
    expect(await run(299)).not.toContain(short);
    expect(await run(301)).toContain(enough);
  });

  it("follows the county's own minimum yield from the day it is in force", async () => {
    // The county asks 3.01%: 30,000.00 on 1,000,000.00 is now 100.00 short.
    await w.setRule('MIN_YIELD_BP', 301, TODAY);
    expect((await w.findings('LOW_YIELD')).find((f) => f.subjectId === enough)).toMatchObject({ amount: '100.00', evidence: { minYieldBp: 301 } });
    expect(await w.subjects('LOW_YIELD', { asOf: days(TODAY, -1) })).not.toContain(enough);
  });
});
