/**
 * INCOME_ARREARS 收益未收缴: a contract with a period due more than INCOME_GRACE_DAYS (30) before
 * the date and not paid in full. Rent is due on a period's first day: a lease whose first year
 * fell due 31 days ago and is unpaid is in arrears, one that fell due 30 days ago is still within
 * its grace; a year paid one fen short is in arrears by that fen, paid in full it is not. Today's
 * answer (kept totals) and an earlier date's (recomputed from receipts) are both asked. A county
 * or a run that gives 29 or 31 days of grace changes the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('INCOME_ARREARS', () => {
  let w: WorldB;
  /** A yearly lease of 12,000.00 whose first year fell due 31 days ago, unpaid. */
  let overdue: string;
  /** The same, due 30 days ago: the last day of grace. */
  let inGrace: string;
  const lease = async (startsOn: string) => w.contract(await w.asset(), { startsOn, endsOn: days(startsOn, 729) });

  beforeAll(async () => {
    w = await worldB();
    overdue = await lease(days(TODAY, -31));
    inGrace = await lease(days(TODAY, -30));
  });
  afterAll(() => w.t.close());

  it('finds a year due 31 days ago and unpaid, and not one due 30 days ago', async () => {
    const found = await w.findings('INCOME_ARREARS');
    expect(found.find((f) => f.subjectId === overdue)).toMatchObject({
      subjectType: 'OperatingContract',
      amount: '12000.00',
      evidence: { periods: 1, oldestDueOn: days(TODAY, -31), daysOverdue: 1, byAgeing: { DAYS_0_90: 1200000 } },
    });
    expect(found.map((f) => f.subjectId)).not.toContain(inGrace);
    // As of yesterday the overdue one was still in its grace too.
    expect(await w.subjects('INCOME_ARREARS', { asOf: days(TODAY, -1) })).not.toContain(overdue);
  });

  it('finds a year paid one fen short, and nothing once the fen is paid', async () => {
    const asset = await w.asset();
    const lastYear = await w.contract(asset, { startsOn: '2025-07-01', endsOn: '2027-06-30' });
    await w.income(asset, { contractId: lastYear, amount: '11999.99', receivedOn: '2025-07-01' });
    expect((await w.findings('INCOME_ARREARS')).find((f) => f.subjectId === lastYear)).toMatchObject({ amount: '0.01', evidence: { periods: 1, oldestDueOn: '2025-07-01' } });
    await w.income(asset, { contractId: lastYear, amount: '0.01', receivedOn: TODAY });
    expect(await w.subjects('INCOME_ARREARS')).not.toContain(lastYear);
    // Recomputed as of yesterday, before the fen came in: it was owed.
    expect((await w.findings('INCOME_ARREARS', { asOf: days(TODAY, -1) })).find((f) => f.subjectId === lastYear)).toMatchObject({ amount: '0.01' });
  });

  it('follows the grace a run gives', async () => {
    const run = (value: number) => w.subjects('INCOME_ARREARS', { thresholds: [{ name: 'INCOME_GRACE_DAYS', value }] });
    expect(await run(31)).not.toContain(overdue);
    expect(await run(29)).toContain(inGrace);
  });

  it("follows the county's own grace from the day it is in force", async () => {
    // The county gives 29 days: a year due 30 days ago is now in arrears.
    await w.setRule('INCOME_GRACE_DAYS', 29, TODAY);
    const found = await w.findings('INCOME_ARREARS');
    expect(found.find((f) => f.subjectId === inGrace)).toMatchObject({ amount: '12000.00', evidence: { daysOverdue: 1 } });
    expect(found.find((f) => f.subjectId === overdue)).toMatchObject({ evidence: { daysOverdue: 2 } });
  });
});
