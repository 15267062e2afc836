/**
 * No N+1: a page of assets with owners, funding projects, village and township costs the same
 * number of SQL statements for 10 rows as for 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { assetPage } from './fixtures';

const PAGE = assetPage('OPERATING');

const DETAIL = `query($code: String!) {
  asset(code: $code) {
    code fundingTotal
    region { name parent { name parent { name } } }
    funding { amount project { code name year } }
    owners { shareBp owner { name } }
    ownershipHistory { shareBp validFrom validTo owner { name } }
    statusChanges { toStatus reason }
    history(first: 100) { totalCount nodes { kind ownership { shareBp } auditEvent { action } } }
  }
}`;

describe('SQL statements per request', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 1200 });
    token = await t.token(Role.VIEWER, '522327');
  });
  afterAll(() => t.close());

  async function statementsFor(first: number): Promise<{ count: number; rows: number }> {
    t.db.statements.length = 0;
    const res = await t.gql(PAGE, { first }, token);
    expect(res.errors).toBeUndefined();
    return { count: t.db.statements.length, rows: res.data.assets.nodes.length };
  }

  it('is the same small number for 10 and 200 assets', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(200);
    expect(small.rows).toBe(10);
    expect(large.rows).toBe(200);
    expect(large.count).toBe(small.count);
    // page, count, owners with their parties, funding with its projects, villages with the
    // regions above them: related rows come joined, never one statement per level.
    expect(small.count).toBe(5);
  });

  it("answers an asset's detail and timeline in one statement per kind of row", async () => {
    const auditor = await t.token(Role.AUDITOR, '522327');
    const { code } = (await t.rows<{ code: string }>('select code from asset order by id limit 1'))[0]!;
    t.db.statements.length = 0;
    const res = await t.gql(DETAIL, { code }, auditor);
    expect(res.errors).toBeUndefined();
    expect(res.data.asset.region.parent.parent.name).toBe('册亨县');
    // asset, regions (with those above), funding with projects, owners today with their parties,
    // ownership history with parties and status changes (each shared with the timeline), audit
    // events, and custody's four kinds of row on the timeline (assignments with custodians,
    // duties, maintenance records, stocktake results), then its contracts, its income records,
    // the plans holding its income with the plans and their payments, its disposals and the
    // audit findings about it
    expect(t.db.statements.length).toBe(18);
  });
});
