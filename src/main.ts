/** Starts the server from the environment: the only file that reads process.env. */
import 'reflect-metadata';
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { DemoToken } from './http/graphiql';
import { systemClock } from './clock';
import { loadConfig, SERVER_HEAP_FLAGS, type Config } from './config';
import { openDatabase } from './db/client';
import { createLogger } from './http/logger';

const TALLY_FOLD_MS = 60_000;

/**
 * Migrations and the demo county, before any request: done once, by the primary when there
 * are workers. The application's modules are imported where they are needed, so the primary
 * of a cluster stays small.
 */
async function prepareDatabase(config: Config, logger: Logger): Promise<{ database: Awaited<ReturnType<typeof openDatabase>>; demoTokens: DemoToken[] }> {
  // A worker finds the database already migrated by its primary.
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    migrate: cluster.isPrimary,
    waitForServerMs: config.databaseWaitMs,
    onWaiting: ({ attempt, retryInMs, reason }) => logger.warn({ attempt, retryInMs }, `${reason}; retrying in ${retryInMs / 1000} s`),
  });
  if (cluster.isPrimary) logger.info({ database: database.kind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'database migrated');
  if (!config.demo) return { database, demoTokens: [] };
  const [{ ensureDemoCounty, demoRegions, DEMO_COUNTY }, { mintDemoTokens }, { PersonalDataCipher }] = await Promise.all([
    import('../seeds/demo-county'),
    import('./auth/demo-tokens'),
    import('./modules/parties/personal-data'),
  ]);
  const demo = await ensureDemoCounty(database.db, new PersonalDataCipher(config.dataKey), systemClock, config.demoAssets);
  if (demo.loaded) logger.info({ county: DEMO_COUNTY }, 'demo county loaded');
  const nameOf = (code: string) => demoRegions().find((r) => String(r.code) === code.padEnd(12, '0'))?.name ?? code;
  const scope = (code: string) => ({ code, name: nameOf(code) });
  return { database, demoTokens: await mintDemoTokens(config.jwtSecret, scope(DEMO_COUNTY), scope(`${DEMO_COUNTY}104`), demo.custodianPartyId) };
}

function printBanner(port: number, demoTokens: DemoToken[]): void {
  const lines = [`\nGraphiQL: http://localhost:${port}/graphiql   GraphQL: http://localhost:${port}/graphql`];
  for (const t of demoTokens) lines.push(`\n${t.role} (${t.scope}):\n  ${t.token}`);
  process.stdout.write(lines.join('\n') + (demoTokens.length ? '\n\n' : '\n'));
}

/** One server process: the app on the port (shared with the other workers, if any). */
async function serve(config: Config, logger: Logger): Promise<void> {
  const { database, demoTokens } = await prepareDatabase(config, logger);
  const [{ createApp }, { foldTallyPeriodically }] = await Promise.all([import('./app'), import('./modules/reports/reports.service')]);
  const app = await createApp(config, database, { logger });
  app.setDemoTokens(demoTokens);
  const stopFolding = foldTallyPeriodically(database.db, TALLY_FOLD_MS, (error) => logger.error({ err: error }, 'folding the asset tally failed'));

  // A port already taken (a second `npm start`) is said in one line, not thrown as an unhandled 'error' event.
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use: stop the server holding it, or start with PORT=<another port>`) : error),
    );
    app.server.listen(config.port, config.host, resolve);
  }).catch(async (error: unknown) => {
    stopFolding();
    await database.close();
    throw error;
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'listening');
  if (cluster.isPrimary || cluster.worker?.id === 1) printBanner(port, demoTokens);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    stopFolding();
    await app.shutdown();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The workers get each of SERVER_HEAP_FLAGS unless the command line or NODE_OPTIONS sets its own. */
function withServerHeapFlags(execArgv: string[]): string[] {
  const given = [...execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return [...execArgv, ...SERVER_HEAP_FLAGS.filter((flag) => !given.some((own) => own.startsWith(flag.split('=')[0]!)))];
}

/** Restart back-off for crashed workers: 1 s, 2 s, 4 s … at most 30 s; a worker that ran a minute resets it. */
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
const STABLE_MS = 60_000;

/**
 * WORKERS > 1: the primary prepares the database, then forks that many servers that share the
 * port (Node hands connections round-robin), replaces any that exit — after a back-off that
 * grows while they keep failing, so a crash loop neither stops the others nor spins the CPU —
 * and passes SIGTERM on. Node runs JavaScript on one core; this is how one machine uses all of
 * its cores.
 */
async function supervise(config: Config, logger: Logger): Promise<void> {
  const { database } = await prepareDatabase(config, logger);
  await database.close();
  cluster.setupPrimary({ execArgv: withServerHeapFlags(process.execArgv) });
  let stopping = false;
  let failures = 0;
  const fork = () => {
    const started = Date.now();
    cluster.fork().on('exit', (code, signal) => {
      if (stopping) return;
      failures = Date.now() - started >= STABLE_MS ? 1 : failures + 1;
      const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** (failures - 1));
      logger.error({ code, signal, restartInMs: delay, failures }, 'a server process stopped; starting another');
      setTimeout(() => stopping || fork(), delay).unref();
    });
  };
  (await import('./http/metrics')).serveClusterMetrics();
  for (let i = 0; i < config.workers; i++) fork();
  function stop(signal: NodeJS.Signals): void {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: config.workers }, 'shutting down the server processes');
    const workers = Object.values(cluster.workers ?? {}).filter((w) => !w!.isDead());
    let running = workers.length;
    if (running === 0) process.exit(0);
    for (const worker of workers) {
      worker!.on('exit', () => --running === 0 && process.exit(0));
      worker!.process.kill(signal);
    }
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  if (cluster.isPrimary && config.workers > 1) await supervise(config, logger);
  else await serve(config, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
