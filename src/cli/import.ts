/**
 * Imports an asset register: `npm run import -- FILE.csv|FILE.xlsx [--dry-run] [--scope CODE] [--user NAME]`.
 * Runs against DATABASE_URL or the PGlite data folder as an ADMIN of the scope (default: all),
 * prints the report, and exits 1 when any row is refused (nothing is written then).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Role, type Viewer } from '../auth/viewer';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { readSpreadsheet } from '../http/spreadsheets';
import { importRegister } from '../modules/assets/register-io.service';
import { PersonalDataCipher } from '../modules/parties/personal-data';
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, scope: { type: 'string' }, user: { type: 'string', default: 'cli-import' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import -- FILE.csv|FILE.xlsx [--dry-run] [--scope CODE]');
  const scopeCode = values.scope ? normaliseDivisionCode(values.scope) : null;
  if (values.scope && !scopeCode) throw new Error('--scope must be a division code');
  const config = loadConfig(process.env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  try {
    const viewer: Viewer = { userId: values.user!, role: Role.ADMIN, scope: scopeCode ? significantPrefix(scopeCode) : '', partyId: null, requestId: `cli-import-${Date.now()}` };
    const rows = await readSpreadsheet(path.basename(file), fs.readFileSync(file));
    const report = await importRegister(database.db, viewer, new PersonalDataCipher(config.dataKey), rows, { dryRun: values['dry-run']! });
    for (const e of report.errors) process.stdout.write(`row ${e.row}\t${e.column}\t${e.code}\t${e.message}\n`);
    process.stdout.write(`${report.rows} rows, ${report.errors.length} errors, ${report.imported} imported${report.dryRun ? ' (dry run)' : ''}\n`);
    return report.errors.length ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
