/** 确权 (ownership) as an asset office changes it: owner sets close and open on dates, history stays. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { CONFIRM, REGISTER, lookups, newAsset, type Lookups } from '../assets/fixtures';

describe('ownership (确权)', () => {
  let t: TestContext;
  let manager: string;
  let l: Lookups;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
    l = await lookups(t);
  });
  afterAll(() => t.close());

  it('transfers ownership: the old owners close, the new open, and any past date shows who owned it then', async () => {
    const created = (await t.gql(REGISTER, { input: newAsset(l) }, manager)).data.registerAsset.asset;
    const res = await t.gql(
      CONFIRM,
      { input: { assetId: created.id, expectedVersion: 1, effectiveOn: '2023-01-01', owners: [{ partyId: l.collectives[2]!.id, shareBp: 10000, certificateNo: '变更〔2023〕7号' }] } },
      manager,
    );
    expect(res.data.confirmOwnership.userErrors).toEqual([]);
    expect(res.data.confirmOwnership.asset).toMatchObject({ version: 2, owners: [{ shareBp: 10000, owner: { id: l.collectives[2]!.id } }] });
    const then = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Asset {
        before: owners(asOf: "2022-12-31") { owner { id } }
        after: owners(asOf: "2023-01-01") { owner { id } }
        ancient: owners(asOf: "2010-01-01") { owner { id } }
        ownershipHistory { validFrom validTo owner { id } }
      } } }`,
      { id: created.id },
      manager,
    );
    expect(then.data.node.before).toEqual([{ owner: { id: l.collectives[0]!.id } }]);
    expect(then.data.node.after).toEqual([{ owner: { id: l.collectives[2]!.id } }]);
    expect(then.data.node.ancient).toEqual([]);
    expect(then.data.node.ownershipHistory).toEqual([
      { validFrom: '2019-11-01', validTo: '2023-01-01', owner: { id: l.collectives[0]!.id } },
      { validFrom: '2023-01-01', validTo: null, owner: { id: l.collectives[2]!.id } },
    ]);
    const owned = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Party { ownedAssets(first: 200) { nodes { id } } old: ownedAssets(asOf: "2022-06-01", first: 200) { nodes { id } } } } }`,
      { id: l.collectives[2]!.id },
      manager,
    );
    expect(owned.data.node.ownedAssets.nodes).toContainEqual({ id: created.id });
    expect(owned.data.node.old.nodes).not.toContainEqual({ id: created.id });
  });
});
