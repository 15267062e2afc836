/**
 * RECTIFICATION_OVERDUE 整改逾期: a finding past its rectification due date on the date and not
 * rectified (OPEN or RECTIFYING); or a finding, not closed, that repeats one closed within
 * REPEAT_FINDING_DAYS (365) before it was added. Whether a finding repeats is decided when it is
 * added, with the rule then in force for its county (cases.service.ts): the check reads no rule,
 * and a county's override counts for the findings added after it. Findings are added by hand, by
 * an auditor, for assets of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestContext } from '../../helpers';
import { COUNTY, cWorld, type CWorld } from './fixtures-c';

const CHECK = 'RECTIFICATION_OVERDUE';
const FINDING = 'id status repeat repeatOf { id } dueOn';
const OPEN = `mutation($input: OpenAuditCaseInput!) { openAuditCase(input: $input) { auditCase { id } userErrors { field code } } }`;
const ADD = `mutation($input: AddFindingInput!) { addFinding(input: $input) { finding { ${FINDING} } userErrors { field code } } }`;
const step = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { finding { ${FINDING} } userErrors { field code } } }`;
const DESCRIPTION = '收益未按合同约定收缴';

interface FindingNode {
  id: string;
  status: string;
  repeat: boolean;
  repeatOf: { id: string } | null;
}

describe(CHECK, () => {
  let t: TestContext;
  let w: CWorld;
  let caseId: string;
  const run = async (document: string, input: Record<string, unknown>, token: string) => {
    const res = await t.gql(document, { input }, token);
    const payload = Object.values(res.data ?? {})[0] as { finding?: FindingNode; auditCase?: { id: string }; userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    return payload;
  };
  /** Adds a finding by hand for an asset, due on a date; returns it. */
  const add = async (assetId: string, dueOn: string) => (await run(ADD, { caseId, assetId, description: DESCRIPTION, severity: 'MEDIUM', dueOn }, w.auditor)).finding!;
  const rectified = (findingId: string, on: string) => run(step('markFindingRectified'), { findingId, note: '已整改', on }, w.manager);
  const closed = (findingId: string, on: string) => run(step('closeFinding'), { findingId, note: '经复核整改到位，予以销号', on }, w.auditor);
  const asset = async (name: string) => (await w.ownedAsset(name)).assetId;

  /** Closed on 2025-03-01, each on an asset of its own: D, E and G are found again later. */
  const assets: Record<'d' | 'e' | 'g', string> = { d: '', e: '', g: '' };
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-01-10');
    w = await cWorld(t);
    caseId = (await run(OPEN, { regionCode: COUNTY, title: '2025年度扶贫项目资产专项审计', openedOn: '2025-01-10' }, w.auditor)).auditCase!.id;
    const first: string[] = [];
    for (const key of ['d', 'e', 'g'] as const) {
      assets[key] = await asset(`整改销号电站${key}`);
      first.push((await add(assets[key], '2025-03-31')).id);
    }
    t.clock.set('2025-03-01');
    for (const id of first) {
      await rectified(id, '2025-02-20');
      await closed(id, '2025-03-01');
    }
  });
  afterAll(() => t?.close());

  describe('past its due date', () => {
    let open: FindingNode;
    let rectifying: FindingNode;
    let done: FindingNode;
    let lateFix: FindingNode;
    beforeAll(async () => {
      t.clock.set('2026-01-10');
      open = await add(await asset('逾期未整改电站'), '2026-03-31');
      rectifying = await add(await asset('整改中电站'), '2026-03-31');
      done = await add(await asset('已整改电站'), '2026-03-31');
      lateFix = await add(await asset('逾期后整改电站'), '2026-03-31');
      t.clock.set('2026-06-30');
      await rectified(lateFix.id, '2026-05-01');
      await run(step('recordRectification'), { findingId: rectifying.id, note: '已约谈承租方，制定欠款分期缴纳计划', on: '2026-02-01' }, w.manager);
      await rectified(done.id, '2026-03-01');
    });

    it('finds an open finding the day after its due date, and one being rectified, with the days overdue', async () => {
      const found = await w.findings(CHECK, { asOf: '2026-04-01' });
      expect(found.filter((f) => f.subjectId === open.id)).toEqual([
        expect.objectContaining({ subjectType: 'AuditFinding', evidence: { dueOn: '2026-03-31', status: 'OPEN', daysOverdue: 1, repeatOf: null } }),
      ]);
      expect(found.map((f) => f.subjectId)).toContain(rectifying.id);
    });

    it('leaves them alone on their due date, and a finding marked rectified whenever', async () => {
      const onTheDay = await w.subjects(CHECK, { asOf: '2026-03-31' });
      expect(onTheDay).not.toContain(open.id);
      expect(onTheDay).not.toContain(rectifying.id);
      expect(await w.subjects(CHECK, { asOf: '2026-06-30' })).not.toContain(done.id);
    });

    it('finds a finding rectified late as of the days it was overdue and not yet rectified', async () => {
      const [then] = (await w.findings(CHECK, { asOf: '2026-04-30' })).filter((f) => f.subjectId === lateFix.id);
      expect(then?.evidence).toMatchObject({ status: 'OPEN', daysOverdue: 30 });
      expect(await w.subjects(CHECK, { asOf: '2026-05-01' })).not.toContain(lateFix.id);
    });
  });

  describe('a repeat', () => {
    it('finds a finding added 365 days after the same one was closed, from the day it was added until it is closed', async () => {
      t.clock.set('2026-03-01');
      const again = await add(assets.d, '2026-12-31');
      expect(again.repeat).toBe(true);
      const found = await w.findings(CHECK, { asOf: '2026-06-30' });
      expect(found.filter((f) => f.subjectId === again.id)).toEqual([expect.objectContaining({ evidence: expect.objectContaining({ status: 'OPEN', daysOverdue: 0, repeatOf: expect.any(Number) }) })]);
      expect(await w.subjects(CHECK, { asOf: '2026-02-28' })).not.toContain(again.id);
      // Marked rectified it still counts; closed it does not, from the day it was closed.
      t.clock.set('2026-06-30');
      await rectified(again.id, '2026-03-15');
      expect(await w.subjects(CHECK, { asOf: '2026-06-30' })).toContain(again.id);
      await closed(again.id, '2026-04-01');
      expect(await w.subjects(CHECK, { asOf: '2026-06-30' })).not.toContain(again.id);
      expect(await w.subjects(CHECK, { asOf: '2026-04-01' })).not.toContain(again.id);
      const [before] = (await w.findings(CHECK, { asOf: '2026-03-31' })).filter((f) => f.subjectId === again.id);
      expect(before?.evidence).toMatchObject({ status: 'RECTIFIED' });
    });

    it("leaves one added 366 days after alone, unless the county's rule allowed 366 days when it was added", async () => {
      t.clock.set('2026-03-02');
      const late = await add(assets.e, '2026-12-31');
      expect(late.repeat).toBe(false);
      expect(await w.subjects(CHECK, { asOf: '2026-06-30' })).not.toContain(late.id);
      await w.setRule('REPEAT_FINDING_DAYS', 366, '2026-03-02');
      const counted = await add(assets.g, '2026-12-31');
      expect(counted.repeat).toBe(true);
      expect(await w.subjects(CHECK, { asOf: '2026-06-30' })).toContain(counted.id);
      // A run cannot change what was decided when the finding was added: the check reads no rule.
      const res = await t.gql(
        'query($t: [RuleThresholdInput!]) { auditFindings(region: "522327", checks: [RECTIFICATION_OVERDUE], thresholds: $t) { totalCount } }',
        { t: [{ name: 'REPEAT_FINDING_DAYS', value: 30 }] },
        w.auditor,
      );
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
