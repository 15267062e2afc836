import 'reflect-metadata';
/**
 * Imports an asset register:
 *   npm run import -- FILE.csv|FILE.xlsx [--dry-run] [--scope CODE] [--user NAME]
 *   npm run import -- FILE.csv|FILE.xlsx --server http://localhost:4000 --token TOKEN [--dry-run]
 * The first form opens the database itself (DATABASE_URL, or the PGlite folder DATA_DIR) and acts
 * as an ADMIN of the scope (default: all); an embedded folder that a running server holds is
 * refused, not shared. The second sends the file to a running server as the token's user, the
 * way a browser upload does. Prints the report; exits 1 when any row is refused (nothing is
 * written then), 2 when the import could not run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { commandArgs } from './args';
import { Role, type Viewer } from '../auth/viewer';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { renderReport } from '../http/file-routes';
import { readSpreadsheet } from '../http/spreadsheets';
import { localeOf, type Locale } from '../graphql/user-errors';
import { importRegister, type ImportReport } from '../modules/assets/register-io.service';
import { PersonalDataCipher } from '../modules/parties/personal-data';
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';

const USAGE = 'usage: npm run import -- FILE.csv|FILE.xlsx [--dry-run] [--scope CODE] | [--server URL --token TOKEN]';

async function importLocally(file: string, dryRun: boolean, scope: string | undefined, user: string): Promise<ImportReport> {
  const scopeCode = scope ? normaliseDivisionCode(scope) : null;
  if (scope && !scopeCode) throw new Error('--scope must be a division code');
  const config = loadConfig(process.env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  try {
    const viewer: Viewer = { userId: user, role: Role.ADMIN, scope: scopeCode ? significantPrefix(scopeCode) : '', partyId: null, requestId: `cli-import-${Date.now()}` };
    const rows = await readSpreadsheet(path.basename(file), fs.readFileSync(file));
    return await importRegister(database.db, viewer, systemClock, new PersonalDataCipher(config.dataKey), rows, { dryRun });
  } finally {
    await database.close();
  }
}

/** A report in the language the CLI speaks (LANG=en… for English, Chinese otherwise). */
type PrintedReport = Omit<ImportReport, 'errors'> & { errors: { row: number; column: string; code: string; message: string }[] };

async function importThroughServer(file: string, dryRun: boolean, server: string, token: string, locale: Locale): Promise<PrintedReport> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const url = new URL('/import/assets', server);
  if (dryRun) url.searchParams.set('dryRun', 'true');
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'accept-language': locale }, body: form }).catch((error: Error) => {
    // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND …).
    const reason = (error.cause as { code?: string; message?: string } | undefined)?.code ?? (error.cause as Error | undefined)?.message ?? error.message;
    throw new Error(`could not reach the server at ${url} (${reason}): is it running, and on that port?`);
  });
  const body = (await res.json()) as PrintedReport;
  if (res.status !== 200 && res.status !== 422) {
    const error = (body as unknown as { errors?: { message: string; extensions?: { code?: string } }[] }).errors?.[0];
    throw new Error(`the server answered ${res.status}${error ? `: ${error.extensions?.code ?? ''} ${error.message}` : ''}`);
  }
  return body;
}

async function main(): Promise<number> {
  const { values, positionals } = commandArgs(
    USAGE,
    {
      'dry-run': { type: 'boolean', default: false },
      scope: { type: 'string' },
      user: { type: 'string', default: 'cli-import' },
      server: { type: 'string' },
      token: { type: 'string' },
    },
    true,
  );
  const file = positionals[0];
  if (!file) throw new Error(USAGE);
  if (!fs.existsSync(file)) throw new Error(`no file ${file}`);
  if (values.server && !values.token) throw new Error('--server needs --token (npm run -s token -- --role ASSET_MANAGER --scope CODE)');
  if (values.server && values.scope) throw new Error("--scope is for the embedded import; through --server the token's scope decides");
  const dryRun = values['dry-run']!;
  const locale = localeOf(process.env.LANG?.replace(/_.*/, ''));
  const report = values.server ? await importThroughServer(file, dryRun, values.server, values.token!, locale) : renderReport(await importLocally(file, dryRun, values.scope, values.user!), locale);
  for (const e of report.errors) process.stdout.write(`row ${e.row}\t${e.column}\t${e.code}\t${e.message}\n`);
  process.stdout.write(`${report.rows} rows, ${report.errors.length} errors, ${report.imported} imported${report.dryRun ? ' (dry run)' : ''}\n`);
  return report.errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
