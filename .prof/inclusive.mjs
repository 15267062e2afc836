// node inclusive.mjs file.cpuprofile pattern... : share of busy samples whose stack has a frame matching each pattern (function@file)
import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const pats = process.argv.slice(3);
const parent = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map(pats.map((x) => [x, 0])); let total = 0;
const label = (n) => `${n.callFrame.functionName}@${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
for (let i = 0; i < p.samples.length; i++) {
  let id = p.samples[i]; const n0 = byId.get(id); const fnm = n0.callFrame.functionName;
  if (fnm === '(idle)' || fnm === '(program)') continue;
  const dt = p.timeDeltas[i] ?? 0; total += dt;
  const stack = []; while (id !== undefined) { stack.push(label(byId.get(id))); id = parent.get(id); }
  const s = stack.join(' ');
  for (const x of pats) if (s.includes(x)) counts.set(x, counts.get(x) + dt);
}
for (const [x, t] of counts) console.log((100 * t / total).toFixed(1).padStart(5), x);
