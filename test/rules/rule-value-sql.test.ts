/**
 * ruleValueSql (a rule in force per row, for statements over many counties) answers what
 * rulesInForce answers in TypeScript: the most specific of county, city and province, the latest
 * start on or before the date, the default without overrides; other subjects never count.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { rulesInForce, ruleValueSql } from '../../src/modules/rules/rules.service';
import { startTestApp, type TestContext } from '../helpers';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
  // Overrides behind the API's back (on an empty register: its regions first), at every level
  // and on several dates.
  await t.rows(`insert into region (code, name, level, parent_code) values (520000000000, '贵州省', 'PROVINCE', null),
    (522300000000, '黔西南州', 'CITY', 520000000000), (522327000000, '册亨县', 'COUNTY', 522300000000)`);
  await t.rows(`insert into rule_parameter (name, subject, region_code, value, valid_from) values
    ('INCOME_GRACE_DAYS', '', 520000000000, 40, '2024-01-01'),
    ('INCOME_GRACE_DAYS', '', 522300000000, 50, '2025-01-01'),
    ('INCOME_GRACE_DAYS', '', 522327000000, 60, '2025-06-01'),
    ('INCOME_GRACE_DAYS', '', 522327000000, 70, '2026-01-01'),
    ('INCOME_GRACE_DAYS', 'ignored-subject', 522327000000, 99, '2023-01-01'),
    ('IDLE_DAYS', '', 522327000000, 5, '2020-01-01')`);
});
afterAll(() => t?.close());

describe('ruleValueSql', () => {
  it('gives each region the value rulesInForce gives, on every date', async () => {
    const regions = [522327104001, 522327104000, 522327000000, 522301000000, 522300000000, 520000000000];
    for (const asOf of ['2023-06-01', '2024-01-01', '2025-03-01', '2025-06-01', '2025-12-31', '2026-01-01']) {
      for (const name of ['INCOME_GRACE_DAYS', 'IDLE_DAYS', 'INCOME_UNALLOCATED_DAYS'] as const) {
        const [row] = await queryRows<{ values: number[] }>(
          t.db.db,
          sql`/* testRuleValueSql */ select array_agg(${ruleValueSql(name, sql`c`, asOf)} order by o) as values from unnest(${sql.param(regions)}::bigint[]) with ordinality as u(c, o)`,
        );
        const expected = await Promise.all(regions.map(async (code) => (await rulesInForce(t.db.db, code, asOf)).get(name)));
        expect(row!.values.map(Number), `${name} on ${asOf}`).toEqual(expected);
      }
    }
  });
});
