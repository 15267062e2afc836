/** Asset.trace: from the asset's funding to the last payment of its income, as an auditor follows it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, CREATE_PLAN, DISBURSE, PUBLICIZE, allocationWorld, type AllocationWorld } from '../allocation/fixtures';
import { Role, startTestApp, type TestContext } from '../helpers';
import { REVERSE_INCOME } from '../income/fixtures';

const TRACE = `query($a: ID!) { node(id: $a) { ... on Asset { trace {
  funding { source amount }
  incomeRecords { amount parts { amount plan { id } } }
  plans { id status }
  disbursements { amount paidOn }
  totals { funded received reversed inPlans unplanned }
} } } }`;

describe('the trace of an asset', () => {
  let t: TestContext;
  let w: AllocationWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 10 });
    w = await allocationWorld(t);
  });
  afterAll(() => t.close());

  it('follows the money from the funding through income and plans to every payment', async () => {
    const { ownerId, assetId, incomeIds } = await w.ownerWithIncome([
      ['6000.00', '2026-01-10'],
      ['4000.00', '2026-02-10'],
      ['500.00', '2026-04-10'],
    ]);
    await t.gql(REVERSE_INCOME, { input: { incomeId: incomeIds[2], reason: '错录' } }, w.finance);
    const plan = (
      await t.gql(CREATE_PLAN, { input: { ownerId, title: '一季度', periodFrom: '2026-01-01', periodTo: '2026-03-31', lines: [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '10000.00' }] } }, w.finance)
    ).data.createAllocationPlan.allocationPlan;
    await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    const approved = (await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议1号', resolutionOn: '2026-04-11' } }, w.finance)).data.approveAllocationPlan.allocationPlan;
    await t.gql(DISBURSE, { input: { lineId: approved.lines[0].id, amount: '4000.00', paidOn: '2026-05-01', payeeName: '施工队', method: 'BANK' } }, w.finance);
    await t.gql(DISBURSE, { input: { lineId: approved.lines[0].id, amount: '6000.00', paidOn: '2026-06-01', payeeName: '施工队', method: 'BANK' } }, w.finance);
    const res = await t.gql(TRACE, { a: assetId }, await t.token(Role.AUDITOR, '522327'));
    const trace = res.data.node.trace;
    expect(trace.funding).toEqual([
      { source: 'CENTRAL_FISCAL', amount: '800000.00' },
      { source: 'COUNTY_FISCAL', amount: '200000.00' },
    ]);
    expect(trace.incomeRecords.map((r: { amount: string }) => r.amount)).toEqual(['6000.00', '4000.00', '500.00', '-500.00']);
    expect(trace.plans).toEqual([{ id: plan.id, status: 'COMPLETED' }]);
    expect(trace.disbursements).toEqual([
      { amount: '4000.00', paidOn: '2026-05-01' },
      { amount: '6000.00', paidOn: '2026-06-01' },
    ]);
    expect(trace.totals).toEqual({ funded: '1000000.00', received: '10500.00', reversed: '-500.00', inPlans: '10000.00', unplanned: '0.00' });
  });
});
