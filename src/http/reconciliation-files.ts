/**
 * GET /export/reconciliation.csv | .xlsx?region=&from=&to= — a county's, township's or
 * village's income reconciliation (对账) for the finance office, streamed. Same token, roles and
 * scope as GraphQL's `incomeReconciliation`.
 */
import { Router } from 'express';
import type { Deps } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { DateScalar } from '../graphql/scalars';
import { RECONCILIATION_HEADERS, reconciliationSheet } from '../modules/reconciliation/reconciliation.sheet';
import { normaliseDivisionCode } from '../modules/regions/division-code';
import { sendSpreadsheet, spreadsheetFormat, strictQuery, type Authenticate } from './file-routes';

function queryDate(value: string | undefined, name: string): string {
  try {
    return DateScalar.parseValue(value) as string;
  } catch {
    throw new AppError('BAD_USER_INPUT', `${name} must be a date (YYYY-MM-DD)`, [name]);
  }
}

export function reconciliationFilesRouter({ db, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();
  router.get('/export/reconciliation.:format', async (req, res, next) => {
    try {
      const format = spreadsheetFormat(req.params.format);
      const viewer = await authenticate(req);
      const query = strictQuery(req, ['region', 'from', 'to']);
      const region = normaliseDivisionCode(query.region ?? '');
      if (!region) throw new AppError('BAD_USER_INPUT', 'region must be a division code', ['region']);
      const [from, to] = [queryDate(query.from, 'from'), queryDate(query.to, 'to')];
      const names = { headers: RECONCILIATION_HEADERS, sheetName: '收益对账', asciiName: `reconciliation-${region}-${from}-${to}`, name: `收益对账-${region}-${from}至${to}` };
      await sendSpreadsheet(res, format, names, reconciliationSheet(db, viewer, clock, region, from, to));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
