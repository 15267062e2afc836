// Interleaved A/B: VARIANTS='[["name",{"DIR":"/work/main","FLAGS":"..."}],...]' node ab.mjs body.json ROUNDS SECS
import { spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
const [bodyFile, rounds = '3', secs = '10'] = process.argv.slice(2);
const maker = bodyFile.endsWith('.mjs') ? (await import('./' + bodyFile)).make : null;
const body = maker ? null : fs.readFileSync(bodyFile, 'utf8');
const variants = JSON.parse(process.env.VARIANTS);
const TCK = 100;
const cpuOf = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / TCK * 1000; };
const pgCpu = () => { let t = 0; for (const d of fs.readdirSync('/proc')) { if (!/^\d+$/.test(d)) continue; try { const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8'); if (!st.includes('(postgres)')) continue; const f = st.split(') ')[1].split(' '); t += (Number(f[11]) + Number(f[12])) / TCK * 1000; } catch {} } return t; };
const hwm = (pid) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
let port = 4600;
const servers = [];
for (const [name, v] of variants) {
  const p = port++;
  const flags = (v.FLAGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, `${v.DIR ?? '/work/main'}/dist/src/main.js`], { env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: process.env.DB ?? 'postgres://root@127.0.0.1:5432/assets_bench', JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789', DATA_KEY: 'bench-only-data-key-0123456789abcdef012345', PORT: String(p), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DB_POOL_SIZE: '10', WORKERS: '1', ...(v.ENV ?? {}) }, stdio: ['ignore', 'inherit', 'inherit'] });
  servers.push({ name, port: p, child });
}
const token = process.env.TOKEN;
for (const s of servers) { for (let i = 0; i < 300; i++) { try { if ((await fetch(`http://127.0.0.1:${s.port}/healthz`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 100)); } }
for (const s of servers) s.body = maker ? await maker(`http://127.0.0.1:${s.port}/graphql`) : null;
const run = (s, d) => new Promise((res) => autocannon({ url: `http://127.0.0.1:${s.port}/graphql`, method: 'POST', connections: 20, duration: d, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(s.body ? { requests: [{ setupRequest: (req) => ({ ...req, body: s.body() }) }] } : { body }) }, (e, r) => res(r)));
for (const s of servers) await run(s, 4);
const results = Object.fromEntries(servers.map((s) => [s.name, []]));
for (let r = 0; r < Number(rounds); r++) for (const s of servers) {
  const c0 = cpuOf(s.child.pid); const d0 = pgCpu();
  const out = await run(s, Number(secs));
  const c1 = cpuOf(s.child.pid); const d1 = pgCpu();
  const n = out.requests.total; const bad = out.non2xx + out.errors;
  results[s.name].push(`${(out.requests.average).toFixed(0)}/s cpu ${((c1 - c0) / n).toFixed(2)}ms db ${((d1 - d0) / n).toFixed(2)}ms p99 ${out.latency.p99}${bad ? ' BAD ' + bad : ''}`);
  console.log(r, s.name, results[s.name].at(-1));
}
for (const s of servers) { console.log(s.name, 'HWM', hwm(s.child.pid).toFixed(0), 'MB'); s.child.kill('SIGTERM'); }
console.log(JSON.stringify(results, null, 1));
