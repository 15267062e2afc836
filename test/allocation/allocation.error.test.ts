/** Allocation rules broken: a userError and nothing written — rows and audit events counted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';
import { REVERSE_INCOME, SET_RULE } from '../income/fixtures';
import { APPROVE, CANCEL, CREATE_PLAN, DISBURSE, POOL, PUBLICIZE, UPDATE_PLAN, allocationWorld, type AllocationWorld } from './fixtures';

const TABLES = ['allocation_plan', 'allocation_line', 'disbursement', 'income_record', 'income_part', 'idempotency_key', 'audit_event'];

describe('allocation refuses what breaks its rules', () => {
  let t: TestContext;
  let w: AllocationWorld;
  const snapshot = async () => ({
    counts: await Promise.all(TABLES.map((table) => t.count(table))),
    planned: (await t.rows<{ n: number }>('select count(*)::int as n from income_part where plan_id is not null'))[0]!.n,
    paid: (await t.rows<{ s: string }>('select coalesce(sum(paid_fen), 0)::text as s from allocation_line'))[0]!.s,
  });
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await allocationWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  const draft = async (ownerId: string, lines: { purpose: string; amount: string }[]) =>
    t.gql(CREATE_PLAN, { input: { ownerId, title: '方案', periodFrom: '2026-01-01', periodTo: '2026-03-31', lines } }, w.finance);
  const codes = (payload: { userErrors: { code: string; field: string[] }[] }) => payload.userErrors.map((e) => [e.field?.join('.'), e.code]);

  it('refuses lines over the income taken, household dividends over the cash share, and purposes the policy does not allow', async () => {
    const { ownerId } = await w.ownerWithIncome([['1000.00', '2026-02-01']]);
    const before = await snapshot();
    expect(codes((await draft(ownerId, [{ purpose: 'COLLECTIVE_ECONOMY', amount: '1000.01' }])).data.createAllocationPlan)).toEqual([['input.lines', 'LINES_EXCEED_POOL']]);
    // 30% of 1000.00 by default: 300.01 is over.
    expect(
      codes(
        (
          await draft(ownerId, [
            { purpose: 'HOUSEHOLD_DIVIDEND', amount: '300.01' },
            { purpose: 'CARRY_FORWARD', amount: '100.00' },
          ])
        ).data.createAllocationPlan,
      ),
    ).toEqual([['input.lines', 'CASH_SHARE_OVER_CAP']]);
    expect(codes((await draft(ownerId, [{ purpose: 'CARRY_FORWARD', amount: '0.00' }])).data.createAllocationPlan)).toEqual([['input.lines.0.amount', 'INVALID_VALUE']]);
    expect(codes((await draft(ownerId, [])).data.createAllocationPlan)).toEqual([['input.lines', 'INVALID_VALUE']]);
    // A forbidden use (office costs, vehicles, allowances…) has no purpose code at all.
    const forbidden = await draft(ownerId, [{ purpose: 'OFFICE_EXPENSES', amount: '10.00' }]);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
    expect((await draft(ownerId, [{ purpose: 'HOUSEHOLD_DIVIDEND', amount: '300.00' }])).data.createAllocationPlan.userErrors).toEqual([]);
  });

  it('freezes lines at publicity, holds the minimum publicity, and approves only after it ended', async () => {
    const { ownerId } = await w.ownerWithIncome([['800.00', '2026-01-15']]);
    const plan = (await draft(ownerId, [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '800.00' }])).data.createAllocationPlan.allocationPlan;
    let before = await snapshot();
    expect(codes((await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-04-01', days: 9 } }, w.finance)).data.publicizeAllocationPlan)).toEqual([['input.days', 'PUBLICITY_TOO_SHORT']]);
    expect(codes((await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-05-01' } }, w.finance)).data.approveAllocationPlan)).toEqual([
      ['input.planId', 'PLAN_NOT_IN_STATUS'],
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-04-01', days: 10 } }, w.finance)).data.publicizeAllocationPlan.userErrors).toEqual([]);
    before = await snapshot();
    const edit = await t.gql(UPDATE_PLAN, { input: { planId: plan.id, lines: [{ purpose: 'CARRY_FORWARD', amount: '800.00' }] } }, w.finance);
    expect(codes(edit.data.updateAllocationPlan)).toEqual([['input.planId', 'PLAN_FROZEN']]);
    // Publicity 2026-04-01 to 04-10: a resolution of the 10th is too early.
    expect(codes((await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-04-10' } }, w.finance)).data.approveAllocationPlan)).toEqual([
      ['input.resolutionOn', 'APPROVAL_BEFORE_PUBLICITY_ENDS'],
    ]);
    expect(codes((await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-07-01' } }, w.finance)).data.approveAllocationPlan)).toEqual([
      ['input.resolutionOn', 'INVALID_VALUE'],
    ]);
    expect(await snapshot()).toEqual(before);
    const approved = await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-04-11' } }, w.finance);
    expect(approved.data.approveAllocationPlan.userErrors).toEqual([]);
    before = await snapshot();
    expect(codes((await t.gql(CANCEL, { input: { planId: plan.id, reason: '撤销' } }, w.finance)).data.cancelAllocationPlan)).toEqual([['input.planId', 'PLAN_NOT_IN_STATUS']]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a publicity that starts before the last receipt the plan distributes (no backdating the workflow)', async () => {
    const { ownerId } = await w.ownerWithIncome([
      ['300.00', '2026-02-01'],
      ['200.00', '2026-03-10'],
    ]);
    const plan = (await draft(ownerId, [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '500.00' }])).data.createAllocationPlan.allocationPlan;
    const before = await snapshot();
    for (const startsOn of ['1900-01-01', '2026-03-09']) {
      const early = (await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn, days: 10 } }, w.finance)).data.publicizeAllocationPlan;
      expect(codes(early)).toEqual([['input.startsOn', 'PUBLICITY_BEFORE_INCOME']]);
      expect(early.userErrors[0].message).toContain('2026-03-10');
    }
    expect(await snapshot()).toEqual(before);
    const onTheDay = (await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-03-10', days: 10 } }, w.finance)).data.publicizeAllocationPlan;
    expect(onTheDay.userErrors).toEqual([]);
    expect(onTheDay.allocationPlan).toMatchObject({ status: 'PUBLICIZED', publicityStartsOn: '2026-03-10', publicityEndsOn: '2026-03-19' });
  });

  it('pays only lines of approved plans, never more than the line, never before the approval', async () => {
    const { ownerId } = await w.ownerWithIncome([['600.00', '2026-02-20']]);
    const plan = (await draft(ownerId, [{ purpose: 'PUBLIC_WELFARE_POST_WAGES', amount: '600.00' }])).data.createAllocationPlan.allocationPlan;
    const lineId = plan.lines[0].id;
    const pay = (amount: string, paidOn = '2026-05-01') => t.gql(DISBURSE, { input: { lineId, amount, paidOn, payeeName: '赵六', method: 'BANK' } }, w.finance);
    let before = await snapshot();
    expect(codes((await pay('100.00')).data.recordDisbursement)).toEqual([['input.lineId', 'PLAN_NOT_APPROVED']]);
    await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    expect(codes((await pay('100.00')).data.recordDisbursement)).toEqual([['input.lineId', 'PLAN_NOT_APPROVED']]);
    expect(await snapshot()).toMatchObject({ paid: before.paid });
    await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-04-15' } }, w.finance);
    expect((await pay('400.00')).data.recordDisbursement.userErrors).toEqual([]);
    before = await snapshot();
    expect(codes((await pay('200.01')).data.recordDisbursement)).toEqual([['input.amount', 'LINE_OVERPAID']]);
    expect(codes((await pay('-1.00')).data.recordDisbursement)).toEqual([['input.amount', 'INVALID_VALUE']]);
    expect(codes((await pay('10.00', '2026-04-14')).data.recordDisbursement)).toEqual([['input.paidOn', 'DATE_ORDER']]);
    const both = await t.gql(DISBURSE, { input: { lineId, amount: '1.00', paidOn: '2026-05-01', payeeName: '赵六', payeeId: ownerId, method: 'BANK' } }, w.finance);
    expect(codes(both.data.recordDisbursement)).toEqual([['input.payeeId', 'INVALID_VALUE']]);
    expect(await snapshot()).toEqual(before);
    expect((await pay('200.00')).data.recordDisbursement.disbursement.line.plan.status).toBe('COMPLETED');
  });

  it('refuses to reverse income whose parts sit in a plan, until the plan is cancelled', async () => {
    const { ownerId, incomeIds } = await w.ownerWithIncome([['700.00', '2026-03-03']]);
    const plan = (await draft(ownerId, [{ purpose: 'INDUSTRY_UPGRADE', amount: '700.00' }])).data.createAllocationPlan.allocationPlan;
    const before = await snapshot();
    const refused = await t.gql(REVERSE_INCOME, { input: { incomeId: incomeIds[0], reason: '错录' } }, w.finance);
    expect(codes(refused.data.reverseIncome)).toEqual([['input.incomeId', 'INCOME_IN_LIVE_PLAN']]);
    expect(await snapshot()).toEqual(before);
    await t.gql(CANCEL, { input: { planId: plan.id, reason: '收益错录，先冲销' } }, w.finance);
    const reversed = await t.gql(REVERSE_INCOME, { input: { incomeId: incomeIds[0], reason: '错录' } }, w.finance);
    expect(reversed.data.reverseIncome.userErrors).toEqual([]);
    // Reversed income is in nobody's pool to plan, and no longer the oldest unplanned.
    const pool = (await t.gql(POOL, { owner: ownerId }, w.finance)).data.incomePool;
    expect(pool).toMatchObject({ apportioned: '700.00', reversed: '-700.00', inPlans: '0.00', balance: '0.00', oldestUnplannedOn: null });
    expect(codes((await draft(ownerId, [{ purpose: 'CARRY_FORWARD', amount: '1.00' }])).data.createAllocationPlan)).toEqual([['input.periodTo', 'PLAN_POOL_EMPTY']]);
  });

  it('follows a county’s own cash share cap and minimum publicity', async () => {
    for (const [name, value] of [
      ['CASH_SHARE_CAP_BP', 5000],
      ['MIN_PUBLICITY_DAYS', 15],
    ] as const) {
      const set = await t.gql(SET_RULE, { input: { name, regionCode: '522327', value, validFrom: '2026-01-01', note: '县政府文件' } }, w.admin);
      expect(set.data.setRuleParameter.userErrors).toEqual([]);
    }
    const { ownerId } = await w.ownerWithIncome([['1000.00', '2026-02-02']]);
    const before = await snapshot();
    expect(codes((await draft(ownerId, [{ purpose: 'HOUSEHOLD_DIVIDEND', amount: '500.01' }])).data.createAllocationPlan)).toEqual([['input.lines', 'CASH_SHARE_OVER_CAP']]);
    expect(await snapshot()).toEqual(before);
    const plan = (await draft(ownerId, [{ purpose: 'HOUSEHOLD_DIVIDEND', amount: '500.00' }])).data.createAllocationPlan;
    expect(plan.userErrors).toEqual([]);
    const ten = await t.gql(PUBLICIZE, { input: { planId: plan.allocationPlan.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    expect(codes(ten.data.publicizeAllocationPlan)).toEqual([['input.days', 'PUBLICITY_TOO_SHORT']]);
    expect((await t.gql(PUBLICIZE, { input: { planId: plan.allocationPlan.id, startsOn: '2026-04-01', days: 15 } }, w.finance)).data.publicizeAllocationPlan.userErrors).toEqual([]);
  });
});
