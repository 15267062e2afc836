/**
 * INCOME_UNALLOCATED 收益长期沉淀: an owner's income received more than INCOME_UNALLOCATED_DAYS
 * (365) before the date, not reversed by then and in no plan approved by then. Each owner below
 * owns one asset and received one sum; the run is as of 2026-06-30 unless a test says otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { cWorld, type CWorld } from './fixtures-c';

const CHECK = 'INCOME_UNALLOCATED';
const AS_OF = '2026-06-30';

describe(CHECK, () => {
  let t: TestContext;
  let w: CWorld;
  /** Received 366 days before the date: past the 365. */
  let old: { ownerId: string; assetId: string };
  /** Received exactly 365 days before: not yet. */
  let lastDay: { ownerId: string; assetId: string };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(AS_OF);
    w = await cWorld(t);
    old = await w.ownedAsset('沉淀测试电站');
    await w.income(old.assetId, '12000.00', '2025-06-29');
    lastDay = await w.ownedAsset('未满一年电站');
    await w.income(lastDay.assetId, '8000.00', '2025-06-30');
  });
  afterAll(() => t?.close());

  it('finds an owner whose income has lain unplanned for more than 365 days, with the sum and the oldest date', async () => {
    const found = (await w.findings(CHECK, { asOf: AS_OF })).filter((f) => f.subjectId === old.ownerId);
    expect(found).toEqual([expect.objectContaining({ subjectType: 'Party', amount: '12000.00', evidence: { oldestReceivedOn: '2025-06-29', parts: 1 } })]);
  });

  it('leaves income received exactly 365 days before the date alone, and finds it a day later', async () => {
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(lastDay.ownerId);
    expect(await w.subjects(CHECK, { asOf: '2026-07-01' })).toContain(lastDay.ownerId);
  });

  it('counts only the income past the threshold, not what the owner received since', async () => {
    const owner = await w.ownedAsset('部分沉淀电站');
    await w.income(owner.assetId, '5000.00', '2025-06-29');
    await w.income(owner.assetId, '7000.00', '2025-06-30');
    const [found] = (await w.findings(CHECK, { asOf: AS_OF })).filter((f) => f.subjectId === owner.ownerId);
    expect(found).toMatchObject({ amount: '5000.00', evidence: { oldestReceivedOn: '2025-06-29', parts: 1 } });
  });

  it('lets income go once a plan holding it is approved, and not before', async () => {
    const owner = await w.ownedAsset('已分配电站');
    await w.income(owner.assetId, '10000.00', '2025-01-10');
    // Drawn up and publicized: still in no approved plan.
    const { planId } = await w.plan(owner.ownerId, ['2025-01-01', '2025-12-31'], [{ purpose: 'COLLECTIVE_ECONOMY', amount: '10000.00' }], { publicizedOn: '2026-06-01' });
    expect(await w.subjects(CHECK, { asOf: AS_OF })).toContain(owner.ownerId);
    await w.approve(planId, AS_OF);
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(owner.ownerId);
    // The day before the approval it was still lying there.
    expect(await w.subjects(CHECK, { asOf: '2026-06-29' })).toContain(owner.ownerId);
  });

  it('lets income go once it is reversed, from the day of the reversal', async () => {
    const owner = await w.ownedAsset('冲销电站');
    const income = await w.income(owner.assetId, '3000.00', '2025-01-10');
    await w.reverseIncome(income, '2026-06-20');
    expect(await w.subjects(CHECK, { asOf: '2026-06-20' })).not.toContain(owner.ownerId);
    expect(await w.subjects(CHECK, { asOf: '2026-06-19' })).toContain(owner.ownerId);
  });

  it("reads the county's own number of days, or the run's", async () => {
    // 366 days allowed: income of 366 days ago is not past them; 364: income of 365 days ago is.
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'INCOME_UNALLOCATED_DAYS', value: 366 }] })).not.toContain(old.ownerId);
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'INCOME_UNALLOCATED_DAYS', value: 364 }] })).toContain(lastDay.ownerId);
    await w.setRule('INCOME_UNALLOCATED_DAYS', 366, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(old.ownerId);
    await w.setRule('INCOME_UNALLOCATED_DAYS', 364, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining([old.ownerId, lastDay.ownerId]));
  });
});
