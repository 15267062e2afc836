/**
 * No N+1 in custody: a page of assets listing custodian and next due duty costs one statement
 * more than the same page without them (the Q1 shape), for 10 rows as for 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPage } from '../assets/fixtures';
import { Role, startTestApp, type TestContext } from '../helpers';

const Q1 = assetPage('PUBLIC_WELFARE');
const Q6 = assetPage('PUBLIC_WELFARE', 'custody { validFrom responsiblePerson custodian { name kind } } nextDuty { kind nextDueOn }');

describe('statements per request with custody', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 1200 });
    token = await t.token(Role.VIEWER, '522327');
  });
  afterAll(() => t.close());

  async function statementsFor(query: string, first: number): Promise<number> {
    t.db.statements.length = 0;
    const res = await t.gql(query, { first }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.assets.nodes).toHaveLength(first);
    if (query === Q6) expect(res.data.assets.nodes.filter((n: { custody: unknown }) => n.custody).length).toBeGreaterThan(first / 2);
    return t.db.statements.length;
  }

  it('is Q1 plus one, for 10 and for 200 assets', async () => {
    const q1 = await statementsFor(Q1, 10);
    expect(await statementsFor(Q1, 200)).toBe(q1);
    expect(await statementsFor(Q6, 10)).toBe(q1 + 1);
    expect(await statementsFor(Q6, 200)).toBe(q1 + 1);
  });

  it('lists overdue duties with asset, village and custodian in a fixed number of statements', async () => {
    const q = `query($first: Int!) { overdueDuties(first: $first) { nodes { daysOverdue duty { kind } asset { code } village { name parent { name } } custodian { name } } } }`;
    const counts: number[] = [];
    for (const first of [5, 100]) {
      t.db.statements.length = 0;
      const res = await t.gql(q, { first }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data.overdueDuties.nodes.length).toBeGreaterThan(first === 5 ? 4 : 20);
      counts.push(t.db.statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
