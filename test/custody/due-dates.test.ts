/**
 * Due dates (下次应管护日期) across month ends, leap years and centuries, with the clock set to any
 * date: the database's date arithmetic against JavaScript's calendar, through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/clock';
import { Role, startTestApp, type TestContext } from '../helpers';
import { Random } from '../../seeds/random';
import { ADD_DUTY, ASSIGN, MAINTAIN, UPDATE_DUTY, custodyWorld, type CustodyWorld } from './fixtures';

const OVERDUE = `query($asOf: Date, $region: DivisionCode) { overdueDuties(first: 200, asOf: $asOf, filter: { region: $region, kind: SAFETY_CHECK }) { nodes { dueOn daysOverdue duty { id } } } }`;

describe('due dates', () => {
  let t: TestContext;
  let w: CustodyWorld;
  let auditor: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 30 });
    w = await custodyWorld(t);
    auditor = await t.token(Role.AUDITOR, '522327');
  });
  afterAll(() => t.close());

  /** A road handed over a year before `today`, with custody from `custodyFrom` and a SAFETY_CHECK duty. */
  async function dutyOn(today: string, custodyFrom: string, intervalDays: number, dutyFrom = custodyFrom) {
    t.clock.set(today);
    const assetId = await w.road({ builtOn: addDays(today, -400), completedOn: addDays(today, -390), acceptedOn: addDays(today, -380), handedOverOn: addDays(today, -370), owners: [] });
    const assigned = await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, startsOn: custodyFrom } }, w.manager);
    expect(assigned.data.assignCustodian.userErrors).toEqual([]);
    const added = await t.gql(ADD_DUTY, { input: { assetId, kind: 'SAFETY_CHECK', description: '安全检查', intervalDays, startsOn: dutyFrom } }, w.manager);
    expect(added.data.addCustodyDuty.userErrors).toEqual([]);
    return { assetId, duty: added.data.addCustodyDuty.duty as { id: string; nextDueOn: string } };
  }

  const record = (assetId: string, performedOn: string) =>
    t.gql(MAINTAIN, { input: { assetId, kind: 'SAFETY_CHECK', performedOn, performedBy: '岑明华', description: '安全检查', outcome: 'OK' } }, w.manager);

  it.each([
    ['a leap February end', '2024-01-31', 29, '2024-02-29'],
    ['a common February end', '2023-01-31', 29, '2023-03-01'],
    ['a year end', '2023-12-02', 30, '2024-01-01'],
    ['the 2100 non-leap year', '2100-01-31', 29, '2100-03-01'],
    ['the 2000 leap year', '2000-01-31', 29, '2000-02-29'],
  ])('counts from the custody start across %s', async (_name, from, interval, due) => {
    const { duty } = await dutyOn(addDays(due, 10), from, interval);
    expect(duty.nextDueOn).toBe(due);
  });

  it('counts from the latest record of the kind: 2024-02-29 plus a year is 2025-02-28', async () => {
    const { assetId, duty } = await dutyOn('2025-03-10', '2023-06-01', 365);
    expect((await record(assetId, '2024-02-29')).data.recordMaintenance.userErrors).toEqual([]);
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on CustodyDuty { lastDoneOn nextDueOn } } }`, { id: duty.id }, auditor);
    expect(res.data.node).toEqual({ lastDoneOn: '2024-02-29', nextDueOn: '2025-02-28' });
  });

  it("takes an inspection's interval from the rules for the asset's category when none is given", async () => {
    const { assetId } = await dutyOn('2026-03-01', '2026-01-01', 30);
    const fallback = await t.gql(ADD_DUTY, { input: { assetId, kind: 'INSPECTION', description: '巡查' } }, w.manager);
    expect(fallback.data.addCustodyDuty.duty).toMatchObject({ intervalDays: 90, nextDueOn: '2026-05-30' });
    const set = await t.gql(
      `mutation($input: SetRuleParameterInput!) { setRuleParameter(input: $input) { userErrors { code } } }`,
      { input: { name: 'INSPECTION_INTERVAL_DAYS', regionCode: '522327', subject: 'ROAD_BRIDGE', value: 14, validFrom: '2026-01-01' } },
      await t.token(Role.ADMIN, '522327'),
    );
    expect(set.data.setRuleParameter.userErrors).toEqual([]);
    const road = await t.gql(ADD_DUTY, { input: { assetId, kind: 'INSPECTION', description: '汛期巡查' } }, w.manager);
    expect(road.data.addCustodyDuty.duty).toMatchObject({ intervalDays: 14 });
    const cleaning = await t.gql(ADD_DUTY, { input: { assetId, kind: 'CLEANING', description: '保洁' } }, w.manager);
    expect(cleaning.data.addCustodyDuty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'intervalDays'], code: 'REQUIRED' })]);
  });

  it('counts a new duty from the records of its kind already there, and from its own start when that is later', async () => {
    const { assetId } = await dutyOn('2026-03-01', '2025-01-01', 30);
    expect((await record(assetId, '2026-02-10')).data.recordMaintenance.userErrors).toEqual([]);
    const later = await t.gql(ADD_DUTY, { input: { assetId, kind: 'SAFETY_CHECK', description: '第二项安全检查', intervalDays: 60, startsOn: '2026-01-01' } }, w.manager);
    expect(later.data.addCustodyDuty.duty).toMatchObject({ lastDoneOn: '2026-02-10', nextDueOn: '2026-04-11' });
    const fresh = await t.gql(ADD_DUTY, { input: { assetId, kind: 'CLEANING', description: '保洁', intervalDays: 10, startsOn: '2026-02-20' } }, w.manager);
    expect(fresh.data.addCustodyDuty.duty).toMatchObject({ lastDoneOn: null, nextDueOn: '2026-03-02' });
  });

  it('agrees with the calendar for random clocks, starts and intervals, today and on past dates', async () => {
    const random = new Random(20261130);
    for (let i = 0; i < 12; i++) {
      const today = addDays('1990-01-01', random.int(0, daysBetween('1990-01-01', '2199-06-30')));
      const start = addDays(today, -random.int(0, 300));
      const interval = random.int(1, 400);
      const { assetId, duty } = await dutyOn(today, start, interval);
      const due = addDays(start, interval);
      expect(duty.nextDueOn, `start ${start} + ${interval}`).toBe(due);

      const region = w.l.collectives[0]!.village;
      const listed = async (asOf?: string) =>
        ((await t.gql(OVERDUE, { asOf, region }, auditor)).data.overdueDuties.nodes as { dueOn: string; daysOverdue: number; duty: { id: string } }[]).find((n) => n.duty.id === duty.id);
      expect(await listed(), `today ${today}, due ${due}`).toEqual(due < today ? { dueOn: due, daysOverdue: daysBetween(due, today), duty: { id: duty.id } } : undefined);

      // A record between the start and today moves the date; a date before it still sees the old one.
      const done = addDays(start, random.int(0, daysBetween(start, today)));
      expect((await record(assetId, done)).data.recordMaintenance.userErrors).toEqual([]);
      const afterRecord = addDays(done, interval);
      const past = addDays(done, -1);
      if (past >= start) {
        const before = await listed(past);
        expect(before?.dueOn, `as of ${past}`).toBe(due < past ? due : undefined);
      }
      // On the day of the record, the record counts: nothing is overdue then.
      if (done < today) expect(await listed(done), `as of ${done}`).toBeUndefined();
      const now = await listed();
      expect(now?.dueOn, `after a record on ${done}`).toBe(afterRecord < today ? afterRecord : undefined);
      // Out of the way of the next round.
      await t.gql(UPDATE_DUTY, { input: { dutyId: duty.id, expectedVersion: 1, active: false } }, w.manager);
    }
  });
});
