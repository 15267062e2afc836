/** Starts the server from the environment: the only file that reads process.env. */
import 'reflect-metadata';
import pino from 'pino';
import { ensureDemoCounty, DEMO_COUNTY } from '../seeds/demo-county';
import { createApp } from './app';
import { mintDemoTokens } from './auth/demo-tokens';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { PersonalDataCipher } from './modules/parties/personal-data';
import { foldTallyPeriodically } from './modules/reports/reports.service';

const TALLY_FOLD_MS = 60_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    migrate: true,
  });
  logger.info({ database: database.kind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'database migrated');

  const app = await createApp(config, database, { logger });
  const stopFolding = foldTallyPeriodically(database.db, TALLY_FOLD_MS, (error) => logger.error({ err: error }, 'folding the asset tally failed'));
  let demoTokens: Awaited<ReturnType<typeof mintDemoTokens>> = [];
  if (config.demo) {
    const demo = await ensureDemoCounty(database.db, new PersonalDataCipher(config.dataKey));
    if (demo.loaded) logger.info({ county: DEMO_COUNTY }, 'demo county loaded');
    demoTokens = await mintDemoTokens(config.jwtSecret, DEMO_COUNTY, DEMO_COUNTY + '104', demo.custodianPartyId);
    app.setDemoTokens(demoTokens);
  }

  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'listening');
  const lines = [`\nGraphiQL: http://localhost:${port}/graphiql   GraphQL: http://localhost:${port}/graphql`];
  for (const t of demoTokens) lines.push(`\n${t.role} (${t.scope}):\n  ${t.token}`);
  if (demoTokens.length) process.stdout.write(lines.join('\n') + '\n\n');
  else process.stdout.write(lines[0] + '\n');

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

main().catch((error: unknown) => {
  process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
