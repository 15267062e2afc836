/**
 * OWNERSHIP_UNCONFIRMED 未确权: an asset accepted more than OWNERSHIP_UNCONFIRMED_DAYS (180)
 * before the date with no owner in force on it. Accepted 181 days ago it is found; 180 days ago
 * it is still within the time allowed. An owner from the date clears it; a county that allows
 * less time, or a run that asks so, changes the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('OWNERSHIP_UNCONFIRMED', () => {
  let w: WorldB;
  /** Accepted 181 days before TODAY, never confirmed: one day past the 180 allowed. */
  let late: string;
  /** Accepted 180 days before TODAY: the last day still allowed. */
  let onTime: string;
  const accepted = (on: string) => ({ builtOn: days(on, -90), completedOn: days(on, -30), acceptedOn: on, handedOverOn: on, owners: [] });

  beforeAll(async () => {
    w = await worldB();
    late = await w.asset(accepted(days(TODAY, -181)));
    onTime = await w.asset(accepted(days(TODAY, -180)));
  });
  afterAll(() => w.t.close());

  it('finds an asset accepted 181 days ago without owners, and not one accepted 180 days ago', async () => {
    const found = await w.findings('OWNERSHIP_UNCONFIRMED');
    expect(found.find((f) => f.subjectId === late)).toMatchObject({ subjectType: 'Asset', amount: '1000000.00', evidence: { daysSinceAcceptance: 181 } });
    expect(found.map((f) => f.subjectId)).not.toContain(onTime);
    // The day before, the late one had its 180 days too.
    expect(await w.subjects('OWNERSHIP_UNCONFIRMED', { asOf: days(TODAY, -1) })).not.toContain(late);
  });

  it('lets an asset go from the day its owners are in force, not the day before', async () => {
    const confirmedToday = await w.asset({ owners: [] }); // accepted in 2019
    await w.confirm(confirmedToday, [{ partyId: w.parties.collective, shareBp: 10000 }], TODAY);
    expect(await w.subjects('OWNERSHIP_UNCONFIRMED')).not.toContain(confirmedToday);
    expect(await w.subjects('OWNERSHIP_UNCONFIRMED', { asOf: days(TODAY, -1) })).toContain(confirmedToday);
  });

  it('follows the days a run allows', async () => {
    const run = (value: number) => w.subjects('OWNERSHIP_UNCONFIRMED', { thresholds: [{ name: 'OWNERSHIP_UNCONFIRMED_DAYS', value }] });
    expect(await run(181)).not.toContain(late);
    expect(await run(179)).toContain(onTime);
  });

  it("follows the county's own time limit from the day it is in force", async () => {
    // The county requires confirmation within 179 days: 180 days on is now too late.
    await w.setRule('OWNERSHIP_UNCONFIRMED_DAYS', 179, TODAY);
    const found = await w.subjects('OWNERSHIP_UNCONFIRMED');
    expect(found).toContain(onTime);
    expect(found).toContain(late);
  });
});
