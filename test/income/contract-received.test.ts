/** What a contract received to date is kept on its row by every income write and by the seeds: it always equals the sum of its income. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';
import { CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, incomeWorld, type IncomeWorld } from './fixtures';

describe("a contract's received to date", () => {
  let t: TestContext;
  let w: IncomeWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 100 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  const drift = async () =>
    (
      await t.rows<{ n: number }>(`select count(*)::int as n from operating_contract c where c.received_fen <> coalesce((select sum(i.amount_fen) from income_record i where i.contract_id = c.id), 0)`)
    )[0]!.n;

  it('follows receipts and reversals, and agrees with the arrears of an earlier date recomputed from the income', async () => {
    expect(await t.count('operating_contract')).toBeGreaterThan(0);
    expect(await drift()).toBe(0);
    const assetId = await w.station();
    const c = (
      await t.gql(
        CREATE_CONTRACT,
        { input: { assetId, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn: '2025-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY' } },
        w.manager,
      )
    ).data.createOperatingContract.contract;
    const ids: string[] = [];
    for (const on of ['2025-01-05', '2025-04-05', '2025-07-05']) {
      const res = await t.gql(RECORD_INCOME, { input: { assetId, contractId: c.id, kind: 'RENT', amount: '3000.00', receivedOn: on, accountType: 'VILLAGE_COLLECTIVE' } }, w.finance);
      ids.push(res.data.recordIncome.incomeRecord.id);
    }
    await t.gql(REVERSE_INCOME, { input: { incomeId: ids[1], reason: '错录', reversedOn: '2025-08-01' } }, w.finance);
    expect(await drift()).toBe(0);
    const q = `query($a: ID!, $asOf: Date) { arrears(filter: { asset: $a }, asOf: $asOf, first: 50) { totalCount nodes { dueOn unpaid } } }`;
    // Today's arrears read the kept figure; a later date's do too; the day before today sums the income.
    const today = (await t.gql(q, { a: assetId }, w.finance)).data.arrears;
    const yesterday = (await t.gql(q, { a: assetId, asOf: '2026-06-29' }, w.finance)).data.arrears;
    expect(today.totalCount).toBeGreaterThan(0);
    expect(yesterday.nodes.map((n: { dueOn: string }) => n.dueOn)).toEqual(today.nodes.map((n: { dueOn: string }) => n.dueOn));
    expect(yesterday.nodes[0].unpaid).toBe(today.nodes[0].unpaid);
  });
});
