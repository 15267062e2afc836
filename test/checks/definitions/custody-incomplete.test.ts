/**
 * CUSTODY_INCOMPLETE 管护要素不全: a custody assignment in force on the date with no responsible
 * person (管护责任人) or no funding arrangement (管护经费). No threshold: the nearest correct
 * situations are an assignment with both, and the day before an incomplete one begins or the
 * day a complete one replaces it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIGN } from '../../custody/fixtures';
import { startTestApp, type TestContext } from '../../helpers';
import { ago, worldA, type WorldA } from './fixtures-a';

describe('CUSTODY_INCOMPLETE', () => {
  let t: TestContext;
  let w: WorldA;
  const complete = { responsiblePerson: '韦国强', responsiblePhone: '13885912345', fundingArrangement: '村集体经济收益列支' };
  const road = () => w.asset({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', name: '巧马村通组路', unit: '公里', quantity: 3 });
  const assign = async (assetId: string, terms: Record<string, unknown>, startsOn: string) => {
    const res = await t.gql(ASSIGN, { input: { assetId, custodianId: w.collective, startsOn, ...terms } }, w.manager);
    expect(res.data.assignCustodian.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
  });
  afterAll(() => t.close());

  it('finds custody with no responsible person, or no funding arrangement, and says which', async () => {
    const noPerson = await road();
    const noFunding = await road();
    const neither = await road();
    await assign(noPerson, { ...complete, responsiblePerson: null, responsiblePhone: null }, ago(30));
    await assign(noFunding, { ...complete, fundingArrangement: '  ' }, ago(30));
    await assign(neither, {}, ago(30));
    const found = await w.findings('CUSTODY_INCOMPLETE');
    expect(found.find((f) => f.subjectId === noPerson)?.evidence).toEqual({ custodyFrom: ago(30), responsiblePerson: false, fundingArrangement: true });
    expect(found.find((f) => f.subjectId === noFunding)?.evidence).toEqual({ custodyFrom: ago(30), responsiblePerson: true, fundingArrangement: false });
    expect(found.find((f) => f.subjectId === neither)).toMatchObject({ messageZh: '管护责任人未明确，管护经费未落实', evidence: { responsiblePerson: false, fundingArrangement: false } });
  });

  it('finds nothing in custody with both a responsible person and a funding arrangement', async () => {
    const cared = await road();
    await assign(cared, complete, ago(30));
    expect(await w.subjects('CUSTODY_INCOMPLETE')).not.toContain(cared);
  });

  it('looks only at the custody in force on the date: not the day before it begins, not from the day a complete one replaces it', async () => {
    const asset = await road();
    await assign(asset, { fundingArrangement: complete.fundingArrangement }, ago(20));
    expect(await w.subjects('CUSTODY_INCOMPLETE', { asOf: ago(21) })).not.toContain(asset);
    expect(await w.subjects('CUSTODY_INCOMPLETE', { asOf: ago(20) })).toContain(asset);
    // The village names a responsible person with a new assignment: the old one ends the day it begins.
    await assign(asset, complete, ago(5));
    expect(await w.subjects('CUSTODY_INCOMPLETE', { asOf: ago(6) })).toContain(asset);
    expect(await w.subjects('CUSTODY_INCOMPLETE', { asOf: ago(5) })).not.toContain(asset);
    expect(await w.subjects('CUSTODY_INCOMPLETE')).not.toContain(asset);
  });
});
