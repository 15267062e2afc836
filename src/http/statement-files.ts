/**
 * POST /import/bank-statements?account=<party id>[&dryRun=true][&windowDays=N] multipart `file`
 * — a bank's statement export (CSV or XLSX) of the account holder's account: a JSON report of
 * every credit line's match (matched, ambiguous, unmatched, imported before); without dryRun the
 * lines and their matches are recorded. Same token, roles and scope as GraphQL.
 */
import { Router } from 'express';
import type { Deps } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { tryKeyOf } from '../graphql/global-id';
import { importBankStatement } from '../modules/statements/statements.service';
import { importRoute, type Authenticate } from './file-routes';

export function statementFilesRouter({ db, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();
  router.post(
    '/import/bank-statements',
    importRoute(
      authenticate,
      'finance:write',
      (req, viewer, rows, dryRun, query) => {
        if (!query.account) throw new AppError('BAD_USER_INPUT', 'Name the account holder: ?account=<global ID of the party>', ['account']);
        const windowDays = query.windowDays === undefined ? undefined : /^\d{1,3}$/.test(query.windowDays) ? Number(query.windowDays) : Number.NaN;
        return importBankStatement(db, viewer, clock, rows, { accountPartyId: tryKeyOf(query.account, 'Party'), fileName: req.file?.originalname ?? '', dryRun, windowDays });
      },
      ['account', 'windowDays'],
    ),
  );
  return router;
}
