/** The demo county's plans, as seeded through the services: every state, payments, the identities to the fen. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';

describe('seeded allocation plans', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 400 });
  });
  afterAll(() => t.close());

  it('has plans in every state, payments, unpaid lines, a lowered county cap, and every figure adding up', async () => {
    const states = (await t.rows<{ status: string }>('select distinct status from allocation_plan order by 1')).map((r) => r.status);
    expect(states).toEqual(['APPROVED', 'CANCELLED', 'COMPLETED', 'DRAFT', 'PUBLICIZED']);
    const [unpaid] = await t.rows<{ n: number }>(
      `select count(*)::int as n from allocation_line l join allocation_plan p on p.id = l.plan_id where p.status = 'APPROVED' and l.paid_fen < l.amount_fen and p.resolution_on < current_date - 60`,
    );
    expect(unpaid!.n).toBeGreaterThan(0);
    const [cap] = await t.rows<{ value: number }>(`select value from rule_parameter where name = 'CASH_SHARE_CAP_BP' and region_code = 522327000000`);
    expect(cap!.value).toBe(2000);
    // Per plan: Σ lines ≤ pool = Σ parts it holds (none once cancelled); per line: paid = Σ its payments.
    const broken = await t.rows(
      `select p.id, p.status from allocation_plan p
        where (select coalesce(sum(amount_fen), 0) from allocation_line l where l.plan_id = p.id) > p.pool_fen
           or (p.status <> 'CANCELLED' and p.pool_fen <> (select coalesce(sum(amount_fen), 0) from income_part i where i.plan_id = p.id))
           or (p.status = 'CANCELLED' and exists (select 1 from income_part i where i.plan_id = p.id))
           or exists (select 1 from allocation_line l where l.plan_id = p.id and l.paid_fen <> (select coalesce(sum(d.amount_fen), 0) from disbursement d where d.line_id = l.id))
           or (p.status = 'COMPLETED') <> (p.status in ('APPROVED', 'COMPLETED') and not exists (select 1 from allocation_line l where l.plan_id = p.id and l.paid_fen < l.amount_fen))`,
    );
    expect(broken).toEqual([]);
    // Every step left its audit event.
    const [events] = await t.rows<{ plans: number; payments: number; created: number; paid: number }>(
      `select (select count(*)::int from allocation_plan) as plans, (select count(*)::int from disbursement) as payments,
        (select count(*)::int from audit_event where action = 'plan.create') as created, (select count(*)::int from audit_event where action = 'disbursement.record') as paid`,
    );
    expect(events!.created).toBe(events!.plans);
    expect(events!.paid).toBe(events!.payments);
  });

  it('has bank statements with lines matched each way, lines nothing explains, and income no line confirms', async () => {
    const methods = await t.rows<{ method: string | null; n: number }>(`select match_method as method, count(*)::int as n from bank_statement_line group by 1 order by 1 nulls last`);
    expect(methods.map((m) => m.method)).toEqual(['AMOUNT_DATE_OPERATOR', 'VOUCHER', null]);
    const [statements] = await t.rows<{ n: number; events: number }>(
      `select count(*)::int as n, (select count(*)::int from audit_event where action = 'bankStatement.import') as events from bank_statement`,
    );
    expect(statements!.events).toBe(statements!.n);
    expect(methods.at(-1)!.n).toBeGreaterThanOrEqual(2 * statements!.n);
    // A matched line and its record agree to the fen, and no record serves two lines.
    const [disagree] = await t.rows<{ n: number }>(`select count(*)::int as n from bank_statement_line l join income_record i on i.id = l.income_id where i.amount_fen <> l.amount_fen`);
    expect(disagree!.n).toBe(0);
  });
});
