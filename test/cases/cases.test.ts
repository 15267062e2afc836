/**
 * Audit cases and findings (审计/检查, 整改) as auditors and the responsible side use them: a
 * finding from a check's result is added once while open; by hand with an asset; rectified by the
 * asset manager or finance, closed or sent back only by an auditor; a repeat within a year is
 * flagged; overdue ones are listed and found by RECTIFICATION_OVERDUE; all on the asset timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { incomeWorld, type IncomeWorld } from '../income/fixtures';

const FINDING = 'id status repeat repeatOf { id } dueOn check severity description amount asset { id } subject { id } notes { kind text on actorRole } version';
const OPEN = `mutation($input: OpenAuditCaseInput!) { openAuditCase(input: $input) { auditCase { id title region { code } } userErrors { field code } } }`;
const ADD = `mutation($input: AddFindingInput!) { addFinding(input: $input) { finding { ${FINDING} } userErrors { field code } } }`;
const step = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { finding { ${FINDING} } userErrors { field code } } }`;

describe('audit cases and findings', () => {
  let t: TestContext;
  let w: IncomeWorld;
  let auditor: string;
  let manager: string;
  let finance: string;
  let caseId: string;
  const counts = async () => ({ findings: await t.count('audit_finding'), notes: await t.count('audit_finding_note'), events: await t.count('audit_event') });
  const run = async (document: string, input: Record<string, unknown>, token: string) => {
    const res = await t.gql(document, { input }, token);
    return { res, payload: Object.values(res.data ?? {})[0] as { finding?: Record<string, any> | null; auditCase?: Record<string, any> | null; userErrors: { field: string[]; code: string }[] } };
  };

  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 60 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
    auditor = await t.token(Role.AUDITOR, '522327');
    manager = await t.token(Role.ASSET_MANAGER, '522327');
    finance = await t.token(Role.FINANCE, '522327');
    const opened = await run(OPEN, { regionCode: '522327', title: '2026年专项审计' }, auditor);
    expect(opened.payload.userErrors).toEqual([]);
    caseId = opened.payload.auditCase!.id;
  });
  afterAll(() => t.close());

  it("adds a check's result once while it is open, with the check's severity, amount and evidence", async () => {
    const unowned = await w.station({ owners: [], name: '整改测试电站' });
    const added = await run(ADD, { caseId, check: 'OWNERSHIP_UNCONFIRMED', subjectId: unowned, dueOn: '2026-07-31' }, auditor);
    expect(added.payload.userErrors).toEqual([]);
    expect(added.payload.finding).toMatchObject({
      status: 'OPEN',
      check: 'OWNERSHIP_UNCONFIRMED',
      severity: 'HIGH',
      amount: '1000000.00',
      asset: { id: unowned },
      subject: { id: unowned },
      repeat: false,
    });
    const road = await w.station({ name: '无问题电站' });
    const before = await counts();
    const again = await run(ADD, { caseId, check: 'OWNERSHIP_UNCONFIRMED', subjectId: unowned, dueOn: '2026-08-31' }, auditor);
    expect(again.payload.finding!.id).toBe(added.payload.finding!.id);
    expect(await counts()).toEqual(before);
    // A subject the check does not find, a due date gone by, another county's case: refused, nothing written.
    expect((await run(ADD, { caseId, check: 'OWNERSHIP_UNCONFIRMED', subjectId: road, dueOn: '2026-07-31' }, auditor)).payload.userErrors).toEqual([
      { field: ['input', 'subjectId'], code: 'NOT_FOUND_BY_CHECK' },
    ]);
    expect((await run(ADD, { caseId, description: '台账缺失', severity: 'LOW', dueOn: '2026-06-01' }, auditor)).payload.userErrors).toEqual([{ field: ['input', 'dueOn'], code: 'DATE_ORDER' }]);
    const abroad = await t.token(Role.AUDITOR, '522328');
    expect((await run(ADD, { caseId, description: '台账缺失', severity: 'LOW', dueOn: '2026-07-31' }, abroad)).payload.userErrors).toEqual([{ field: ['input', 'caseId'], code: 'NOT_FOUND' }]);
    expect(await counts()).toEqual(before);
  });

  it('shows a finding’s words as the viewer may read personal data: a quoted phone number masked for a VIEWER', async () => {
    const [household] = await t.rows<{ name: string }>(`select name from party where kind = 'HOUSEHOLD' order by id limit 1`);
    const words = `方案"七月 ${household!.name}13812345678"逾期未兑付`;
    const added = (await run(ADD, { caseId, description: words, severity: 'LOW', dueOn: '2026-09-30' }, auditor)).payload.finding!;
    const read = async (token: string) => (await t.gql('query($id: ID!) { node(id: $id) { ... on AuditFinding { description } } }', { id: added.id }, token)).data.node.description;
    expect(await read(auditor)).toBe(words);
    expect(await read(await t.token(Role.VIEWER, '522327'))).toBe(`方案"七月 ${Array.from(household!.name)[0]}某****"逾期未兑付`);
  });

  it('adds one finding for the same result asked for by several auditors at once', async () => {
    const unowned = await w.station({ owners: [], name: '并发测试电站' });
    const before = await t.count('audit_finding');
    const results = await Promise.all(Array.from({ length: 8 }, () => run(ADD, { caseId, check: 'OWNERSHIP_UNCONFIRMED', subjectId: unowned, dueOn: '2026-07-31' }, auditor)));
    expect(results.map((r) => r.res.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.payload.finding!.id)).size).toBe(1);
    expect(await t.count('audit_finding')).toBe(before + 1);
  });

  it('is rectified by the responsible side, closed or sent back only by an auditor, and a repeat within a year is flagged', async () => {
    const asset = await w.station({ name: '整改流程电站' });
    const finding = (await run(ADD, { caseId, assetId: asset, description: '管护台账缺失', severity: 'MEDIUM', amount: '0.00', dueOn: '2026-07-15' }, auditor)).payload.finding!;
    const id = finding.id;
    const before = await counts();
    // Not the auditor's to rectify, nor the responsible side's to close; nor closed before it is rectified.
    expect(errorCodes((await run(step('recordRectification'), { findingId: id, note: 'x' }, auditor)).res)).toEqual(['FORBIDDEN']);
    expect(errorCodes((await run(step('closeFinding'), { findingId: id, note: 'x' }, manager)).res)).toEqual(['FORBIDDEN']);
    expect((await run(step('closeFinding'), { findingId: id, note: '销号' }, auditor)).payload.userErrors).toEqual([{ field: ['input', 'findingId'], code: 'FINDING_STEP_NOT_ALLOWED' }]);
    expect((await run(step('recordRectification'), { findingId: id, note: '  ' }, manager)).payload.userErrors).toEqual([{ field: ['input', 'note'], code: 'REQUIRED' }]);
    expect(await counts()).toEqual(before);

    t.clock.set('2026-07-02');
    expect((await run(step('recordRectification'), { findingId: id, note: '已建立管护台账', on: '2026-07-01' }, manager)).payload.finding).toMatchObject({ status: 'RECTIFYING' });
    t.clock.set('2026-07-05');
    expect((await run(step('markFindingRectified'), { findingId: id, note: '台账已上传' }, finance)).payload.finding).toMatchObject({ status: 'RECTIFIED' });
    expect((await run(step('sendBackFinding'), { findingId: id, note: '台账不完整' }, auditor)).payload.finding).toMatchObject({ status: 'RECTIFYING' });
    await run(step('markFindingRectified'), { findingId: id, note: '已补全' }, manager);
    const closed = (await run(step('closeFinding'), { findingId: id, note: '复核通过，销号' }, auditor)).payload.finding!;
    expect(closed.status).toBe('CLOSED');
    expect(closed.notes.map((n: { kind: string; actorRole: string }) => [n.kind, n.actorRole])).toEqual([
      ['RECTIFICATION', 'ASSET_MANAGER'],
      ['RECTIFIED', 'FINANCE'],
      ['SENT_BACK', 'AUDITOR'],
      ['RECTIFIED', 'ASSET_MANAGER'],
      ['CLOSED', 'AUDITOR'],
    ]);
    expect(await counts()).toEqual({ findings: before.findings, notes: before.notes + 5, events: before.events + 5 });
    // Found again within a year of its closing: a repeat, naming the closed one, and reported by the check.
    t.clock.set('2026-09-01');
    const repeat = (await run(ADD, { caseId, assetId: asset, description: '管护台账缺失', severity: 'MEDIUM', dueOn: '2026-10-01' }, auditor)).payload.finding!;
    expect(repeat).toMatchObject({ repeat: true, repeatOf: { id } });
    const history = await t.gql('query($a: ID!) { node(id: $a) { ... on Asset { findings { id } history(first: 100) { nodes { kind on finding { id } } } } } }', { a: asset }, auditor);
    expect(history.data.node.findings.map((f: { id: string }) => f.id)).toEqual([id, repeat.id]);
    expect(history.data.node.history.nodes.filter((n: { kind: string }) => n.kind.startsWith('FINDING_'))).toEqual([
      { kind: 'FINDING_ADDED', on: '2026-06-30', finding: { id } },
      { kind: 'FINDING_CLOSED', on: '2026-07-05', finding: { id } },
      { kind: 'FINDING_ADDED', on: '2026-09-01', finding: { id: repeat.id } },
    ]);
    const checked = await t.gql('{ auditFindings(region: "522327", checks: [RECTIFICATION_OVERDUE], first: 200) { nodes { subjectId messageEn } } }', {}, auditor);
    expect(checked.data.auditFindings.nodes.map((n: { subjectId: string }) => n.subjectId)).toContain(repeat.id);
  });

  it('lists the findings past their due date still not rectified, and the check finds them', async () => {
    t.clock.set('2026-08-20');
    const overdue = await t.gql('{ overdueRectifications(region: "522327", first: 200) { totalCount nodes { id status dueOn } } }', {}, auditor);
    const nodes = overdue.data.overdueRectifications.nodes as { id: string; status: string; dueOn: string }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => ['OPEN', 'RECTIFYING'].includes(n.status) && n.dueOn < '2026-08-20')).toBe(true);
    const checked = await t.gql('{ auditFindings(region: "522327", checks: [RECTIFICATION_OVERDUE], first: 200) { nodes { subjectId } } }', {}, auditor);
    const found = checked.data.auditFindings.nodes.map((n: { subjectId: string }) => n.subjectId);
    for (const n of nodes) expect(found).toContain(n.id);
    expect((await t.gql('{ overdueRectifications(region: "522327") { totalCount } }', {}, await t.token(Role.VIEWER, '522328'))).data.overdueRectifications.totalCount).toBe(0);
  });

  it('has a seeded case with a finding in every state', async () => {
    const states = await t.rows<{ status: string }>('select distinct status from audit_finding order by 1');
    expect(states.map((s) => s.status)).toEqual(['CLOSED', 'OPEN', 'RECTIFIED', 'RECTIFYING']);
  });
});
