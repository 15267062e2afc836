/**
 * FUNDING_MISMATCH 资金构成不平: an asset whose funding lines do not add up to its original value
 * (one fen under or over is reported, exact is not); a project whose assets take more of its
 * money than it invested (one fen more is reported, all of it is not). No threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { COUNTY, worldA, type WorldA } from './fixtures-a';

describe('FUNDING_MISMATCH', () => {
  let t: TestContext;
  let w: WorldA;
  /** A station of 1,000,000.00 yuan funded by these amounts, from `projectId` (the world's by default). */
  const funded = (amounts: string[], projectId?: string) =>
    w.asset({ originalValue: '1000000.00', funding: amounts.map((amount, i) => ({ projectId: projectId ?? w.projectId, source: i ? 'COUNTY_FISCAL' : 'CENTRAL_FISCAL', amount })) });

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
  });
  afterAll(() => t.close());

  it('finds an asset whose funding is one fen short of its original value, or one fen over, with the difference', async () => {
    const short = await funded(['800000.00', '199999.99']);
    const over = await funded(['800000.00', '200000.01']);
    const found = await w.findings('FUNDING_MISMATCH');
    expect(found.find((f) => f.subjectId === short)).toMatchObject({ subjectType: 'Asset', amount: '0.01', evidence: { originalValue: 100000000, funded: 99999999 } });
    expect(found.find((f) => f.subjectId === over)).toMatchObject({ amount: '0.01', evidence: { originalValue: 100000000, funded: 100000001 } });
  });

  it('finds the same assets when asked of the province (one pass over the funding lines there, not a lookup per asset)', async () => {
    const short = await funded(['800000.00', '199999.99']);
    const exact = await funded(['800000.00', '200000.00']);
    const county = (await w.findings('FUNDING_MISMATCH', { r: COUNTY })).filter((f) => f.subjectType === 'Asset');
    const province = (await w.findings('FUNDING_MISMATCH', { r: COUNTY.slice(0, 2) })).filter((f) => f.subjectType === 'Asset');
    expect(province.map((f) => f.subjectId)).toContain(short);
    expect(province.map((f) => f.subjectId)).not.toContain(exact);
    expect(province).toEqual(county);
  });

  it('finds nothing of an asset whose funding adds up to the fen', async () => {
    const exact = await funded(['800000.00', '200000.00']);
    expect(await w.subjects('FUNDING_MISMATCH')).not.toContain(exact);
  });

  it('finds a project whose assets take one fen more than its investment, and not while they take all of it exactly', async () => {
    // Invested 1,500,000.00 from two sources.
    const project = await w.project([
      { source: 'CENTRAL_FISCAL', amount: '1200000.00' },
      { source: 'PROVINCIAL_FISCAL', amount: '300000.00' },
    ]);
    await funded(['800000.00', '200000.00'], project);
    await w.asset({ originalValue: '500000.00', funding: [{ projectId: project, source: 'CENTRAL_FISCAL', amount: '500000.00' }] });
    // The project is the county's: the check is asked of the county.
    expect(await w.subjects('FUNDING_MISMATCH', { r: COUNTY })).not.toContain(project);
    await w.asset({ originalValue: '0.01', name: '配套设施', funding: [{ projectId: project, source: 'CENTRAL_FISCAL', amount: '0.01' }] });
    const found = (await w.findings('FUNDING_MISMATCH', { r: COUNTY })).find((f) => f.subjectId === project);
    expect(found).toMatchObject({ subjectType: 'Project', amount: '0.01', asset: null, evidence: { investment: 150000000, assetsFunded: 150000001 } });
  });
});
