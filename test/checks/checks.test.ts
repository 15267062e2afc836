/**
 * The automated audit checks (DESIGN.md §4) through GraphQL, as an auditor runs them: the demo
 * county's planted faults make every check find something; findings come most severe and largest
 * first, page by page without a gap; a case made through the API appears under its check and
 * goes when it is put right; thresholds and the date change the answer and nothing else does;
 * other roles and counties see nothing.
 */
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/http/spreadsheets';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { CONFIRM, CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, incomeWorld, type IncomeWorld } from '../income/fixtures';
import { ASSIGN } from '../custody/fixtures';
import { AUDIT_CHECKS } from '../../src/modules/checks/checks.catalog';

const SUMMARY = 'query($r: DivisionCode!, $asOf: Date) { auditCheckSummary(region: $r, asOf: $asOf) { check severity findings amount } }';
const FINDINGS = `query($r: DivisionCode!, $checks: [AuditCheck!], $asOf: Date, $severity: FindingSeverity, $thresholds: [RuleThresholdInput!], $first: Int, $after: String) {
  auditFindings(region: $r, checks: $checks, asOf: $asOf, severity: $severity, thresholds: $thresholds, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { check severity subjectType subjectId amount message messageZh messageEn evidence asset { id } region { code } subject { id } }
  }
}`;

interface Finding {
  check: string;
  severity: string;
  subjectId: string;
  amount: string;
  evidence: Record<string, unknown>;
  asset: { id: string } | null;
}

describe('the automated audit checks', () => {
  let t: TestContext;
  let w: IncomeWorld;
  let auditor: string;
  const find = async (checks: string[], variables: Record<string, unknown> = {}) => {
    const res = await t.gql(FINDINGS, { r: '522327', checks, first: 200, ...variables }, auditor);
    expect(res.errors).toBeUndefined();
    return res.data.auditFindings.nodes as Finding[];
  };
  const subjects = async (check: string, variables: Record<string, unknown> = {}) => (await find([check], variables)).map((f) => f.subjectId);

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    w = await incomeWorld(t);
    auditor = await t.token(Role.AUDITOR, '522327');
  });
  afterAll(() => t.close());

  it("finds every check's planted faults in the demo county, with their money", async () => {
    const res = await t.gql(SUMMARY, { r: '522327' }, auditor);
    const summary = res.data.auditCheckSummary as { check: string; findings: number; amount: string }[];
    expect(summary.map((s) => s.check)).toEqual([...AUDIT_CHECKS]);
    const empty = summary.filter((s) => s.findings === 0).map((s) => s.check);
    expect(empty).toEqual([]);
    // The same question twice, the same answer: a function of the data, the rules and the date.
    expect((await t.gql(SUMMARY, { r: '522327' }, auditor)).data).toEqual(res.data);
  });

  it('has seeded disposals in every state, each decided by others than whoever asked', async () => {
    const states = await t.rows<{ status: string }>('select distinct status from disposal order by 1');
    expect(states.map((s) => s.status)).toEqual(['COMPLETED', 'REJECTED', 'REQUESTED']);
    const [selfApproved] = await t.rows<{ n: number }>(
      `select count(*)::int as n from disposal where requested_by in (township_approved_by, county_approved_by, rejected_by) or township_approved_by = county_approved_by`,
    );
    expect(selfApproved!.n).toBe(0);
  });

  it('orders findings by severity, then the money involved, and pages through all of them', async () => {
    const seen: Finding[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: { data: { auditFindings: { totalCount: number; nodes: Finding[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } = await t.gql(
        FINDINGS,
        { r: '522327104', first: 200, after },
        auditor,
      );
      const page = res.data.auditFindings;
      total = page.totalCount;
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(0);
    const rank = { HIGH: 0, MEDIUM: 1, LOW: 2 } as Record<string, number>;
    const fen = (m: string) => BigInt(m.replace('.', ''));
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(rank[a.severity]! < rank[b.severity]! || (a.severity === b.severity && fen(a.amount) >= fen(b.amount))).toBe(true);
    }
    expect(new Set(seen.map((f) => `${f.check}/${f.subjectId}`)).size).toBe(seen.length);
    const high = await t.gql(FINDINGS, { r: '522327104', severity: 'HIGH', first: 1 }, auditor);
    expect(high.data.auditFindings.totalCount).toBe(seen.filter((f) => f.severity === 'HIGH').length);
  });

  it('finds a case made through the API under its check, and lets it go once put right', async () => {
    t.clock.set('2026-06-30');
    // Accepted in 2019 with no owner: OWNERSHIP_UNCONFIRMED; confirmed, it is not.
    const unowned = await w.station({ owners: [] });
    expect(await subjects('OWNERSHIP_UNCONFIRMED')).toContain(unowned);
    // …unless the run allows ten years, or asks as of a date before the 180 days ran out.
    expect(await subjects('OWNERSHIP_UNCONFIRMED', { thresholds: [{ name: 'OWNERSHIP_UNCONFIRMED_DAYS', value: 3650 }] })).not.toContain(unowned);
    expect(await subjects('OWNERSHIP_UNCONFIRMED', { asOf: '2020-01-01' })).not.toContain(unowned);
    expect(await subjects('OWNERSHIP_UNCONFIRMED', { asOf: '2020-04-30' })).toContain(unowned);
    const confirmed = await t.gql(CONFIRM, { input: { assetId: unowned, owners: [{ partyId: w.l.collectives[0]!.id, shareBp: 10000, confirmedOn: '2026-06-01' }] } }, w.manager);
    expect(confirmed.data.confirmOwnership.userErrors).toEqual([]);
    expect(await subjects('OWNERSHIP_UNCONFIRMED')).not.toContain(unowned);

    // An operating asset in use with no contract; a contract of 25 years is too long, and then it has one.
    expect(await subjects('OPERATING_WITHOUT_CONTRACT')).toContain(unowned);
    const contract = await t.gql(
      CREATE_CONTRACT,
      { input: { assetId: unowned, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn: '2020-01-01', endsOn: '2044-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'YEARLY' } },
      w.manager,
    );
    const contractId = contract.data.createOperatingContract.contract.id;
    expect(await subjects('OPERATING_WITHOUT_CONTRACT')).not.toContain(unowned);
    expect(await subjects('CONTRACT_TOO_LONG')).toContain(contractId);
    expect(await subjects('CONTRACT_TOO_LONG', { thresholds: [{ name: 'MAX_CONTRACT_YEARS', value: 30 }] })).not.toContain(contractId);
    // Nothing received since 2020: the contract is in arrears, years of it, with the money by ageing.
    const arrears = (await find(['INCOME_ARREARS'])).find((f) => f.subjectId === contractId);
    expect(arrears).toMatchObject({ severity: 'HIGH', asset: { id: unowned } });
    expect(arrears!.evidence).toMatchObject({ periods: 7, oldestDueOn: '2020-01-01' });

    // Income into a personal account, until it is reversed.
    const income = await t.gql(RECORD_INCOME, { input: { assetId: unowned, contractId, kind: 'RENT', amount: '12000.00', receivedOn: '2026-06-30', accountType: 'PERSONAL' } }, w.finance);
    expect(income.data.recordIncome.userErrors).toEqual([]);
    const incomeId = income.data.recordIncome.incomeRecord.id;
    expect((await find(['INCOME_TO_PERSONAL_ACCOUNT'])).find((f) => f.subjectId === incomeId)).toMatchObject({ amount: '12000.00', asset: { id: unowned } });
    t.clock.set('2026-07-05');
    await t.gql(REVERSE_INCOME, { input: { incomeId, reason: '转入集体账户后重新入账' } }, w.finance);
    expect(await subjects('INCOME_TO_PERSONAL_ACCOUNT')).not.toContain(incomeId);
    // …though as of a day it stood, it was there.
    expect(await subjects('INCOME_TO_PERSONAL_ACCOUNT', { asOf: '2026-07-01' })).toContain(incomeId);
  });

  it('leaves out, as of a date, an asset not yet registered then (no status before its registration)', async () => {
    t.clock.set('2026-06-30');
    // Registered in use from 2024-03-01, an operating asset with no contract.
    const late = await w.station({ owners: [], statusSince: '2024-03-01' });
    const [registeredOn] = await t.rows<{ on: string }>(`select min(effective_on)::text as on from asset_status_change where asset_id = ${w.key(late)}`);
    expect(registeredOn!.on).toBe('2024-03-01');
    for (const check of ['OPERATING_WITHOUT_CONTRACT', 'OWNERSHIP_UNCONFIRMED']) {
      expect(await subjects(check, { asOf: '2024-02-29' })).not.toContain(late);
      expect(await subjects(check, { asOf: '2026-06-30' })).toContain(late);
    }
    expect(await subjects('OPERATING_WITHOUT_CONTRACT', { asOf: '2024-03-01' })).toContain(late);
  });

  it('finds a public-welfare asset nobody looks after, and custody without a responsible person', async () => {
    const road = await w.station({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', name: '核查测试便民路', unit: '公里', quantity: 2 });
    expect(await subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN')).toContain(road);
    const assigned = await t.gql(ASSIGN, { input: { assetId: road, custodianId: w.l.collectives[0]!.id, fundingArrangement: '村集体经济收益列支' } }, w.manager);
    expect(assigned.data.assignCustodian.userErrors).toEqual([]);
    expect(await subjects('PUBLIC_WELFARE_WITHOUT_CUSTODIAN')).not.toContain(road);
    const incomplete = (await find(['CUSTODY_INCOMPLETE'])).find((f) => f.subjectId === road);
    expect(incomplete?.evidence).toMatchObject({ responsiblePerson: false, fundingArrangement: true });
  });

  it('exports the findings as CSV and XLSX in the same order, for auditors only', async () => {
    const download = (path: string, token?: string) => {
      const req = request(t.app.server).get(path);
      if (token) req.set('authorization', `Bearer ${token}`);
      return req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    };
    const csv = await download('/export/audit-findings.csv?region=522327104&checks=OWNERSHIP_UNCONFIRMED,ASSET_IDLE', auditor);
    expect(csv.status).toBe(200);
    const rows = parse((csv.body as Buffer).toString('utf8').replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    const page = await find(['OWNERSHIP_UNCONFIRMED', 'ASSET_IDLE'], { r: '522327104' });
    expect(rows.map((r) => r['对象ID'])).toEqual(page.map((f) => f.subjectId));
    expect(rows[0]).toMatchObject({ 检查: page[0]!.check, '涉及金额（元）': page[0]!.amount });
    const xlsx = await download('/export/audit-findings.xlsx?region=522327104&checks=OWNERSHIP_UNCONFIRMED,ASSET_IDLE', auditor);
    expect(await readSpreadsheet('f.xlsx', xlsx.body as Buffer)).toHaveLength(rows.length);
    expect((await download('/export/audit-findings.csv?region=522327', await t.token(Role.FINANCE, '522327'))).status).toBe(403);
    expect((await download('/export/audit-findings.csv?region=522327')).status).toBe(401);
    expect((await download('/export/audit-findings.csv?region=522327&checks=NO_SUCH_CHECK', auditor)).status).toBe(400);
  });

  it('refuses a threshold no chosen check reads, or out of its bounds', async () => {
    const other = await t.gql(FINDINGS, { r: '522327', checks: ['CONTRACT_TOO_LONG'], thresholds: [{ name: 'IDLE_DAYS', value: 10 }] }, auditor);
    expect(errorCodes(other)).toEqual(['BAD_USER_INPUT']);
    const bounds = await t.gql(FINDINGS, { r: '522327', checks: ['CONTRACT_TOO_LONG'], thresholds: [{ name: 'MAX_CONTRACT_YEARS', value: 500 }] }, auditor);
    expect(errorCodes(bounds)).toEqual(['BAD_USER_INPUT']);
  });

  it('is for auditors and administrators, and shows nothing of another county', async () => {
    for (const role of [Role.FINANCE, Role.VIEWER, Role.ASSET_MANAGER]) {
      const token = await t.token(role, '522327');
      expect(errorCodes(await t.gql(SUMMARY, { r: '522327' }, token))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await t.gql(SUMMARY, { r: '522327' }))).toEqual(['UNAUTHENTICATED']);
    const foreign = await t.token(Role.AUDITOR, '520102');
    const summary = (await t.gql(SUMMARY, { r: '522327' }, foreign)).data.auditCheckSummary as { findings: number }[];
    expect(summary.every((s) => s.findings === 0)).toBe(true);
    expect((await t.gql(FINDINGS, { r: '522327' }, foreign)).data.auditFindings.totalCount).toBe(0);
  });
});
