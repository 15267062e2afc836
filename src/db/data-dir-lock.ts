/**
 * One process per embedded database. PGlite keeps its data folder to itself while it runs: a
 * second process that opens the same folder (an import while the server runs) writes into a
 * copy that the first one later overwrites, and its rows are gone. The folder is claimed by a
 * lock file beside it naming the process that holds it; a lock left by a process that no
 * longer runs is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirInUse extends Error {}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  command: string;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims `dataDir` for this process; returns the release. Throws DataDirInUse when another process holds it. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.resolve(dataDir) + '.lock';
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), command: path.basename(process.argv[1] ?? 'node') };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      const release = () => {
        try {
          if ((JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo).pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockInfo | null = null;
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      // unreadable: treat as stale
    }
    if (holder && holder.host === os.hostname() && holder.pid !== process.pid && running(holder.pid)) {
      throw new DataDirInUse(
        `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
          'An embedded database serves one process at a time: stop that process first, or send the work to the running server ' +
          '(npm run import -- FILE --server http://localhost:PORT --token TOKEN, with the port it printed at start).',
      );
    }
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new DataDirInUse(`The data folder ${dataDir} is being claimed by another process; try again`);
}
