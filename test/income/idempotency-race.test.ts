/**
 * 50 simultaneous recordIncome calls with one idempotency key write exactly one record, and
 * every caller gets that record back (concurrent on PostgreSQL; PGlite runs them in turn).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';
import { RECORD_INCOME, incomeWorld, type IncomeWorld } from './fixtures';

describe('idempotency under races', () => {
  let t: TestContext;
  let w: IncomeWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await incomeWorld(t);
  });
  afterAll(() => t.close());

  it('writes one record for 50 concurrent calls with one key', async () => {
    const assetId = await w.station();
    const input = { assetId, kind: 'RENT', amount: '888.88', receivedOn: '2026-01-05', accountType: 'VILLAGE_COLLECTIVE', idempotencyKey: 'race-2026-01-05' };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql(RECORD_INCOME, { input }, w.finance)));
    for (const r of results) expect(r.errors ?? r.data.recordIncome.userErrors).toEqual([]);
    const ids = new Set(results.map((r) => r.data.recordIncome.incomeRecord.id));
    expect(ids.size).toBe(1);
    const [rows] = await t.rows(`select count(*)::int as n from income_record where asset_id = ${w.key(assetId)}`);
    expect(rows.n).toBe(1);
    const [events] = await t.rows(`select count(*)::int as n from audit_event where action = 'income.record' and entity_id = '${assetId}'`);
    expect(events.n).toBe(1);
  });
});
