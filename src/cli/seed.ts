/**
 * Builds a register of N assets: `npm run seed -- --assets N [--per-county 12000] [--shard K/S]`.
 * The demo county first (DEMO_ASSETS, 2,000 by default), then synthetic counties of `--per-county` assets until
 * N are registered. Deterministic, idempotent (counties already there are skipped), and written
 * with multi-row inserts, one transaction per county. Targets DATABASE_URL or the PGlite folder.
 * On PostgreSQL, S processes run with --shard 0/S … S-1/S load the counties between them (each
 * takes every S-th; shard 0 also the demo), one core each; together they stop once N are there.
 */
import 'reflect-metadata';
import { sql } from 'drizzle-orm';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, queryRows } from '../db/client';
import { PersonalDataCipher } from '../modules/parties/personal-data';
import { foldAssetTally } from '../modules/reports/reports.service';
import { commandArgs, failCommand } from './args';
import { ensureDemoCounty, seedCountyParties } from '../../seeds/demo-county';
import { generateCountyRegister } from '../../seeds/register-generator';
import { syntheticCountyCode, syntheticRegions } from '../../seeds/synthetic-county';

async function main(): Promise<void> {
  const { values } = commandArgs('usage: npm run seed -- [--assets N] [--per-county 12000] [--shard K/S]', {
    assets: { type: 'string', default: '2000' },
    'per-county': { type: 'string', default: '12000' },
    shard: { type: 'string', default: '0/1' },
  });
  const target = Number(values.assets);
  const perCounty = Number(values['per-county']);
  if (!Number.isInteger(target) || target < 0 || !Number.isInteger(perCounty) || perCounty < 1) throw new ConfigError('--assets takes a whole number, --per-county one above 0');
  const [shard, shards] = (/^(\d+)\/(\d+)$/.exec(values.shard!) ?? []).slice(1).map(Number);
  if (shard === undefined || shards === undefined || shards < 1 || shard >= shards) throw new ConfigError('--shard takes K/S with 0 ≤ K < S, e.g. 0/2 and 1/2 in two processes');
  const config = loadConfig(process.env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, statementTimeoutMs: 0, migrate: true });
  const cipher = new PersonalDataCipher(config.dataKey);
  const started = Date.now();
  try {
    const countOf = async () => Number((await queryRows<{ n: number }>(database.db, sql`/* seedCount */ select count(*)::int as n from asset`))[0]?.n ?? 0);
    const before = await countOf();
    if (shard === 0) await ensureDemoCounty(database.db, cipher, systemClock, config.demoAssets); // once, not raced by the other shards
    let total = await countOf();
    let analyzedAt = total;
    for (let index = shard; total < target; index += shards) {
      const code = Number(syntheticCountyCode(index).padEnd(12, '0'));
      const [exists] = await queryRows(database.db, sql`/* seedCountyExists */ select 1 from region where code = ${code}`);
      if (exists) {
        // Parties and register are written in two transactions: a seed stopped between them leaves a county without assets.
        const [registered] = await queryRows(database.db, sql`/* seedCountyHasAssets */ select 1 from asset where region_code >= ${code} and region_code < ${code + 1_000_000} limit 1`);
        if (!registered)
          process.stdout.write(`county ${syntheticCountyCode(index)}: its regions and parties are here without assets (a seed stopped inside it): skipped; seed a fresh database to have it whole\n`);
        continue;
      }
      const t0 = Date.now();
      const county = await seedCountyParties(database.db, cipher, systemClock, syntheticRegions(index), 1000 + index, 2);
      const added = await generateCountyRegister(database.db, systemClock, county, Math.min(perCounty, target - total), 1000 + index);
      total = await countOf(); // with the other shards' counties
      process.stdout.write(`county ${syntheticCountyCode(index)}: ${added} assets in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${total} in all\n`);
      // Statistics each time the register has doubled: with autovacuum off or behind, the
      // planner would otherwise plan every county's statements (and every reader's meanwhile)
      // for the register as it was (a lookup of one asset's income ANDed a range over the whole
      // province into it: 0.4 ms became 450 ms by the eighth county).
      if (total >= 2 * analyzedAt) {
        await queryRows(database.db, sql`/* seedAnalyze */ analyze`);
        analyzedAt = total;
      }
    }
    await foldAssetTally(database.db);
    await queryRows(database.db, sql`/* seedAnalyze */ analyze`);
    const note = total === before ? ` (already at least the ${target} asked for: nothing added)` : '';
    process.stdout.write(`${total} assets${note}; took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => failCommand('seed', error));
