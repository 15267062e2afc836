/**
 * An audit case of a generated county (审计/检查 and 整改), through the services: opened by an
 * auditor 90 days ago with a finding in every state — one OPEN past its due date
 * (RECTIFICATION_OVERDUE), one RECTIFYING, one sent back after being marked RECTIFIED, one
 * RECTIFIED waiting for the auditor, one CLOSED — taken from the automated checks' results, and a
 * finding by hand that repeats the closed one within a year (a repeat: RECTIFICATION_OVERDUE too).
 */
import { Role, type Viewer } from '../src/auth/viewer';
import { addDays, SettableClock, type Clock } from '../src/clock';
import type { Tx } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/global-id';
import type { Outcome } from '../src/graphql/user-errors';
import { addFinding, openAuditCase, stepFinding, type FindingRow, type StepName } from '../src/modules/cases/cases.service';
import { firstResultsOf, type AuditCheck } from '../src/modules/checks/checks.service';
import { numberToCode } from '../src/modules/regions/division-code';

function must<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.value === null) throw new Error(`seeding ${what}: ${JSON.stringify(outcome.userErrors)}`);
  return outcome.value;
}

export async function generateAuditCase(tx: Tx, clock: Clock, countyCode: number): Promise<void> {
  const today = clock.today();
  const county = numberToCode(countyCode).slice(0, 6);
  const auditor: Viewer = { userId: 'seed-auditor', role: Role.AUDITOR, scope: county, partyId: null, requestId: 'seed' };
  const manager: Viewer = { userId: 'seed-county-manager', role: Role.ASSET_MANAGER, scope: county, partyId: null, requestId: 'seed' };
  const then = new SettableClock();
  then.set(addDays(today, -90));
  const auditCase = must(await openAuditCase(tx, auditor, then, { regionCode: numberToCode(countyCode), title: `${today.slice(0, 4)}年度扶贫项目资产专项审计`, openedOn: then.today() }), 'a case');
  // Five results of the checks (two at most of each), in the order of the findings' fates below.
  const checks: AuditCheck[] = ['INCOME_ARREARS', 'PUBLIC_WELFARE_WITHOUT_CUSTODIAN', 'OWNERSHIP_UNCONFIRMED', 'INSPECTION_OVERDUE', 'ASSET_IDLE', 'FUNDING_MISMATCH', 'CUSTODY_INCOMPLETE'];
  const findings: FindingRow[] = [];
  for (const check of checks) {
    for (const result of await firstResultsOf(tx, auditor, then, check, county, 2)) {
      if (findings.length === 5) break;
      const subjectId = toGlobalId(result.subjectType, result.subjectId);
      findings.push(must(await addFinding(tx, auditor, then, { caseId: auditCase.id, check, subjectId, dueOn: addDays(then.today(), 30) }), `a finding of ${check}`));
    }
  }
  const steps: [StepName, Viewer, number, string][][] = [
    [], // OPEN, and past its due date
    [['recordRectification', manager, -70, '已约谈承租方，制定欠款分期缴纳计划']],
    [
      ['markFindingRectified', manager, -60, '已补办确权手续'],
      ['sendBackFinding', auditor, -50, '确权证书未上传，退回补充'],
    ],
    [['markFindingRectified', manager, -40, '收益已转入村集体账户，附银行回单']],
    [
      ['recordRectification', manager, -75, '已补做巡查并建立台账'],
      ['markFindingRectified', manager, -70, '巡查制度已落实'],
      ['closeFinding', auditor, -65, '经复核整改到位，予以销号'],
    ],
  ];
  for (const [i, finding] of findings.entries()) {
    for (const [name, viewer, days, note] of steps[i] ?? []) must(await stepFinding(tx, viewer, clock, name, { findingId: finding.id, note, on: addDays(today, days) }), `a step (${name})`);
  }
  // Found again by hand, a month after it was closed: a repeat.
  const closed = findings[4];
  if (closed?.assetId != null)
    must(
      await addFinding(tx, auditor, clock, {
        caseId: auditCase.id,
        assetId: toGlobalId('Asset', closed.assetId),
        description: closed.description,
        severity: 'MEDIUM',
        dueOn: addDays(today, 30),
      }),
      'a repeat',
    );
}
