/**
 * `withinScope` (the scope as a filter only, for reads led by one key) admits exactly the codes
 * `inScope` admits: every level of scope, both bounds, and nothing for an anonymous caller.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope, scopeRange, withinScope } from '../../src/auth/scope';
import { Role, type Viewer } from '../../src/auth/viewer';
import { queryRows } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
});
afterAll(() => db.close());

const viewers: Viewer[] = ['52', '5223', '522327', '522327104', '522327104201'].map((scope) => ({ role: Role.AUDITOR, scope, userId: 'u' }) as Viewer);
viewers.push({ role: null, scope: '', userId: '' } as unknown as Viewer);

describe('the scope as a filter', () => {
  it('admits the codes the scope range admits, at both bounds, for every level and for nobody', async () => {
    const bounds = viewers.filter((v) => v.role !== null).flatMap((v) => scopeRange(v));
    const codes = [0, 1, 999999999999, ...bounds.flatMap((b) => [b - 1, b, b + 1])];
    const list = sql.join(
      codes.map((c) => sql`(${c}::bigint)`),
      sql`, `,
    );
    for (const viewer of viewers) {
      const code = sql.raw('v.code');
      const rows = await queryRows<{ code: string; range: boolean; filter: boolean }>(
        db.db,
        sql`/* testScopeFilter */ select v.code::text as code, ${inScope(code, viewer)} as range, ${withinScope(code, viewer)} as filter from (values ${list}) as v(code)`,
      );
      expect(rows).toHaveLength(codes.length);
      for (const row of rows) expect([row.code, row.filter]).toEqual([row.code, row.range]);
      if (viewer.role === null) expect(rows.every((r) => r.filter === false)).toBe(true);
      else expect(rows.some((r) => r.filter)).toBe(true);
    }
  });
});
