/**
 * The fault scenarios, long: `npm run faults -- [--duration 60] [--writers 8] [--only terminate,workers,sigkill,unreachable]`
 * against FAULTS_DATABASE_URL (default postgres://root@127.0.0.1:5432/test; each scenario makes
 * and drops its own database). Prints one report per scenario and exits 1 if any failed its checks.
 * The test suite runs the same scenarios for a few seconds each (test/faults).
 */
import { commandArgs, failCommand } from '../src/cli/args';
import { ConfigError } from '../src/config';
import { demoCountyTemplate, sigkillDuringWrites, terminateBackendsUnderWrites, unreachableAtStart, workerCrashes, type FaultReport } from './faults/scenarios';

const SCENARIOS = ['terminate', 'workers', 'sigkill', 'unreachable'] as const;

function passed(r: FaultReport): boolean {
  return r.found === r.acknowledged && r.halfWritten === 0 && r.unexpected === 0 && r.serverAlive && r.chainOk;
}

async function main(): Promise<number> {
  const { values } = commandArgs(`usage: npm run faults -- [--duration 60] [--writers 8] [--only ${SCENARIOS.join(',')}]`, {
    duration: { type: 'string', default: '60' },
    writers: { type: 'string', default: '8' },
    only: { type: 'string' },
  });
  const adminUrl = process.env.FAULTS_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
  const durationMs = Number(values.duration) * 1000;
  const writers = Number(values.writers);
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown?.length) throw new ConfigError(`no scenario ${unknown.join(', ')}: --only takes ${SCENARIOS.join(', ')}`);
  if (!(durationMs > 0) || !Number.isInteger(writers) || writers < 1) throw new ConfigError('--duration takes seconds above 0, --writers a whole number above 0');
  const wanted = (name: string) => !only || only.includes(name);
  let ok = true;
  // The scenarios that write copy one database the server seeded once (not the unreachable one).
  const seeded = ['terminate', 'workers', 'sigkill'].some(wanted) ? await demoCountyTemplate(adminUrl) : null;
  const template = seeded?.name;
  try {
    const print = (r: FaultReport) => {
      ok &&= passed(r);
      process.stdout.write(
        `\n${r.scenario}: ${passed(r) ? 'survived' : 'FAILED'}\n  acknowledged ${r.acknowledged}, found whole ${r.found}, half-written ${r.halfWritten}, failed ${r.failed} ${JSON.stringify(r.failures)}, unexpected ${r.unexpected}, server alive ${r.serverAlive}, chain ${r.chainOk ? 'verified' : 'BROKEN'}\n${r.notes.map((n) => `  ${n}\n`).join('')}`,
      );
    };
    if (wanted('terminate')) {
      print(await terminateBackendsUnderWrites(adminUrl, { durationMs, writers, killEveryMs: 150, workers: 1, template }));
      print(await terminateBackendsUnderWrites(adminUrl, { durationMs, writers, killEveryMs: 150, workers: 2, template }));
    }
    if (wanted('workers')) print(await workerCrashes(adminUrl, { durationMs, writers, killEveryMs: 3000, template }));
    if (wanted('sigkill')) for (let round = 0; round < 3; round++) print(await sigkillDuringWrites(adminUrl, { burstMs: durationMs / 3, writers, template }));
    if (wanted('unreachable')) {
      const r = await unreachableAtStart(adminUrl, { unreachableMs: 5000 });
      ok &&= r.cameUp && r.waitedMessages > 0;
      process.stdout.write(`\nPostgreSQL unreachable at start: ${r.waitedMessages} retry messages, came up: ${r.cameUp}\n`);
    }
  } finally {
    await seeded?.drop();
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => failCommand('faults', error),
);
