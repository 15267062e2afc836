/**
 * Public notices (公示): plans from their publicity on, readable without a token; every anonymous
 * answer is scanned for resident ID numbers, mobile numbers and household names in clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { APPROVE, CANCEL, CREATE_PLAN, PUBLICIZE, allocationWorld, type AllocationWorld } from './fixtures';

const NOTICES = `query($region: DivisionCode!) { publicNotices(region: $region, first: 200) { totalCount nodes {
  title status ownerName regionName periodFrom periodTo publicityStartsOn publicityEndsOn resolutionNo resolutionOn pool allocated paid
  lines { purpose amount paid beneficiaryRule beneficiaries } } } }`;

describe('public notices', () => {
  let t: TestContext;
  let w: AllocationWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await allocationWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  it('shows publicized and approved plans to anyone, with no personal data; drafts and the rest of the register stay private', async () => {
    const households = w.l.households.map((h) => h.id);
    // A registered household's name, and phone and ID numbers however written, in the plan's own words.
    const [household] = await t.rows<{ name: string }>(`select name from party where kind = 'HOUSEHOLD' order by id limit 1`);
    // The same name with spaces between its characters.
    const spaced = Array.from(household!.name).join(' ');
    const { ownerId } = await w.ownerWithIncome([['2000.00', '2026-02-01']]);
    const lines = [
      {
        purpose: 'HOUSEHOLD_DIVIDEND',
        amount: '600.00',
        beneficiaryIds: households,
        beneficiaryRule: `监测户${household!.name}（身份证522327199001011234，电话13812345678、+86 138-1234-5678，座机0851-86801234）等按人口分配；另${spaced}、1.3.8.0.0.1.3.8.0.0.0、一三八〇〇一三八〇〇〇`,
      },
      { purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '1400.00', beneficiaryRule: '村内道路养护' },
    ];
    const create = (periodTo: string) => t.gql(CREATE_PLAN, { input: { ownerId, title: '2026年收益分配方案', periodFrom: '2026-01-01', periodTo, lines } }, w.finance);
    const plan = (await create('2026-03-31')).data.createAllocationPlan;
    expect(plan.userErrors).toEqual([]);
    // Who benefits is in the trail.
    const [created] = await t.rows<{ n: number }>(
      `select jsonb_array_length(after->'lines'->0->'beneficiaryIds') as n from audit_event where action = 'plan.create' and entity_id = '${plan.allocationPlan.id}'`,
    );
    expect(created!.n).toBe(households.length);
    // A DRAFT is not public (the county's seeded plans from their publicity on are).
    const ours = (answer: any): any[] => answer.data.publicNotices.nodes.filter((n: { title: string }) => n.title === '2026年收益分配方案');
    let anonymous = await t.gql(NOTICES, { region: '522327' });
    expect(anonymous.errors).toBeUndefined();
    const seeded = anonymous.data.publicNotices.totalCount as number;
    expect(ours(anonymous)).toEqual([]);

    await t.gql(PUBLICIZE, { input: { planId: plan.allocationPlan.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    anonymous = await t.gql(NOTICES, { region: '522327' });
    expect(anonymous.data.publicNotices.totalCount).toBe(seeded + 1);
    const notice = ours(anonymous)[0];
    expect(notice).toMatchObject({ title: '2026年收益分配方案', status: 'PUBLICIZED', ownerName: '分配测试合作社1', pool: '2000.00', allocated: '2000.00', publicityEndsOn: '2026-04-10' });
    expect(notice.lines[0].beneficiaries).toHaveLength(households.length);
    for (const name of notice.lines[0].beneficiaries) expect(name).toMatch(/^.某$/u);
    const surname = Array.from(household!.name)[0];
    expect(notice.lines[0].beneficiaryRule).toBe(`监测户${surname}某（身份证****，电话****、****，座机****）等按人口分配；另${surname}某、****、****`);

    await t.gql(APPROVE, { input: { planId: plan.allocationPlan.id, resolutionNo: '决议〔2026〕1号', resolutionOn: '2026-04-12' } }, w.finance);
    const approved = await t.gql(NOTICES, { region: '52' });
    expect(ours(approved)[0]).toMatchObject({ status: 'APPROVED', resolutionNo: '决议〔2026〕1号' });
    // Another region's notices are not this one's.
    expect((await t.gql(NOTICES, { region: '522328' })).data.publicNotices.totalCount).toBe(0);

    // Every anonymous answer, scanned: no resident ID, no mobile number, no household name in clear.
    const names = (await t.rows<{ name: string }>(`select name from party where kind = 'HOUSEHOLD'`)).map((r) => r.name);
    expect(names.length).toBeGreaterThan(0);
    for (const answer of [anonymous, approved]) {
      const textOf = JSON.stringify(answer.body);
      expect(textOf).not.toMatch(/\d{17}[\dXx]/);
      expect(textOf).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      // Nor with its separators taken out.
      expect(textOf.replace(/[\s\-+()]/g, '')).not.toMatch(/(?:86)?1[3-9]\d{9}/);
      for (const name of names) expect(textOf.includes(name), name).toBe(false);
    }
    // Nothing else is anonymous.
    const plans = await t.gql('{ allocationPlans { totalCount } }', {});
    expect(plans.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('puts a notice up on its publicity’s first day, not when it is entered', async () => {
    const { ownerId } = await w.ownerWithIncome([['500.00', '2026-05-02']]);
    const plan = (
      await t.gql(
        CREATE_PLAN,
        { input: { ownerId, title: '下月公示的方案', periodFrom: '2026-05-01', periodTo: '2026-05-31', lines: [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '500.00' }] } },
        w.finance,
      )
    ).data.createAllocationPlan.allocationPlan;
    expect((await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-07-02', days: 10 } }, w.finance)).data.publicizeAllocationPlan.userErrors).toEqual([]);
    const titles = async () => ((await t.gql(NOTICES, { region: '522327' })).data.publicNotices.nodes as { title: string }[]).map((n) => n.title);
    expect(await titles()).not.toContain('下月公示的方案');
    t.clock.set('2026-07-02');
    try {
      expect(await titles()).toContain('下月公示的方案');
    } finally {
      t.clock.set('2026-06-30');
    }
  });

  it('masks a plan’s own words for roles that may not read personal data, as its notice does', async () => {
    const [household] = await t.rows<{ name: string }>(`select name from party where kind = 'HOUSEHOLD' order by id limit 1`);
    const surname = Array.from(household!.name)[0];
    const { ownerId } = await w.ownerWithIncome([['300.00', '2026-03-02']]);
    const words = `${household!.name} 身份证522327198001011234 手机13812345678`;
    const created = await t.gql(
      CREATE_PLAN,
      {
        input: {
          ownerId,
          title: `方案 ${words}`,
          note: words,
          periodFrom: '2026-03-01',
          periodTo: '2026-03-31',
          lines: [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '200.00', beneficiaryRule: words }],
        },
      },
      w.finance,
    );
    expect(created.data.createAllocationPlan.userErrors).toEqual([]);
    const id = created.data.createAllocationPlan.allocationPlan.id;
    const read = async (token: string) => (await t.gql('query($id: ID!) { node(id: $id) { ... on AllocationPlan { title note lines { beneficiaryRule } } } }', { id }, token)).data.node;
    expect(await read(w.finance)).toEqual({ title: `方案 ${words}`, note: words, lines: [{ beneficiaryRule: words }] });
    const masked = `${surname}某 身份证**** 手机****`;
    const viewer = await t.token(Role.VIEWER, '522327');
    expect(await read(viewer)).toEqual({ title: `方案 ${masked}`, note: masked, lines: [{ beneficiaryRule: masked }] });
    // However the number or the name is split, and why the plan was cancelled.
    const odd = ['壹叁捌壹贰叁肆伍陆柒捌', '138，1234，5678', '138~1234~5678', '138:1234:5678', Array.from(household!.name).join('\u200b'), Array.from(household!.name).join('、')];
    // 100.00 of the 300.00 stays with the owner while the plan stands; a cancelled plan gave it all back.
    expect((await t.gql('query($id: ID!) { node(id: $id) { ... on AllocationPlan { carriedForward } } }', { id }, w.finance)).data.node.carriedForward).toBe('100.00');
    expect((await t.gql(CANCEL, { input: { planId: id, reason: odd.join(' 或 ') } }, w.finance)).data.cancelAllocationPlan.userErrors).toEqual([]);
    const cancelled = (await t.gql('query($id: ID!) { node(id: $id) { ... on AllocationPlan { cancelReason carriedForward } } }', { id }, viewer)).data.node;
    expect(cancelled).toEqual({ cancelReason: ['****', '****', '****', '****', `${surname}某`, `${surname}某`].join(' 或 '), carriedForward: '0.00' });
  });
});
