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
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';
import { importRoute, sendSpreadsheet, spreadsheetFormat, strictQuery, type Authenticate } from './file-routes';

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

export function registerFilesRouter({ db, cipher, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();

  router.get('/export/assets.:format', async (req, res, next) => {
    try {
      const format = spreadsheetFormat(req.params.format);
      const viewer = await authenticate(req);
      const filter = exportFilter(strictQuery(req, EXPORT_PARAMETERS));
      const region = filter.regionPrefix ?? viewer.scope;
      const day = clock.today();
      await sendSpreadsheet(
        res,
        format,
        { headers: HEADERS, sheetName: '资产台账', asciiName: `assets-${region}-${day}`, name: `资产台账-${region}-${day}` },
        exportRegister(db, viewer, clock, filter),
      );
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/import/assets',
    importRoute(authenticate, 'register:write', (_req, viewer, rows, dryRun) => importRegister(db, viewer, clock, cipher, rows, { dryRun })),
  );
  return router;
}
