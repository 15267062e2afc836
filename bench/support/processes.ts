/**
 * The compiled build as a user runs it: `node dist/src/main.js` and the CLIs in dist/src/cli
 * (`npm test` builds dist/ first). Used by the tests of the commands the README lists and by
 * the fault tests that kill and restart servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/paths';

/**
 * A port free right now. Servers with WORKERS > 1 need a fixed one: with PORT=0 a worker that
 * replaces crashed ones may be handed a different random port than its predecessors had.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Starts the compiled server with `env` (PORT 0: it prints the port it took) and waits until it listens. */
export function startServer(env: Record<string, string> = {}, timeoutMs = 90_000): Promise<Started> {
  const child = spawn(process.execPath, [path.join(projectRoot(), 'dist/src/main.js')], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A server outlives nothing that started it: if this process ends first, so does the server.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('server did not start:\n' + output));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      // The banner, printed at any log level once the server listens (with its demo tokens, in one
      // write); not the "listening" log line before it, which a busy machine delivers alone.
      const match = /GraphiQL: http:\/\/localhost:(\d+)\/graphiql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Sends a signal (SIGTERM by default) and resolves with the exit code, or the signal that ended it. */
export function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode ?? child.signalCode);
      return;
    }
    child.removeAllListeners('exit');
    child.on('exit', (code, sig) => resolve(code ?? sig));
    child.kill(signal);
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/src/cli/<name>.js args…` as `npm run <name> -- args…` does (or `dist/<name>.js` for a path: `bench/run`), and waits for it. */
export function runCli(name: string, args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliResult> {
  const script = name.includes('/') ? name : `src/cli/${name}`;
  const child = spawn(process.execPath, [path.join(projectRoot(), 'dist', `${script}.js`), ...args], {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not finish:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
