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
import { keyOf } from '../graphql/global-id';
import { CHECKLIST_HEADERS, exportChecklist, importChecklist } from '../modules/custody/checklist';
import { importRoute, sendSpreadsheet, spreadsheetFormat, strictQuery, type Authenticate } from './file-routes';

export function stocktakeFilesRouter({ db, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();

  router.get('/export/stocktakes/:id/checklist.:format', async (req, res, next) => {
    try {
      const format = spreadsheetFormat(req.params.format);
      const viewer = await authenticate(req);
      strictQuery(req, []);
      const stocktakeId = keyOf(String(req.params.id), 'Stocktake');
      const names = { headers: CHECKLIST_HEADERS, sheetName: '盘点清单', asciiName: `stocktake-${stocktakeId}-checklist`, name: `盘点清单-${stocktakeId}` };
      await sendSpreadsheet(res, format, names, exportChecklist(db, viewer, stocktakeId));
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/import/stocktakes/:id/results',
    importRoute(authenticate, 'maintenance:write', (req, viewer, rows, dryRun) => importChecklist(db, viewer, clock, keyOf(String(req.params.id), 'Stocktake'), rows, { dryRun })),
  );
  return router;
}
