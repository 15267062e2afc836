/**
 * The demo county, seeded once per test run and size, then copied for every test file that asks
 * for it. Seeding was most of a file's setup (seconds per file, over a thousand seconds of a
 * run); copying takes well under one. The first file to ask for a size builds it under a lock
 * while the others wait, then all copy it (PGlite: a dump of the seeded data folder; PostgreSQL:
 * a template database). Kept for one run only: the seed dates its records from today.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SettableClock } from '../../src/clock';
import { openDatabase, wrapPglite, type Db } from '../../src/db/client';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../../src/db/transaction';

/** Where this run keeps its seeded PGlite dumps, and the prefix of its PostgreSQL templates. */
export interface DemoTemplates {
  runDir: string;
  prefix: string;
}

/** Below the hooks' 120 s: a file that cannot get its template says so rather than timing out. */
const WAIT_MS = 100_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** For test/global-setup.ts: a place for this run's templates, and the teardown that removes them. */
export async function demoTemplatesForRun(url: string | undefined, cacheDir: string): Promise<{ templates: DemoTemplates; teardown: () => Promise<void> }> {
  const runDir = path.join(cacheDir, `run-${process.pid}`);
  for (const stale of fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.startsWith('run-')) : [])
    if (!pidAlive(Number(stale.slice(4)))) fs.rmSync(path.join(cacheDir, stale), { recursive: true, force: true });
  fs.rmSync(runDir, { recursive: true, force: true }); // a crashed run's, should its pid have come round again
  fs.mkdirSync(runDir, { recursive: true });
  const prefix = `test_demo_${process.pid}_`;
  return {
    templates: { runDir, prefix },
    async teardown() {
      fs.rmSync(runDir, { recursive: true, force: true });
      if (!url) return;
      const { default: postgres } = await import('postgres');
      const admin = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        // This run's templates, and those of runs that were killed before their teardown.
        for (const { datname } of await admin<{ datname: string }[]>`select datname from pg_database where datname like 'test\\_demo\\_%'`) {
          const pid = Number(datname.split('_')[2]);
          if (datname.startsWith(prefix) || !pidAlive(pid)) await admin.unsafe(`drop database if exists ${datname} with (force)`);
        }
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The template a test database with the demo county of `assets` assets starts from: built by the
 * first caller of the run, waited for by the others. `migrated` is the run's migrated template.
 */
export async function demoTemplate(url: string | undefined, migrated: string, assets: number, dataKey: string, templates: DemoTemplates): Promise<string> {
  const key = `${assets}_${createHash('sha256').update(dataKey).digest('hex').slice(0, 8)}`;
  return url ? postgresTemplate(url, migrated, key, assets, dataKey, templates.prefix) : pgliteTemplate(migrated, key, assets, dataKey, templates.runDir);
}

/** Loaded only where a template is built: the seeds need the type metadata that test/setup.ts loads, global setup does not. */
async function seed(db: Db, assets: number, dataKey: string): Promise<void> {
  const [{ loadDemoCounty }, { PersonalDataCipher }] = await Promise.all([import('../../seeds/demo-county'), import('../../src/modules/parties/personal-data')]);
  await loadDemoCounty(db, new PersonalDataCipher(dataKey), new SettableClock(), assets);
}

async function pgliteTemplate(migrated: string, key: string, assets: number, dataKey: string, runDir: string): Promise<string> {
  const file = path.join(runDir, `demo-${key}.tar`);
  const lock = `${file}.lock`;
  for (const started = Date.now(); Date.now() - started < WAIT_MS; await sleep(200)) {
    if (fs.existsSync(file)) return file;
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    } catch {
      // Another file is building it, unless the process that took the lock died doing so.
      const holder = Number(fs.existsSync(path.join(lock, 'pid')) ? fs.readFileSync(path.join(lock, 'pid'), 'utf8') : NaN);
      if (Number.isInteger(holder) && !pidAlive(holder)) fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    try {
      if (fs.existsSync(file)) return file; // built while we waited for the lock
      const { PGlite } = await import('@electric-sql/pglite');
      const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(migrated)]) });
      const database = await wrapPglite(client, DEFAULT_STATEMENT_TIMEOUT_MS);
      await seed(database.db, assets, dataKey);
      const dump = await client.dumpDataDir('none');
      await client.close();
      fs.writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(`${file}.part`, file);
      return file;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`the demo template of ${assets} assets was not built within ${WAIT_MS / 1000} s`);
}

async function postgresTemplate(url: string, migrated: string, key: string, assets: number, dataKey: string, prefix: string): Promise<string> {
  const name = `${prefix}${key}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    // One session holds the lock while it builds; the others wait on it, then find the template.
    await admin`select pg_advisory_lock(hashtext(${name}))`;
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      await admin.unsafe(`drop database if exists ${name}_building with (force)`);
      await admin.unsafe(`create database ${name}_building template ${migrated}`);
      const target = new URL(url);
      target.pathname = `/${name}_building`;
      const database = await openDatabase({ url: target.toString(), poolSize: 2, migrate: false });
      try {
        await seed(database.db, assets, dataKey);
      } finally {
        await database.close();
      }
      await admin.unsafe(`alter database ${name}_building rename to ${name}`);
    }
    return name;
  } finally {
    await admin.end({ timeout: 5 }); // ending the session releases the lock
  }
}
