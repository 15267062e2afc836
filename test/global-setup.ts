/**
 * Once per test run: the migrated template every test file's database starts from (PGlite:
 * a dump of a migrated data folder, cached under node_modules/.cache until a migration
 * changes; PostgreSQL: a migrated template database), and where the run keeps the demo county
 * seeded once per size (support/demo-template.ts), removed when the run ends.
 */
import path from 'node:path';
import { prepareTemplate } from '../src/db/test-database';
import { projectRoot } from '../src/paths';
import { demoTemplatesForRun } from './support/demo-template';

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL || undefined;
  const cacheDir = path.join(projectRoot(), 'node_modules', '.cache', 'asset-register');
  process.env.TEST_DB_TEMPLATE = await prepareTemplate(url, cacheDir);
  const { templates, teardown } = await demoTemplatesForRun(url, cacheDir);
  process.env.TEST_DEMO_TEMPLATES = JSON.stringify(templates);
  return teardown;
}
