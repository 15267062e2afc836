/** A plan from DRAFT to COMPLETED, the owner's pool at each step, cancellation giving income back, reversals of payments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { APPROVE, CANCEL, CREATE_PLAN, DISBURSE, POOL, PUBLICIZE, REVERSE_DISBURSEMENT, UPDATE_PLAN, allocationWorld, type AllocationWorld } from './fixtures';

describe('allocation plans and disbursements', () => {
  let t: TestContext;
  let w: AllocationWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await allocationWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  const pool = async (ownerId: string, asOf?: string) => (await t.gql(POOL, { owner: ownerId, asOf }, w.finance)).data.incomePool;

  it('takes the period’s income, is publicized, approved, paid to the fen and completed, every step audited', async () => {
    const BY_YEAR = '{ regionSummary(code: "522327104") { allocationByYear(years: [2025, 2026]) { year allocated disbursed } } }';
    const byYear = async () => (await t.gql(BY_YEAR, {}, w.finance)).data.regionSummary.allocationByYear as { year: number; allocated: string; disbursed: string }[];
    const yearsBefore = await byYear();
    const { ownerId, assetId } = await w.ownerWithIncome([
      ['6000.00', '2026-01-10'],
      ['4000.00', '2026-02-10'],
      ['999.99', '2026-04-10'], // outside the period: stays in the pool
    ]);
    const created = await t.gql(
      CREATE_PLAN,
      {
        input: {
          ownerId,
          title: '2026年一季度收益分配方案',
          periodFrom: '2026-01-01',
          periodTo: '2026-03-31',
          lines: [
            { purpose: 'OPERATION_MAINTENANCE', amount: '2000.00', beneficiaryRule: '光伏电站运维' },
            { purpose: 'HOUSEHOLD_DIVIDEND', amount: '3000.00', beneficiaryRule: '脱贫户、监测户按人口' },
            { purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '4000.00' },
          ],
        },
      },
      w.finance,
    );
    expect(created.data.createAllocationPlan.userErrors).toEqual([]);
    let plan = created.data.createAllocationPlan.allocationPlan;
    expect(plan).toMatchObject({ status: 'DRAFT', pool: '10000.00', allocated: '9000.00', carriedForward: '1000.00', paid: '0.00', version: 1 });
    expect(plan.incomeParts.map((p: { amount: string }) => p.amount).sort()).toEqual(['4000.00', '6000.00']);
    expect(await pool(ownerId)).toMatchObject({ apportioned: '10999.99', inPlans: '10000.00', allocated: '0.00', paid: '0.00', balance: '999.99', oldestUnplannedOn: '2026-04-10' });

    // Lines change while DRAFT: a carry-forward takes the rest.
    const updated = await t.gql(
      UPDATE_PLAN,
      {
        input: {
          planId: plan.id,
          expectedVersion: 1,
          lines: [
            { purpose: 'OPERATION_MAINTENANCE', amount: '2000.00' },
            { purpose: 'HOUSEHOLD_DIVIDEND', amount: '3000.00' },
            { purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '4000.00' },
            { purpose: 'CARRY_FORWARD', amount: '1000.00' },
          ],
        },
      },
      w.finance,
    );
    expect(updated.data.updateAllocationPlan.userErrors).toEqual([]);
    plan = updated.data.updateAllocationPlan.allocationPlan;
    expect(plan).toMatchObject({ allocated: '10000.00', version: 2 });

    const publicized = await t.gql(PUBLICIZE, { input: { planId: plan.id, expectedVersion: 2, startsOn: '2026-04-01', days: 10 } }, w.finance);
    expect(publicized.data.publicizeAllocationPlan.allocationPlan).toMatchObject({ status: 'PUBLICIZED', publicityEndsOn: '2026-04-10' });
    const approved = await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '村民会议决议〔2026〕2号', resolutionOn: '2026-04-11', townshipReviewRef: '镇审〔2026〕5号' } }, w.finance);
    expect(approved.data.approveAllocationPlan.userErrors).toEqual([]);
    expect(await pool(ownerId)).toMatchObject({ inPlans: '10000.00', allocated: '10000.00', paid: '0.00' });
    // Allocated as of a date before the approval: nothing yet.
    expect((await pool(ownerId, '2026-04-10')).allocated).toBe('0.00');

    const lines = approved.data.approveAllocationPlan.allocationPlan.lines as { id: string; amount: string }[];
    const pay = (lineId: string, amount: string, extra: Record<string, unknown> = {}) =>
      t.gql(DISBURSE, { input: { lineId, amount, paidOn: '2026-05-01', payeeName: '王小明', method: 'ONE_CARD', ...extra } }, w.finance);
    const part = await pay(lines[1]!.id, '1000.00');
    expect(part.data.recordDisbursement.disbursement).toMatchObject({ amount: '1000.00', payeeName: '王小明', line: { paid: '1000.00', unpaid: '2000.00', plan: { status: 'APPROVED' } } });
    // A viewer sees the payee's name masked.
    const viewer = await t.token(Role.VIEWER, '522327');
    const seen = await t.gql('query($id: ID!) { node(id: $id) { ... on Disbursement { payeeName } } }', { id: part.data.recordDisbursement.disbursement.id }, viewer);
    expect(seen.data.node.payeeName).toBe('王**');
    for (const [i, amount] of [
      [1, '2000.00'],
      [0, '2000.00'],
    ] as const)
      expect((await pay(lines[i]!.id, amount)).data.recordDisbursement.userErrors).toEqual([]);
    // The carried-forward 1000.00 stays with the collective: nothing is paid on its line.
    const carried = await pay(lines[3]!.id, '1000.00', { payeeName: null, payeeId: ownerId, method: 'INTERNAL' });
    expect(carried.data.recordDisbursement.userErrors.map((e: { code: string }) => e.code)).toEqual(['LINE_NOT_PAYABLE']);
    const [onCarried] = await t.rows<{ n: number }>(`select count(*)::int as n from disbursement d join allocation_line l on l.id = d.line_id where l.purpose = 'CARRY_FORWARD'`);
    expect(onCarried!.n).toBe(0);
    // The last fen of the lines paid out completes the plan; the carry-forward line owes nothing.
    const last = await pay(lines[2]!.id, '4000.00');
    expect(last.data.recordDisbursement.disbursement.line.plan.status).toBe('COMPLETED');
    const done = await t.gql('query($id: ID!) { node(id: $id) { ... on AllocationPlan { carriedForward lines { purpose paid unpaid } } } }', { id: plan.id }, w.finance);
    expect(done.data.node.lines[3]).toEqual({ purpose: 'CARRY_FORWARD', paid: '0.00', unpaid: '0.00' });
    expect(done.data.node.carriedForward).toBe('1000.00');
    expect(await pool(ownerId)).toMatchObject({ inPlans: '10000.00', allocated: '10000.00', paid: '9000.00', carriedForward: '1000.00', balance: '999.99' });

    // A payment reversed: the line owes it again and the plan is APPROVED again.
    const reversed = await t.gql(REVERSE_DISBURSEMENT, { input: { disbursementId: last.data.recordDisbursement.disbursement.id, reason: '收款账户有误' } }, w.finance);
    expect(reversed.data.reverseDisbursement.disbursement).toMatchObject({ amount: '-4000.00', line: { paid: '0.00', plan: { status: 'APPROVED' } } });
    expect((await pool(ownerId)).paid).toBe('5000.00');
    // The region summary: 10000.00 allocated (approved 2026-04-11) and 5000.00 disbursed in 2026, nothing in 2025.
    const fen = (m: string) => BigInt(m.replace('.', ''));
    const yearsAfter = await byYear();
    expect(yearsAfter.map((y, i) => [y.year, fen(y.allocated) - fen(yearsBefore[i]!.allocated), fen(y.disbursed) - fen(yearsBefore[i]!.disbursed)])).toEqual([
      [2025, 0n, 0n],
      [2026, 1000000n, 500000n],
    ]);

    // The asset's history follows its income to the approval and every payment of the plan holding it.
    const history = await t.gql(
      `query($a: ID!) { node(id: $a) { ... on Asset { history(first: 100) { nodes { kind on allocationPlan { id } disbursement { amount } } } } } }`,
      { a: assetId },
      w.finance,
    );
    const entries = (history.data.node.history.nodes as { kind: string; on: string; allocationPlan: { id: string } | null; disbursement: { amount: string } | null }[]).filter((e) =>
      ['INCOME_ALLOCATED', 'INCOME_DISBURSED', 'DISBURSEMENT_REVERSED'].includes(e.kind),
    );
    expect(entries.map((e) => [e.kind, e.on, e.allocationPlan?.id ?? e.disbursement?.amount])).toEqual([
      ['INCOME_ALLOCATED', '2026-04-11', plan.id],
      ...['1000.00', '2000.00', '2000.00', '4000.00'].map((amount) => ['INCOME_DISBURSED', '2026-05-01', amount]),
      ['DISBURSEMENT_REVERSED', '2026-06-30', '-4000.00'],
    ]);

    const [events] = await t.rows<{ actions: string[] }>(`select array_agg(action order by id) as actions from audit_event where entity_type = 'AllocationPlan' and entity_id = '${plan.id}'`);
    expect(events!.actions).toEqual([
      'plan.create',
      'plan.update',
      'plan.publicize',
      'plan.approve',
      'disbursement.record',
      'disbursement.record',
      'disbursement.record',
      'disbursement.record',
      'plan.complete',
      'disbursement.reverse',
      'plan.reopen',
    ]);
  });

  it('carries income forward: a carry-forward line is never paid nor overdue, and a plan that only carries forward is done once approved', async () => {
    const { ownerId } = await w.ownerWithIncome([['700.00', '2026-02-01']]);
    const draft = (lines: { purpose: string; amount: string }[]) => t.gql(CREATE_PLAN, { input: { ownerId, title: '结转方案', periodFrom: '2026-01-01', periodTo: '2026-03-31', lines } }, w.finance);
    const plan = (await draft([{ purpose: 'CARRY_FORWARD', amount: '700.00' }])).data.createAllocationPlan.allocationPlan;
    await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-03-01', days: 10 } }, w.finance);
    const approved = (await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-03-20' } }, w.finance)).data.approveAllocationPlan;
    expect(approved.userErrors).toEqual([]);
    expect(approved.allocationPlan).toMatchObject({ status: 'COMPLETED', allocated: '700.00', paid: '0.00' });
    const [events] = await t.rows<{ actions: string[] }>(`select array_agg(action order by id) as actions from audit_event where entity_type = 'AllocationPlan' and entity_id = '${plan.id}'`);
    expect(events!.actions).toEqual(['plan.create', 'plan.publicize', 'plan.approve', 'plan.complete']);

    // Approved more than 60 days before the date asked, nothing paid: only the lines paid out are overdue.
    const { ownerId: other } = await w.ownerWithIncome([['900.00', '2026-02-01']]);
    const mixed = (
      await t.gql(
        CREATE_PLAN,
        {
          input: {
            ownerId: other,
            title: '方案',
            periodFrom: '2026-01-01',
            periodTo: '2026-03-31',
            lines: [
              { purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '600.00' },
              { purpose: 'CARRY_FORWARD', amount: '300.00' },
            ],
          },
        },
        w.finance,
      )
    ).data.createAllocationPlan.allocationPlan;
    await t.gql(PUBLICIZE, { input: { planId: mixed.id, startsOn: '2026-03-01', days: 10 } }, w.finance);
    const lines = (await t.gql(APPROVE, { input: { planId: mixed.id, resolutionNo: '决议', resolutionOn: '2026-03-20' } }, w.finance)).data.approveAllocationPlan.allocationPlan.lines;
    expect(lines.map((l: { unpaid: string }) => l.unpaid)).toEqual(['600.00', '0.00']);
    const auditor = await t.token(Role.AUDITOR, '522327');
    const overdue = await t.gql('query { auditFindings(region: "522327104", checks: [DISBURSEMENT_OVERDUE], first: 200) { nodes { subjectId } } }', {}, auditor);
    expect(overdue.errors).toBeUndefined();
    const flagged = (overdue.data.auditFindings.nodes as { subjectId: string }[]).map((n) => n.subjectId);
    expect(flagged).toContain(lines[0].id);
    expect(flagged).not.toContain(lines[1].id);
  });

  it('gives a cancelled plan’s income back to the pool, for the next plan to take', async () => {
    const { ownerId } = await w.ownerWithIncome([['500.00', '2026-03-01']]);
    const input = { ownerId, title: '方案', periodFrom: '2026-01-01', periodTo: '2026-06-30', lines: [{ purpose: 'COLLECTIVE_ECONOMY', amount: '500.00' }] };
    const first = (await t.gql(CREATE_PLAN, { input }, w.finance)).data.createAllocationPlan.allocationPlan;
    // The income is in the first plan: a second plan finds nothing to take.
    const second = await t.gql(CREATE_PLAN, { input }, w.finance);
    expect(second.data.createAllocationPlan.userErrors).toEqual([expect.objectContaining({ code: 'PLAN_POOL_EMPTY' })]);
    await t.gql(PUBLICIZE, { input: { planId: first.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    const cancelled = await t.gql(CANCEL, { input: { planId: first.id, reason: '村民代表提出异议，重新制定' } }, w.finance);
    expect(cancelled.data.cancelAllocationPlan.allocationPlan).toMatchObject({ status: 'CANCELLED', incomeParts: [] });
    expect(await pool(ownerId)).toMatchObject({ inPlans: '0.00', balance: '500.00' });
    // The trail says which receipts the plan held and gave back.
    const [cancel] = await t.rows<{ before: number; after: number }>(
      `select jsonb_array_length(before->'incomeParts') as before, jsonb_array_length(after->'incomeParts') as after from audit_event where action = 'plan.cancel' and entity_id = '${first.id}'`,
    );
    expect(cancel).toEqual({ before: 1, after: 0 });
    const again = await t.gql(CREATE_PLAN, { input }, w.finance);
    expect(again.data.createAllocationPlan.allocationPlan).toMatchObject({ pool: '500.00', status: 'DRAFT' });
  });

  it('answers a retry with the same idempotency key with the first plan and payment, writing nothing more', async () => {
    const { ownerId } = await w.ownerWithIncome([['300.00', '2026-02-01']]);
    const input = { ownerId, title: '方案', periodFrom: '2026-02-01', periodTo: '2026-02-28', lines: [{ purpose: 'AWARD_SUBSIDY', amount: '300.00' }], idempotencyKey: 'plan-2026-02' };
    const first = (await t.gql(CREATE_PLAN, { input }, w.finance)).data.createAllocationPlan.allocationPlan;
    const plans = await t.count('allocation_plan');
    const retry = (await t.gql(CREATE_PLAN, { input }, w.finance)).data.createAllocationPlan;
    expect(retry.userErrors).toEqual([]);
    expect(retry.allocationPlan.id).toBe(first.id);
    expect(await t.count('allocation_plan')).toBe(plans);
    await t.gql(PUBLICIZE, { input: { planId: first.id, startsOn: '2026-03-01', days: 10 } }, w.finance);
    await t.gql(APPROVE, { input: { planId: first.id, resolutionNo: '决议', resolutionOn: '2026-03-20' } }, w.finance);
    const payment = { lineId: first.lines[0].id, amount: '100.00', paidOn: '2026-03-25', payeeName: '李四', method: 'BANK', idempotencyKey: 'pay-1' };
    const paid = (await t.gql(DISBURSE, { input: payment }, w.finance)).data.recordDisbursement.disbursement;
    const again = (await t.gql(DISBURSE, { input: payment }, w.finance)).data.recordDisbursement;
    expect(again.disbursement.id).toBe(paid.id);
    expect(again.disbursement.line.paid).toBe('100.00');
    const reused = (await t.gql(DISBURSE, { input: { ...payment, amount: '50.00' } }, w.finance)).data.recordDisbursement;
    expect(reused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })]);
  });
});
