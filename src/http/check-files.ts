/**
 * GET /export/audit-findings.csv | .xlsx?region=&asOf=&checks=A,B&severity= — the automated
 * checks' findings over a region, for the auditor's working papers. Same token, roles and scope
 * as GraphQL's `auditFindings`.
 */
import { Router } from 'express';
import type { Deps } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { DateScalar } from '../graphql/scalars';
import { FINDING_HEADERS, findingsSheet } from '../modules/checks/checks.sheet';
import { AUDIT_CHECKS, SEVERITIES, type AuditCheck, type Severity } from '../modules/checks/checks.service';
import { normaliseDivisionCode } from '../modules/regions/division-code';
import { sendSpreadsheet, spreadsheetFormat, strictQuery, type Authenticate } from './file-routes';

export function checkFilesRouter({ db, clock }: Deps, authenticate: Authenticate): Router {
  const router = Router();
  router.get('/export/audit-findings.:format', async (req, res, next) => {
    try {
      const format = spreadsheetFormat(req.params.format);
      const viewer = await authenticate(req);
      const query = strictQuery(req, ['region', 'asOf', 'checks', 'severity']);
      const region = normaliseDivisionCode(query.region ?? '');
      if (!region) throw new AppError('BAD_USER_INPUT', 'region must be a division code', ['region']);
      let asOf: string | undefined;
      try {
        asOf = query.asOf === undefined ? undefined : (DateScalar.parseValue(query.asOf) as string);
      } catch {
        throw new AppError('BAD_USER_INPUT', 'asOf must be a date (YYYY-MM-DD)', ['asOf']);
      }
      const checks = query.checks === undefined ? undefined : query.checks.split(',').map((c) => c.trim());
      if (checks?.some((c) => !(AUDIT_CHECKS as readonly string[]).includes(c))) throw new AppError('BAD_USER_INPUT', `checks are among ${AUDIT_CHECKS.join(', ')}`, ['checks']);
      if (query.severity !== undefined && !(SEVERITIES as readonly string[]).includes(query.severity))
        throw new AppError('BAD_USER_INPUT', `severity is one of ${SEVERITIES.join(', ')}`, ['severity']);
      const day = asOf ?? clock.today();
      const names = { headers: FINDING_HEADERS, sheetName: '核查结果', asciiName: `audit-findings-${region}-${day}`, name: `核查结果-${region}-${day}` };
      await sendSpreadsheet(res, format, names, findingsSheet(db, viewer, clock, { region, asOf, checks: checks as AuditCheck[] | undefined, severity: query.severity as Severity | undefined }));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
