/**
 * withParallelReport (db/transaction.ts): report work on several connections that read one
 * snapshot. On PostgreSQL each lane is its own session and all see the register as the first one
 * saw it, whatever commits meanwhile; one such report runs at a time per process (lanes never wait
 * on one another for connections); a lane's failure fails the report and frees every lane. On the
 * embedded database, one session, there is one lane.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database';
import { withParallelReport } from '../../src/db/transaction';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_DATABASE_URL || undefined);
  await db.db.execute(sql`/* testLanesTable */ create table lane_probe (n int)`);
});
afterAll(() => db.close());

const count = async (tx: TestDatabase['db']) => Number((await queryRows<{ n: number }>(tx, sql`/* testLaneCount */ select count(*)::int as n from lane_probe`))[0]!.n);
const backend = async (tx: TestDatabase['db']) => Number((await queryRows<{ pid: number }>(tx, sql`/* testLanePid */ select pg_backend_pid() as pid`))[0]!.pid);

describe('parallel report lanes', () => {
  it.skipIf(!onServer)('read one snapshot on separate sessions, whatever commits meanwhile (PostgreSQL)', async () => {
    const seen = await withParallelReport(db.db, 2, async ([a, b]) => {
      const before = await count(a!);
      await db.db.execute(sql`/* testLaneInsert */ insert into lane_probe values (1)`);
      return { before, other: await count(b!), pids: [await backend(a!), await backend(b!)] };
    });
    expect(seen.other).toBe(seen.before);
    expect(new Set(seen.pids).size).toBe(2);
    expect(await count(db.db)).toBe(seen.before + 1);
  });

  it.skipIf(!onServer)('runs one parallel report at a time: another meanwhile gets one lane (PostgreSQL)', async () => {
    const lanesMeanwhile = await withParallelReport(db.db, 2, async (lanes) => {
      expect(lanes).toHaveLength(2);
      return withParallelReport(db.db, 2, async (others) => others.length);
    });
    expect(lanesMeanwhile).toBe(1);
  });

  it.skipIf(!onServer)('fails as a whole when a lane fails, and frees its connections (PostgreSQL)', async () => {
    await expect(withParallelReport(db.db, 2, async ([, b]) => queryRows(b!, sql`/* testLaneFails */ select 1 / 0`))).rejects.toThrow(/testLaneFails/);
    // Nothing is left open: a report still runs on both lanes.
    expect(await withParallelReport(db.db, 2, async (lanes) => lanes.length)).toBe(2);
    const open = await queryRows<{ n: number }>(db.db, sql`/* testLanesIdle */ select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`);
    expect(Number(open[0]!.n)).toBe(0);
  });

  it.skipIf(onServer)('is one lane on the embedded database', async () => {
    expect(await withParallelReport(db.db, 2, async (lanes) => lanes.length)).toBe(1);
  });
});
