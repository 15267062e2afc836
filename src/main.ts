/** Starts the server from the environment: the only file that reads process.env. */
import 'reflect-metadata';
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { DemoToken } from './http/graphiql';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/client';
import { createLogger } from './http/logger';

const TALLY_FOLD_MS = 60_000;
/** A worker that exits sooner than this after being started is failing to start. */
const CRASH_LOOP_MS = 10_000;

/**
 * Migrations and the demo county, before any request: done once, by the primary when there
 * are workers. The application's modules are imported where they are needed, so the primary
 * of a cluster stays small.
 */
async function prepareDatabase(config: Config, logger: Logger): Promise<{ database: Awaited<ReturnType<typeof openDatabase>>; demoTokens: DemoToken[] }> {
  // A worker finds the database already migrated by its primary.
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, statementTimeoutMs: config.statementTimeoutMs, migrate: cluster.isPrimary });
  if (cluster.isPrimary) logger.info({ database: database.kind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'database migrated');
  if (!config.demo) return { database, demoTokens: [] };
  const [{ ensureDemoCounty, DEMO_COUNTY }, { mintDemoTokens }, { PersonalDataCipher }] = await Promise.all([
    import('../seeds/demo-county'),
    import('./auth/demo-tokens'),
    import('./modules/parties/personal-data'),
  ]);
  const demo = await ensureDemoCounty(database.db, new PersonalDataCipher(config.dataKey));
  if (demo.loaded) logger.info({ county: DEMO_COUNTY }, 'demo county loaded');
  return { database, demoTokens: await mintDemoTokens(config.jwtSecret, DEMO_COUNTY, DEMO_COUNTY + '104', demo.custodianPartyId) };
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

  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
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

/**
 * WORKERS > 1: the primary prepares the database, then forks that many servers that share the
 * port (Node hands connections round-robin), replaces any that crash, and passes SIGTERM on.
 * Node runs JavaScript on one core; this is how one machine uses all of its cores.
 */
async function supervise(config: Config, logger: Logger): Promise<void> {
  const { database } = await prepareDatabase(config, logger);
  await database.close();
  let stopping = false;
  const fork = () => {
    const started = Date.now();
    cluster.fork().on('exit', (code, signal) => {
      if (stopping) return;
      // One that dies while starting would die again: stop rather than loop.
      if (Date.now() - started < CRASH_LOOP_MS) {
        logger.error({ code, signal }, 'a server process failed while starting; stopping');
        stop('SIGTERM', 1);
        return;
      }
      logger.error({ code, signal }, 'a server process stopped; starting another');
      fork();
    });
  };
  (await import('./http/metrics')).serveClusterMetrics();
  for (let i = 0; i < config.workers; i++) fork();
  function stop(signal: NodeJS.Signals, exitCode = 0): void {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: config.workers }, 'shutting down the server processes');
    const workers = Object.values(cluster.workers ?? {}).filter((w) => !w!.isDead());
    let running = workers.length;
    if (running === 0) process.exit(exitCode);
    for (const worker of workers) {
      worker!.on('exit', () => --running === 0 && process.exit(exitCode));
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
