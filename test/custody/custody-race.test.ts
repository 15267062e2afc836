/**
 * At most one open custody per asset, under races: 20 assignments of one asset at once through
 * the API (they queue on the asset's lock, each closing the one before), and 20 raw inserts at
 * once behind the API's back (the database's partial unique index lets exactly one through).
 * Concurrent on PostgreSQL (TEST_DATABASE_URL); PGlite runs them one after another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';
import { ASSIGN, custodyWorld, type CustodyWorld } from './fixtures';

describe('one open custody per asset, under races', () => {
  let t: TestContext;
  let w: CustodyWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 30 });
    w = await custodyWorld(t);
  });
  afterAll(() => t.close());

  const keyOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);

  it('20 racing assignCustodian calls leave one open assignment and a gapless history', async () => {
    const assetId = await w.road();
    const custodians = Array.from({ length: 20 }, (_, i) => w.l.collectives[i % w.l.collectives.length]!.id);
    const results = await Promise.all(custodians.map((custodianId, i) => t.gql(ASSIGN, { input: { assetId, custodianId, responsiblePerson: `管护员${i}` } }, w.manager)));
    for (const r of results) expect(r.errors ?? r.data.assignCustodian.userErrors).toEqual([]);
    const rows = await t.rows<{ valid_from: string; valid_to: string | null }>(`select valid_from::text, valid_to::text from custody_assignment where asset_id = ${keyOf(assetId)} order by id`);
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.valid_to === null)).toHaveLength(1);
    expect(rows.at(-1)!.valid_to).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.valid_to).toBe(rows[i]!.valid_from);
    const [events] = await t.rows(`select count(*)::int as n from audit_event where action = 'custody.assign' and entity_id = '${assetId}'`);
    expect(events.n).toBe(20);
  });

  it('20 racing raw inserts of an open assignment: the database lets exactly one through', async () => {
    const assetId = await w.road();
    const party = w.partyKey(w.l.collectives[0]!.id);
    const insert = `insert into custody_assignment (asset_id, region_code, custodian_party_id, valid_from) select id, region_code, ${party}, '2026-01-01' from asset where id = ${keyOf(assetId)}`;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => t.rows(insert)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(String((o.reason as Error).cause ?? o.reason)).toMatch(/custody_one_open_per_asset/);
  });
});
