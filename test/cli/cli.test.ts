/**
 * Every command the README lists, run from dist/ as a user runs it: token, migrate, schema,
 * seed and import (locally, and through a running server). An embedded data folder that a
 * running server holds is refused, never opened twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths';
import { freePort, runCli, startServer, stopServer } from '../../bench/support/processes';

const EXAMPLE = path.join(projectRoot(), 'seeds/register-example.csv');

// Tests here load the 2,000-asset demo county into a fresh embedded database: about 45 s alone, more beside other files.
describe('the command-line tools (dist/)', { timeout: 180_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-register-cli-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('every command prints its usage on --help, and says a wrong option in one line with the usage', async () => {
    for (const command of ['token', 'seed', 'import', 'bench/run', 'bench/faults']) {
      const help = await runCli(command, ['--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/^usage: npm run /);
      const wrong = await runCli(command, ['--no-such-option']);
      expect(wrong.code, command).toBe(2);
      expect(wrong.stderr, command).toMatch(/Unknown option '--no-such-option'[\s\S]*usage: npm run /);
      expect(wrong.stderr, command).not.toMatch(/\n\s+at /); // no stack trace
    }
    const faults = await runCli('bench/faults', ['--only', 'bogus']);
    expect([faults.code, faults.stderr]).toEqual([2, expect.stringContaining('no scenario bogus')]);
    const bench = await runCli('bench/run', ['--duration', 'abc']);
    expect([bench.code, bench.stderr]).toEqual([2, expect.stringContaining('--duration takes a whole number')]);
    for (const shard of ['2/2', '1', 'a/b']) expect((await runCli('seed', ['--shard', shard])).stderr, shard).toContain('--shard takes K/S with 0 ≤ K < S');
  });

  it('import names the server it could not reach, and refuses --scope with --server', async () => {
    const port = await freePort(); // nothing listens there
    const unreachable = await runCli('import', [EXAMPLE, '--server', `http://127.0.0.1:${port}`, '--token', 'x']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(`could not reach the server at http://127.0.0.1:${port}/import/assets (ECONNREFUSED)`);
    // --scope is the embedded import's; through a server the token's scope decides, never silently ignored.
    const scoped = await runCli('import', [EXAMPLE, '--server', `http://127.0.0.1:${port}`, '--token', 'x', '--scope', '522327']);
    expect([scoped.code, scoped.stderr]).toEqual([2, expect.stringContaining('--scope is for the embedded import')]);
  });

  it('token prints only a token, and explains a wrong role', async () => {
    const ok = await runCli('token', ['--role', 'AUDITOR', '--scope', '522327']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const custodian = await runCli('token', ['--role', 'CUSTODIAN', '--scope', '522327', '--party', '7']);
    expect(custodian.code).toBe(0);
    for (const role of ['toString', 'KING']) {
      const bad = await runCli('token', ['--role', role, '--scope', '522327']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--role must be one of');
    }
  });

  it('schema check says the committed schema is current', async () => {
    const res = await runCli('schema', ['check']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('schema/schema.graphql is current');
    expect(res.code).toBe(0);
  });

  it('migrate, seed and import work on an embedded data folder', async () => {
    const env = { DATA_DIR: path.join(root, 'local'), DEMO_ASSETS: '40' }; // the tools are the point here, not the seed's size
    const migrated = await runCli('migrate', [], env);
    expect(migrated.stdout).toBe('migrated pglite\n');
    expect(migrated.code).toBe(0);
    const seeded = await runCli('seed', ['--assets', '0'], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(/^40 assets; took/m);
    // Run again, it has nothing to add, and says so.
    expect((await runCli('seed', ['--assets', '0'], env)).stdout).toMatch(/^40 assets \(already at least the 0 asked for: nothing added\); took/m);
    const dry = await runCli('import', [EXAMPLE, '--dry-run'], env);
    expect(dry.stdout).toMatch(/rows, 0 errors, 0 imported \(dry run\)/);
    expect(dry.code).toBe(0);
    const real = await runCli('import', [EXAMPLE], env);
    expect(real.stdout).toMatch(/^(\d+) rows, 0 errors, \1 imported\n$/);
    const again = await runCli('import', [EXAMPLE], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('DUPLICATE');
  });

  it('refuses a data folder a running server holds, and imports through that server instead', async () => {
    const dataDir = path.join(root, 'served');
    const server = await startServer({ DATA_DIR: dataDir, DEMO_ASSETS: '1' }); // the demo's regions, parties and projects, one asset: a quick start
    try {
      const local = await runCli('import', [EXAMPLE], { DATA_DIR: dataDir });
      expect(local.code).toBe(2);
      expect(local.stderr).toMatch(/is in use by process \d+/);
      expect(local.stderr).toContain('--server');
      const seed = await runCli('seed', ['--assets', '0'], { DATA_DIR: dataDir });
      expect(seed.code).not.toBe(0);
      expect(seed.stderr).toMatch(/is in use by process/);

      const token = (await runCli('token', ['--role', 'ASSET_MANAGER', '--scope', '522327'])).stdout.trim();
      const url = `http://127.0.0.1:${server.port}`;
      const remote = await runCli('import', [EXAMPLE, '--server', url, '--token', token]);
      expect(remote.stdout).toMatch(/^(\d+) rows, 0 errors, \1 imported\n$/);
      expect(remote.code).toBe(0);
      const anonymous = await runCli('import', [EXAMPLE, '--server', url, '--token', 'not-a-token']);
      expect(anonymous.code).toBe(2);
      expect(anonymous.stderr).toContain('401');
    } finally {
      expect(await stopServer(server.child)).toBe(0);
    }
    // What the server imported is still there after it stopped: nothing was lost.
    const restarted = await startServer({ DATA_DIR: dataDir, DEMO_ASSETS: '1' });
    try {
      const token = (await runCli('token', ['--role', 'VIEWER', '--scope', '522327'])).stdout.trim();
      const res = await fetch(`http://127.0.0.1:${restarted.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ asset(code: "EX-2020-001") { name } }' }),
      });
      expect(((await res.json()) as { data: { asset: { name: string } } }).data.asset.name).toBe('巧马社区村级光伏电站');
    } finally {
      await stopServer(restarted.child);
    }
    expect(fs.existsSync(dataDir + '.lock')).toBe(false);
  });
});
