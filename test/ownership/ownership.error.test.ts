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
  it('never lets two owner sets hold on one day: after the owners were taken away, a new set cannot begin before that', async () => {
    const { id } = (await register({})).asset; // owned from 2019-11-01
    const emptied = await t.gql(CONFIRM, { input: { assetId: id, effectiveOn: '2021-01-01', owners: [] } }, manager);
    expect(emptied.data.confirmOwnership.userErrors).toEqual([]);
    const before = await snapshot();
    const overlapping = await t.gql(CONFIRM, { input: { assetId: id, effectiveOn: '2020-06-01', owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, manager);
    expect(overlapping.data.confirmOwnership.userErrors).toEqual([expect.objectContaining({ code: 'DATE_ORDER', field: ['input', 'effectiveOn'] })]);
    expect(overlapping.data.confirmOwnership.userErrors[0].message).toContain('2021-01-01');
    expect(await snapshot()).toEqual(before);
    const after = await t.gql(CONFIRM, { input: { assetId: id, effectiveOn: '2021-01-01', owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, manager);
    expect(after.data.confirmOwnership.userErrors).toEqual([]);
    // On no day do the rows in force add up to more than 10000 bp.
    const [most] = await t.rows<{ bp: number }>(
      `select max(s)::int as bp from (select d, sum(o.share_bp) as s from ownership o, generate_series('2019-11-01'::date, '2022-01-01'::date, '1 day') d
        where o.asset_id = ${fromGlobalId(id)!.key} and o.valid_from <= d and (o.valid_to is null or o.valid_to > d) group by d) x`,
    );
    expect(most!.bp).toBe(10000);
  });

  it('refuses a confirmation dated in the future, said where it was given', async () => {
    const { id } = (await register({})).asset;
    const before = await snapshot();
    const future = await t.gql(CONFIRM, { input: { assetId: id, owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000, confirmedOn: '2100-01-01' }] } }, manager);
    expect(future.data.confirmOwnership.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'owners', '0', 'confirmedOn'] })]);
    const registered = await register({ owners: [{ partyId: l.collectives[0]!.id, shareBp: 10000, confirmedOn: '2100-01-01' }] });
    expect(registered.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.owners.0.confirmedOn']);
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
