/**
 * Spreadsheet routes of stocktakes (清查盘点), for the field teams:
 * - GET  /export/stocktakes/:id/checklist.csv | .xlsx — every asset the stocktake covers in
 *   your scope, with the register's facts and the four columns to fill in;
 * - POST /import/stocktakes/:id/results[?dryRun=true] multipart `file` — the filled-in sheet:
 *   a JSON report of every row's errors; without dryRun every filled-in row is recorded or none.
 * `:id` is the stocktake's global ID. Same token, roles and scope as GraphQL.
 */
import { Router } from 'express';
import type { Deps } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { keyOf } from '../graphql/global-id';
import { localeOf } from '../graphql/user-errors';
import { CHECKLIST_HEADERS, exportChecklist, importChecklist } from '../modules/custody/checklist';
import { attachment, strictQuery, uploadRoute, type Authenticate } from './file-routes';
import { renderReport } from './register-files';
import { readSpreadsheet, writeSpreadsheet } from './spreadsheets';

export function stocktakeFilesRouter({ db, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();

  router.get('/export/stocktakes/:id/checklist.:format', async (req, res, next) => {
    try {
      const format = req.params.format;
      if (format !== 'csv' && format !== 'xlsx') throw new AppError('NOT_FOUND', 'Export as .csv or .xlsx');
      const viewer = await authenticate(req);
      strictQuery(req, []);
      const stocktakeId = keyOf(req.params.id!, 'Stocktake');
      const rows = exportChecklist(db, viewer, stocktakeId);
      const first = await rows.next(); // authorization and the first batch before the headers go out
      res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      attachment(res, `stocktake-${stocktakeId}-checklist.${format}`, `盘点清单-${stocktakeId}.${format}`);
      async function* all() {
        if (!first.done) yield first.value;
        yield* rows;
      }
      await writeSpreadsheet(CHECKLIST_HEADERS, all(), format, res, '盘点清单');
      res.end();
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/import/stocktakes/:id/results',
    uploadRoute(authenticate, 'maintenance:write', async (req, res, viewer, file) => {
      const query = strictQuery(req, ['dryRun']);
      const stocktakeId = keyOf(String(req.params.id), 'Stocktake');
      const rows = await readSpreadsheet(file.originalname, file.buffer);
      const dryRun = query.dryRun === 'true' || query.dryRun === '1';
      const report = await importChecklist(db, viewer, clock, stocktakeId, rows, { dryRun });
      res.status(report.errors.length ? 422 : 200).json(renderReport(report, localeOf(req.headers['accept-language'])));
    }),
  );
  return router;
}
