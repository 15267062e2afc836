/**
 * ASSET_IDLE 资产闲置: an asset IDLE for more than IDLE_DAYS (180) on the date; or an operating
 * asset in use, handed over more than NO_INCOME_DAYS (365) before the date, that received nothing
 * in those days. Each side of each threshold by one day, and the county's own thresholds.
 */
import { addDays } from '../../../src/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { RECORD_INCOME, REVERSE_INCOME } from '../../income/fixtures';
import { TODAY, ago, worldA, type WorldA } from './fixtures-a';

describe('ASSET_IDLE', () => {
  let t: TestContext;
  let w: WorldA;
  /** Public-welfare assets (the no-income rule is for operating ones), idle for 181 and 180 days. */
  let idle181: string;
  let idle180: string;
  /** Operating stations in use: last income 365 and 364 days ago; handed over 366 and 365 days ago with no income. */
  let paid365: string;
  let paid364: string;
  let new366: string;
  let new365: string;

  const receive = async (assetId: string, receivedOn: string) => {
    const res = await t.gql(RECORD_INCOME, { input: { assetId, kind: 'ELECTRICITY_SALES', amount: '35000.00', receivedOn, accountType: 'VILLAGE_COLLECTIVE' } }, w.finance);
    expect(res.data.recordIncome.userErrors).toEqual([]);
    return res.data.recordIncome.incomeRecord.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
    const square = { assetClass: 'PUBLIC_WELFARE', category: 'CULTURE_SPORTS', name: '巧马村文化广场', unit: '平方米', quantity: 1200 };
    idle181 = await w.asset(square);
    idle180 = await w.asset(square);
    // The village stopped using them: the asset office records when.
    await w.setStatus(idle181, 'IDLE', ago(181));
    await w.setStatus(idle180, 'IDLE', ago(180));
    paid365 = await w.asset();
    paid364 = await w.asset();
    await receive(paid365, ago(365));
    await receive(paid364, ago(364));
    new366 = await w.asset({ handedOverOn: ago(366) });
    new365 = await w.asset({ handedOverOn: ago(365) });
  });
  afterAll(() => t.close());

  it('finds an asset idle for 181 days, with when it stopped, and not one idle for 180', async () => {
    const found = await w.findings('ASSET_IDLE');
    expect(found.find((f) => f.subjectId === idle181)).toMatchObject({ evidence: { idleSince: ago(181), days: 181 }, amount: '1000000.00' });
    expect(found.map((f) => f.subjectId)).not.toContain(idle180);
    // A day earlier the first had been idle 180 days too; a day later the second has 181.
    expect(await w.subjects('ASSET_IDLE', { asOf: ago(1) })).not.toContain(idle181);
    expect(await w.subjects('ASSET_IDLE', { asOf: addDays(TODAY, 1) })).toEqual(expect.arrayContaining([idle181, idle180]));
  });

  it('finds an operating asset whose last income was 365 days ago, not one paid 364 days ago', async () => {
    const found = await w.findings('ASSET_IDLE');
    expect(found.find((f) => f.subjectId === paid365)?.evidence).toEqual({ lastIncomeOn: ago(365), days: 365 });
    expect(found.map((f) => f.subjectId)).not.toContain(paid364);
  });

  it('gives a new operating asset its first 365 days: handed over 366 days ago with nothing received is found, 365 days ago is not', async () => {
    const found = await w.subjects('ASSET_IDLE');
    expect(found).toContain(new366);
    expect(found).not.toContain(new365);
  });

  it('counts no income that was reversed: the money was never received', async () => {
    const station = await w.asset();
    const income = await receive(station, ago(30));
    expect(await w.subjects('ASSET_IDLE')).not.toContain(station);
    const reversed = await t.gql(REVERSE_INCOME, { input: { incomeId: income, reason: '误记，非本资产收益', reversedOn: ago(10) } }, w.finance);
    expect(reversed.data.reverseIncome.userErrors).toEqual([]);
    expect(await w.subjects('ASSET_IDLE')).toContain(station);
    // Before the reversal the income stood.
    expect(await w.subjects('ASSET_IDLE', { asOf: ago(11) })).not.toContain(station);
  });

  it("takes the run's thresholds: one day more or less moves each asset across", async () => {
    const run = async (idle: number, noIncome: number) =>
      w.subjects('ASSET_IDLE', {
        thresholds: [
          { name: 'IDLE_DAYS', value: idle },
          { name: 'NO_INCOME_DAYS', value: noIncome },
        ],
      });
    const lenient = await run(181, 366);
    for (const id of [idle181, paid365, new366]) expect(lenient).not.toContain(id);
    const strict = await run(179, 364);
    for (const id of [idle180, paid364, new365]) expect(strict).toContain(id);
  });

  it("takes the county's own thresholds from the day they apply", async () => {
    await w.setRule('IDLE_DAYS', 179, TODAY);
    await w.setRule('NO_INCOME_DAYS', 366, TODAY);
    const found = await w.subjects('ASSET_IDLE');
    expect(found).toContain(idle180);
    expect(found).not.toContain(paid365);
    expect(found).not.toContain(new366);
    // The day before, the defaults still held: 180 days idle was not yet too long.
    expect(await w.subjects('ASSET_IDLE', { asOf: ago(1) })).not.toContain(idle181);
  });
});
