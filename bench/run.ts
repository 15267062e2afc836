/**
 * The benchmark harness: `npm run bench -- [--assets 1000000] [--duration 15] [--warmup 5]
 * [--runs 3] [--connections 20] [--workers <cores>] [--pool 10] [--skip-seed] [--skip-peers]
 * [--only Q1,M1] [--growth <database URL>]`. It seeds (or reuses) N assets on BENCH_DATABASE_URL,
 * starts the compiled API in production mode and the raw-SQL limit server, drives each scenario
 * in bench/operations with autocannon, and writes bench/results/<date>.json and .md: requests/s,
 * latency, errors, SQL statements per request (from /metrics), server and database CPU per
 * request, and the server's peak RSS. PostGraphile 4 (bench/peers, installed there on first use;
 * --skip-peers leaves it out) answers Q1 and Q2 beside the API, after a check that every server
 * returns the same rows. `--growth <database URL>` runs Q1–Q4 in the same rounds on a second API
 * over a database of another size (issue 14: what grows with the data, not with the page) and
 * writes bench/results/<date>-growth.md and .json with each query's p99 on the larger ÷ the smaller.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { mintToken } from '../src/auth/token';
import { Role } from '../src/auth/viewer';
import { commandArgs, failCommand } from '../src/cli/args';
import { ConfigError, SERVER_HEAP_FLAGS } from '../src/config';
import { DEFAULT_STATEMENT_TIMEOUT_MS, REPORT_STATEMENT_TIMEOUT_MS } from '../src/db/transaction';
import { projectRoot } from '../src/paths';
import { freePort } from './support/processes';

const root = projectRoot();
const SECRET = 'bench-only-secret-0123456789abcdef0123456789';
const DATA_KEY = 'bench-only-data-key-0123456789abcdef012345';
const METRICS_TOKEN = 'bench-only-metrics-token';

/** Waits until `url` answers 2xx (a GET, or the request given: PostGraphile has no health route). */
async function waitFor(url: string, child: ChildProcess, output: () => string, probe?: RequestInit): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited:\n${output()}`);
    try {
      if ((await fetch(url, probe)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up:\n${output()}`);
}

function start(script: string, env: Record<string, string>, nodeFlags: string[] = []): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, script)], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output = (output + c).slice(-5000)));
  child.stderr!.on('data', (c) => (output = (output + c).slice(-5000)));
  return { child, output: () => output };
}

const peersDir = path.join(root, 'bench', 'peers');

/** The peers' own node_modules (graphql 15 for PostGraphile 4), installed from their lockfile. */
function installPeers(): void {
  if (fs.existsSync(path.join(peersDir, 'node_modules', 'postgraphile'))) return;
  const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', peersDir], { stdio: 'inherit' });
  if (installed.status !== 0) throw new Error('installing the peers (bench/peers) failed; --skip-peers runs without them');
}

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** CPU ms of a server: its primary and its workers. */
function serverCpuMs(pid: number): number {
  return [pid, ...childrenOf(pid)].reduce((sum, p) => sum + cpuMs(p), 0);
}

/** CPU ms so far of each PostgreSQL process on this machine (backends, writer, WAL writer…). */
function databaseCpuMs(): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') used.set(Number(entry), cpuMs(Number(entry)));
    } catch {
      // ended meanwhile
    }
  }
  return used;
}

/**
 * The database's CPU ms since `before`, process by process: a connection a pool closed meanwhile
 * (PostGraphile's close after 10 s idle) must not take its whole past off the sum. What such a
 * connection did in the round before it closed is lost (it was idle for its last 10 s), and a
 * process id reused within one round would count from its predecessor's figure: both are small
 * next to a round's total.
 */
function databaseCpuMsSince(before: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of databaseCpuMs()) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

function operation(name: string): string {
  return fs.readFileSync(path.join(root, 'bench', 'operations', `${name}.graphql`), 'utf8');
}

/**
 * Peak resident set so far (Linux VmHWM), in MB: the server's processes together (the primary
 * and its workers), and the largest one.
 */
function peakRssMb(pid: number): { total: number; largest: number } {
  const peaks = [pid, ...childrenOf(pid)].map((p) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))![1]) / 1024);
  return { total: Math.round(peaks.reduce((a, b) => a + b, 0)), largest: Math.round(Math.max(...peaks)) };
}

/** The resident memory now (VmRSS, MB) of each of a server's processes, by pid. */
function rssNowMb(pid: number): Map<number, number> {
  return new Map([pid, ...childrenOf(pid)].map((p) => [p, Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))![1]) / 1024]));
}

/**
 * Downloads an export `times` times, one after another, sampling the server's processes' memory
 * every 20 ms: the bytes, the time, and how far the serving process's RSS rose above where it
 * stood before the download (a streamed export holds one batch, not the file).
 */
async function measureExport(url: string, token: string, pid: number, times: number): Promise<ExportRun> {
  const runs: { bytes: number; ms: number; growthMb: number }[] = [];
  for (let i = 0; i < times; i++) {
    const before = rssNowMb(pid);
    let growth = 0;
    const sampler = setInterval(() => {
      for (const [p, mb] of rssNowMb(pid)) growth = Math.max(growth, mb - (before.get(p) ?? mb));
    }, 20);
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const ms = performance.now() - started;
    clearInterval(sampler);
    runs.push({ bytes, ms, growthMb: growth });
  }
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)]!;
  return { requests: times, bytes: median.bytes, medianMs: Math.round(median.ms), maxRssGrowthMb: Math.round(Math.max(...runs.map((r) => r.growthMb))) };
}

async function statementTotals(base: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const sum = Number(/^sql_statements_per_request_sum (\S+)/m.exec(text)?.[1] ?? 0);
  const count = Number(/^sql_statements_per_request_count (\S+)/m.exec(text)?.[1] ?? 0);
  return { sum, count };
}

interface Scenario {
  name: string;
  /** limit-1: the limit server as a single process, in case one process beats several (the better one is the limit). */
  target: 'api' | 'limit' | 'limit-1' | 'postgraphile4' | 'api-growth';
  body: () => string;
  /** Fewer connections than the default: a province summary is not opened by twenty people at once. */
  connections?: number;
}

/** A scenario timed one request after another. */
interface ExportRun {
  requests: number;
  bytes: number;
  medianMs: number;
  /** The most any server process's RSS rose above its level before a download, over the downloads. */
  maxRssGrowthMb: number;
}

interface CheckRun {
  scenario: string;
  requests: number;
  medianMs: number;
  maxMs: number;
  serverCpuMsPerRequest: number;
}

interface Result {
  scenario: string;
  connections: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
  sqlStatementsPerRequest: number | null;
  /** Process CPU time ÷ requests over every timed run: steadier than req/s on a shared machine. */
  serverCpuMsPerRequest: number;
  /** Every PostgreSQL process's CPU time ÷ requests over the same runs. */
  databaseCpuMsPerRequest: number;
}

async function main(): Promise<void> {
  const { values } = commandArgs(
    'usage: npm run bench -- [--assets 1000000] [--duration 15] [--warmup 5] [--runs 3] [--connections 20] [--workers <cores>] [--pool 10] [--skip-seed] [--skip-peers] [--only Q1,M1] [--growth <database URL>]',
    {
      assets: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '20' },
      /** DB_POOL_SIZE of every server process (API and limit server). */
      pool: { type: 'string', default: '10' },
      /** Timed runs per scenario; the table shows the median run (by requests/s). */
      runs: { type: 'string', default: '3' },
      /** Server processes for the API and, equally, for the limit server: one per core by default. */
      workers: { type: 'string', default: String(os.availableParallelism()) },
      'skip-seed': { type: 'boolean', default: false },
      /** Without PostGraphile (no npm install in bench/peers). */
      'skip-peers': { type: 'boolean', default: false },
      /** Comma-separated scenario prefixes (e.g. Q1,M1) while working on one; no results file is written. */
      only: { type: 'string' },
      /** A second database of another size (seeded apart): Q1–Q4 run on it too, in the same rounds. */
      growth: { type: 'string' },
    },
  );
  for (const name of ['assets', 'duration', 'warmup', 'connections', 'pool', 'runs', 'workers'] as const) {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < (name === 'assets' || name === 'warmup' ? 0 : 1))
      throw new ConfigError(`--${name} takes a whole number${name === 'assets' || name === 'warmup' ? '' : ' above 0'}`);
  }
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/assets_bench';
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const connections = Number(values.connections);

  if (!values['skip-seed']) {
    const admin = new URL(databaseUrl);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    spawnSync('psql', [admin.toString(), '-qc', `create database ${name}`], { stdio: 'ignore' });
    const seeded = spawnSync(process.execPath, [path.join(root, 'dist/src/cli/seed.js'), '--assets', values.assets!], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_KEY },
      stdio: 'inherit',
    });
    if (seeded.status !== 0) throw new Error('seeding failed');
    // What autovacuum would do on a live server: statistics, and the visibility map that lets
    // the summary read its index only.
    spawnSync('psql', [databaseUrl, '-qc', 'vacuum analyze'], { stdio: 'inherit' });
  }

  const withPeers = !values['skip-peers'];
  if (withPeers) installPeers();
  const [apiPort, limitPort, singleLimitPort, postgraphilePort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const apiEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: SECRET,
    DATA_KEY,
    METRICS_TOKEN,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: values.pool!,
    WORKERS: values.workers!,
  };
  const api = start('dist/src/main.js', apiEnv, [...SERVER_HEAP_FLAGS]); // as `npm start` runs it (its workers get the flag anyway)
  const limit = start('dist/bench/limit-server.js', { DATABASE_URL: databaseUrl, PORT: String(limitPort), DB_POOL_SIZE: values.pool!, WORKERS: values.workers! });
  const singleLimit = values.workers === '1' ? null : start('dist/bench/limit-server.js', { DATABASE_URL: databaseUrl, PORT: String(singleLimitPort), DB_POOL_SIZE: values.pool!, WORKERS: '1' });
  // The same processes and pool size as the API.
  const postgraphile4 = withPeers
    ? start('bench/peers/postgraphile4.cjs', { DATABASE_URL: databaseUrl, PORT: String(postgraphilePort), DB_POOL_SIZE: values.pool!, WORKERS: values.workers!, NODE_ENV: 'production' })
    : null;
  // The same API, processes and pool over the second database.
  const growthPort = await freePort();
  const growthApi = values.growth ? start('dist/src/main.js', { ...apiEnv, DATABASE_URL: values.growth, PORT: String(growthPort) }, [...SERVER_HEAP_FLAGS]) : null;
  const servers = { api, limit, 'limit-1': singleLimit, postgraphile4, 'api-growth': growthApi };
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const baseOf = (target: Scenario['target']) =>
    `http://127.0.0.1:${{ api: apiPort, limit: limitPort, 'limit-1': singleLimitPort, postgraphile4: postgraphilePort, 'api-growth': growthPort }[target]}`;
  const runs = Math.max(1, Number(values.runs));
  try {
    await waitFor(`${apiBase}/readyz`, api.child, api.output);
    if (growthApi) await waitFor(`${baseOf('api-growth')}/readyz`, growthApi.child, growthApi.output);
    if (postgraphile4)
      await waitFor(`${baseOf('postgraphile4')}/graphql`, postgraphile4.child, postgraphile4.output, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
    await new Promise((r) => setTimeout(r, 500));
    const province = await mintToken(SECRET, { userId: 'bench-auditor', role: Role.AUDITOR, scope: '52' });
    const manager = await mintToken(SECRET, { userId: 'bench-manager', role: Role.ASSET_MANAGER, scope: '522327' });
    const gql = async (query: string, variables: object, token = province) =>
      (await (
        await fetch(`${apiBase}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })
      ).json()) as {
        data: any;
        errors?: unknown[];
      };

    const county = '529001';
    const sample = await gql(
      `{ assets(first: 1, filter: { region: "${county}" }) { nodes { code } } owners: parties(first: 2, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id } } projects(first: 1, filter: { region: "522327" }) { nodes { id } } }`,
      {},
    );
    if (sample.errors) throw new Error(JSON.stringify(sample.errors));
    const assetCode = sample.data.assets.nodes[0]?.code ?? 'ZC5223270000001';
    const cared = await gql(`{ assets(first: 200, filter: { region: "522327", assetClass: PUBLIC_WELFARE, status: IN_USE }) { nodes { id } } }`, {});
    const maintained: string[] = cared.data.assets.nodes.map((n: { id: string }) => n.id);
    let maintenance = 0;
    // M3 on operating assets with 1 to 5 owners (the demo county's collectives, shares set here).
    const operating = await gql(
      `{ assets(first: 100, filter: { region: "522327", assetClass: OPERATING, status: IN_USE }) { nodes { id } } collectives: parties(first: 5, filter: { region: "522327", kind: VILLAGE_COLLECTIVE }) { nodes { id } } }`,
      {},
    );
    const earning: string[] = operating.data.assets.nodes.map((n: { id: string }) => n.id);
    const collectives: string[] = operating.data.collectives.nodes.map((n: { id: string }) => n.id);
    // Effective today: shares that income was already apportioned by cannot change, so on a
    // reused database the sets of an earlier run (same owners) stay, refused with that code.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the server's clock: China time
    const lastYear = Number(today.slice(0, 4)) - 1;
    const setResults = new Map<string, number>();
    for (const [i, assetId] of earning.entries()) {
      const count = (i % 5) + 1;
      const owners = collectives.slice(0, count).map((partyId, k) => ({ partyId, shareBp: k === 0 ? 10_000 - Math.floor(10_000 / count) * (count - 1) : Math.floor(10_000 / count) }));
      const set = await gql('mutation($input: ConfirmOwnershipInput!) { confirmOwnership(input: $input) { userErrors { code } } }', { input: { assetId, owners, effectiveOn: today } }, manager);
      if (set.errors) throw new Error(JSON.stringify(set.errors));
      const code = set.data.confirmOwnership.userErrors[0]?.code ?? 'set';
      setResults.set(code, (setResults.get(code) ?? 0) + 1);
    }
    process.stdout.write(`M3 owner sets: ${[...setResults].map(([code, n]) => `${n} ${code}`).join(', ')}\n`);
    let incomeCount = 0;
    const finance = await mintToken(SECRET, { userId: 'bench-finance', role: Role.FINANCE, scope: '522327' });
    const pool = await gql(`{ parties(first: 1, filter: { region: "${county}", kind: VILLAGE_COLLECTIVE }) { nodes { id } } }`, {});
    const poolOwner: string = pool.data.parties.nodes[0]?.id ?? collectives[0]!;
    // M4 pays one line of an approved plan of the demo county: one left from an earlier run, or
    // a plan drawn up here over a collective's whole pool (publicized and approved in 2000).
    const approved = await gql(`{ allocationPlans(first: 20, filter: { region: "522327", status: APPROVED }) { nodes { lines { id unpaid } } } }`, {}, finance);
    let payLine: string | undefined = approved.data.allocationPlans.nodes
      .flatMap((p: { lines: { id: string; unpaid: string }[] }) => p.lines)
      .find((l: { unpaid: string }) => Number(l.unpaid) > 1000)?.id;
    for (const owner of collectives) {
      if (payLine) break;
      const balance = (await gql('query($o: ID!) { incomePool(owner: $o) { balance } }', { o: owner }, finance)).data.incomePool.balance as string;
      if (Number(balance) < 1000) continue;
      const step = async (name: string, input: object) => {
        const res = await gql(
          `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { allocationPlan { id lines { id } } userErrors { code message } } }`,
          { input },
          finance,
        );
        if (res.errors || res.data[name].userErrors.length) throw new Error(`M4 setup ${name}: ${JSON.stringify(res.errors ?? res.data[name].userErrors)}`);
        return res.data[name].allocationPlan as { id: string; lines: { id: string }[] };
      };
      const plan = await step('createAllocationPlan', {
        ownerId: owner,
        title: '基准测试分配方案',
        periodFrom: '1990-01-01',
        periodTo: today,
        lines: [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: balance }],
      });
      await step('publicizeAllocationPlan', { planId: plan.id, startsOn: '2000-01-01', days: 30 });
      await step('approveAllocationPlan', { planId: plan.id, resolutionNo: '基准测试决议', resolutionOn: '2000-02-15' });
      payLine = plan.lines[0]!.id;
    }
    if (!payLine) throw new Error('M4: no collective of the demo county has 1000.00 of income to plan');
    let paymentCount = 0;
    const [ownerA, ownerB] = sample.data.owners.nodes.map((n: { id: string }) => n.id);
    const projectId = sample.data.projects.nodes[0].id;
    const runId = Date.now().toString(36);
    const runStarted = new Date().toISOString();
    let registered = 0;

    const q = (name: string, variables: object) => () => JSON.stringify({ query: operation(name), variables });
    // PostGraphile reads the county as a range of region codes and "in force" as a date.
    const countyRange = { low: county.padEnd(12, '0'), high: String(Number(county) + 1).padEnd(12, '0'), today };
    const peer = postgraphile4
      ? {
          q1: { name: 'Q1 asset page (PostGraphile 4)', target: 'postgraphile4' as const, body: q('peers/q1-asset-page.postgraphile4', countyRange) },
          q2: { name: 'Q2 asset detail (PostGraphile 4)', target: 'postgraphile4' as const, body: q('peers/q2-asset-detail.postgraphile4', { code: assetCode }) },
        }
      : null;
    const scenarios: Scenario[] = [
      { name: 'Q1 asset page (API)', target: 'api', body: q('q1-asset-page', { region: county }) },
      { name: 'Q1 asset page (raw-SQL limit)', target: 'limit', body: q('q1-asset-page', { region: county }) },
      ...(singleLimit ? [{ name: 'Q1 asset page (raw-SQL limit, 1 process)', target: 'limit-1' as const, body: q('q1-asset-page', { region: county }) }] : []),
      ...(peer ? [peer.q1] : []),
      { name: 'Q2 asset detail + timeline', target: 'api', body: q('q2-asset-detail', { code: assetCode }) },
      ...(peer ? [peer.q2] : []),
      { name: 'Q3 region summary, county', target: 'api', body: q('q3-region-summary', { code: county }) },
      { name: 'Q3 region summary, province', target: 'api', body: q('q3-region-summary', { code: '52' }), connections: 2 },
      { name: 'Q4 text search, province', target: 'api', body: q('q4-text-search', { text: '光伏' }) },
      {
        name: 'M1 registerAsset',
        target: 'api',
        body: () =>
          JSON.stringify({
            query: operation('m1-register-asset'),
            variables: {
              input: {
                code: `BENCH-${runId}-${++registered}`,
                name: '基准测试光伏电站',
                assetClass: 'OPERATING',
                category: 'PV_STATION',
                regionCode: '522327104001',
                originalValue: '500000.00',
                builtOn: '2021-04-01',
                funding: [{ projectId, source: 'CENTRAL_FISCAL', amount: '500000.00' }],
                owners: [
                  { partyId: ownerA, shareBp: 6000 },
                  { partyId: ownerB, shareBp: 4000 },
                ],
              },
            },
          }),
      },
      { name: 'Q5 overdue duties, province', target: 'api', body: q('q5-overdue-duties', { region: '52' }) },
      { name: 'Q7 arrears, county', target: 'api', body: q('q7-arrears', { region: county }) },
      { name: 'Q8 income pool, owner', target: 'api', body: q('q8-income-pool', { owner: poolOwner }) },
      {
        name: 'Q9 reconciliation, county, a year',
        target: 'api',
        body: q('q9-reconciliation', { region: county, from: `${lastYear}-01-01`, to: `${lastYear}-12-31` }),
      },
      {
        name: 'M3 recordIncome',
        target: 'api',
        body: () =>
          JSON.stringify({
            query: operation('m3-record-income'),
            variables: {
              input: {
                assetId: earning[++incomeCount % earning.length],
                kind: 'RENT',
                amount: `${1000 + (incomeCount % 997)}.${String(incomeCount % 100).padStart(2, '0')}`,
                receivedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
                accountType: 'VILLAGE_COLLECTIVE',
                voucherNo: `BENCH-${runId}-${incomeCount}`,
              },
            },
          }),
      },
      {
        name: 'M4 recordDisbursement (one line)',
        target: 'api',
        body: () =>
          JSON.stringify({
            query: operation('m4-disburse'),
            variables: {
              input: { lineId: payLine, amount: '0.01', paidOn: today, payeeName: '基准测试户', method: 'ONE_CARD', voucherNo: `BENCH-${runId}-${++paymentCount}` },
            },
          }),
      },
      { name: 'Q6 asset page + custody (API)', target: 'api', body: q('q6-asset-page-custody', { region: county }) },
      {
        name: 'M2 recordMaintenance',
        target: 'api',
        body: () =>
          JSON.stringify({
            query: operation('m2-record-maintenance'),
            variables: {
              input: {
                assetId: maintained[++maintenance % maintained.length],
                kind: 'INSPECTION',
                performedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
                performedBy: '基准测试管护员',
                description: '例行巡查',
                outcome: 'OK',
              },
            },
          }),
      },
    ];

    /** Writers write as their role: M3 and M4 as a finance office, the others as an asset manager. */
    const tokenFor = (scenario: string) => (scenario.startsWith('M3') || scenario.startsWith('M4') ? finance : scenario.startsWith('M') ? manager : province);

    const only = values.only?.split(',').map((p) => p.trim());
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => only.some((p) => s.name.startsWith(p))));
    if (growthApi) {
      // Each of our Q1–Q4 is followed by its twin on the second database, so both share a round's load.
      const growthSample = await (
        await fetch(`${baseOf('api-growth')}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${province}` },
          body: JSON.stringify({ query: `{ assets(first: 1, filter: { region: "${county}" }) { nodes { code } } }` }),
        })
      ).json();
      const growthCode = (growthSample as { data?: { assets: { nodes: { code: string }[] } } }).data?.assets.nodes[0]?.code;
      if (!growthCode) throw new Error(`--growth: the database has no asset in ${county}: ${JSON.stringify(growthSample).slice(0, 300)}`);
      for (const s of scenarios.filter((x) => x.target === 'api' && GROWTH_QUERIES.test(x.name)).reverse())
        scenarios.splice(scenarios.indexOf(s) + 1, 0, {
          ...s,
          name: `${s.name} ${GROWTH_SUFFIX}`,
          target: 'api-growth',
          body: s.name.startsWith('Q2') ? q('q2-asset-detail', { code: growthCode }) : s.body,
        });
    }

    // Every scenario answers without errors before it is timed.
    for (const s of scenarios) {
      const res = await fetch(`${baseOf(s.target)}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(s.name)}` },
        body: s.body(),
      });
      const json = (await res.json()) as { errors?: unknown[]; data?: Record<string, { userErrors?: unknown[] }> };
      if (!res.ok || json.errors || Object.values(json.data ?? {}).some((payload) => payload?.userErrors?.length)) throw new Error(`${s.name} fails: ${JSON.stringify(json).slice(0, 500)}`);
    }

    if (peer) await sameRows(scenarios, baseOf, province);

    // Rounds are interleaved: every scenario runs once per round, API and limit side by side, so a
    // change in the machine's load shifts both and the ratio per round stays comparable.
    const runOf = (s: Scenario) => (seconds: number) =>
      autocannon({
        url: `${baseOf(s.target)}/graphql`,
        method: 'POST',
        connections: s.connections ?? connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(s.name)}` },
        requests: [{ setupRequest: (req) => ({ ...req, body: s.body() }) }],
      });
    for (const s of scenarios) if (!s.name.startsWith('M')) await runOf(s)(warmup);
    const timed = new Map<Scenario, autocannon.Result[]>(scenarios.map((s) => [s, []]));
    const statements = new Map<Scenario, { sum: number; count: number }>(scenarios.map((s) => [s, { sum: 0, count: 0 }]));
    const cpu = new Map<Scenario, { server: number; database: number }>(scenarios.map((s) => [s, { server: 0, database: 0 }]));
    for (let round = 0; round < runs; round++) {
      for (const s of scenarios) {
        const before = s.target === 'api' ? await statementTotals(apiBase) : null;
        const serverPid = servers[s.target]!.child.pid!;
        const [serverBefore, databaseBefore] = [serverCpuMs(serverPid), databaseCpuMs()];
        const result = await runOf(s)(duration);
        const used = cpu.get(s)!;
        used.server += serverCpuMs(serverPid) - serverBefore;
        used.database += databaseCpuMsSince(databaseBefore);
        const after = s.target === 'api' ? await statementTotals(apiBase) : null;
        timed.get(s)!.push(result);
        if (before && after) {
          const total = statements.get(s)!;
          total.sum += after.sum - before.sum;
          total.count += after.count - before.count;
        }
        process.stdout.write(`round ${round + 1}: ${s.name}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms\n`);
      }
    }

    const results: Result[] = [];
    const answered = (prefix: string) => scenarios.filter((s) => s.name.startsWith(prefix)).reduce((n, s) => n + timed.get(s)!.reduce((m, r) => m + r.requests.total, 0), 0);
    const [m1Answered, m2Answered, m3Answered, m4Answered] = [answered('M1'), answered('M2'), answered('M3'), answered('M4')];
    for (const s of scenarios) {
      const runsOfS = timed.get(s)!;
      const r = [...runsOfS].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(runsOfS.length / 2)]!;
      const st = statements.get(s)!;
      const answered = Math.max(
        1,
        runsOfS.reduce((n, t) => n + t.requests.total, 0),
      );
      const perRequest = (ms: number) => Math.round((ms / answered) * 10) / 10;
      results.push({
        scenario: s.name,
        connections: s.connections ?? connections,
        requestsPerSecond: Math.round(r.requests.average),
        latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
        requests: r.requests.total,
        errors: runsOfS.reduce((n, t) => n + t.errors + t.timeouts, 0),
        non2xx: runsOfS.reduce((n, t) => n + t.non2xx, 0),
        sqlStatementsPerRequest: st.count > 0 ? Math.round((st.sum / st.count) * 10) / 10 : null,
        serverCpuMsPerRequest: perRequest(cpu.get(s)!.server),
        databaseCpuMsPerRequest: perRequest(cpu.get(s)!.database),
      });
      process.stdout.write(`${s.name}: ${runsOfS.map((t) => Math.round(t.requests.average)).join(' / ')} req/s (median p99 ${r.latency.p99} ms)\n`);
    }
    // Q1 against the limit round by round: the median ratio and its range.
    // The API's req/s over another server's, round by round (the best of `others` each round), sorted.
    const roundRatios = (query: string, others: Scenario[]) => {
      const ours = scenarios.find((s) => s.name.startsWith(query) && s.target === 'api');
      if (!ours || !others.length) return [];
      return timed
        .get(ours)!
        .map((r, i) => r.requests.average / Math.max(...others.map((o) => timed.get(o)![i]!.requests.average)))
        .sort((a, b) => a - b);
    };
    const q1Ratios = roundRatios(
      'Q1',
      scenarios.filter((s) => s.name.startsWith('Q1') && s.target.startsWith('limit')),
    );
    const peerRatios = (query: string) =>
      roundRatios(
        query,
        scenarios.filter((s) => s.name.startsWith(query) && s.target === 'postgraphile4'),
      );
    const medianAndRange = (ratios: number[]) => (ratios.length ? `${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)} (range ${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)})` : '–');
    if (q1Ratios.length) process.stdout.write(`Q1 / raw-SQL limit per round: ${q1Ratios.map((x) => x.toFixed(2)).join(', ')}\n`);
    for (const query of ['Q1', 'Q2'])
      if (peerRatios(query).length)
        process.stdout.write(
          `${query} / PostGraphile 4 per round: ${peerRatios(query)
            .map((x) => x.toFixed(2))
            .join(', ')}\n`,
        );
    for (const r of results) process.stdout.write(`${r.scenario}: server CPU ${r.serverCpuMsPerRequest} ms/request, database CPU ${r.databaseCpuMsPerRequest} ms/request\n`);

    // The automated checks take seconds, not milliseconds: an auditor runs them one at a time,
    // so they are timed one request after another, not under load.
    const checkRuns: CheckRun[] = [];
    const growthAssets = growthApi ? countAssets(values.growth!) : 0;
    if (growthApi) writeGrowthReport(results, { url: databaseUrl, assets: countAssets(databaseUrl) }, { url: values.growth!, assets: growthAssets }, runs, duration);

    const sequential = [
      { name: 'Q10 auditCheckSummary, county', body: q('q10-audit-check-summary', { region: county }), times: 10 },
      { name: 'Q10 auditCheckSummary, province', body: q('q10-audit-check-summary', { region: '52' }), times: 3 },
      { name: 'Q11 auditFindings first 50, county', body: q('q11-audit-findings', { region: county }), times: 10 },
    ].filter((s) => !only || only.some((p) => s.name.startsWith(p)));
    for (const s of sequential) {
      const wall: number[] = [];
      const cpuBefore = serverCpuMs(api.child.pid!);
      for (let i = 0; i < s.times; i++) {
        const started = performance.now();
        const res = await fetch(`${apiBase}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${province}` }, body: s.body() });
        const json = (await res.json()) as { errors?: unknown[] };
        if (!res.ok || json.errors) throw new Error(`${s.name} fails: ${JSON.stringify(json).slice(0, 500)}`);
        wall.push(performance.now() - started);
      }
      wall.sort((a, b) => a - b);
      const run = {
        scenario: s.name,
        requests: s.times,
        medianMs: Math.round(wall[Math.floor(wall.length / 2)]!),
        maxMs: Math.round(wall.at(-1)!),
        serverCpuMsPerRequest: Math.round((serverCpuMs(api.child.pid!) - cpuBefore) / s.times),
      };
      checkRuns.push(run);
      process.stdout.write(`${s.name}: median ${run.medianMs} ms, slowest ${run.maxMs} ms of ${s.times}, server CPU ${run.serverCpuMsPerRequest} ms/request\n`);
    }

    // Q9's CSV streamed (issue 12): what a finance office downloads, and the memory it takes.
    const reconciliationCsv =
      !only || only.some((p) => 'E1 reconciliation CSV'.startsWith(p))
        ? await measureExport(`${apiBase}/export/reconciliation.csv?region=${county}&from=${lastYear}-01-01&to=${lastYear}-12-31`, province, api.child.pid!, 3)
        : null;
    if (reconciliationCsv)
      process.stdout.write(
        `E1 reconciliation CSV, county, a year: ${reconciliationCsv.bytes} bytes, median ${reconciliationCsv.medianMs} ms of ${reconciliationCsv.requests}, RSS up by at most ${reconciliationCsv.maxRssGrowthMb} MB\n`,
      );

    if (only) {
      const rss = peakRssMb(api.child.pid!);
      process.stdout.write(`server peak RSS: ${rss.total} MB in all, largest process ${rss.largest} MB (no results file with --only)\n`);
      return;
    }

    // Every asset M1 registered and every record M2 wrote has its audit event (counted in the
    // database afterwards, once the mutations still in flight when the load stopped have committed).
    await new Promise((r) => setTimeout(r, 2000));
    // Counted in the database itself: at a million assets the audit trail holds millions of
    // events, more than an interactive query's statement timeout lets a GraphQL count scan.
    const counted = (query: string) => Number(spawnSync('psql', [databaseUrl, '-Atc', query], { encoding: 'utf8' }).stdout.trim());
    const events = (actor: string, action: string) => counted(`select count(*) from audit_event where actor_id = '${actor}' and action = '${action}' and occurred_at >= '${runStarted}'`);
    const m1Check = {
      data: {
        assets: { totalCount: counted(`select count(*) from asset where code like 'BENCH-${runId}-%'`) },
        auditEvents: { totalCount: events('bench-manager', 'asset.register') },
        maintenance: { totalCount: counted(`select count(*) from maintenance_record where created_at >= '${runStarted}'`) },
        maintenanceEvents: { totalCount: events('bench-manager', 'maintenance.record') },
        incomeEvents: { totalCount: events('bench-finance', 'income.record') },
        paymentEvents: { totalCount: events('bench-finance', 'disbursement.record') },
      },
    };
    const limitRps = Math.max(...results.filter((r) => r.scenario.startsWith('Q1 asset page (raw-SQL limit')).map((r) => r.requestsPerSecond));
    // The median of the per-round ratios (interleaved rounds), with its range.
    const q1 = q1Ratios.length ? q1Ratios[Math.floor(q1Ratios.length / 2)]! : results[0]!.requestsPerSecond / limitRps;
    const q1Range = q1Ratios.length ? `${q1Ratios[0]!.toFixed(2)}–${q1Ratios.at(-1)!.toFixed(2)}` : '–';
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      settings: {
        assets: Number(values.assets),
        durationSeconds: duration,
        warmupSeconds: warmup,
        runsPerScenario: runs,
        connections,
        workers: Number(values.workers),
        poolSizePerWorker: Number(values.pool),
      },
      q1RatioToRawSqlLimit: Math.round(q1 * 100) / 100,
      q1RatioRange: q1Range,
      /** Our req/s over PostGraphile 4's, median of the rounds and range. */
      againstPostgraphile4: { q1: medianAndRange(peerRatios('Q1')), q2: medianAndRange(peerRatios('Q2')) },
      m1: { mutationsAnswered: m1Answered, assetsRegistered: m1Check.data.assets.totalCount, auditEventsWritten: m1Check.data.auditEvents.totalCount },
      m2: { mutationsAnswered: m2Answered, recordsSinceToday: m1Check.data.maintenance.totalCount, auditEventsWritten: m1Check.data.maintenanceEvents.totalCount },
      m3: { mutationsAnswered: m3Answered, auditEventsWritten: m1Check.data.incomeEvents.totalCount },
      m4: { mutationsAnswered: m4Answered, auditEventsWritten: m1Check.data.paymentEvents.totalCount },
      serverPeakRssMb: peakRssMb(api.child.pid!),
      results,
      checks: checkRuns,
      reconciliationCsv,
    };
    const day = report.date.slice(0, 10);
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', `${day}.json`), JSON.stringify(report, null, 2) + '\n');
    const table = [
      `# Benchmark ${report.date}`,
      '',
      `${report.settings.assets.toLocaleString('en')} assets on PostgreSQL, ${connections} connections, ${values.workers} server processes (WORKERS) with ${values.pool} database connections each (DB_POOL_SIZE) for the API and for the limit server alike, ${runs} runs of ${duration} s per scenario after ${warmup} s warm-up, rounds interleaved (each round runs every scenario once), the median run shown (errors summed over all runs); ${report.machine.cpus} cores (${report.machine.cpuModel}), ${report.machine.memoryGb} GiB, Node ${report.machine.node}.`,
      '',
      '## Q1 and Q2 against PostGraphile 4 and the raw-SQL limit',
      '',
      'Server CPU per request is the process CPU time (primary and workers) ÷ requests over every timed run; database CPU the same for every PostgreSQL process of the machine.',
      '',
      '| scenario | req/s | p99 ms | server CPU ms/request | database CPU ms/request |',
      '|---|---|---|---|---|',
      ...results.filter((r) => /^Q[12] /.test(r.scenario)).map((r) => `| ${r.scenario} | ${r.requestsPerSecond} | ${r.latencyMs.p99} | ${r.serverCpuMsPerRequest} | ${r.databaseCpuMsPerRequest} |`),
      '',
      `Our req/s ÷ PostGraphile 4's, median of the rounds: Q1 ${report.againstPostgraphile4.q1}, Q2 ${report.againstPostgraphile4.q2}.`,
      '',
      '## Every scenario',
      '',
      '| scenario | connections | req/s | p50 ms | p90 ms | p97.5 ms | p99 ms | errors | non-2xx | SQL statements/request | server CPU ms/request | database CPU ms/request |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...results.map(
        (r) =>
          `| ${r.scenario} | ${r.connections} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p90} | ${r.latencyMs.p97_5} | ${r.latencyMs.p99} | ${r.errors} | ${r.non2xx} | ${r.sqlStatementsPerRequest ?? '–'} | ${r.serverCpuMsPerRequest} | ${r.databaseCpuMsPerRequest} |`,
      ),
      '',
      ...(growthApi ? [`Scenarios ${GROWTH_SUFFIX} ran on an API over ${growthAssets.toLocaleString('en')} assets, in the same rounds: \`bench/results/${day}-growth.md\`.`, ''] : []),
      `Q1 throughput / raw-SQL limit (the faster of its configurations, ${limitRps} req/s in the median run): **${report.q1RatioToRawSqlLimit}**, the median of the rounds' ratios (range ${report.q1RatioRange}). M1: ${report.m1.mutationsAnswered} mutations answered, ${report.m1.assetsRegistered} assets registered, ${report.m1.auditEventsWritten} asset.register audit events written. Server peak RSS: ${report.serverPeakRssMb.total} MB in all (${values.workers} workers and their primary; largest process ${report.serverPeakRssMb.largest} MB).`,
      '',
      '## The automated checks, one request after another',
      '',
      `Statement timeout for the checks: ${REPORT_STATEMENT_TIMEOUT_MS / 1000} s per statement (reports run in a read-only transaction with this longer limit; the interactive one is ${DEFAULT_STATEMENT_TIMEOUT_MS / 1000} s).`,
      '',
      '| scenario | requests | median ms | slowest ms | server CPU ms/request |',
      '|---|---|---|---|---|',
      ...checkRuns.map((r) => `| ${r.scenario} | ${r.requests} | ${r.medianMs} | ${r.maxMs} | ${r.serverCpuMsPerRequest} |`),
      '',
      '## Streamed export',
      '',
      reconciliationCsv
        ? `E1 \`GET /export/reconciliation.csv\` of a county for a year, ${reconciliationCsv.requests} downloads one after another: ${reconciliationCsv.bytes.toLocaleString('en')} bytes, median ${reconciliationCsv.medianMs} ms; the serving process's RSS rose by at most ${reconciliationCsv.maxRssGrowthMb} MB above its level before the download.`
        : 'not run',
      '',
      '## Against the targets (issues 4, 10, 11, 12, 13 and 14)',
      '',
      '| target | measured | met |',
      '|---|---|---|',
      ...targets(results, report).map(([target, measured, met]) => `| ${target} | ${measured} | ${met ? 'yes' : 'no'} |`),
      '',
    ].join('\n');
    fs.writeFileSync(path.join(root, 'bench', 'results', `${day}.md`), table);
    process.stdout.write('\n' + table);
  } finally {
    api.child.kill('SIGTERM');
    limit.child.kill('SIGTERM');
    singleLimit?.child.kill('SIGTERM');
    postgraphile4?.child.kill('SIGTERM');
    growthApi?.child.kill('SIGTERM');
  }
}

/** Issue 14, cost growth: the queries whose cost must follow the page, not the register. */
const GROWTH_QUERIES = /^Q[1-4] /;
const GROWTH_SUFFIX = 'on the second database';

function countAssets(url: string): number {
  return Number(spawnSync('psql', [url, '-Atc', 'select count(*) from asset'], { encoding: 'utf8' }).stdout.trim());
}

/**
 * Each of Q1–Q4 on the smaller and on the larger database, from the same rounds: p99 of the
 * median run and CPU per request, and the p99's growth (the target: under 1.5×).
 */
function writeGrowthReport(results: Result[], main: { url: string; assets: number }, second: { url: string; assets: number }, runs: number, duration: number): void {
  const secondIsLarger = second.assets >= main.assets;
  const [small, large] = secondIsLarger ? [main, second] : [second, main];
  const pairs = results
    .filter((r) => r.scenario.endsWith(GROWTH_SUFFIX))
    .map((twin) => {
      const here = results.find((r) => `${r.scenario} ${GROWTH_SUFFIX}` === twin.scenario)!;
      const [onSmall, onLarge] = secondIsLarger ? [here, twin] : [twin, here];
      return { scenario: here.scenario, small: onSmall, large: onLarge, p99Growth: Math.round((onLarge.latencyMs.p99 / Math.max(1, onSmall.latencyMs.p99)) * 100) / 100 };
    });
  const report = { date: new Date().toISOString(), assets: { small: small.assets, large: large.assets }, runsPerScenario: runs, durationSeconds: duration, pairs };
  const day = report.date.slice(0, 10);
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', `${day}-growth.json`), JSON.stringify(report, null, 2) + '\n');
  const n = (x: number) => x.toLocaleString('en');
  const table = [
    `# Cost growth ${report.date}`,
    '',
    `Q1–Q4 on ${n(small.assets)} and on ${n(large.assets)} assets: one API per database, the same build and settings, each scenario's two runs one after the other in every round (${runs} rounds of ${duration} s), the median run's figures. Target (issue 14): p99 grows by less than 1.5×.`,
    '',
    `| scenario | connections | req/s (${n(small.assets)} → ${n(large.assets)}) | p99 ms | p99 growth | server CPU ms/request | database CPU ms/request | under 1.5× |`,
    '|---|---|---|---|---|---|---|---|',
    ...pairs.map(
      (p) =>
        `| ${p.scenario} | ${p.small.connections} | ${p.small.requestsPerSecond} → ${p.large.requestsPerSecond} | ${p.small.latencyMs.p99} → ${p.large.latencyMs.p99} | ${p.p99Growth}× | ${p.small.serverCpuMsPerRequest} → ${p.large.serverCpuMsPerRequest} | ${p.small.databaseCpuMsPerRequest} → ${p.large.databaseCpuMsPerRequest} | ${p.p99Growth < 1.5 ? 'yes' : 'no'} |`,
    ),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(root, 'bench', 'results', `${day}-growth.md`), table);
  process.stdout.write('\n' + table + '\n');
}

/**
 * Every server answers Q1 and Q2 with the same rows before any is timed: the same assets in the
 * same order with as many shares and funding lines each (PostGraphile's fields are named after
 * the columns, so the rows are compared, not the documents).
 */
async function sameRows(scenarios: Scenario[], baseOf: (target: Scenario['target']) => string, token: string): Promise<void> {
  type Node = { code: string; owners?: unknown[]; ownershipHistory?: unknown[]; funding: unknown[] };
  type PeerNode = { code: string; ownershipsByAssetIdAndRegionCode: { nodes: unknown[] }; assetFundingsByAssetIdAndRegionCode: { nodes: unknown[] } };
  const answer = async (s: Scenario) =>
    (await (await fetch(`${baseOf(s.target)}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: s.body() })).json()) as {
      data: { assets?: { nodes: Node[] }; asset?: Node; allAssets?: { nodes: PeerNode[] } };
    };
  for (const query of ['Q1', 'Q2']) {
    const rowsOf = async (s: Scenario) => {
      const { data } = await answer(s);
      if (data.allAssets) return data.allAssets.nodes.map((n) => [n.code, n.ownershipsByAssetIdAndRegionCode.nodes.length, n.assetFundingsByAssetIdAndRegionCode.nodes.length]);
      return (data.assets?.nodes ?? [data.asset!]).map((n) => [n.code, (n.owners ?? n.ownershipHistory)!.length, n.funding.length]);
    };
    const servers = scenarios.filter((s) => s.name.startsWith(`${query} `) && /^Q[12] asset (page|detail)/.test(s.name) && s.target !== 'api-growth');
    const [first, ...others] = await Promise.all(servers.map(async (s) => ({ name: s.name, rows: JSON.stringify(await rowsOf(s)) })));
    for (const other of others) if (other.rows !== first!.rows) throw new Error(`${other.name} answers other rows than ${first!.name}:\n${other.rows}\n${first!.rows}`);
    process.stdout.write(`${query}: ${servers.length} servers return the same rows\n`);
  }
}

/** The issue's targets, checked against this run: [target, measured, met]. */
function targets(
  results: Result[],
  report: {
    q1RatioToRawSqlLimit: number;
    m1: { mutationsAnswered: number; assetsRegistered: number; auditEventsWritten: number };
    m2: { mutationsAnswered: number; recordsSinceToday: number; auditEventsWritten: number };
    m3: { mutationsAnswered: number; auditEventsWritten: number };
    m4: { mutationsAnswered: number; auditEventsWritten: number };
    serverPeakRssMb: { total: number; largest: number };
    checks: CheckRun[];
  },
): [string, string, boolean][] {
  const of = (prefix: string) => results.find((r) => r.scenario.startsWith(prefix))!;
  const p99 = (prefix: string, limitMs: number): [string, boolean] => [`${of(prefix).latencyMs.p99} ms at ${of(prefix).connections} connections`, of(prefix).latencyMs.p99 <= limitMs];
  const m1 = of('M1');
  return [
    ['Q1 ≥ 0.5 × the raw-SQL limit', `${report.q1RatioToRawSqlLimit} ×`, report.q1RatioToRawSqlLimit >= 0.5],
    ['Q1 statements independent of page size', `${of('Q1 asset page (API)').sqlStatementsPerRequest} per request; test/assets/statement-count.test.ts`, true],
    ['Q3 county p99 ≤ 50 ms', ...p99('Q3 region summary, county', 50)],
    ['Q3 province p99 ≤ 1 s', ...p99('Q3 region summary, province', 1000)],
    ['Q2 p99 ≤ 50 ms', ...p99('Q2', 50)],
    ['Q4 p99 ≤ 300 ms', ...p99('Q4', 300)],
    ['M1 ≥ 300 mutations/s', `${m1.requestsPerSecond}/s`, m1.requestsPerSecond >= 300],
    // Every answered mutation registered its asset (none refused), and every asset has its event.
    [
      'M1 zero errors, each with its audit event',
      `${m1.errors + m1.non2xx} errors; ${report.m1.mutationsAnswered} answered, ${report.m1.assetsRegistered} assets, ${report.m1.auditEventsWritten} events`,
      m1.errors + m1.non2xx === 0 && report.m1.assetsRegistered >= report.m1.mutationsAnswered && report.m1.assetsRegistered === report.m1.auditEventsWritten,
    ],
    ['Q5 overdue duties, province, p99 ≤ 150 ms', ...p99('Q5', 150)],
    [
      'Q6 statements = Q1 + at most 1',
      `${of('Q6').sqlStatementsPerRequest} vs ${of('Q1 asset page (API)').sqlStatementsPerRequest}; test/custody/statement-count.test.ts`,
      (of('Q6').sqlStatementsPerRequest ?? Infinity) <= (of('Q1 asset page (API)').sqlStatementsPerRequest ?? 0) + 1,
    ],
    ['M2 ≥ 300 recordMaintenance/s', `${of('M2').requestsPerSecond}/s`, of('M2').requestsPerSecond >= 300],
    [
      'M2 zero errors, each with its audit event',
      `${of('M2').errors + of('M2').non2xx} errors; ${report.m2.mutationsAnswered} answered, ${report.m2.auditEventsWritten} events`,
      of('M2').errors + of('M2').non2xx === 0 && report.m2.auditEventsWritten >= report.m2.mutationsAnswered,
    ],
    ['Q7 arrears, county, p99 ≤ 200 ms', ...p99('Q7', 200)],
    ['M3 ≥ 300 recordIncome/s with apportionment', `${of('M3').requestsPerSecond}/s`, of('M3').requestsPerSecond >= 300],
    [
      'M3 zero errors, each with its audit event',
      `${of('M3').errors + of('M3').non2xx} errors; ${report.m3.mutationsAnswered} answered, ${report.m3.auditEventsWritten} events`,
      of('M3').errors + of('M3').non2xx === 0 && report.m3.auditEventsWritten >= report.m3.mutationsAnswered,
    ],
    ['Q9 reconciliation, county, a year, p99 ≤ 500 ms', ...p99('Q9', 500)],
    ['M4 ≥ 300 recordDisbursement/s, 20 connections on one line', `${of('M4').requestsPerSecond}/s`, of('M4').requestsPerSecond >= 300],
    [
      'M4 zero errors, each with its audit event',
      `${of('M4').errors + of('M4').non2xx} errors; ${report.m4.mutationsAnswered} answered, ${report.m4.auditEventsWritten} events`,
      of('M4').errors + of('M4').non2xx === 0 && report.m4.auditEventsWritten >= report.m4.mutationsAnswered,
    ],
    ['server RSS ≤ 400 MB', `${report.serverPeakRssMb.total} MB peak, all processes together`, report.serverPeakRssMb.total <= 400],
    ...report.checks
      .filter((r) => r.scenario.startsWith('Q10'))
      .map((r): [string, string, boolean] => {
        const limitMs = r.scenario.includes('province') ? 20_000 : 2_000;
        return [`${r.scenario} ≤ ${limitMs / 1000} s`, `slowest ${r.maxMs} ms of ${r.requests} (median ${r.medianMs} ms)`, r.maxMs <= limitMs];
      }),
    ['peak RSS ≤ 200 MB per server process', `${report.serverPeakRssMb.largest} MB, the largest process`, report.serverPeakRssMb.largest <= 200],
    ['Q1 ≥ 0.8 × the raw-SQL limit', `${report.q1RatioToRawSqlLimit} ×`, report.q1RatioToRawSqlLimit >= 0.8],
    ...againstPeer(results, 'Q1 asset page (API)', 'Q1 asset page (PostGraphile 4)'),
    ...againstPeer(results, 'Q2 asset detail + timeline', 'Q2 asset detail (PostGraphile 4)'),
  ];
}

/** Issue 14: our server CPU per request at or below the peer's, our req/s at least the peer's. */
function againstPeer(results: Result[], ours: string, peer: string): [string, string, boolean][] {
  const [a, b] = [results.find((r) => r.scenario === ours), results.find((r) => r.scenario === peer)];
  if (!a || !b) return [];
  const query = ours.slice(0, 2);
  return [
    [`${query} server CPU/request ≤ PostGraphile 4's`, `${a.serverCpuMsPerRequest} vs ${b.serverCpuMsPerRequest} ms`, a.serverCpuMsPerRequest <= b.serverCpuMsPerRequest],
    [`${query} req/s ≥ PostGraphile 4's`, `${a.requestsPerSecond} vs ${b.requestsPerSecond}`, a.requestsPerSecond >= b.requestsPerSecond],
  ];
}

main().catch((error: unknown) => failCommand('bench', error));
