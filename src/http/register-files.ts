/**
 * Spreadsheet routes of the register (DESIGN.md §6):
 * - GET  /export/assets.csv | /export/assets.xlsx ?region=&assetClass=&category=&status=&text=
 *   CSV is UTF-8 with a BOM (Excel opens it in Chinese); both stream batch by batch.
 * - POST /import/assets[?dryRun=true] multipart `file` (.csv or .xlsx): a JSON report of every
 *   row's errors; without dryRun all rows are written or none.
 * Same bearer token, roles and region scope as GraphQL: the services apply them; an upload's
 * caller is checked before its body is read (file-routes.ts).
 */
import { Router } from 'express';
import type { Deps } from '../graphql/context';
import { AppError, searchText } from '../graphql/errors';
import { ASSET_CATEGORIES, ASSET_CLASSES, ASSET_STATUSES } from '../modules/assets/assets.service';
import type { AssetFilter } from '../modules/assets/assets.service';
import { HEADERS } from '../modules/assets/register-file';
import { exportRegister, importRegister } from '../modules/assets/register-io.service';
import { localeOf, type Locale, type Text } from '../graphql/user-errors';
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';
import { attachment, strictQuery, uploadRoute, type Authenticate } from './file-routes';
import { readSpreadsheet, writeSpreadsheet } from './spreadsheets';

const EXPORT_PARAMETERS = ['region', 'assetClass', 'category', 'status', 'text'] as const;

function queryEnum<T extends string>(query: Record<string, string | undefined>, name: string, values: readonly T[]): T | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (!values.includes(raw as T)) throw new AppError('BAD_USER_INPUT', `${name} must be one of ${values.join(', ')}`);
  return raw as T;
}

function exportFilter(query: Record<string, string | undefined>): AssetFilter {
  let regionPrefix: string | undefined;
  if (query.region) {
    const code = normaliseDivisionCode(query.region);
    if (!code) throw new AppError('BAD_USER_INPUT', 'region must be a division code');
    regionPrefix = significantPrefix(code);
  }
  if (query.text && /[\u0000-\u001f\u007f]/.test(query.text)) throw new AppError('BAD_USER_INPUT', 'text must not contain control characters', ['text']);
  const text = searchText(query.text, ['text']);
  return {
    regionPrefix,
    assetClass: queryEnum(query, 'assetClass', ASSET_CLASSES),
    category: queryEnum(query, 'category', ASSET_CATEGORIES),
    status: queryEnum(query, 'status', ASSET_STATUSES),
    text,
  };
}

/** An import report as the caller reads it: messages in the request's language. */
export function renderReport<R extends { errors: { message: Text }[] }>(report: R, locale: Locale) {
  return { ...report, errors: report.errors.map((e) => ({ ...e, message: e.message[locale] })) };
}

export function registerFilesRouter({ db, cipher, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();

  router.get('/export/assets.:format', async (req, res, next) => {
    try {
      const format = req.params.format;
      if (format !== 'csv' && format !== 'xlsx') throw new AppError('NOT_FOUND', 'Export as .csv or .xlsx');
      const viewer = await authenticate(req);
      const filter = exportFilter(strictQuery(req, EXPORT_PARAMETERS));
      const rows = exportRegister(db, viewer, clock, filter);
      const first = await rows.next(); // authorization and the first batch before the headers go out
      res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const region = filter.regionPrefix ?? viewer.scope;
      const day = clock.today();
      attachment(res, `assets-${region}-${day}.${format}`, `资产台账-${region}-${day}.${format}`);
      async function* all() {
        if (!first.done) yield first.value;
        yield* rows;
      }
      await writeSpreadsheet(HEADERS, all(), format, res, '资产台账');
      res.end();
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/import/assets',
    uploadRoute(authenticate, 'register:write', async (req, res, viewer, file) => {
      const query = strictQuery(req, ['dryRun']);
      const rows = await readSpreadsheet(file.originalname, file.buffer);
      const dryRun = query.dryRun === 'true' || query.dryRun === '1';
      const report = await importRegister(db, viewer, clock, cipher, rows, { dryRun });
      res.status(report.errors.length ? 422 : 200).json(renderReport(report, localeOf(req.headers['accept-language'])));
    }),
  );
  return router;
}
