/**
 * INSPECTION_OVERDUE 巡查超期: an active duty whose due date lies further back than
 * INSPECTION_OVERDUE_SHARE_BP (5000: half) of its interval. With an interval of 100 days a duty
 * 51 days past due is reported and one 50 days past due (exactly half) is not; a tolerance one
 * basis point smaller (4999) reports that one too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_DUTY, ASSIGN, MAINTAIN, UPDATE_DUTY } from '../../custody/fixtures';
import { startTestApp, type TestContext } from '../../helpers';
import { disposeAsset } from '../../support/disposal';
import { TODAY, ago, worldA, type WorldA } from './fixtures-a';

describe('INSPECTION_OVERDUE', () => {
  let t: TestContext;
  let w: WorldA;
  let overdue51: string;
  let overdue50: string;

  /** A road in a collective's custody since `since`, with a duty of that kind every 100 days from then: due `since` + 100. */
  const roadInCare = async (since: string, kinds: string[] = ['INSPECTION']) => {
    const road = await w.asset({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', name: '巧马村通组路', unit: '公里', quantity: 3 });
    const assigned = await t.gql(ASSIGN, { input: { assetId: road, custodianId: w.collective, startsOn: since, responsiblePerson: '韦国强', fundingArrangement: '村集体经济收益列支' } }, w.manager);
    expect(assigned.data.assignCustodian.userErrors).toEqual([]);
    const duties: string[] = [];
    for (const kind of kinds) {
      const added = await t.gql(ADD_DUTY, { input: { assetId: road, kind, description: '路面、边沟、挡墙巡查', intervalDays: 100, startsOn: since } }, w.manager);
      expect(added.data.addCustodyDuty.userErrors).toEqual([]);
      duties.push(added.data.addCustodyDuty.duty.id);
    }
    return { road, duties };
  };
  const inspect = async (assetId: string, performedOn: string) => {
    const res = await t.gql(MAINTAIN, { input: { assetId, kind: 'INSPECTION', performedOn, performedBy: '韦国强', description: '巡查路面，无异常', outcome: 'OK' } }, w.manager);
    expect(res.data.recordMaintenance.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
    overdue51 = (await roadInCare(ago(151))).road;
    overdue50 = (await roadInCare(ago(150))).road;
  });
  afterAll(() => t.close());

  it('finds a duty 51 days past due on a 100-day interval, and not one 50 days past due', async () => {
    const found = await w.findings('INSPECTION_OVERDUE');
    expect(found.find((f) => f.subjectId === overdue51)?.evidence).toEqual({ duty: 'INSPECTION', dueOn: ago(51), intervalDays: 100, daysOverdue: 51 });
    expect(found.map((f) => f.subjectId)).not.toContain(overdue50);
    // Tomorrow the second is 51 days past due as well.
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: '2026-07-01' })).toContain(overdue50);
  });

  it('lets an inspection done put it right, and a duty switched off is owed no more', async () => {
    const { road } = await roadInCare(ago(200));
    expect(await w.subjects('INSPECTION_OVERDUE')).toContain(road);
    await inspect(road, ago(20));
    expect(await w.subjects('INSPECTION_OVERDUE')).not.toContain(road);

    const { road: other, duties } = await roadInCare(ago(200));
    const off = await t.gql(UPDATE_DUTY, { input: { dutyId: duties[0], expectedVersion: 1, active: false } }, w.manager);
    expect(off.data.updateCustodyDuty.userErrors).toEqual([]);
    expect(await w.subjects('INSPECTION_OVERDUE')).not.toContain(other);
  });

  it('answers as of a past date what was overdue then, though it was done since', async () => {
    const { road } = await roadInCare(ago(200));
    await inspect(road, ago(20));
    // Due on ago(100): on ago(21) it was 79 days past due, on ago(50) exactly half (50 days).
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: ago(21) })).toContain(road);
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: ago(50) })).not.toContain(road);
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: ago(49) })).toContain(road);
  });

  it('owes nothing for an asset disposed of, from the day it is gone', async () => {
    const { road } = await roadInCare(ago(200));
    await disposeAsset(t, road, { requestedOn: ago(3), completedOn: ago(2) });
    expect(await w.subjects('INSPECTION_OVERDUE')).not.toContain(road);
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: ago(2) })).not.toContain(road);
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: ago(3) })).toContain(road);
  });

  it('reports an asset once, by its most overdue duty', async () => {
    const { road } = await roadInCare(ago(160), ['INSPECTION', 'CLEANING']);
    // The inspection is done 5 days later than the cleaning would have been.
    await inspect(road, ago(155));
    const found = (await w.findings('INSPECTION_OVERDUE')).filter((f) => f.subjectId === road);
    expect(found.map((f) => f.evidence)).toEqual([{ duty: 'CLEANING', dueOn: ago(60), intervalDays: 100, daysOverdue: 60 }]);
  });

  it("takes the run's tolerance: one basis point either side of the measured share", async () => {
    const share = async (value: number) => w.subjects('INSPECTION_OVERDUE', { thresholds: [{ name: 'INSPECTION_OVERDUE_SHARE_BP', value }] });
    expect(await share(4999)).toContain(overdue50);
    expect(await share(5100)).not.toContain(overdue51);
    expect(await share(5099)).toContain(overdue51);
  });

  it("takes the county's own tolerance from the day it applies", async () => {
    await w.setRule('INSPECTION_OVERDUE_SHARE_BP', 4999, TODAY);
    expect(await w.subjects('INSPECTION_OVERDUE')).toContain(overdue50);
    // The day before it was 49 days past due: under the county's rule that is still within the tolerance.
    expect(await w.subjects('INSPECTION_OVERDUE', { asOf: ago(1) })).not.toContain(overdue50);
    await w.setRule('INSPECTION_OVERDUE_SHARE_BP', 5100, TODAY);
    expect(await w.subjects('INSPECTION_OVERDUE')).not.toContain(overdue51);
  });
});
