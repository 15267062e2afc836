/**
 * 自动核查 (the automated audit checks, DESIGN.md §4): each check one SQL statement over the
 * caller's scope, as of a date (the request clock's today by default), with the thresholds of the
 * rule parameters in force for each row's county unless the caller overrides them for the run.
 * Findings come ordered by severity, then the money involved; the summary counts and sums per
 * check. Both run read-only with the report statement timeout (120 s), so a province's run is not
 * cut off at the ordinary 5 s.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { allowLongStatements, streamReport, withParallelReport, withReportTimeout, type Tx } from '../../db/transaction';
import { AppError } from '../../graphql/errors';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { significantPrefix } from '../regions/division-code';
import { RULES, type RuleName } from '../rules/rules.service';
import { checkContext, type CheckContext } from './check';
import { AUDIT_CHECKS, CHECK_TITLES, type AuditCheck, type Severity } from './checks.catalog';
import * as store from './checks.store';
import { CHECKS } from './definitions';

export { AUDIT_CHECKS, CHECK_TITLES, SEVERITIES, type AuditCheck, type Severity } from './checks.catalog';
export type { FindingRow } from './checks.store';

export interface CheckRun {
  region: string;
  asOf?: string | null;
  checks?: readonly AuditCheck[] | null;
  severity?: Severity | null;
  /** Thresholds for this run only: a rule the chosen checks read, within its bounds. */
  thresholds?: readonly { name: RuleName; value: number }[] | null;
}

function prepare(viewer: Viewer, clock: Clock, run: CheckRun): { context: CheckContext; checks: AuditCheck[] } {
  assertCan(viewer, 'audit:write');
  const chosen = run.checks?.length ? [...new Set(run.checks)] : [...AUDIT_CHECKS];
  const checks = chosen.filter((c) => !run.severity || CHECK_TITLES[c].severity === run.severity);
  const overrides = new Map<RuleName, number>();
  const read = new Set(checks.flatMap((c) => CHECKS[c].rules));
  for (const { name, value } of run.thresholds ?? []) {
    const rule = RULES[name];
    if (!read.has(name)) throw new AppError('BAD_USER_INPUT', `None of the checks asked for reads ${name}`, ['thresholds']);
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) throw new AppError('BAD_USER_INPUT', `${name} is between ${rule.min} and ${rule.max}`, ['thresholds']);
    if (overrides.has(name)) throw new AppError('BAD_USER_INPUT', `${name} is given twice`, ['thresholds']);
    overrides.set(name, value);
  }
  const today = clock.today();
  return { context: checkContext(viewer, significantPrefix(run.region), run.asOf ?? today, today, overrides), checks };
}

/** `auditFindings`: a page of findings, most severe and largest first, and their number (one statement). */
export function auditFindings(db: Db, viewer: Viewer, clock: Clock, run: CheckRun, args: PageArgs): Promise<Connection<store.FindingRow>> {
  const { context, checks } = prepare(viewer, clock, run);
  let total = 0;
  return keysetConnection(
    args,
    store.FINDING_ORDER,
    async (page) => {
      if (checks.length === 0) return [];
      const found = await withReportTimeout(db, (tx) => store.findingsPage(tx, context, checks, page), CHECK_WORK_MEM_MB);
      total = found.total;
      return found.rows;
    },
    async () => total,
  );
}

export interface CheckSummary {
  check: AuditCheck;
  severity: Severity;
  findings: number;
  amountFen: string;
}

/**
 * Connections a summary's checks run on at once, all reading one snapshot: a province's 23
 * checks are each a long statement over millions of rows, and one connection uses one core.
 */
const SUMMARY_LANES = 2;

/**
 * Memory per sort or hash of a check's statement: over a province SUSPECTED_DUPLICATE groups a
 * million name keys and sorts two million funding lines, which spilled to disk at the default
 * 4 MB (11.1 → 8.9 s at a million assets with 64 MB). A ceiling, not an allocation: a county's
 * statements stay within a few MB.
 */
const CHECK_WORK_MEM_MB = 64;

/** `auditCheckSummary`: per check, how many findings and the money involved. */
export async function auditCheckSummary(db: Db, viewer: Viewer, clock: Clock, run: CheckRun): Promise<CheckSummary[]> {
  const { context, checks } = prepare(viewer, clock, run);
  return withParallelReport(db, SUMMARY_LANES, (lanes) => totalsOnLanes(lanes, context, checks), CHECK_WORK_MEM_MB);
}

/** Each lane takes the next check until none is left. */
async function totalsOnLanes(lanes: Tx[], context: CheckContext, checks: AuditCheck[]): Promise<CheckSummary[]> {
  const totals = new Map<AuditCheck, Awaited<ReturnType<typeof store.checkTotals>>>();
  const queue = [...checks];
  await Promise.all(
    lanes.map(async (tx) => {
      try {
        for (let check = queue.shift(); check; check = queue.shift()) totals.set(check, await store.checkTotals(tx, context, check));
      } catch (error) {
        queue.length = 0; // the other lanes stop after their current check
        throw error;
      }
    }),
  );
  return checks.map((check) => ({ check, severity: CHECK_TITLES[check].severity, ...totals.get(check)! }));
}

/** Every finding, in batches, for the export. */
export function findingsForExport(db: Db, viewer: Viewer, clock: Clock, run: CheckRun): AsyncGenerator<(store.FindingRow & { assetCode: string | null })[]> {
  const { context, checks } = prepare(viewer, clock, run);
  return streamReport(db, (tx, emit) => store.allFindings(tx, context, checks, 1000, emit));
}

/** What a check finds of one subject in a region today (an auditor adds it to a case); null when it finds nothing. */
export async function checkResultOf(db: Db, viewer: Viewer, clock: Clock, check: AuditCheck, region: string, subject: { type: string; id: number }): Promise<store.FindingRow | null> {
  const { context } = prepare(viewer, clock, { region, checks: [check] });
  // In the caller's transaction (adding a finding writes next), allowed the report timeout: a province's check may take a while.
  await allowLongStatements(db);
  return store.findingOfSubject(db, context, check, subject.type, subject.id);
}

/** The first results of a check over a region, in the caller's transaction (seeds pick their findings from them). */
export async function firstResultsOf(db: Db, viewer: Viewer, clock: Clock, check: AuditCheck, region: string, limit: number): Promise<store.FindingRow[]> {
  const { context } = prepare(viewer, clock, { region, checks: [check] });
  return (await store.findingsPage(db, context, [check], { limit, cursor: null, backward: false, hasCursor: false })).rows.slice(0, limit);
}
