/**
 * A read by keys has a statement of its own for a single key (db/prepared `KeyIn`): `= $n`
 * instead of `= any($n[])`, so PostgreSQL keeps one generic plan for an asset's detail instead
 * of planning each of its statements again on every request. The two must answer alike: the
 * same rows for the key, within the viewer's scope, whichever came first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';

const COUNTY = '522327';
const DETAIL = `query($code: String!) {
  asset(code: $code) {
    code region { name parent { name code } }
    funding { amount project { code } }
    ownershipHistory { shareBp validFrom owner { name } }
    statusChanges { toStatus effectiveOn }
  }
}`;
const PAGE = `query {
  assets(first: 200, filter: { region: "${COUNTY}" }, orderBy: { field: CODE, direction: ASC }) {
    nodes { code region { name parent { name code } } funding { amount project { code } } ownershipHistory { shareBp validFrom owner { name } } statusChanges { toStatus effectiveOn } }
  }
}`;

type Detail = { code: string; region: { parent: { code: string } }; statusChanges: unknown[]; funding: unknown[]; ownershipHistory: unknown[] };

describe('reads by one key', () => {
  let t: TestContext;
  let auditor: string;
  let page: Detail[];
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    auditor = await t.token(Role.AUDITOR, COUNTY);
    const res = await t.gql(PAGE, {}, auditor);
    expect(res.errors).toBeUndefined();
    page = res.data.assets.nodes;
  });
  afterAll(() => t.close());

  it("answers one asset's detail with statements for one key, as a page of many answers it", async () => {
    // Assets with status changes, funding and owners, so every one-key statement returns rows.
    const full = page.filter((a) => a.statusChanges.length > 0 && a.funding.length > 0 && a.ownershipHistory.length > 0).slice(0, 3);
    expect(full.length).toBeGreaterThan(0);
    for (const asset of full) {
      t.db.statements.length = 0;
      // Twice: the first builds the one-key statements, the second runs them as built.
      for (let i = 0; i < 2; i++) {
        const res = await t.gql(DETAIL, { code: asset.code }, auditor);
        expect(res.errors).toBeUndefined();
        expect(res.data.asset).toEqual(asset);
      }
      const oneKey = t.db.statements.filter((s) => /\/\* (assetsByCodes|fundingWithProjects|ownershipHistory|statusChangesByAssetIds) \*\//.test(s));
      expect(oneKey).toHaveLength(8);
      for (const text of oneKey) {
        expect(text).not.toMatch(/"(asset_id|code)" = any\(/);
        expect(text).toMatch(/"(asset_id|code)" = \$\d+::(bigint|text)\b/);
      }
    }
  });

  it('keeps the scope in the statement for one key', async () => {
    const township = page[0]!.region.parent.code;
    const inside = page.find((a) => a.region.parent.code === township)!;
    const outside = page.find((a) => a.region.parent.code !== township)!;
    const townshipAuditor = await t.token(Role.AUDITOR, township);
    for (let i = 0; i < 2; i++) {
      const own = await t.gql(DETAIL, { code: inside.code }, townshipAuditor);
      expect(own.data.asset).toEqual(inside);
      const hidden = await t.gql(DETAIL, { code: outside.code }, townshipAuditor);
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data.asset).toBeNull();
    }
  });
});
