/**
 * DISPOSAL_PROCEEDS_MISSING 处置收入未到账: a transfer or auction completed more than
 * DISPOSAL_PROCEEDS_DAYS (60) before the date with no proceeds standing received by then.
 * Appraisals are 10,000.00 yuan; the run is as of 2026-06-30, 60 days after 2026-05-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { cWorld, type CWorld } from './fixtures-c';

const CHECK = 'DISPOSAL_PROCEEDS_MISSING';
const AS_OF = '2026-06-30';

describe(CHECK, () => {
  let t: TestContext;
  let w: CWorld;
  const sold = async (name: string, method: string, completedOn: string, proceeds?: string) => {
    const { assetId } = await w.ownedAsset(name);
    return { assetId, disposalId: await w.dispose(assetId, { method, appraisedValue: '10000.00', requestedOn: '2026-03-20', completedOn, proceeds }) };
  };

  /** Auctioned 61 days before the date, nothing received. */
  let unpaid: { assetId: string; disposalId: string };
  /** Auctioned 60 days before: not yet. */
  let inTime: { assetId: string; disposalId: string };
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(AS_OF);
    w = await cWorld(t);
    unpaid = await sold('拍卖未收款电站', 'AUCTION', '2026-04-30');
    inTime = await sold('拍卖期内电站', 'AUCTION', '2026-05-01');
  });
  afterAll(() => t?.close());

  it('finds an auction 61 days after its completion with no proceeds, for its appraisal', async () => {
    const found = (await w.findings(CHECK, { asOf: AS_OF })).filter((f) => f.subjectId === unpaid.disposalId);
    expect(found).toEqual([
      expect.objectContaining({
        subjectType: 'Disposal',
        asset: { id: unpaid.assetId },
        amount: '10000.00',
        evidence: { method: 'AUCTION', completedOn: '2026-04-30', appraisedValue: 1000000, days: 61 },
      }),
    ]);
  });

  it('leaves a sale completed exactly 60 days before the date alone, and finds it a day later', async () => {
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(inTime.disposalId);
    expect(await w.subjects(CHECK, { asOf: '2026-07-01' })).toContain(inTime.disposalId);
  });

  it('leaves a transfer paid at its completion alone, and a scrapping that brought nothing', async () => {
    const paid = await sold('转让已收款电站', 'TRANSFER', '2026-04-30', '10000.00');
    const scrapped = await sold('报废电站', 'SCRAP', '2026-04-30');
    const subjects = await w.subjects(CHECK, { asOf: AS_OF });
    expect(subjects).not.toContain(paid.disposalId);
    expect(subjects).not.toContain(scrapped.disposalId);
  });

  it('counts proceeds from the day they came, and no longer once they are reversed', async () => {
    const late = await sold('迟到款电站', 'TRANSFER', '2026-04-01');
    const income = await w.income(late.assetId, '10000.00', '2026-06-10', { kind: 'DISPOSAL_PROCEEDS' });
    expect(await w.subjects(CHECK, { asOf: '2026-06-09' })).toContain(late.disposalId);
    expect(await w.subjects(CHECK, { asOf: '2026-06-10' })).not.toContain(late.disposalId);
    await w.reverseIncome(income, '2026-06-20');
    expect(await w.subjects(CHECK, { asOf: '2026-06-19' })).not.toContain(late.disposalId);
    expect(await w.subjects(CHECK, { asOf: '2026-06-20' })).toContain(late.disposalId);
  });

  it("reads the county's number of days, or the run's", async () => {
    // 61 days allowed: the auction of 61 days ago is not late; 59: the one of 60 days ago is.
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'DISPOSAL_PROCEEDS_DAYS', value: 61 }] })).not.toContain(unpaid.disposalId);
    expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'DISPOSAL_PROCEEDS_DAYS', value: 59 }] })).toContain(inTime.disposalId);
    await w.setRule('DISPOSAL_PROCEEDS_DAYS', 61, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(unpaid.disposalId);
    await w.setRule('DISPOSAL_PROCEEDS_DAYS', 59, '2026-01-01');
    expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining([unpaid.disposalId, inTime.disposalId]));
  });
});
