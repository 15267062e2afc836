/**
 * The authorization matrix: every mutation × every role, every root query and node type × a
 * foreign scope and no token, as data (the probes below, held to src/auth/policy.ts), and
 * docs/authorization.md generated from that policy. An operation added to the schema without a
 * policy entry and a probe fails here.
 */
import fs from 'node:fs';
import { isObjectType } from 'graphql';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, authorizationDoc } from '../../src/auth/policy';
import { createSchema } from '../../src/graphql/schema';
import { projectRoot } from '../../src/paths';
import { startTestApp, type TestContext } from '../helpers';
import { FOREIGN, checkProbe, fixtureOf, type Fixture, type Probe } from '../support/authorization';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/graphql/global-id';

const first = (data: Record<string, unknown>) => Object.values(data)[0];
const count = (data: Record<string, unknown>) => (first(data) as { totalCount: number } | null)?.totalCount ?? null;

const PROBES: Probe[] = [
  { operation: 'viewer', document: '{ viewer { role } }' },
  { operation: 'node', document: 'query($id: ID!) { node(id: $id) { id } }', variables: (f) => ({ id: f.assetId }), seenFromAbroad: first },
  { operation: 'nodes', document: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: (f) => ({ ids: [f.assetId, f.partyId] }), seenFromAbroad: first, nothing: [null, null] },
  { operation: 'region', document: '{ region(code: "522327") { name } }', seenFromAbroad: first },
  { operation: 'regions', document: '{ regions(filter: { within: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'parties', document: '{ parties(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'project', document: 'query { project(code: "XM522327-2013-0001") { code } }', seenFromAbroad: first },
  { operation: 'projects', document: '{ projects(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'asset', document: 'query($id: ID) { asset(id: $id) { code } }', variables: (f) => ({ id: f.assetId }), seenFromAbroad: first },
  { operation: 'assets', document: '{ assets(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'regionSummary', document: '{ regionSummary(code: "522327") { assetCount } }', seenFromAbroad: first },
  { operation: 'auditEvents', document: '{ auditEvents(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'verifyAuditChain', document: '{ verifyAuditChain { checkedCount } }', seenFromAbroad: (d) => (first(d) as { checkedCount: number }).checkedCount, nothing: 0 },
  {
    operation: 'createParty',
    document: 'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { code } } }',
    variables: (f) => ({ input: { kind: 'OTHER', name: '矩阵测试主体', regionCode: f.village } }),
  },
  {
    operation: 'updateParty',
    document: 'mutation($input: UpdatePartyInput!) { updateParty(input: $input) { party { id } userErrors { code } } }',
    variables: (f) => ({ input: { id: f.partyId, expectedVersion: 1, contactPhone: '0859-1234567' } }),
  },
  {
    operation: 'createProject',
    document: 'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { code } } }',
    variables: () => ({ input: { code: 'MATRIX-1', name: '矩阵测试项目', year: 2020, regionCode: '522327', kind: 'OTHER' } }),
  },
  {
    operation: 'updateProject',
    document: 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id } userErrors { code } } }',
    variables: (f) => ({ input: { id: f.projectId, expectedVersion: 1, name: '矩阵测试改名' } }),
  },
  {
    operation: 'registerAsset',
    document: 'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { asset { id } userErrors { code } } }',
    variables: (f) => ({ input: { code: 'MATRIX-A', name: '矩阵测试资产', assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', regionCode: f.village, originalValue: '1.00' } }),
  },
  {
    operation: 'updateAsset',
    document: 'mutation($input: UpdateAssetInput!) { updateAsset(input: $input) { asset { id } userErrors { code } } }',
    variables: (f) => ({ input: { id: f.assetId, expectedVersion: 1, name: '矩阵测试改名' } }),
  },
  {
    operation: 'changeAssetStatus',
    document: 'mutation($input: ChangeAssetStatusInput!) { changeAssetStatus(input: $input) { asset { id } userErrors { code } } }',
    variables: (f) => ({ input: { id: f.assetId, expectedVersion: 1, status: 'IDLE', reason: '矩阵测试' } }),
  },
  {
    operation: 'confirmOwnership',
    document: 'mutation($input: ConfirmOwnershipInput!) { confirmOwnership(input: $input) { asset { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.assetId, owners: [{ partyId: f.partyId, shareBp: 10000 }] } }),
  },
  { operation: 'overdueDuties', document: '{ overdueDuties(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'maintenanceRecords', document: '{ maintenanceRecords(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'stocktakes', document: '{ stocktakes(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  {
    operation: 'assignCustodian',
    document: 'mutation($input: AssignCustodianInput!) { assignCustodian(input: $input) { custody { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.assetId, custodianId: toGlobalId('Party', f.custodianParty), responsiblePerson: '矩阵测试' } }),
  },
  {
    operation: 'addCustodyDuty',
    document: 'mutation($input: AddCustodyDutyInput!) { addCustodyDuty(input: $input) { duty { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.assetId, kind: 'CLEANING', description: '矩阵测试保洁', intervalDays: 30 } }),
  },
  {
    operation: 'updateCustodyDuty',
    document: 'mutation($input: UpdateCustodyDutyInput!) { updateCustodyDuty(input: $input) { duty { id } userErrors { code } } }',
    variables: (f) => ({ input: { dutyId: f.dutyId, expectedVersion: 1, description: '矩阵测试改写' } }),
  },
  {
    operation: 'recordMaintenance',
    document: 'mutation($input: RecordMaintenanceInput!) { recordMaintenance(input: $input) { maintenanceRecord { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.assetId, kind: 'INSPECTION', performedOn: '2026-01-05', performedBy: '矩阵测试', description: '巡查', outcome: 'OK' } }),
  },
  {
    operation: 'openStocktake',
    document: 'mutation($input: OpenStocktakeInput!) { openStocktake(input: $input) { stocktake { id } userErrors { code } } }',
    variables: (f) => ({ input: { regionCode: f.village, name: '矩阵测试盘点' } }),
  },
  {
    operation: 'recordStocktakeResult',
    document: 'mutation($input: RecordStocktakeResultInput!) { recordStocktakeResult(input: $input) { stocktakeItem { result } userErrors { code } } }',
    variables: (f) => ({ input: { stocktakeId: f.stocktakeId, assetId: f.assetId, result: 'FOUND', checkedBy: '矩阵测试' } }),
  },
  {
    operation: 'closeStocktake',
    document: 'mutation($input: CloseStocktakeInput!) { closeStocktake(input: $input) { stocktake { id } userErrors { code } } }',
    variables: (f) => ({ input: { stocktakeId: f.stocktakeId } }),
  },
  { operation: 'ruleParameters', document: '{ ruleParameters(region: "522327") { name } }', seenFromAbroad: (d) => (first(d) as unknown[]).length, nothing: 0 },
  {
    operation: 'setRuleParameter',
    document: 'mutation($input: SetRuleParameterInput!) { setRuleParameter(input: $input) { ruleParameter { value } userErrors { code } } }',
    variables: () => ({ input: { name: 'IDLE_DAYS', regionCode: '522327', value: 200, note: '矩阵测试' } }),
  },
  { operation: 'operatingContracts', document: '{ operatingContracts(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'expectedIncome', document: '{ expectedIncome(region: "522327", from: "2020-01-01", to: "2030-12-31") { total } }', seenFromAbroad: first },
  {
    operation: 'createOperatingContract',
    document: 'mutation($input: CreateOperatingContractInput!) { createOperatingContract(input: $input) { contract { id } userErrors { code } } }',
    variables: (f) => ({
      input: { assetId: f.operatingAssetId, operatorId: f.partyId, mode: 'LEASED', startsOn: '2150-01-01', endsOn: '2150-12-31', agreedIncomePerYear: '1200.00', paymentCycle: 'YEARLY' },
    }),
  },
  { operation: 'incomeRecords', document: '{ incomeRecords(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'incomePool', document: 'query($owner: ID!) { incomePool(owner: $owner) { balance } }', variables: (f) => ({ owner: f.partyId }), seenFromAbroad: first },
  { operation: 'arrears', document: '{ arrears(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  {
    operation: 'recordIncome',
    document: 'mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { incomeRecord { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.operatingAssetId, kind: 'RENT', amount: '1.00', receivedOn: '2026-01-05', accountType: 'VILLAGE_COLLECTIVE' } }),
  },
  {
    operation: 'reverseIncome',
    document: 'mutation($input: ReverseIncomeInput!) { reverseIncome(input: $input) { incomeRecord { id } userErrors { code } } }',
    variables: (f) => ({ input: { incomeId: f.incomeId, reason: '矩阵测试' } }),
  },
  {
    operation: 'endOperatingContract',
    document: 'mutation($input: EndOperatingContractInput!) { endOperatingContract(input: $input) { contract { id } userErrors { code } } }',
    variables: (f) => ({ input: { contractId: f.contractId, endsOn: '2026-01-01', reason: '矩阵测试' } }),
  },
  {
    operation: 'incomeReconciliation',
    document: '{ incomeReconciliation(region: "522327", from: "2020-01-01", to: "2026-06-30") { totals { received } } }',
    seenFromAbroad: first,
  },
  {
    operation: 'matchStatementLine',
    document: 'mutation($input: MatchStatementLineInput!) { matchStatementLine(input: $input) { line { id } userErrors { code } } }',
    variables: (f) => ({ input: { lineId: f.statementLineId, incomeId: f.incomeId } }),
  },
  { operation: 'unmatchedStatementLines', document: '{ unmatchedStatementLines(region: "522327", from: "2000-01-01", to: "2030-12-31") { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'incomeWithoutStatementLine', document: '{ incomeWithoutStatementLine(region: "522327", from: "2000-01-01", to: "2030-12-31") { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'disposals', document: '{ disposals(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  {
    operation: 'requestDisposal',
    document: 'mutation($input: RequestDisposalInput!) { requestDisposal(input: $input) { disposal { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.otherAssetId, method: 'SCRAP', reason: '矩阵测试', appraisedValue: '0.00' } }),
  },
  {
    operation: 'approveDisposal',
    document: 'mutation($input: ApproveDisposalInput!) { approveDisposal(input: $input) { disposal { id } userErrors { code } } }',
    variables: (f) => ({ input: { disposalId: f.disposalId } }),
  },
  {
    operation: 'rejectDisposal',
    document: 'mutation($input: RejectDisposalInput!) { rejectDisposal(input: $input) { disposal { id } userErrors { code } } }',
    variables: (f) => ({ input: { disposalId: f.disposalId, reason: '矩阵测试' } }),
  },
  {
    operation: 'completeDisposal',
    document: 'mutation($input: CompleteDisposalInput!) { completeDisposal(input: $input) { disposal { id } userErrors { code } } }',
    variables: (f) => ({ input: { disposalId: f.disposalId } }),
  },
  { operation: 'auditCases', document: '{ auditCases(region: "522327") { totalCount } }', seenFromAbroad: count, nothing: 0 },
  { operation: 'overdueRectifications', document: '{ overdueRectifications(region: "522327", asOf: "2100-01-01") { totalCount } }', seenFromAbroad: count, nothing: 0 },
  {
    operation: 'openAuditCase',
    document: 'mutation($input: OpenAuditCaseInput!) { openAuditCase(input: $input) { auditCase { id } userErrors { code } } }',
    variables: () => ({ input: { regionCode: '522327', title: '矩阵测试' } }),
  },
  {
    operation: 'addFinding',
    document: 'mutation($input: AddFindingInput!) { addFinding(input: $input) { finding { id } userErrors { code } } }',
    variables: (f) => ({ input: { caseId: f.caseId, description: '矩阵测试', severity: 'LOW', dueOn: '2100-01-01' } }),
  },
  ...(['recordRectification', 'markFindingRectified', 'closeFinding', 'sendBackFinding'] as const).map((operation) => ({
    operation,
    document: `mutation($input: ${operation[0]!.toUpperCase()}${operation.slice(1)}Input!) { ${operation}(input: $input) { finding { id } userErrors { code } } }`,
    variables: (f: Fixture) => ({ input: { findingId: f.findingId, note: '矩阵测试' } }),
  })),
  { operation: 'auditFindings', document: '{ auditFindings(region: "522327", checks: [INCOME_ARREARS]) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  {
    operation: 'auditCheckSummary',
    document: '{ auditCheckSummary(region: "522327", checks: [INCOME_ARREARS, OWNERSHIP_UNCONFIRMED]) { findings } }',
    seenFromAbroad: (data) => (data.auditCheckSummary as { findings: number }[]).reduce((n, s) => n + s.findings, 0),
    nothing: 0,
  },
  // Public: anyone sees a county's notices, a foreign caller and no token alike.
  { operation: 'publicNotices', document: '{ publicNotices(region: "522327") { totalCount } }' },
  { operation: 'allocationPlans', document: '{ allocationPlans(filter: { region: "522327" }) { totalCount } }', seenFromAbroad: count, nothing: 0 },
  {
    operation: 'createAllocationPlan',
    document: 'mutation($input: CreateAllocationPlanInput!) { createAllocationPlan(input: $input) { allocationPlan { id } userErrors { code } } }',
    variables: (f) => ({ input: { ownerId: f.partyId, title: '矩阵测试', periodFrom: '2150-01-01', periodTo: '2150-12-31', lines: [{ purpose: 'CARRY_FORWARD', amount: '1.00' }] } }),
  },
  {
    operation: 'updateAllocationPlan',
    document: 'mutation($input: UpdateAllocationPlanInput!) { updateAllocationPlan(input: $input) { allocationPlan { id } userErrors { code } } }',
    variables: (f) => ({ input: { planId: f.planId, title: '矩阵测试改名' } }),
  },
  {
    operation: 'publicizeAllocationPlan',
    document: 'mutation($input: PublicizeAllocationPlanInput!) { publicizeAllocationPlan(input: $input) { allocationPlan { id } userErrors { code } } }',
    variables: (f) => ({ input: { planId: f.planId, startsOn: '2026-01-01', days: 10 } }),
  },
  {
    operation: 'approveAllocationPlan',
    document: 'mutation($input: ApproveAllocationPlanInput!) { approveAllocationPlan(input: $input) { allocationPlan { id } userErrors { code } } }',
    variables: (f) => ({ input: { planId: f.planId, resolutionNo: '矩阵', resolutionOn: '2026-01-20' } }),
  },
  {
    operation: 'cancelAllocationPlan',
    document: 'mutation($input: CancelAllocationPlanInput!) { cancelAllocationPlan(input: $input) { allocationPlan { id } userErrors { code } } }',
    variables: (f) => ({ input: { planId: f.planId, reason: '矩阵测试' } }),
  },
  {
    operation: 'recordDisbursement',
    document: 'mutation($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { disbursement { id } userErrors { code } } }',
    variables: (f) => ({ input: { lineId: f.lineId, amount: '0.01', paidOn: '2026-01-05', payeeName: '李四', method: 'BANK' } }),
  },
  {
    operation: 'reverseDisbursement',
    document: 'mutation($input: ReverseDisbursementInput!) { reverseDisbursement(input: $input) { disbursement { id } userErrors { code } } }',
    variables: (f) => ({ input: { disbursementId: f.disbursementId, reason: '矩阵测试' } }),
  },
  {
    operation: 'endCustody',
    document: 'mutation($input: EndCustodyInput!) { endCustody(input: $input) { custody { id } userErrors { code } } }',
    variables: (f) => ({ input: { assetId: f.otherAssetId, reason: '矩阵测试' } }),
  },
];

describe('the authorization matrix', () => {
  let t: TestContext;
  let fixture: Fixture;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 60 });
    fixture = await fixtureOf(t);
  });
  afterAll(() => t.close());

  it('has a policy and a probe for every root operation of the schema', async () => {
    const schema = await createSchema();
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())].sort();
    expect(Object.keys(OPERATIONS).sort()).toEqual(operations);
    expect(PROBES.map((p) => p.operation).sort()).toEqual(operations);
  });

  it.each(PROBES.map((p) => [p.operation, p] as const))('%s answers each role, another county and no token as the policy says', async (_name, probe) => {
    expect(await checkProbe(t, probe, fixture)).toEqual([]);
  });

  it('shows no node of the county to another county, and none to an anonymous caller', async () => {
    const ids = {
      Region: toGlobalId('Region', '522327104201'),
      Party: fixture.partyId,
      Project: fixture.projectId,
      Asset: fixture.assetId,
      AuditEvent: fixture.auditEventId,
      CustodyDuty: fixture.dutyId,
      OperatingContract: fixture.contractId,
      IncomeRecord: fixture.incomeId,
      AllocationPlan: fixture.planId,
      AllocationLine: fixture.lineId,
      BankStatementLine: fixture.statementLineId,
      Disposal: fixture.disposalId,
      AuditCase: fixture.caseId,
      AuditFinding: fixture.findingId,
      Disbursement: fixture.disbursementId,
      Stocktake: fixture.stocktakeId,
      CustodyAssignment: toGlobalId('CustodyAssignment', (await t.rows<{ id: number }>('select min(id)::int as id from custody_assignment'))[0]!.id),
      MaintenanceRecord: toGlobalId('MaintenanceRecord', (await t.rows<{ id: number }>('select min(id)::int as id from maintenance_record'))[0]!.id),
    };
    const schema = await createSchema();
    const nodeTypes = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
      .map((type) => type.name)
      .sort();
    expect(Object.keys(ids).sort()).toEqual(nodeTypes);
    const home = await t.token(Role.ADMIN, '522327');
    const abroad = await t.token(Role.ADMIN, FOREIGN);
    for (const [type, id] of Object.entries(ids)) {
      const query = 'query($id: ID!) { node(id: $id) { id } }';
      expect((await t.gql(query, { id }, home)).data.node, `${type} at home`).toEqual({ id });
      expect((await t.gql(query, { id }, abroad)).data.node, `${type} abroad`).toBeNull();
      expect((await t.gql(query, { id })).errors?.[0]?.extensions?.code, `${type} anonymous`).toBe('UNAUTHENTICATED');
    }
  });

  it('is documented in docs/authorization.md, generated from the policy', () => {
    expect(fs.readFileSync(path.join(projectRoot(), 'docs/authorization.md'), 'utf8')).toBe(authorizationDoc());
  });
});
