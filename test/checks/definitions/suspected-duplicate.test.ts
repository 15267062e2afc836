/**
 * SUSPECTED_DUPLICATE 疑似重复登记: two assets of one village, one category and one year (of
 * acceptance, else completion, else construction) with the same name once spaces and
 * punctuation are dropped, whatever the case; or funded by the same project with original
 * values within DUPLICATE_VALUE_TOLERANCE_BP (100: 1%) of the greater. The later one is
 * reported, naming the earlier; disposed assets pair with nothing. At the tolerance exactly is a
 * duplicate, one fen beyond is not; a county allowing 99 bp no longer pairs the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { disposeAsset } from '../../support/disposal';
import { OTHER_VILLAGE, TODAY, TOWNSHIP, ago, worldA, type WorldA } from './fixtures-a';

describe('SUSPECTED_DUPLICATE', () => {
  let t: TestContext;
  let w: WorldA;
  let p1: string;
  let p2: string;
  /** 990,000.00 against 1,000,000.00 of one project: 10,000.00 apart, 1% of the greater exactly. */
  let atTolerance: { first: { id: string; code: string }; second: { id: string; code: string } };
  /** 989,999.99 against 1,000,000.00 of one project: one fen beyond 1%. */
  let fenBeyond: string;

  /** An asset of the village funded by the county alone (no project, so only its name can pair it), or by `projectId` alone. */
  const asset = (overrides: Record<string, unknown>, projectId?: string) => {
    const value = (overrides.originalValue as string | undefined) ?? '1000000.00';
    return w.assetWithCode({ originalValue: value, funding: [{ source: 'COUNTY_FISCAL', amount: value, ...(projectId ? { projectId } : {}) }], ...overrides });
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
    p1 = await w.project('5000000.00');
    p2 = await w.project('5000000.00');
    const workshop = { category: 'WORKSHOP', unit: '平方米', quantity: 2000 };
    atTolerance = {
      first: await asset({ ...workshop, name: '巧马村扶贫车间' }, p1),
      second: await asset({ ...workshop, name: '巧马村就业帮扶车间', originalValue: '990000.00' }, p1),
    };
    const plant = { category: 'PROCESSING_FACILITY', unit: '平方米', quantity: 800 };
    await asset({ ...plant, name: '巧马村茶叶加工厂' }, p1);
    fenBeyond = (await asset({ ...plant, name: '巧马村茶叶初制所', originalValue: '989999.99' }, p1)).id;
  });
  afterAll(() => t.close());

  it('finds the later of two same names written differently, naming the earlier', async () => {
    const first = await asset({ name: '巧马村光伏电站（一期）' });
    const second = await asset({ name: ' 巧马村 光伏电站 一期 ' });
    const latin = await asset({ name: 'Qiaoma PV-Station No.2' });
    const latinAgain = await asset({ name: 'qiaoma pv station, no 2' });
    const found = await w.findings('SUSPECTED_DUPLICATE');
    expect(found.find((f) => f.subjectId === second.id)?.evidence).toEqual({ sameAs: first.code, sameName: true });
    expect(found.find((f) => f.subjectId === latinAgain.id)?.evidence).toEqual({ sameAs: latin.code, sameName: true });
    expect(found.map((f) => f.subjectId)).not.toContain(first.id);
    expect(found.map((f) => f.subjectId)).not.toContain(latin.id);
  });

  it('does not pair names that differ in more than spaces and punctuation', async () => {
    await asset({ name: '巧马村光伏电站（三期）' });
    const other = await asset({ name: '巧马村光伏电站（四期）' });
    expect(await w.subjects('SUSPECTED_DUPLICATE')).not.toContain(other.id);
  });

  it('finds two assets of one project whose values are 1% of the greater apart, and not 1% and one fen', async () => {
    const found = await w.findings('SUSPECTED_DUPLICATE');
    expect(found.find((f) => f.subjectId === atTolerance.second.id)).toMatchObject({ amount: '990000.00', evidence: { sameAs: atTolerance.first.code, sameName: false } });
    expect(found.map((f) => f.subjectId)).not.toContain(atTolerance.first.id);
    expect(found.map((f) => f.subjectId)).not.toContain(fenBeyond);
  });

  it('does not pair equal values paid for by different projects', async () => {
    const tourism = { category: 'TOURISM_FACILITY', unit: '处', quantity: 1 };
    await asset({ ...tourism, name: '巧马村游客中心' }, p1);
    const other = await asset({ ...tourism, name: '巧马村民宿' }, p2);
    expect(await w.subjects('SUSPECTED_DUPLICATE')).not.toContain(other.id);
  });

  it('pairs only within one village, one category and one year', async () => {
    await asset({ name: '板坝至巧马通组路', category: 'ROAD_BRIDGE', assetClass: 'PUBLIC_WELFARE', unit: '公里', quantity: 3 });
    const otherVillage = await asset({ name: '板坝至巧马通组路', category: 'ROAD_BRIDGE', assetClass: 'PUBLIC_WELFARE', unit: '公里', quantity: 3, regionCode: OTHER_VILLAGE, owners: [] });
    const otherCategory = await asset({ name: '板坝至巧马通组路', category: 'IRRIGATION', assetClass: 'PUBLIC_WELFARE', unit: '公里', quantity: 3 });
    // Both villages lie in the township asked about.
    const found = await w.subjects('SUSPECTED_DUPLICATE', { r: TOWNSHIP });
    expect(found).not.toContain(otherVillage.id);
    expect(found).not.toContain(otherCategory.id);

    // Accepted on the last day of 2019 and the first of 2020: different years.
    const late2019 = { name: '巧马村冷库', category: 'COLD_CHAIN_LOGISTICS', unit: '立方米', quantity: 500, acceptedOn: '2019-12-31', handedOverOn: '2020-01-15' };
    await asset(late2019);
    const early2020 = await asset({ ...late2019, acceptedOn: '2020-01-01' });
    expect(await w.subjects('SUSPECTED_DUPLICATE')).not.toContain(early2020.id);
    // Not yet accepted, completed in 2019: its year is 2019, the first one's.
    const completed2019 = await asset({ ...late2019, acceptedOn: null, handedOverOn: null, completedOn: '2019-12-01', status: 'UNDER_CONSTRUCTION', statusSince: '2019-12-01' });
    expect(await w.subjects('SUSPECTED_DUPLICATE')).toContain(completed2019.id);
  });

  it('pairs no disposed asset: neither as the later one nor as the earlier', async () => {
    const gone = await asset({ name: '巧马村旧村委办公楼', category: 'OTHER', assetClass: 'PUBLIC_WELFARE', unit: '平方米', quantity: 400 });
    const kept = await asset({ name: '巧马村旧村委办公楼', category: 'OTHER', assetClass: 'PUBLIC_WELFARE', unit: '平方米', quantity: 400 });
    expect(await w.subjects('SUSPECTED_DUPLICATE')).toContain(kept.id);
    await disposeAsset(t, gone.id, { requestedOn: ago(3), completedOn: ago(2) });
    expect(await w.subjects('SUSPECTED_DUPLICATE')).not.toContain(kept.id);

    const earlier = await asset({ name: '巧马村旧小学', category: 'EDUCATION', assetClass: 'PUBLIC_WELFARE', unit: '平方米', quantity: 600 });
    const later = await asset({ name: '巧马村旧小学', category: 'EDUCATION', assetClass: 'PUBLIC_WELFARE', unit: '平方米', quantity: 600 });
    await disposeAsset(t, later.id, { requestedOn: ago(3), completedOn: ago(2) });
    const found = await w.subjects('SUSPECTED_DUPLICATE');
    expect(found).not.toContain(later.id);
    expect(found).not.toContain(earlier.id);
  });

  it("takes the run's tolerance: one basis point more pairs the values one fen beyond 1%", async () => {
    const run = async (value: number) => w.subjects('SUSPECTED_DUPLICATE', { thresholds: [{ name: 'DUPLICATE_VALUE_TOLERANCE_BP', value }] });
    expect(await run(101)).toContain(fenBeyond);
    expect(await run(99)).not.toContain(atTolerance.second.id);
  });

  it("takes the county's own tolerance from the day it applies", async () => {
    await w.setRule('DUPLICATE_VALUE_TOLERANCE_BP', 99, TODAY);
    expect(await w.subjects('SUSPECTED_DUPLICATE')).not.toContain(atTolerance.second.id);
    expect(await w.subjects('SUSPECTED_DUPLICATE', { asOf: ago(1) })).toContain(atTolerance.second.id);
    await w.setRule('DUPLICATE_VALUE_TOLERANCE_BP', 101, TODAY);
    expect(await w.subjects('SUSPECTED_DUPLICATE')).toContain(fenBeyond);
  });
});
