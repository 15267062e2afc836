/**
 * CONTRACT_TOO_LONG 合同期限过长: a contract (begun by the date) signed for longer than
 * MAX_CONTRACT_YEARS (20). From 2020-01-01 to 2039-12-31 is twenty years to the day and allowed;
 * to 2040-01-01 is one day more and found. A county that allows longer leases, or a run that
 * asks for shorter ones, changes the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('CONTRACT_TOO_LONG', () => {
  let w: WorldB;
  /** 2020-01-01 to 2040-01-01: twenty years and a day. */
  let tooLong: string;
  /** 2020-01-01 to 2039-12-31: exactly twenty years. */
  let twentyYears: string;

  beforeAll(async () => {
    w = await worldB();
    tooLong = await w.contract(await w.asset(), { startsOn: '2020-01-01', endsOn: '2040-01-01' });
    twentyYears = await w.contract(await w.asset(), { startsOn: '2020-01-01', endsOn: '2039-12-31' });
  });
  afterAll(() => w.t.close());

  it('finds a contract of twenty years and a day, and not one of exactly twenty years', async () => {
    const found = await w.findings('CONTRACT_TOO_LONG');
    expect(found.find((f) => f.subjectId === tooLong)).toMatchObject({
      subjectType: 'OperatingContract',
      amount: '12000.00',
      evidence: { startsOn: '2020-01-01', endsOn: '2040-01-01', maxYears: 20 },
    });
    expect(found.map((f) => f.subjectId)).not.toContain(twentyYears);
  });

  it('finds a contract only once it has begun', async () => {
    expect(await w.subjects('CONTRACT_TOO_LONG', { asOf: '2019-12-31' })).not.toContain(tooLong);
    expect(await w.subjects('CONTRACT_TOO_LONG', { asOf: '2020-01-01' })).toContain(tooLong);
  });

  it('follows the years a run allows', async () => {
    const run = (value: number) => w.subjects('CONTRACT_TOO_LONG', { thresholds: [{ name: 'MAX_CONTRACT_YEARS', value }] });
    expect(await run(19)).toContain(twentyYears);
    expect(await run(21)).not.toContain(tooLong);
  });

  it("follows the county's own limit from the day it is in force", async () => {
    // The county allows leases of up to 21 years: twenty years and a day is within it.
    await w.setRule('MAX_CONTRACT_YEARS', 21, TODAY);
    expect(await w.subjects('CONTRACT_TOO_LONG')).not.toContain(tooLong);
    // The day before, the default twenty years were in force.
    expect(await w.subjects('CONTRACT_TOO_LONG', { asOf: days(TODAY, -1) })).toContain(tooLong);
  });
});
