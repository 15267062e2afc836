/**
 * PUBLIC_WELFARE_WITHOUT_CUSTODIAN 公益性资产无管护主体: a public-welfare asset in use on the date
 * with no custody assignment in force. No threshold: the nearest correct situations are the day
 * custody begins, the last day of custody before it ends, an operating asset, and a road not in use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIGN, END } from '../../custody/fixtures';
import { startTestApp, type TestContext } from '../../helpers';
import { ago, worldA, type WorldA } from './fixtures-a';

describe('PUBLIC_WELFARE_WITHOUT_CUSTODIAN', () => {
  let t: TestContext;
  let w: WorldA;
  const road = () => w.asset({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', name: '巧马村通组路', unit: '公里', quantity: 3 });
  const assign = async (assetId: string, startsOn: string) => {
    const res = await t.gql(ASSIGN, { input: { assetId, custodianId: w.collective, startsOn, responsiblePerson: '韦国强', fundingArrangement: '村集体经济收益列支' } }, w.manager);
    expect(res.data.assignCustodian.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
  });
  afterAll(() => t.close());

  it('finds a road in use that nobody looks after, and not one with a custodian', async () => {
    const nobody = await road();
    const cared = await road();
    await assign(cared, ago(100));
    const found = await w.findings('PUBLIC_WELFARE_WITHOUT_CUSTODIAN');
    expect(found.find((f) => f.subjectId === nobody)).toMatchObject({ amount: '1000000.00', evidence: { status: 'IN_USE', custodyEnded: null } });
    expect(found.map((f) => f.subjectId)).not.toContain(cared);
  });

  it('asks for a custodian of public-welfare assets in use only: not of an operating station, nor of a road out of use', async () => {
    const station = await w.asset();
    const closed = await road();
    await w.setStatus(closed, 'IDLE', ago(10));
    const found = await w.subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN');
    expect(found).not.toContain(station);
    expect(found).not.toContain(closed);
    // The day before it was closed it was in use, with nobody looking after it.
    expect(await w.subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN', { asOf: ago(11) })).toContain(closed);
  });

  it('counts custody from its first day to the day before it ends', async () => {
    const asset = await road();
    await assign(asset, ago(40));
    expect(await w.subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN', { asOf: ago(41) })).toContain(asset);
    expect(await w.subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN', { asOf: ago(40) })).not.toContain(asset);
    // The collective gives it up, its last day the day before: from then nobody looks after the road.
    const ended = await t.gql(END, { input: { assetId: asset, endsOn: ago(3), reason: '村集体无力管护' } }, w.manager);
    expect(ended.data.endCustody.userErrors).toEqual([]);
    expect(await w.subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN', { asOf: ago(4) })).not.toContain(asset);
    const found = await w.findings('PUBLIC_WELFARE_WITHOUT_CUSTODIAN', { asOf: ago(3) });
    expect(found.find((f) => f.subjectId === asset)?.evidence).toEqual({ status: 'IN_USE', custodyEnded: ago(3) });
    expect(await w.subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN')).toContain(asset);
  });
});
