/**
 * Database and process faults, each against the compiled server on its own scratch PostgreSQL
 * database, with writers registering assets while the fault strikes. What every scenario checks
 * afterwards, straight from the tables:
 * - every acknowledged registration is there, whole: its asset row, funding line, first status
 *   change and `asset.register` audit event;
 * - nothing is half there: no asset of the run lacks any of those;
 * - every refused request carried a retryable code (or never reached the server);
 * - the audit chain verifies; the server (or its restart) still answers.
 * `bench/faults.ts` runs them long; test/faults runs them short on every CI run.
 */
import net from 'node:net';
import postgres from 'postgres';
import { mintToken } from '../../src/auth/token';
import { Role } from '../../src/auth/viewer';
import { DEV_JWT_SECRET } from '../../src/config';
import { toGlobalId } from '../../src/graphql/global-id';
import { freePort, startServer, stopServer, type Started } from '../support/processes';

export interface FaultReport {
  scenario: string;
  acknowledged: number;
  failed: number;
  /** Why requests failed: error code (or NETWORK for a dropped connection) → count. */
  failures: Record<string, number>;
  /** Acknowledged registrations found whole afterwards. */
  found: number;
  /** Assets of the run missing their funding, status change or audit event. */
  halfWritten: number;
  /** Failures whose code says nothing about retrying (should be none). */
  unexpected: number;
  serverAlive: boolean;
  chainOk: boolean;
  notes: string[];
}

const VILLAGE = '522327104201';
const RETRYABLE = new Set(['DATABASE_UNAVAILABLE', 'TRANSIENT_CONFLICT', 'SHUTTING_DOWN', 'NETWORK']);
const REGISTER = `mutation Register($input: RegisterAssetInput!) { registerAsset(input: $input) { asset { id code } userErrors { code message } } }`;

/** A fresh database on the server of `adminUrl` (a copy of `template`, if given); dropped by `drop`. */
export async function scratchDatabase(adminUrl: string, label: string, template?: string): Promise<{ name: string; url: string; sql: postgres.Sql; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  const name = `fault_${label}_${process.pid}_${Date.now() % 100000}`;
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => undefined });
  return {
    name,
    url: url.toString(),
    sql,
    async drop() {
      await sql.end({ timeout: 2 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 2 });
    },
  };
}

interface Writers {
  acknowledged: string[];
  failures: Record<string, number>;
  done: Promise<void>;
  stop(): void;
}

/** `count` clients registering assets as fast as they are answered, each on a kept-alive connection. */
export function startWriters(base: () => string, token: string, prefix: string, count: number): Writers {
  const acknowledged: string[] = [];
  const failures: Record<string, number> = {};
  let stopped = false;
  const fail = (code: string) => (failures[code] = (failures[code] ?? 0) + 1);
  const writer = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      const code = `${prefix}-${w}-${i}`;
      const input = {
        code,
        name: `故障测试光伏${w}-${i}`,
        assetClass: 'OPERATING',
        category: 'PV_STATION',
        regionCode: VILLAGE,
        originalValue: '1000.00',
        funding: [{ source: 'CENTRAL_FISCAL', amount: '1000.00' }],
      };
      try {
        const res = await fetch(`${base()}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: REGISTER, variables: { input } }),
        });
        const body = (await res.json()) as { data?: { registerAsset?: { asset: { code: string } | null; userErrors: { code: string }[] } }; errors?: { extensions?: { code?: string } }[] };
        const result = body.data?.registerAsset;
        if (res.status === 200 && result?.asset) acknowledged.push(result.asset.code);
        else fail(result?.userErrors[0]?.code ?? body.errors?.[0]?.extensions?.code ?? `HTTP_${res.status}`);
      } catch {
        fail('NETWORK');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const done = Promise.all(Array.from({ length: count }, (_, w) => writer(w))).then(() => undefined);
  return { acknowledged, failures, done, stop: () => (stopped = true) };
}

/** Reads back what the run wrote, straight from the tables. */
async function verify(sql: postgres.Sql, prefix: string, acknowledged: string[]): Promise<{ found: number; halfWritten: number; missing: string[] }> {
  const assets = await sql<{ id: string; code: string; funding: number; statuses: number }[]>`
    select a.id::text, a.code,
      (select count(*)::int from asset_funding f where f.asset_id = a.id) as funding,
      (select count(*)::int from asset_status_change s where s.asset_id = a.id) as statuses
    from asset a where a.code like ${prefix + '-%'}`;
  const events = new Set((await sql<{ entity_id: string }[]>`select entity_id from audit_event where action = 'asset.register' and entity_type = 'Asset'`).map((e) => e.entity_id));
  const whole = new Set<string>();
  let halfWritten = 0;
  for (const a of assets) {
    if (a.funding === 1 && a.statuses === 1 && events.has(toGlobalId('Asset', a.id))) whole.add(a.code);
    else halfWritten++;
  }
  const missing = acknowledged.filter((code) => !whole.has(code));
  return { found: acknowledged.length - missing.length, halfWritten, missing };
}

async function chainOk(base: string): Promise<boolean> {
  const token = await mintToken(DEV_JWT_SECRET, { userId: 'fault-auditor', role: Role.AUDITOR, scope: '522327' });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ verifyAuditChain { ok } }' }),
      });
      return ((await res.json()) as { data?: { verifyAuditChain?: { ok: boolean } } }).data?.verifyAuditChain?.ok === true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500)); // a worker that just died; another answers
    }
  }
  return false;
}

async function alive(server: Started): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return false;
    try {
      return (await fetch(`http://127.0.0.1:${server.port}/healthz`)).ok;
    } catch {
      // a kept-alive connection to a worker that died: the next one goes to a live worker
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return false;
}

function report(scenario: string, writers: Writers, checked: { found: number; halfWritten: number; missing: string[] }, serverAlive: boolean, chain: boolean, notes: string[]): FaultReport {
  const failed = Object.values(writers.failures).reduce((a, b) => a + b, 0);
  const unexpected = Object.entries(writers.failures)
    .filter(([code]) => !RETRYABLE.has(code))
    .reduce((n, [, v]) => n + v, 0);
  if (checked.missing.length) notes.push(`acknowledged but not found: ${checked.missing.slice(0, 5).join(', ')}`);
  return {
    scenario,
    acknowledged: writers.acknowledged.length,
    failed,
    failures: writers.failures,
    found: checked.found,
    halfWritten: checked.halfWritten,
    unexpected,
    serverAlive,
    chainOk: chain,
    notes,
  };
}

/**
 * A database with the demo county loaded by the server itself, for the scenarios to copy: each
 * scenario's server then starts in seconds instead of seeding 2,000 assets first (which made a
 * scenario on a busy CI machine outlast its test's time limit).
 */
export async function demoCountyTemplate(adminUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const db = await scratchDatabase(adminUrl, 'template');
  try {
    await db.sql.end({ timeout: 2 }); // a template has no sessions when it is copied
    const server = await startServer(await serverEnv(db.url, 1), 180_000);
    await stopServer(server.child);
  } catch (error) {
    await db.drop();
    throw error;
  }
  return { name: db.name, drop: db.drop };
}

const serverEnv = async (url: string, workers: number) => ({ DATABASE_URL: url, WORKERS: String(workers), DEMO: 'true', LOG_LEVEL: 'warn', DB_POOL_SIZE: '6', PORT: String(await freePort()) });

/** PostgreSQL terminates the server's backends again and again while writers write. */
export async function terminateBackendsUnderWrites(adminUrl: string, options: { durationMs: number; writers: number; killEveryMs: number; workers: number; template?: string }): Promise<FaultReport> {
  const db = await scratchDatabase(adminUrl, 'terminate', options.template);
  const server = await startServer(await serverEnv(db.url, options.workers));
  const notes: string[] = [];
  try {
    const token = await mintToken(DEV_JWT_SECRET, { userId: 'fault-writer', role: Role.ASSET_MANAGER, scope: '522327' });
    const base = `http://127.0.0.1:${server.port}`;
    const prefix = `TERM${Date.now() % 100000}`;
    const writers = startWriters(() => base, token, prefix, options.writers);
    let kills = 0;
    let terminated = 0;
    const end = Date.now() + options.durationMs;
    while (Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, options.killEveryMs));
      const [row] = await db.sql<{ n: number }[]>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and application_name = 'asset-register'`;
      kills++;
      terminated += row!.n;
    }
    writers.stop();
    await writers.done;
    notes.push(`${kills} rounds of pg_terminate_backend, ${terminated} backends terminated`);
    const serverAlive = await alive(server);
    // After the storm the server serves again, on fresh connections.
    const after = startWriters(() => base, token, `${prefix}-after`, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    after.stop();
    await after.done;
    if (after.acknowledged.length === 0) notes.push('no registration succeeded after the faults stopped');
    writers.acknowledged.push(...after.acknowledged);
    const checked = await verify(db.sql, prefix, writers.acknowledged);
    return report(
      `terminate backends (${options.workers} worker${options.workers > 1 ? 's' : ''})`,
      writers,
      checked,
      serverAlive && after.acknowledged.length > 0,
      serverAlive && (await chainOk(base)),
      notes,
    );
  } finally {
    await stopServer(server.child);
    await db.drop();
  }
}

/** The server is killed outright (SIGKILL) in the middle of a write burst, then started again. */
export async function sigkillDuringWrites(adminUrl: string, options: { burstMs: number; writers: number; template?: string }): Promise<FaultReport> {
  const db = await scratchDatabase(adminUrl, 'sigkill', options.template);
  let server = await startServer(await serverEnv(db.url, 1));
  const notes: string[] = [];
  try {
    const token = await mintToken(DEV_JWT_SECRET, { userId: 'fault-writer', role: Role.ASSET_MANAGER, scope: '522327' });
    let base = `http://127.0.0.1:${server.port}`;
    const prefix = `KILL${Date.now() % 100000}`;
    const writers = startWriters(() => base, token, prefix, options.writers);
    await new Promise((resolve) => setTimeout(resolve, options.burstMs));
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    writers.stop();
    await writers.done;
    server = await startServer(await serverEnv(db.url, 1));
    base = `http://127.0.0.1:${server.port}`;
    const checked = await verify(db.sql, prefix, writers.acknowledged);
    const [orphans] = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_event where hash = ''`;
    if (orphans!.n) notes.push(`${orphans!.n} unsealed audit events`);
    return report('SIGKILL during a write burst, then restart', writers, checked, await alive(server), (await chainOk(base)) && orphans!.n === 0, notes);
  } finally {
    await stopServer(server.child);
    await db.drop();
  }
}

/** With WORKERS=2, one worker is killed again and again; the primary replaces it and the port keeps answering. */
export async function workerCrashes(adminUrl: string, options: { durationMs: number; writers: number; killEveryMs: number; template?: string }): Promise<FaultReport> {
  const db = await scratchDatabase(adminUrl, 'workers', options.template);
  const server = await startServer(await serverEnv(db.url, 2));
  const notes: string[] = [];
  try {
    const token = await mintToken(DEV_JWT_SECRET, { userId: 'fault-writer', role: Role.ASSET_MANAGER, scope: '522327' });
    const base = `http://127.0.0.1:${server.port}`;
    const prefix = `WRK${Date.now() % 100000}`;
    const writers = startWriters(() => base, token, prefix, options.writers);
    let kills = 0;
    const end = Date.now() + options.durationMs;
    while (Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, options.killEveryMs));
      const children = (await import('node:fs')).readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      if (children.length) {
        process.kill(children[0]!, 'SIGKILL');
        kills++;
      }
    }
    writers.stop();
    await writers.done;
    const restarted = () => (server.output().match(/a server process stopped; starting another/g) ?? []).length;
    for (let waited = 0; restarted() < kills && waited < 10_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 4000)); // the back-off of the last restart
    const restarts = restarted();
    notes.push(`${kills} workers killed, ${restarts} restarted`);
    const checked = await verify(db.sql, prefix, writers.acknowledged);
    const serverAlive = (await alive(server)) && restarts === kills;
    return report('worker crashes (WORKERS=2)', writers, checked, serverAlive, await chainOk(base), notes);
  } finally {
    await stopServer(server.child);
    await db.drop();
  }
}

/**
 * PostgreSQL is unreachable when the server starts: it says so and retries, and comes up once
 * PostgreSQL can be reached (here: a TCP proxy to it that starts listening later).
 */
export async function unreachableAtStart(adminUrl: string, options: { unreachableMs: number }): Promise<{ waitedMessages: number; cameUp: boolean; output: string }> {
  const db = await scratchDatabase(adminUrl, 'unreachable');
  const target = new URL(adminUrl);
  const port = await freePort();
  const proxied = new URL(db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const starting = startServer({ ...(await serverEnv(proxied.toString(), 1)), LOG_LEVEL: 'info', DEMO: 'false' }, 120_000); // coming up is the point, not the demo county (thousands of statements through the proxy)
  starting.catch(() => undefined); // awaited below; an early failure must not go unhandled meanwhile
  let server: Started | undefined;
  try {
    await new Promise((resolve) => setTimeout(resolve, options.unreachableMs));
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    server = await starting;
    const output = server.output();
    return { waitedMessages: (output.match(/is unreachable .*retrying in/g) ?? []).length, cameUp: await alive(server), output };
  } finally {
    if (server) await stopServer(server.child);
    else await starting.then((s) => stopServer(s.child)).catch(() => undefined);
    proxy.close();
    await db.drop();
  }
}
