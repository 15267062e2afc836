/**
 * Contracts, their expected income and arrears, against a calendar computed here: periods from
 * the start plus k cycles, the year's amount split so its periods sum to it, a period cut short
 * by the contract's end paid by days; payments go to the oldest period; arrears past the grace
 * days in force (a county override included), aged in buckets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { CREATE_CONTRACT, END_CONTRACT, RECORD_INCOME, SET_RULE, incomeWorld, schedule, type IncomeWorld } from './fixtures';

const fen = (money: string) => BigInt(money.replace('.', ''));

describe('contracts, expected income and arrears', () => {
  let t: TestContext;
  let w: IncomeWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 30 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  const contract = async (assetId: string, terms: Record<string, unknown>) => {
    const res = await t.gql(CREATE_CONTRACT, { input: { assetId, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', ...terms } }, w.manager);
    expect(res.data.createOperatingContract.userErrors).toEqual([]);
    return res.data.createOperatingContract.contract;
  };

  it.each([
    ['monthly from a month end, cut short', '2024-01-31', '2025-03-15', '10000.01', 'MONTHLY', 1],
    ['quarterly over a leap day', '2023-11-30', '2026-02-27', '7777.77', 'QUARTERLY', 3],
    ['half-yearly', '2022-08-31', '2025-08-30', '12345.67', 'HALF_YEARLY', 6],
    ['yearly, ended early', '2021-02-28', '2024-06-30', '50000.00', 'YEARLY', 12],
  ])('expects %s period by period, as the calendar says', async (_name, startsOn, lastDay, yearly, cycle, months) => {
    const assetId = await w.station();
    await contract(assetId, { startsOn, endsOn: lastDay, agreedIncomePerYear: yearly, paymentCycle: cycle });
    const expected = schedule(startsOn, lastDay, fen(yearly), months);
    const res = await t.gql(`query($a: ID!) { expectedIncome(asset: $a, from: "2000-01-01", to: "2199-12-31", limit: 500) { total periodCount periods { dueOn amount } } }`, { a: assetId }, w.manager);
    expect(res.errors).toBeUndefined();
    const got = res.data.expectedIncome;
    expect(got.periods.map((p: { dueOn: string; amount: string }) => [p.dueOn, fen(p.amount)])).toEqual(expected.map((p) => [p.dueOn, p.amount]));
    expect(got.periodCount).toBe(expected.length);
    expect(fen(got.total)).toBe(expected.reduce((s, p) => s + p.amount, 0n));
    // A full contract year sums exactly to the agreed income.
    const n = 12 / months;
    if (expected.length >= n) expect(expected.slice(0, n).reduce((s, p) => s + p.amount, 0n)).toBe(fen(yearly));
  });

  it('counts a period due on a clamped month end on that day, not the day after', async () => {
    const assetId = await w.station();
    await contract(assetId, { startsOn: '2024-01-31', endsOn: '2024-12-31', agreedIncomePerYear: '1200.00', paymentCycle: 'MONTHLY' });
    const window = async (from: string, to: string) =>
      (await t.gql(`query($a: ID!, $from: Date!, $to: Date!) { expectedIncome(asset: $a, from: $from, to: $to) { periodCount periods { dueOn } } }`, { a: assetId, from, to }, w.manager)).data
        .expectedIncome;
    // One month after 31 January is 29 February (2024 is a leap year), then 31 March.
    expect(await window('2024-02-29', '2024-02-29')).toEqual({ periodCount: 1, periods: [{ dueOn: '2024-02-29' }] });
    expect(await window('2024-03-01', '2024-03-30')).toEqual({ periodCount: 0, periods: [] });
    expect(await window('2024-04-30', '2024-04-30')).toEqual({ periodCount: 1, periods: [{ dueOn: '2024-04-30' }] });
  });

  it('keeps a renewed contract running to its end, and renews a contract once', async () => {
    const assetId = await w.station();
    const running = await contract(assetId, { startsOn: '2026-01-01', endsOn: '2026-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'YEARLY' });
    const renewal = await contract(assetId, { startsOn: '2027-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '13200.00', paymentCycle: 'YEARLY', renewsContractId: running.id });
    expect(renewal.renews).toEqual({ id: running.id, status: 'ACTIVE', endedOn: null });
    const fork = await t.gql(
      CREATE_CONTRACT,
      {
        input: {
          assetId,
          operatorId: w.l.collectives[1]!.id,
          mode: 'LEASED',
          startsOn: '2030-01-01',
          endsOn: '2030-12-31',
          agreedIncomePerYear: '1.00',
          paymentCycle: 'YEARLY',
          renewsContractId: running.id,
        },
      },
      w.manager,
    );
    expect(fork.data.createOperatingContract.userErrors).toEqual([expect.objectContaining({ field: ['input', 'renewsContractId'], code: 'CONTRACT_ALREADY_RENEWED' })]);
  });

  it('refuses a renewal that starts before the contract it renews has run, which would use up its one renewal', async () => {
    const assetId = await w.station();
    const running = await contract(assetId, { startsOn: '2025-01-01', endsOn: '2026-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'YEARLY' });
    const contracts = await t.count('operating_contract');
    const renew = (startsOn: string, endsOn: string) =>
      t.gql(
        CREATE_CONTRACT,
        { input: { assetId, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn, endsOn, agreedIncomePerYear: '1000.00', paymentCycle: 'YEARLY', renewsContractId: running.id } },
        w.manager,
      );
    for (const [startsOn, endsOn] of [
      ['2024-01-01', '2024-12-31'],
      ['2026-12-31', '2027-12-31'],
    ]) {
      const early = await renew(startsOn!, endsOn!);
      expect(early.data.createOperatingContract.userErrors).toEqual([expect.objectContaining({ field: ['input', 'startsOn'], code: 'DATE_ORDER' })]);
    }
    expect(await t.count('operating_contract')).toBe(contracts);
    expect((await renew('2027-01-01', '2027-12-31')).data.createOperatingContract.userErrors).toEqual([]);
  });

  it('renews a contract (ending it on its date) and terminates one early', async () => {
    const assetId = await w.station();
    const first = await contract(assetId, { startsOn: '2020-01-01', endsOn: '2024-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'YEARLY' });
    const renewal = await contract(assetId, { startsOn: '2025-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '13200.00', paymentCycle: 'YEARLY', renewsContractId: first.id });
    expect(renewal.renews).toEqual({ id: first.id, status: 'ENDED', endedOn: '2024-12-31' });
    // Closing the renewed contract is audited like any end.
    const [closed] = await t.rows<{ n: number }>(`select count(*)::int as n from audit_event where action = 'contract.end' and entity_id = '${assetId}'`);
    expect(closed!.n).toBe(1);
    const ended = await t.gql(END_CONTRACT, { input: { contractId: renewal.id, endsOn: '2026-06-30', reason: '承租方经营困难，协商解除' } }, w.manager);
    expect(ended.data.endOperatingContract.contract).toMatchObject({ status: 'TERMINATED', endedOn: '2026-06-30' });
    const again = await t.gql(END_CONTRACT, { input: { contractId: renewal.id, endsOn: '2026-06-30', reason: '再次' } }, w.manager);
    expect(again.data.endOperatingContract.userErrors).toEqual([expect.objectContaining({ code: 'CONTRACT_NOT_ACTIVE' })]);
  });

  it('puts payments on the oldest periods and reports the unpaid ones past the grace days, aged', async () => {
    const assetId = await w.station();
    const c = await contract(assetId, { startsOn: '2025-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY' });
    // Quarters of 3000.00 due 2025-01-01, 04-01, 07-01, 10-01, 2026-01-01, 04-01; 6500.00 paid in all.
    for (const [amount, on] of [
      ['3000.00', '2025-01-05'],
      ['3500.00', '2025-05-10'],
    ]) {
      const res = await t.gql(RECORD_INCOME, { input: { assetId, contractId: c.id, kind: 'RENT', amount, receivedOn: on, accountType: 'VILLAGE_COLLECTIVE' } }, w.finance);
      expect(res.data.recordIncome.userErrors).toEqual([]);
    }
    const q = `query($a: ID!, $asOf: Date) { arrears(filter: { asset: $a }, asOf: $asOf, first: 20) { totalCount totals { bucket periods unpaid } nodes { index dueOn expected unpaid daysOverdue } } }`;
    const res = (await t.gql(q, { a: assetId }, w.finance)).data.arrears;
    // Due more than 30 days before 2026-06-30: up to the quarter due 2026-04-01. 6500.00 pays the
    // first two quarters and 500.00 of the third.
    expect(res.nodes).toEqual([
      { index: 2, dueOn: '2025-07-01', expected: '3000.00', unpaid: '2500.00', daysOverdue: 334 },
      { index: 3, dueOn: '2025-10-01', expected: '3000.00', unpaid: '3000.00', daysOverdue: 242 },
      { index: 4, dueOn: '2026-01-01', expected: '3000.00', unpaid: '3000.00', daysOverdue: 150 },
      { index: 5, dueOn: '2026-04-01', expected: '3000.00', unpaid: '3000.00', daysOverdue: 60 },
    ]);
    expect(res.totalCount).toBe(4);
    // Every bucket, in ageing order, the empty one at 0.
    expect(res.totals.map((b: { bucket: string; unpaid: string }) => [b.bucket, b.unpaid])).toEqual([
      ['DAYS_0_90', '3000.00'],
      ['DAYS_91_180', '3000.00'],
      ['DAYS_181_365', '5500.00'],
      ['OVER_365', '0.00'],
    ]);
    // On an earlier date, only the quarters due by then count, and they were paid.
    const earlier = (await t.gql(q, { a: assetId, asOf: '2025-08-31' }, w.finance)).data.arrears;
    expect(earlier.nodes.map((n: { dueOn: string; unpaid: string }) => [n.dueOn, n.unpaid])).toEqual([['2025-07-01', '2500.00']]);

    // The county lengthens its grace to 90 days: the quarter due 2026-04-01 is not in arrears yet.
    const set = await t.gql(SET_RULE, { input: { name: 'INCOME_GRACE_DAYS', regionCode: '522327', value: 90, validFrom: '2026-01-01', note: '册政办发〔2026〕1号' } }, w.admin);
    expect(set.data.setRuleParameter.ruleParameter).toMatchObject({ name: 'INCOME_GRACE_DAYS', value: 90, sourceRegionCode: '522327000000', validFrom: '2026-01-01' });
    const graced = (await t.gql(q, { a: assetId }, w.finance)).data.arrears;
    expect(graced.nodes.map((n: { dueOn: string; daysOverdue: number }) => [n.dueOn, n.daysOverdue])).toEqual([
      ['2025-07-01', 274],
      ['2025-10-01', 182],
      ['2026-01-01', 90],
    ]);
  });

  it('shows each rule with where its value comes from, and refuses overrides that do not fit', async () => {
    const admin = w.admin;
    const set = (input: Record<string, unknown>) => t.gql(SET_RULE, { input: { validFrom: '2026-01-01', ...input } }, admin);
    expect((await set({ name: 'INSPECTION_INTERVAL_DAYS', regionCode: '522327', subject: 'ROAD_BRIDGE', value: 30 })).data.setRuleParameter.userErrors).toEqual([]);
    for (const [input, field, code] of [
      [{ name: 'MIN_PUBLICITY_DAYS', regionCode: '522327104', value: 7 }, 'regionCode', 'RULE_REGION_LEVEL'],
      [{ name: 'MIN_PUBLICITY_DAYS', regionCode: '522327', value: 0 }, 'value', 'INVALID_VALUE'],
      [{ name: 'MIN_PUBLICITY_DAYS', regionCode: '522327', subject: 'ROAD_BRIDGE', value: 7 }, 'subject', 'RULE_SUBJECT_NOT_ALLOWED'],
      [{ name: 'MIN_PUBLICITY_DAYS', regionCode: '522328', value: 7 }, 'regionCode', 'OUT_OF_SCOPE'],
    ] as const) {
      expect((await set(input)).data.setRuleParameter.userErrors, JSON.stringify(input)).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    }
    const res = await t.gql(`{ ruleParameters(region: "522327104") { name subject value defaultValue sourceRegionCode } }`, {}, await t.token(Role.VIEWER, '522327104'));
    const rules = res.data.ruleParameters as { name: string; subject: string | null; value: number; sourceRegionCode: string | null }[];
    expect(rules.find((r) => r.name === 'MIN_PUBLICITY_DAYS')).toMatchObject({ value: 10, sourceRegionCode: null });
    expect(rules.find((r) => r.name === 'INSPECTION_INTERVAL_DAYS' && r.subject === 'ROAD_BRIDGE')).toMatchObject({ value: 30, sourceRegionCode: '522327000000' });
    expect(rules.find((r) => r.name === 'INSPECTION_INTERVAL_DAYS' && r.subject === null)).toMatchObject({ value: 90 });
    // Not in force before its date.
    const before = await t.gql(`{ ruleParameters(region: "522327", asOf: "2025-12-31") { name subject value } }`, {}, admin);
    expect(before.data.ruleParameters.find((r: { name: string }) => r.name === 'INCOME_GRACE_DAYS')).toMatchObject({ value: 30 });
  });
});
