/**
 * Disposal (处置) as the register runs it: requested, approved by the township then the county,
 * completed with its proceeds apportioned, or rejected with the asset back where it was; who may
 * decide; what must be settled first; the checks that follow disposals up. Every refusal writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL, CREATE_PLAN, allocationWorld, type AllocationWorld } from '../allocation/fixtures';
import { CHANGE_STATUS } from '../assets/fixtures';
import { MAINTAIN } from '../custody/fixtures';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { CREATE_CONTRACT, END_CONTRACT } from '../income/fixtures';
import { APPROVE_DISPOSAL, COMPLETE_DISPOSAL, REJECT_DISPOSAL, REQUEST_DISPOSAL, disposalTokens, type DisposalTokens } from '../support/disposal';

describe('disposal', () => {
  let t: TestContext;
  let w: AllocationWorld;
  let k: DisposalTokens;
  const snapshot = async () => ({ disposals: await t.count('disposal'), events: await t.count('audit_event'), income: await t.count('income_record'), changes: await t.count('asset_status_change') });
  const step = async (document: string, input: Record<string, unknown>, token: string) => {
    const res = await t.gql(document, { input }, token);
    return { res, payload: Object.values(res.data ?? {})[0] as { disposal: Record<string, any> | null; userErrors: { field: string[]; code: string }[] } };
  };
  const request = async (assetId: string, extra: Record<string, unknown> = {}) =>
    (await step(REQUEST_DISPOSAL, { assetId, method: 'AUCTION', reason: '闲置多年，拍卖盘活', appraisedValue: '500000.00', requestedOn: '2026-03-01', ...extra }, k.manager)).payload;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await allocationWorld(t);
    k = await disposalTokens(t);
  });
  afterAll(() => t.close());

  it('is requested, approved by the township and the county, and completed with its proceeds apportioned, all audited and on the timeline', async () => {
    const { assetId } = await w.ownerWithIncome([]);
    const requested = await request(assetId);
    expect(requested).toMatchObject({ disposal: { status: 'REQUESTED', asset: { status: 'UNDER_DISPOSAL' } }, userErrors: [] });
    const id = requested.disposal!.id;
    const township = await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2026-03-05' }, k.township);
    expect(township.payload.disposal).toMatchObject({ status: 'REQUESTED', townshipApprovedOn: '2026-03-05', countyApprovedOn: null });
    const county = await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2026-03-10' }, k.county);
    expect(county.payload.disposal).toMatchObject({ status: 'APPROVED', countyApprovedOn: '2026-03-10' });
    const completed = await step(
      COMPLETE_DISPOSAL,
      { disposalId: id, completedOn: '2026-03-20', buyer: '某某农业公司', proceeds: { amount: '480000.00', accountType: 'VILLAGE_COLLECTIVE', voucherNo: 'CZ-2026-01' } },
      k.manager,
    );
    expect(completed.payload.userErrors).toEqual([]);
    expect(completed.payload.disposal).toMatchObject({
      status: 'COMPLETED',
      completedOn: '2026-03-20',
      asset: { status: 'DISPOSED' },
      proceeds: { amount: '480000.00', kind: 'DISPOSAL_PROCEEDS', parts: [{ amount: '480000.00' }] },
    });
    const [events] = await t.rows<{ actions: string[] }>(
      `select array_agg(action order by id) as actions from audit_event where entity_id = '${assetId}' and (action like 'disposal.%' or action = 'income.record' or action = 'asset.changeStatus')`,
    );
    expect(events!.actions).toEqual(['asset.changeStatus', 'disposal.request', 'disposal.approve', 'disposal.approve', 'income.record', 'asset.changeStatus', 'disposal.complete']);
    const history = await t.gql(`query($a: ID!) { node(id: $a) { ... on Asset { disposal { id status } history(first: 100) { nodes { kind on disposal { id } } } } } }`, { a: assetId }, k.manager);
    expect(history.data.node.disposal).toEqual({ id, status: 'COMPLETED' });
    expect(history.data.node.history.nodes.filter((n: { kind: string }) => n.kind.startsWith('DISPOSAL_'))).toEqual([
      { kind: 'DISPOSAL_REQUESTED', on: '2026-03-01', disposal: { id } },
      { kind: 'DISPOSAL_COMPLETED', on: '2026-03-20', disposal: { id } },
    ]);
    // A sale at 96% of its appraisal is no low-price disposal, and its proceeds arrived.
    const findings = await t.gql(
      '{ auditFindings(region: "522327", checks: [LOW_PRICE_DISPOSAL, DISPOSAL_PROCEEDS_MISSING], first: 200) { nodes { subjectId } } }',
      {},
      await t.token(Role.AUDITOR, '522327'),
    );
    expect(findings.data.auditFindings.nodes.map((n: { subjectId: string }) => n.subjectId)).not.toContain(id);
  });

  it('is decided only from above the village, never by whoever asked, the county by the county, and not twice by one person', async () => {
    const assetId = await w.station();
    const id = (await request(assetId)).disposal!.id;
    const before = await snapshot();
    const village = await t.token(Role.ASSET_MANAGER, w.l.collectives[0]!.village);
    const finance = await t.token(Role.FINANCE, '522327');
    for (const token of [k.manager, village, finance]) expect(errorCodes((await step(APPROVE_DISPOSAL, { disposalId: id }, token)).res)).toEqual(['FORBIDDEN']);
    expect(errorCodes((await step(REJECT_DISPOSAL, { disposalId: id, reason: '不同意' }, k.manager)).res)).toEqual(['FORBIDDEN']);
    expect(await snapshot()).toEqual(before);
    // The county's administrator may give the township's approval, but then not the county's as well.
    expect((await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2026-03-02' }, k.county)).payload.userErrors).toEqual([]);
    expect((await step(APPROVE_DISPOSAL, { disposalId: id }, k.county)).payload.userErrors).toEqual([{ field: ['input', 'disposalId'], code: 'SAME_APPROVER', message: expect.any(String) }]);
    // A township's approver cannot give the county's.
    expect(errorCodes((await step(APPROVE_DISPOSAL, { disposalId: id }, k.township)).res)).toEqual(['FORBIDDEN']);
    // Another county sees no such disposal.
    const abroad = await t.token(Role.ADMIN, '522328');
    expect((await step(APPROVE_DISPOSAL, { disposalId: id }, abroad)).payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });

  it('returns a rejected asset to the status it had, and takes one request at a time', async () => {
    const assetId = await w.station();
    const moved = await t.gql(CHANGE_STATUS, { input: { id: assetId, expectedVersion: 1, status: 'IDLE', reason: '停产', effectiveOn: '2026-01-10' } }, k.manager);
    expect(moved.data.changeAssetStatus.userErrors).toEqual([]);
    const id = (await request(assetId)).disposal!.id;
    const before = await snapshot();
    expect((await request(assetId)).userErrors).toEqual([expect.objectContaining({ field: ['input', 'assetId'], code: 'DISPOSAL_ALREADY_OPEN' })]);
    // The register cannot take it out of UNDER_DISPOSAL by hand while the disposal is under way, nor a maintenance record.
    const byHand = await t.gql(CHANGE_STATUS, { input: { id: assetId, expectedVersion: 3, status: 'IN_USE', reason: '恢复' } }, k.manager);
    expect(byHand.data.changeAssetStatus.userErrors).toEqual([expect.objectContaining({ code: 'DISPOSAL_WORKFLOW' })]);
    const repaired = await t.gql(
      MAINTAIN,
      { input: { assetId, kind: 'REPAIR', performedOn: '2026-03-02', performedBy: '韦国强', description: '修复后恢复使用', outcome: 'REPAIRED', assetStatusAfter: 'IN_USE' } },
      k.manager,
    );
    expect(repaired.data.recordMaintenance.userErrors).toEqual([expect.objectContaining({ field: ['input', 'assetStatusAfter'], code: 'DISPOSAL_WORKFLOW' })]);
    expect((await step(REJECT_DISPOSAL, { disposalId: id, reason: '  ' }, k.township)).payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'reason'], code: 'REQUIRED' })]);
    expect((await step(COMPLETE_DISPOSAL, { disposalId: id }, k.manager)).payload.userErrors).toEqual([expect.objectContaining({ code: 'DISPOSAL_NOT_APPROVED' })]);
    expect(await snapshot()).toEqual(before);
    const rejected = await step(REJECT_DISPOSAL, { disposalId: id, reason: '评估价偏低，重新评估', decidedOn: '2026-03-03' }, k.township);
    expect(rejected.payload.disposal).toMatchObject({ status: 'REJECTED', rejectReason: '评估价偏低，重新评估', asset: { status: 'IDLE' } });
    expect((await step(APPROVE_DISPOSAL, { disposalId: id }, k.county)).payload.userErrors).toEqual([expect.objectContaining({ code: 'DISPOSAL_NOT_PENDING' })]);
    // Decided already: nothing to complete, and it says so (not "awaiting the county").
    expect((await step(COMPLETE_DISPOSAL, { disposalId: id }, k.manager)).payload.userErrors).toEqual([expect.objectContaining({ code: 'DISPOSAL_NOT_PENDING' })]);
    // A request dated before the asset's last status change is refused at its date.
    expect((await request(assetId, { requestedOn: '2026-01-05' })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'requestedOn'], code: 'DATE_ORDER' })]);
    // Asked again, it may go ahead.
    expect((await request(assetId, { requestedOn: '2026-03-04' })).userErrors).toEqual([]);
  });

  it('takes an asset the ledger lists as under disposal (registered so) into the workflow as it is', async () => {
    const assetId = await w.station({ status: 'UNDER_DISPOSAL' });
    const requested = await request(assetId);
    expect(requested.userErrors).toEqual([]);
    expect(requested.disposal).toMatchObject({ status: 'REQUESTED' });
    // Rejected, it stays as the ledger listed it.
    const rejected = await step(REJECT_DISPOSAL, { disposalId: requested.disposal!.id, reason: '暂缓处置', decidedOn: '2026-03-02' }, k.township);
    expect(rejected.payload).toMatchObject({ userErrors: [], disposal: { status: 'REJECTED', asset: { status: 'UNDER_DISPOSAL' } } });
  });

  it('completes only once its contract has ended and its income left every live plan', async () => {
    const { ownerId, assetId } = await w.ownerWithIncome([['3000.00', '2026-01-10']]);
    const contract = (
      await t.gql(
        CREATE_CONTRACT,
        { input: { assetId, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn: '2026-01-01', endsOn: '2028-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY' } },
        k.manager,
      )
    ).data.createOperatingContract.contract;
    const plan = (
      await t.gql(CREATE_PLAN, { input: { ownerId, title: '处置前的分配方案', periodFrom: '2026-01-01', periodTo: '2026-03-31', lines: [{ purpose: 'CARRY_FORWARD', amount: '3000.00' }] } }, w.finance)
    ).data.createAllocationPlan.allocationPlan;
    const id = (await request(assetId)).disposal!.id;
    await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2026-03-02' }, k.township);
    await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2026-03-03' }, k.county);
    const before = await snapshot();
    const blocked = await step(COMPLETE_DISPOSAL, { disposalId: id, completedOn: '2026-04-01', proceeds: { amount: '450000.00', accountType: 'VILLAGE_COLLECTIVE' } }, k.manager);
    expect(blocked.payload.userErrors.map((e) => e.code)).toEqual(['OPEN_CONTRACT', 'INCOME_IN_LIVE_PLAN']);
    expect(await snapshot()).toEqual(before);
    await t.gql(END_CONTRACT, { input: { contractId: contract.id, endsOn: '2026-03-31', reason: '资产处置，提前解约' } }, k.manager);
    await t.gql(CANCEL, { input: { planId: plan.id, reason: '资产处置前重新安排' } }, w.finance);
    // Sold at 45% of the appraisal: completed, and reported as a low-price disposal.
    const done = await step(COMPLETE_DISPOSAL, { disposalId: id, completedOn: '2026-04-01', proceeds: { amount: '225000.00', accountType: 'VILLAGE_COLLECTIVE' } }, k.manager);
    expect(done.payload).toMatchObject({ disposal: { status: 'COMPLETED' }, userErrors: [] });
    const auditor = await t.token(Role.AUDITOR, '522327');
    const low = await t.gql('{ auditFindings(region: "522327", checks: [LOW_PRICE_DISPOSAL], first: 200) { nodes { subjectId amount evidence } } }', {}, auditor);
    expect(low.data.auditFindings.nodes.find((n: { subjectId: string }) => n.subjectId === id)).toMatchObject({ amount: '275000.00', evidence: { proceeds: 22500000 } });
  });

  it('reports an auction whose proceeds never came, once the days for them have passed', async () => {
    const assetId = await w.station();
    const id = (await request(assetId, { requestedOn: '2025-10-01' })).disposal!.id;
    await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2025-10-02' }, k.township);
    await step(APPROVE_DISPOSAL, { disposalId: id, decidedOn: '2025-10-03' }, k.county);
    expect((await step(COMPLETE_DISPOSAL, { disposalId: id, completedOn: '2025-10-10' }, k.manager)).payload.userErrors).toEqual([]);
    const auditor = await t.token(Role.AUDITOR, '522327');
    const missing = async (asOf: string) =>
      (
        await t.gql('query($d: Date) { auditFindings(region: "522327", checks: [DISPOSAL_PROCEEDS_MISSING], asOf: $d, first: 200) { nodes { subjectId } } }', { d: asOf }, auditor)
      ).data.auditFindings.nodes.map((n: { subjectId: string }) => n.subjectId);
    expect(await missing('2025-11-30')).not.toContain(id);
    expect(await missing('2026-01-15')).toContain(id);
  });
});
