/** Ownership rules broken: a userError and nothing written; concurrent owner sets keep 10000 bp. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../src/graphql/global-id';
import { Role, startTestApp, type TestContext } from '../helpers';
import { CONFIRM, REGISTER, lookups, newAsset, type Lookups } from '../assets/fixtures';

const TABLES = ['asset', 'asset_funding', 'asset_status_change', 'ownership', 'audit_event'];

describe('ownership refuses what breaks its rules', () => {
  let t: TestContext;
  let manager: string;
  let l: Lookups;
  const snapshot = async () => Promise.all(TABLES.map((table) => t.count(table)));
  const register = async (overrides: Record<string, unknown>) => (await t.gql(REGISTER, { input: newAsset(l, overrides) }, manager)).data.registerAsset;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
    l = await lookups(t);
  });
  afterAll(() => t.close());

  it('refuses an ownership change dated before the current owners began', async () => {
    const { id } = (await register({})).asset;
    const before = await snapshot();
    const res = await t.gql(CONFIRM, { input: { assetId: id, effectiveOn: '2019-01-01', owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, manager);
    expect(res.data.confirmOwnership.userErrors).toEqual([expect.objectContaining({ code: 'DATE_ORDER', field: ['input', 'effectiveOn'] })]);
    const bad = await t.gql(CONFIRM, { input: { assetId: id, owners: [{ partyId: l.collectives[1]!.id, shareBp: 7000 }] } }, manager);
    expect(bad.data.confirmOwnership.userErrors).toEqual([expect.objectContaining({ code: 'SHARES_NOT_10000' })]);
    expect(await snapshot()).toEqual(before);
  });
  it('keeps the shares at exactly 10000 under concurrent confirmations', async () => {
    const { id } = (await register({})).asset;
    const sets = [0, 1, 2, 3].map((i) => [
      { partyId: l.collectives[i]!.id, shareBp: 5000 },
      { partyId: l.collectives[i + 1]!.id, shareBp: 5000 },
    ]);
    const results = await Promise.all(sets.map((owners) => t.gql(CONFIRM, { input: { assetId: id, owners } }, manager)));
    expect(results.every((r) => r.data.confirmOwnership.userErrors.length === 0)).toBe(true);
    const open = await t.rows(`select sum(share_bp)::int as total, count(*)::int as n from ownership where valid_to is null and asset_id = ${fromGlobalId(id)!.key}`);
    expect(open[0]).toEqual({ total: 10000, n: 2 });
  });
});
