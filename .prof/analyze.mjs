// node analyze.mjs file.cpuprofile [topN]: self time by package and top functions
import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const self = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let total = 0; const pkg = new Map(); const fn = new Map();
for (const n of p.nodes) {
  const t = dt.get(n.id) ?? 0; if (!t) continue;
  const { url, functionName, lineNumber } = n.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') { continue; }
  total += t;
  let k = url.includes('node_modules/') ? url.split('node_modules/').pop().split('/').slice(0, url.split('node_modules/').pop().startsWith('@') ? 2 : 1).join('/') : url.includes('/dist/') ? 'ours:' + url.split('/dist/')[1] : url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : functionName.startsWith('(') ? functionName : url || 'native:' + functionName;
  pkg.set(k, (pkg.get(k) ?? 0) + t);
  const f = `${functionName || '(anon)'} ${url.split('/').slice(-2).join('/')}:${lineNumber}`;
  fn.set(f, (fn.get(f) ?? 0) + t);
}
console.log('busy ms', (total / 1000).toFixed(0));
for (const [k, t] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * t / total).toFixed(1).padStart(5), k);
console.log('---');
for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log((100 * t / total).toFixed(1).padStart(5), k);
