/**
 * 50 simultaneous payments against one line never pay more than the line, and 50 simultaneous
 * payments with one idempotency key write one (concurrent on PostgreSQL; PGlite runs them in turn).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type Viewer } from '../../src/auth/viewer';
import { withTransaction } from '../../src/db/transaction';
import { lockPlan } from '../../src/modules/allocation/allocation.store';
import { startTestApp, type TestContext } from '../helpers';
import { APPROVE, CREATE_PLAN, DISBURSE, PUBLICIZE, REVERSE_DISBURSEMENT, allocationWorld, type AllocationWorld } from './fixtures';

const onServer = Boolean(process.env.TEST_DATABASE_URL);

describe('disbursements under races', () => {
  let t: TestContext;
  let w: AllocationWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await allocationWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  /** An approved plan with a line of each amount; its id and its lines' ids. */
  async function approvedPlan(...amounts: string[]): Promise<{ planId: string; lineIds: string[] }> {
    const total = amounts.reduce((sum, a) => sum + Number(a), 0).toFixed(2);
    const { ownerId } = await w.ownerWithIncome([[total, '2026-02-01']]);
    const lines = amounts.map((amount) => ({ purpose: 'RELIEF_NO_LABOR', amount }));
    const plan = (await t.gql(CREATE_PLAN, { input: { ownerId, title: '方案', periodFrom: '2026-01-01', periodTo: '2026-03-31', lines } }, w.finance)).data.createAllocationPlan.allocationPlan;
    await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-04-20' } }, w.finance);
    return { planId: plan.id, lineIds: plan.lines.map((l: { id: string }) => l.id) };
  }

  const approvedLine = async (amount: string): Promise<string> => (await approvedPlan(amount)).lineIds[0]!;

  it('pays a line of 1000.00 exactly ten times 100.00 out of 50 concurrent tries', async () => {
    const lineId = await approvedLine('1000.00');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.gql(DISBURSE, { input: { lineId, amount: '100.00', paidOn: '2026-05-01', payeeName: `户主${i}`, method: 'ONE_CARD' } }, w.finance)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const paid = results.filter((r) => r.data.recordDisbursement.userErrors.length === 0);
    const refused = results.flatMap((r) => r.data.recordDisbursement.userErrors.map((e: { code: string }) => e.code));
    expect(paid.length).toBe(10);
    // Once the line is paid in full the plan is COMPLETED: later tries find it no longer payable.
    for (const code of refused) expect(['LINE_OVERPAID', 'PLAN_NOT_APPROVED']).toContain(code);
    expect(refused.length).toBe(40);
    const [line] = await t.rows<{ paid: string; sum: string; events: number }>(
      `select l.paid_fen::text as paid, (select sum(amount_fen)::text from disbursement d where d.line_id = l.id) as sum,
        (select count(*)::int from audit_event e where e.action = 'disbursement.record' and e.after->>'lineId' = '${lineId}') as events
       from allocation_line l where l.id = ${w.key(lineId)}`,
    );
    expect(line).toEqual({ paid: '100000', sum: '100000', events: 10 });
    // The payment that paid it in full completed the plan, whichever of the fifty it was.
    const [plan] = await t.rows<{ status: string }>(`select p.status from allocation_plan p join allocation_line l on l.plan_id = p.id where l.id = ${w.key(lineId)}`);
    expect(plan!.status).toBe('COMPLETED');
  });

  it('completes a plan whose two lines are paid in full at once, exactly once; reversals beside payments neither deadlock nor lose a fen', async () => {
    const { planId, lineIds } = await approvedPlan('100.00', '100.00');
    const pay = (i: number) => t.gql(DISBURSE, { input: { lineId: lineIds[i % 2], amount: '10.00', paidOn: '2026-05-01', payeeName: `户主${i}`, method: 'ONE_CARD' } }, w.finance);
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => pay(i)));
    for (const r of first) expect(r.errors ?? r.data.recordDisbursement.userErrors).toEqual([]);
    const status = async () => (await t.rows<{ status: string }>(`select status from allocation_plan where id = ${w.key(planId)}`))[0]!.status;
    const completions = async () => (await t.rows<{ n: number }>(`select count(*)::int as n from audit_event where action = 'plan.complete' and entity_id = '${planId}'`))[0]!.n;
    expect(await status()).toBe('COMPLETED');
    expect(await completions()).toBe(1);
    // Reverse five payments while paying the reopened lines again: one-statement payments hold a line, transactions the plan, then a line.
    const reversals = first.slice(0, 5).map((r) => r.data.recordDisbursement.disbursement.id);
    const mixed = await Promise.all([
      ...reversals.map((disbursementId) => t.gql(REVERSE_DISBURSEMENT, { input: { disbursementId, reason: '错付' } }, w.finance)),
      ...Array.from({ length: 10 }, (_, i) => pay(i)),
    ]);
    for (const r of mixed) expect(r.errors).toBeUndefined();
    const [line] = await t.rows<{ paid: string; sum: string }>(
      `select sum(paid_fen)::text as paid, (select sum(amount_fen)::text from disbursement where plan_id = ${w.key(planId)}) as sum from allocation_line where plan_id = ${w.key(planId)}`,
    );
    expect(line!.paid).toBe(line!.sum);
    // Whatever order they ran in, the plan is COMPLETED exactly when both lines are paid in full.
    expect(await status()).toBe(line!.paid === '20000' ? 'COMPLETED' : 'APPROVED');
  });

  it.skipIf(!onServer)('pays part of a line while a transaction holds its plan, without waiting for it (PostgreSQL)', async () => {
    const { planId, lineIds } = await approvedPlan('100.00');
    const holder: Viewer = { userId: 'test', role: Role.FINANCE, scope: '522327', partyId: null, requestId: 'holds-the-plan' };
    const input = { lineId: lineIds[0], amount: '10.00', paidOn: '2026-05-01', payeeName: '户主', method: 'ONE_CARD' };
    await withTransaction(t.db.db, async (tx) => {
      // As a payment that pays a line in full, or a reversal, holds it: a one-statement payment of
      // another part must not queue behind it (its disbursement's key check on the plan would, were
      // the plan locked FOR UPDATE; and a holder then waiting for that line would deadlock).
      expect(await lockPlan(tx, holder, w.key(planId))).toBeDefined();
      const answer = await Promise.race([t.gql(DISBURSE, { input }, w.finance), new Promise((resolve) => setTimeout(() => resolve('waited for the plan'), 3000))]);
      expect(answer).toMatchObject({ data: { recordDisbursement: { userErrors: [] } } });
    });
  });

  it('writes one payment for 50 concurrent calls with one key', async () => {
    const lineId = await approvedLine('500.00');
    const input = { lineId, amount: '10.00', paidOn: '2026-05-02', payeeName: '钱七', method: 'BANK', idempotencyKey: 'pay-race' };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql(DISBURSE, { input }, w.finance)));
    for (const r of results) expect(r.errors ?? r.data.recordDisbursement.userErrors).toEqual([]);
    expect(new Set(results.map((r) => r.data.recordDisbursement.disbursement.id)).size).toBe(1);
    const [row] = await t.rows<{ n: number; paid: string }>(
      `select (select count(*)::int from disbursement where line_id = ${w.key(lineId)}) as n, paid_fen::text as paid from allocation_line where id = ${w.key(lineId)}`,
    );
    expect(row).toEqual({ n: 1, paid: '1000' });
  });
});
