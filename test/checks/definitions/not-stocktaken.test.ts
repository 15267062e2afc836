/**
 * NOT_STOCKTAKEN 未盘点: an asset that a stocktake closed by the date covered but left without a
 * result. No threshold: the nearest correct situations are an asset checked in it, the same
 * stocktake while still open (up to the day before it closed), an asset registered after it,
 * and an asset disposed of since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_STOCKTAKE, OPEN_STOCKTAKE, RECORD_RESULT } from '../../custody/fixtures';
import { startTestApp, type TestContext } from '../../helpers';
import { disposeAsset } from '../../support/disposal';
import { TODAY, VILLAGE, ago, worldA, type WorldA } from './fixtures-a';

describe('NOT_STOCKTAKEN', () => {
  let t: TestContext;
  let w: WorldA;
  let checked: string;
  let missed: string;
  let missedThenDisposed: string;

  const open = async (name: string) => {
    const res = await t.gql(OPEN_STOCKTAKE, { input: { regionCode: VILLAGE, name } }, w.manager);
    expect(res.data.openStocktake.userErrors).toEqual([]);
    return res.data.openStocktake.stocktake.id as string;
  };
  const check = async (stocktakeId: string, assetId: string) => {
    const res = await t.gql(RECORD_RESULT, { input: { stocktakeId, assetId, result: 'FOUND', checkedBy: '巧马村清查小组' } }, w.manager);
    expect(res.data.recordStocktakeResult.userErrors).toEqual([]);
  };
  const close = async (stocktakeId: string) => {
    const res = await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId } }, w.manager);
    expect(res.data.closeStocktake.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
    checked = await w.asset();
    missed = await w.asset();
    missedThenDisposed = await w.asset({ name: '巧马村旧仓库', category: 'PROCESSING_FACILITY', unit: '平方米', quantity: 300 });
  });
  afterAll(() => t.close());

  it('finds an asset the closed stocktake left unchecked, from the day it closed, and not one it checked', async () => {
    // The village counts its assets on ago(10) and closes the count on ago(5).
    t.clock.set(ago(10));
    const stocktake = await open('2026年巧马村资产清查');
    await check(stocktake, checked);
    t.clock.set(TODAY);
    // While it is open, an asset not yet checked is not missed.
    expect(await w.subjects('NOT_STOCKTAKEN')).not.toContain(missed);
    t.clock.set(ago(5));
    await close(stocktake);
    t.clock.set(TODAY);
    const found = await w.findings('NOT_STOCKTAKEN');
    expect(found.find((f) => f.subjectId === missed)?.evidence).toEqual({ stocktake: '2026年巧马村资产清查', asOf: ago(10), closedOn: ago(5) });
    expect(found.map((f) => f.subjectId)).toContain(missedThenDisposed);
    expect(found.map((f) => f.subjectId)).not.toContain(checked);
    expect(await w.subjects('NOT_STOCKTAKEN', { asOf: ago(5) })).toContain(missed);
    expect(await w.subjects('NOT_STOCKTAKEN', { asOf: ago(6) })).not.toContain(missed);
  });

  it('does not ask for an asset registered after the stocktake, nor one disposed of since', async () => {
    const newer = await w.asset();
    expect(await w.subjects('NOT_STOCKTAKEN')).not.toContain(newer);
    await disposeAsset(t, missedThenDisposed, { requestedOn: ago(3), completedOn: ago(2) });
    expect(await w.subjects('NOT_STOCKTAKEN')).not.toContain(missedThenDisposed);
    // …though before it was gone it was still missed.
    expect(await w.subjects('NOT_STOCKTAKEN', { asOf: ago(3) })).toContain(missedThenDisposed);
  });

  it('dates the closing by the China business day: closed at 00:30 Beijing time, it was still open the day before', async () => {
    const asset = await w.asset();
    t.clock.set(ago(4));
    const stocktake = await open('巧马村补充清查');
    // 00:30 on ago(3) in Beijing is 16:30 UTC on ago(4).
    t.clock.set(new Date(`${ago(4)}T16:30:00.000Z`));
    await close(stocktake);
    t.clock.set(TODAY);
    expect(await w.subjects('NOT_STOCKTAKEN', { asOf: ago(4) })).not.toContain(asset);
    expect(await w.subjects('NOT_STOCKTAKEN', { asOf: ago(3) })).toContain(asset);
    expect((await w.findings('NOT_STOCKTAKEN')).find((f) => f.subjectId === asset)?.evidence).toMatchObject({ closedOn: ago(3) });
  });
});
