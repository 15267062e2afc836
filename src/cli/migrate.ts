import 'reflect-metadata';
/** Applies the migrations to DATABASE_URL, or to the PGlite data folder. */
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  await database.close();
  process.stdout.write(`migrated ${database.kind}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
