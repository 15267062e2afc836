/** 扶贫项目 (projects) as the county reads them: funding by source, investment, the assets they paid for. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { lookups, type Lookups } from '../assets/fixtures';

describe('projects', () => {
  let t: TestContext;
  let manager: string;
  let l: Lookups;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
    l = await lookups(t);
  });
  afterAll(() => t.close());

  it("shows a project's funding, investment and the assets it paid for", async () => {
    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Project { code year funding { source amount } totalInvestment assetFundingTotal assets(first: 3) { totalCount nodes { code } } } } }`,
      { id: l.projectId },
      manager,
    );
    const p = res.data.node;
    const sum = p.funding.reduce((s: bigint, f: { amount: string }) => s + BigInt(f.amount.replace('.', '')), 0n);
    expect(BigInt(p.totalInvestment.replace('.', ''))).toBe(sum);
    expect(p.assets.totalCount).toBeGreaterThan(0);
    const byCode = await t.gql(`query($code: String!) { project(code: $code) { id } }`, { code: p.code }, manager);
    expect(byCode.data.project.id).toBe(l.projectId);
  });
});
