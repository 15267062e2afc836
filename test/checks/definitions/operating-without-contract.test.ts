/**
 * OPERATING_WITHOUT_CONTRACT 有资产无合同: an operating asset in use on the date that has never had
 * a contract begun by then. No threshold: the boundary is the day — a contract beginning on the
 * date covers it, one beginning the day after does not; an asset idle on the date is not in use;
 * running it oneself (SELF_OPERATED) is a contract too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('OPERATING_WITHOUT_CONTRACT', () => {
  let w: WorldB;
  const lease = (startsOn: string) => ({ startsOn, endsOn: days(startsOn, 364) });

  beforeAll(async () => {
    w = await worldB();
  });
  afterAll(() => w.t.close());

  it('finds an operating asset in use with no contract', async () => {
    const bare = await w.asset();
    const found = (await w.findings('OPERATING_WITHOUT_CONTRACT')).find((f) => f.subjectId === bare);
    expect(found).toMatchObject({ subjectType: 'Asset', amount: '1000000.00', asset: { id: bare }, evidence: { handedOverOn: '2019-11-01' } });
  });

  it('finds nothing from the day a contract begins, and still finds it the day before', async () => {
    const leasedToday = await w.asset();
    await w.contract(leasedToday, lease(TODAY));
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT')).not.toContain(leasedToday);
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT', { asOf: days(TODAY, -1) })).toContain(leasedToday);
    // A contract signed to begin tomorrow does not yet cover today.
    const leasedTomorrow = await w.asset();
    await w.contract(leasedTomorrow, lease(days(TODAY, 1)));
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT')).toContain(leasedTomorrow);
  });

  it('counts running it oneself as a contract, even at no agreed income', async () => {
    const selfRun = await w.asset();
    await w.contract(selfRun, { mode: 'SELF_OPERATED', operatorId: w.parties.collective, agreedIncomePerYear: '0.00', ...lease('2020-01-01') });
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT')).not.toContain(selfRun);
  });

  it('leaves an asset idle on the date alone, and finds it the day before it went idle', async () => {
    const idle = await w.asset();
    await w.status(idle, 'IDLE', TODAY);
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT')).not.toContain(idle);
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT', { asOf: days(TODAY, -1) })).toContain(idle);
  });

  it('leaves a public-welfare asset without a contract alone', async () => {
    const road = await w.asset({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', name: '巧马村产业路', unit: '公里', quantity: 2 });
    expect(await w.subjects('OPERATING_WITHOUT_CONTRACT')).not.toContain(road);
  });
});
