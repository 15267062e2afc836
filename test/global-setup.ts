/**
 * Once per test run: the migrated template every test file's database starts from (PGlite:
 * a dump of a migrated data folder, cached under node_modules/.cache until a migration
 * changes; PostgreSQL: a migrated template database).
 */
import path from 'node:path';
import { prepareTemplate } from '../src/db/test-database';
import { projectRoot } from '../src/paths';

export default async function setup(): Promise<void> {
  process.env.TEST_DB_TEMPLATE = await prepareTemplate(process.env.TEST_DATABASE_URL || undefined, path.join(projectRoot(), 'node_modules', '.cache', 'asset-register'));
}
