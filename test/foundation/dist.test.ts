/**
 * The compiled build as `npm start` runs it: node dist/src/main.js on an empty PGlite folder
 * migrates, loads the demo county once, serves GraphQL that passes the HTTP audit, and stops
 * cleanly on SIGTERM. (`npm test` builds dist/ first.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { serverAudits } from 'graphql-http';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/token';
import { Role } from '../../src/auth/viewer';
import { DEV_JWT_SECRET, SERVER_HEAP_FLAGS } from '../../src/config';
import { startServer, stopServer } from '../../bench/support/processes';

// The full demo, as `npm start` loads it, may take most of the test's three minutes on a busy machine.
const start = (dataDir: string, env: Record<string, string> = {}) => startServer({ DATA_DIR: dataDir, ...env }, 170_000);
const stop = stopServer;

// Tests here load the 2,000-asset demo county into a fresh embedded database: about 45 s alone, more beside other files.
describe('the compiled server (dist/)', { timeout: 180_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-register-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data folder with the demo county, answers, and stops on SIGTERM', async () => {
    const server = await start(dataDir);
    try {
      expect(server.output()).toContain('demo county loaded');
      expect(server.output()).toMatch(/GraphiQL: http:\/\/localhost:\d+\/graphiql/);
      expect(server.output()).toMatch(/AUDITOR \(522327\):\n\s+eyJ/);
      const url = `http://127.0.0.1:${server.port}/graphql`;
      const token = await mintToken(DEV_JWT_SECRET, { userId: 'dist-test', role: Role.AUDITOR, scope: '522327' });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ region(code: "522327") { name children { totalCount } } verifyAuditChain { ok } }' }),
      });
      expect(await res.json()).toEqual({ data: { region: { name: '册亨县', children: { totalCount: 13 } }, verifyAuditChain: { ok: true } } });
      const audits = await Promise.all(serverAudits({ url }).map((a) => a.fn()));
      expect(audits.filter((a) => a.status === 'error').map((a) => a.id)).toEqual([]);
      // The request was logged, its bearer token was not.
      expect(server.output()).toContain('"authorization":"[redacted]"');
      expect(server.output()).not.toContain(token);
    } finally {
      const exit = await stop(server.child);
      expect(exit, server.output().slice(-2000)).toBe(0);
    }
  });

  it('is started by `npm start` with the server heap flag its workers also get', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toContain(`node ${SERVER_HEAP_FLAGS.join(' ')} dist/src/main.js`);
  });

  it('keeps its data across a restart and does not load the demo twice', async () => {
    const server = await start(dataDir);
    try {
      expect(server.output()).not.toContain('demo county loaded');
      const token = await mintToken(DEV_JWT_SECRET, { userId: 'dist-test', role: Role.VIEWER, scope: '522327' });
      const res = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ regions { totalCount } }' }),
      });
      expect(await res.json()).toEqual({ data: { regions: { totalCount: 13 + 156 + 1 } } });
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
  });

  it('says in one line that the port is taken, rather than crashing with a stack trace', async () => {
    const first = await start(fs.mkdtempSync(path.join(os.tmpdir(), 'asset-register-port-')), { DEMO: 'false' });
    try {
      const second = start(fs.mkdtempSync(path.join(os.tmpdir(), 'asset-register-port-')), { DEMO: 'false', PORT: String(first.port) });
      await expect(second).rejects.toThrow(new RegExp(`server exited with 1:[\\s\\S]*failed to start: port ${first.port} is in use`));
      await expect(second).rejects.not.toThrow(/Unhandled 'error' event/);
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
  });

  it('refuses several workers on the embedded database, which lives in one process', async () => {
    await expect(start(dataDir, { WORKERS: '2' })).rejects.toThrow(/WORKERS above 1 needs DATABASE_URL/);
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  it.skipIf(!serverUrl)('runs WORKERS=2 servers on one port, with one /metrics for all of them (PostgreSQL)', async () => {
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => undefined });
    const name = `dist_workers_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = '/' + name;
    const server = await start(dataDir, { DATABASE_URL: url.toString(), WORKERS: '2', DEMO: 'true', DEMO_ASSETS: '20' }); // the workers are the point, not the seed
    try {
      // Each request on its own connection: the two workers take turns.
      const token = await mintToken(DEV_JWT_SECRET, { userId: 'dist-test', role: Role.VIEWER, scope: '522327' });
      const ask = (method: string, pathname: string, body?: string) =>
        new Promise<string>((resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port: server.port, path: pathname, method, agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve(text));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const answers = await Promise.all(Array.from({ length: 6 }, () => ask('POST', '/graphql', JSON.stringify({ query: 'query Workers { regions { totalCount } }' }))));
      for (const answer of answers) expect(JSON.parse(answer)).toEqual({ data: { regions: { totalCount: 13 + 156 + 1 } } });
      // Whichever worker answers /metrics reports all six, and both workers' pools.
      for (let i = 0; i < 3; i++) {
        const metrics = await ask('GET', '/metrics');
        expect(metrics).toMatch(/graphql_requests_total\{operation="Workers",outcome="ok"\} 6\n/);
        expect(metrics).toMatch(/db_pool_size 20\n/);
      }
      expect(server.output().match(/GraphiQL: /g)).toHaveLength(1);
      expect(server.output().match(/demo county loaded/g)).toHaveLength(1);
      // The workers run with the server's heap flags (config.ts: SERVER_HEAP_FLAGS).
      const workers = fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, 'utf8').trim().split(/\s+/);
      expect(workers).toHaveLength(2);
      for (const pid of workers) expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([...SERVER_HEAP_FLAGS]));
    } finally {
      expect(await stop(server.child), server.output().slice(-2000)).toBe(0);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  });
});
