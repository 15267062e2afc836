/**
 * DISBURSEMENT_OVERDUE 兑付未完成: a line of a plan approved more than DISBURSEMENT_OVERDUE_DAYS
 * (60) before the date, not paid in full by then. Each plan shares out its own owner's 10,000.00
 * yuan received in 2025 in two lines; the run is as of 2026-06-30, 60 days after 2026-05-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { cWorld, type CWorld, type Line } from './fixtures-c';

const CHECK = 'DISBURSEMENT_OVERDUE';
const AS_OF = '2026-06-30';

describe(CHECK, () => {
  let t: TestContext;
  let w: CWorld;

  /** An approved plan: 6,000.00 for upkeep, 4,000.00 to the collective economy. */
  const approvedOn = async (name: string, date: string): Promise<Line[]> => {
    const { ownerId, assetId } = await w.ownedAsset(name);
    await w.income(assetId, '10000.00', '2025-03-10');
    const plan = await w.plan(
      ownerId,
      ['2025-01-01', '2025-12-31'],
      [
        { purpose: 'OPERATION_MAINTENANCE', amount: '6000.00' },
        { purpose: 'COLLECTIVE_ECONOMY', amount: '4000.00' },
      ],
      { publicizedOn: '2026-04-01', approvedOn: date },
    );
    return plan.lines;
  };

  /** Approved 61 days before the date: the upkeep paid in full at once, the rest one fen short. */
  let late: Line[];
  /** Approved 60 days before: nothing paid yet, and not overdue yet. */
  let inTime: Line[];
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(AS_OF);
    w = await cWorld(t);
    late = await approvedOn('兑付逾期电站', '2026-04-30');
    await w.pay(late[0]!.id, '6000.00', '2026-05-05');
    await w.pay(late[1]!.id, '3999.99', '2026-05-05');
    inTime = await approvedOn('兑付期内电站', '2026-05-01');
  });
  afterAll(() => t?.close());

  it('finds a line one fen short 61 days after the approval, and not the line paid in full', async () => {
    const found = await w.findings(CHECK, { asOf: AS_OF });
    expect(found.filter((f) => late.some((l) => l.id === f.subjectId))).toEqual([
      expect.objectContaining({ subjectId: late[1]!.id, subjectType: 'AllocationLine', amount: '0.01', evidence: expect.objectContaining({ amount: 400000, paid: 399999, approvedOn: '2026-04-30' }) }),
    ]);
  });

  it('leaves lines of a plan approved exactly 60 days before the date alone, and finds them a day later', async () => {
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(inTime[0]!.id);
    const next = await w.subjects(CHECK, { asOf: '2026-07-01' });
    expect(next).toEqual(expect.arrayContaining(inTime.map((l) => l.id)));
  });

  it('counts the payments made by the date: paid in full later, the line was still open then', async () => {
    t.clock.set('2026-07-02');
    await w.pay(late[1]!.id, '0.01', '2026-07-02');
    t.clock.set(AS_OF);
    expect(await w.subjects(CHECK, { asOf: '2026-07-02' })).not.toContain(late[1]!.id);
    expect(await w.subjects(CHECK, { asOf: '2026-07-01' })).toContain(late[1]!.id);
  });

  it("reads the county's number of days, or the run's", async () => {
    // 59 days allowed: the plan approved 60 days before 2026-06-30 is late; 61: not 61 days before 2026-07-01.
    const ids = inTime.map((l) => l.id);
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'DISBURSEMENT_OVERDUE_DAYS', value: 59 }] })).toEqual(expect.arrayContaining(ids));
    expect(await w.subjects(CHECK, { asOf: '2026-07-01', thresholds: [{ name: 'DISBURSEMENT_OVERDUE_DAYS', value: 61 }] })).not.toContain(ids[0]);
    await w.setRule('DISBURSEMENT_OVERDUE_DAYS', 59, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining(ids));
    await w.setRule('DISBURSEMENT_OVERDUE_DAYS', 61, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: '2026-07-01' })).not.toContain(ids[0]);
  });
});
