/**
 * DAMAGE_NOT_REPAIRED 损坏未修复: an asset DAMAGED on the date for more than
 * DAMAGE_NOT_REPAIRED_DAYS (60) with no maintenance record since the damage. Damaged 61 days
 * ago is reported, 60 days ago is not; a county allowing 59 days reports that one too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAINTAIN } from '../../custody/fixtures';
import { startTestApp, type TestContext } from '../../helpers';
import { TODAY, ago, worldA, type WorldA } from './fixtures-a';

describe('DAMAGE_NOT_REPAIRED', () => {
  let t: TestContext;
  let w: WorldA;
  let damaged61: string;
  let damaged60: string;

  /** A water-supply scheme of the village, damaged (the asset office records it) on `since`. */
  const damagedOn = async (since: string) => {
    const id = await w.asset({ assetClass: 'PUBLIC_WELFARE', category: 'DRINKING_WATER', name: '巧马村安全饮水工程', unit: '处', quantity: 1 });
    await w.setStatus(id, 'DAMAGED', since);
    return id;
  };
  const maintain = async (assetId: string, performedOn: string, extra: Record<string, unknown> = {}) => {
    const res = await t.gql(MAINTAIN, { input: { assetId, kind: 'REPAIR', performedOn, performedBy: '巧马村管水员', description: '更换破损管道', outcome: 'ISSUE_FOUND', ...extra } }, w.manager);
    expect(res.data.recordMaintenance.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
    damaged61 = await damagedOn(ago(61));
    damaged60 = await damagedOn(ago(60));
  });
  afterAll(() => t.close());

  it('finds an asset damaged 61 days ago with no maintenance since, not one damaged 60 days ago', async () => {
    const found = await w.findings('DAMAGE_NOT_REPAIRED');
    expect(found.find((f) => f.subjectId === damaged61)).toMatchObject({ amount: '1000000.00', evidence: { damagedSince: ago(61), days: 61 } });
    expect(found.map((f) => f.subjectId)).not.toContain(damaged60);
    expect(await w.subjects('DAMAGE_NOT_REPAIRED', { asOf: '2026-07-01' })).toContain(damaged60);
  });

  it('counts maintenance from the day of the damage on, not before it nor after the date', async () => {
    const before = await w.asset({ assetClass: 'PUBLIC_WELFARE', category: 'DRINKING_WATER', name: '巧马村安全饮水工程', unit: '处', quantity: 1 });
    // Serviced while it worked, then damaged: the old record does not count.
    await maintain(before, ago(100), { kind: 'ROUTINE_MAINTENANCE', outcome: 'OK', description: '例行维护' });
    await w.setStatus(before, 'DAMAGED', ago(90));
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).toContain(before);
    // Someone came on the day of the damage: that is maintenance since.
    const sameDay = await damagedOn(ago(90));
    await maintain(sameDay, ago(90));
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).not.toContain(sameDay);
    // Damaged 120 days ago, a repair attempt 30 days ago: from then on it is not reported, the day before it was.
    const later = await damagedOn(ago(120));
    await maintain(later, ago(30));
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).not.toContain(later);
    expect(await w.subjects('DAMAGE_NOT_REPAIRED', { asOf: ago(31) })).toContain(later);
  });

  it('lets an asset go once it is repaired and back in use', async () => {
    const asset = await damagedOn(ago(80));
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).toContain(asset);
    await maintain(asset, TODAY, { outcome: 'REPAIRED', assetStatusAfter: 'IN_USE' });
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).not.toContain(asset);
  });

  it("takes the run's threshold: a day more or less moves each asset across", async () => {
    const days = async (value: number) => w.subjects('DAMAGE_NOT_REPAIRED', { thresholds: [{ name: 'DAMAGE_NOT_REPAIRED_DAYS', value }] });
    expect(await days(59)).toContain(damaged60);
    expect(await days(61)).not.toContain(damaged61);
  });

  it("takes the county's own threshold from the day it applies", async () => {
    await w.setRule('DAMAGE_NOT_REPAIRED_DAYS', 59, TODAY);
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).toContain(damaged60);
    // The day before, the default 60 days held: the first asset had been damaged exactly 60 days.
    expect(await w.subjects('DAMAGE_NOT_REPAIRED', { asOf: ago(1) })).not.toContain(damaged61);
    await w.setRule('DAMAGE_NOT_REPAIRED_DAYS', 61, TODAY);
    expect(await w.subjects('DAMAGE_NOT_REPAIRED')).not.toContain(damaged61);
  });
});
