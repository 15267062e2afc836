import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_WRITERS, Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { CHANGE_STATUS, CONFIRM, REGISTER, UPDATE, lookups, newAsset, type Lookups } from './fixtures';

describe('the register: who may write, and scope on every read', () => {
  let t: TestContext;
  let l: Lookups;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    l = await lookups(t);
    admin = await t.token(Role.ADMIN, '522327');
  });
  afterAll(() => t.close());

  const roles = REGISTER_WRITERS;

  it.each(roles)('as %s, every register mutation → %s', async (role, code) => {
    const token = await t.tokenOrNone(role, '522327');
    const { id } = (await t.gql(REGISTER, { input: newAsset(l) }, admin)).data.registerAsset.asset;
    const before = await t.count('audit_event');
    const results = [
      await t.gql(REGISTER, { input: newAsset(l) }, token),
      await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: 'x' } }, token),
      await t.gql(CHANGE_STATUS, { input: { id, expectedVersion: code ? 1 : 2, status: 'IDLE', reason: '闲置' } }, token),
      await t.gql(CONFIRM, { input: { assetId: id, owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, token),
      await t.gql(`mutation { createProject(input: { code: "P-${role}", name: "p", year: 2024, regionCode: "522327", kind: OTHER }) { userErrors { code } } }`, {}, token),
    ];
    for (const res of results) {
      if (code) expect(errorCodes(res)).toEqual([code]);
      else expect(Object.values(res.data)[0]).toMatchObject({ userErrors: [] });
    }
    if (code) expect(await t.count('audit_event')).toBe(before);
    else expect(await t.count('audit_event')).toBe(before + results.length);
  });

  it("hides another township's assets from lists, counts, node, code lookup, owners' lists and summaries", async () => {
    const foreign = (await t.gql(REGISTER, { input: newAsset(l, { code: 'FOREIGN-1', regionCode: '522327105200', owners: [{ partyId: l.foreignCollective, shareBp: 10000 }] }) }, admin)).data
      .registerAsset.asset;
    const township = await t.token(Role.VIEWER, '522327104');
    const res = await t.gql(
      `query($id: ID!) {
        assets(first: 200) { totalCount nodes { region { code } } }
        search: assets(filter: { text: "FOREIGN" }) { totalCount }
        node(id: $id) { id }
        asset(code: "FOREIGN-1") { id }
        byId: asset(id: $id) { id }
        own: regionSummary(code: "522327104") { assetCount }
        other: regionSummary(code: "522327105") { assetCount }
        county: regionSummary(code: "522327") { assetCount }
      }`,
      { id: foreign.id },
      township,
    );
    expect(res.data.assets.nodes.every((n: { region: { code: string } }) => n.region.code.startsWith('522327104'))).toBe(true);
    expect(res.data.search.totalCount).toBe(0);
    expect(res.data.node).toBeNull();
    expect(res.data.asset).toBeNull();
    expect(res.data.byId).toBeNull();
    expect(res.data.own.assetCount).toBe(res.data.assets.totalCount);
    expect(res.data.other).toBeNull();
    expect(res.data.county).toBeNull();
  });

  it('a township manager cannot register, change or confirm outside its township', async () => {
    const manager = await t.token(Role.ASSET_MANAGER, '522327104');
    const outside = await t.gql(REGISTER, { input: newAsset(l, { regionCode: '522327105200', owners: [] }) }, manager);
    expect(outside.data.registerAsset.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE' })]);
    const foreign = (await t.gql(REGISTER, { input: newAsset(l, { regionCode: '522327105200', owners: [] }) }, admin)).data.registerAsset.asset;
    const change = await t.gql(CHANGE_STATUS, { input: { id: foreign.id, expectedVersion: 1, status: 'IDLE', reason: '越权' } }, manager);
    expect(change.data.changeAssetStatus.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const own = (await t.gql(REGISTER, { input: newAsset(l, { owners: [] }) }, manager)).data.registerAsset.asset;
    const confirm = await t.gql(CONFIRM, { input: { assetId: own.id, owners: [{ partyId: l.foreignCollective, shareBp: 10000 }] } }, manager);
    expect(confirm.data.confirmOwnership.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'owners', '0', 'partyId'] })]);
  });
});
