/**
 * The region summary is answered from the county tally (county and wider) and from the asset
 * rows (township, village): after every kind of write, both must agree with a recount of the
 * register straight from its tables — counts, values, statuses and confirmed ownership.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { foldAssetTally } from '../../src/modules/reports/reports.service';
import { CHANGE_STATUS, CONFIRM, lookups, newAsset, REGISTER, UPDATE, type Lookups } from '../assets/fixtures';
import { Role, startTestApp, type TestContext } from '../helpers';

const SUMMARY = `query($code: DivisionCode!) { regionSummary(code: $code) {
  assetCount originalValue ownershipConfirmedCount
  byClass { key assetCount originalValue } byCategory { key assetCount originalValue } byStatus { key assetCount originalValue } } }`;

interface Figures {
  assetCount: number;
  originalValue: string;
  ownershipConfirmedCount: number;
  byClass: Record<string, [number, string]>;
  byCategory: Record<string, [number, string]>;
  byStatus: Record<string, [number, string]>;
}

const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

let t: TestContext;
let l: Lookups;
let admin: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true, demoAssets: 200 });
  l = await lookups(t);
  admin = await t.token(Role.ADMIN, '52');
});
afterAll(() => t.close());

/** What the API answers for a region, keyed for comparison. */
async function answered(code: string): Promise<Figures> {
  const res = await t.gql(SUMMARY, { code }, admin);
  expect(res.errors).toBeUndefined();
  const s = res.data.regionSummary;
  const keyed = (list: { key: string; assetCount: number; originalValue: string }[]) =>
    Object.fromEntries(list.map((b) => [b.key, [b.assetCount, b.originalValue]])) as Record<string, [number, string]>;
  return {
    assetCount: s.assetCount,
    originalValue: s.originalValue,
    ownershipConfirmedCount: s.ownershipConfirmedCount,
    byClass: keyed(s.byClass),
    byCategory: keyed(s.byCategory),
    byStatus: keyed(s.byStatus),
  };
}

/** The same figures recounted from the asset and ownership tables, behind the API's back. */
async function recounted(prefix: string): Promise<Figures> {
  const low = BigInt(prefix.padEnd(12, '0'));
  const high = low + 10n ** BigInt(12 - prefix.length);
  const rows = await t.rows<{ class: string; category: string; status: string; value: string; owned: boolean }>(
    `select class, category, status, original_value_fen::text as value,
            exists (select 1 from ownership o where o.asset_id = a.id and o.valid_to is null) as owned
     from asset a where region_code >= ${low} and region_code < ${high}`,
  );
  const by = (key: 'class' | 'category' | 'status') => {
    const totals: Record<string, [number, bigint]> = {};
    for (const r of rows) totals[r[key]] = [(totals[r[key]]?.[0] ?? 0) + 1, (totals[r[key]]?.[1] ?? 0n) + BigInt(r.value)];
    return Object.fromEntries(Object.entries(totals).map(([k, [n, v]]) => [k, [n, yuan(v)]])) as Record<string, [number, string]>;
  };
  return {
    assetCount: rows.length,
    originalValue: yuan(rows.reduce((sum, r) => sum + BigInt(r.value), 0n)),
    ownershipConfirmedCount: rows.filter((r) => r.owned).length,
    byClass: by('class'),
    byCategory: by('category'),
    byStatus: by('status'),
  };
}

/** Province, city, county (tally) and township, village (register) all agree with the recount. */
async function expectAgreement(): Promise<void> {
  for (const code of ['52', '5223', '522327', '522327104', l.collectives[0]!.village]) expect(await answered(code), code).toEqual(await recounted(code));
}

describe('region summary against a recount of the register', () => {
  it('agrees on the demo county as loaded', async () => {
    const county = await answered('522327');
    expect(county.assetCount).toBe(200);
    expect(county.ownershipConfirmedCount).toBeGreaterThan(0);
    expect(county.ownershipConfirmedCount).toBeLessThan(200);
    await expectAgreement();
  });

  it('follows registrations, updates, status changes and ownership changes', async () => {
    const manager = await t.token(Role.ASSET_MANAGER, '522327');
    const owned = (await t.gql(REGISTER, { input: newAsset(l) }, manager)).data.registerAsset.asset;
    const unowned = (await t.gql(REGISTER, { input: newAsset(l, { owners: [], assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE' }) }, manager)).data.registerAsset.asset;
    await expectAgreement();

    // A new value, class and village: the asset leaves one key and joins another.
    const moved = await t.gql(
      UPDATE,
      { input: { id: owned.id, expectedVersion: owned.version, originalValue: '1234567.89', assetClass: 'HOUSEHOLD', regionCode: l.collectives.at(-1)!.village } },
      manager,
    );
    expect(moved.data.updateAsset.userErrors).toEqual([]);
    await expectAgreement();

    const idle = await t.gql(CHANGE_STATUS, { input: { id: unowned.id, expectedVersion: unowned.version, status: 'IDLE', reason: '无人经营' } }, manager);
    expect(idle.data.changeAssetStatus.userErrors).toEqual([]);
    // Ownership confirmed, then withdrawn on another asset: the confirmed count follows both.
    const confirmed = await t.gql(CONFIRM, { input: { assetId: unowned.id, owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, manager);
    expect(confirmed.data.confirmOwnership.userErrors).toEqual([]);
    const withdrawn = await t.gql(CONFIRM, { input: { assetId: owned.id, owners: [] } }, manager);
    expect(withdrawn.data.confirmOwnership.userErrors).toEqual([]);
    await expectAgreement();
  });

  it('follows an import, and folding the tally changes no figure', async () => {
    const manager = await t.token(Role.ASSET_MANAGER, '522327');
    const file = fs.readFileSync(path.join(__dirname, '../../seeds/register-example.csv'));
    const res = await request(t.app.server).post('/import/assets').set('authorization', `Bearer ${manager}`).attach('file', file, 'register-example.csv');
    expect(res.status).toBe(200);
    const before = await answered('52');
    const changeRows = await t.count('asset_tally');
    await foldAssetTally(t.db.db);
    expect(await t.count('asset_tally')).toBeLessThan(changeRows);
    expect(await answered('52')).toEqual(before);
    await expectAgreement();
  });

  it('rewrites no row when nothing changed since the last fold (no dead tuples on a timer)', async () => {
    const manager = await t.token(Role.ASSET_MANAGER, '522327');
    const [asset] = await t.rows<{ id: number; version: number }>(`select id, version from asset where status = 'IN_USE' order by id limit 1`);
    const changed = await t.gql(CHANGE_STATUS, { input: { id: toGlobalId('Asset', asset!.id), expectedVersion: asset!.version, status: 'IDLE', reason: '折叠测试' } }, manager);
    expect(changed.data.changeAssetStatus.userErrors).toEqual([]);
    await foldAssetTally(t.db.db);
    // A row version's (ctid, xmin) changes whenever it is rewritten; a dead tuple is what is left behind.
    const versions = () => t.rows<{ v: string }>(`select ctid::text || '/' || xmin::text as v from asset_tally order by 1`);
    const settled = await versions();
    expect(settled.length).toBeGreaterThan(0);
    await foldAssetTally(t.db.db);
    await foldAssetTally(t.db.db);
    expect(await versions()).toEqual(settled);
    await expectAgreement();
  });

  it("counts a past date from the histories, not from today's tally", async () => {
    const past = await t.gql(`{ regionSummary(code: "522327", asOf: "2016-12-31") { assetCount } }`, {}, admin);
    const [registered] = await t.rows<{ n: number }>(
      `select count(*)::int as n from asset a where region_code >= 522327000000 and region_code < 522328000000
         and exists (select 1 from asset_status_change s where s.asset_id = a.id and s.effective_on <= '2016-12-31')`,
    );
    expect(past.data.regionSummary.assetCount).toBe(Number(registered!.n));
  });

  // Last: it takes the counties' rows away.
  it("answers a city and a province from their own rows of the tally, not by adding up their counties'", async () => {
    await expectAgreement();
    const [province, city] = [await answered('52'), await answered('5223')];
    expect(province.assetCount).toBeGreaterThan(0);
    await t.rows('delete from asset_tally where region_code >= 100000 returning region_code');
    expect(await answered('52')).toEqual(province);
    expect(await answered('5223')).toEqual(city);
    expect((await answered('522327')).assetCount).toBe(0);
  });
});
