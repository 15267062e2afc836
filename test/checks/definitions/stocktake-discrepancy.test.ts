/**
 * STOCKTAKE_DISCREPANCY 账实不符: the asset's last stocktake result by the date found it missing
 * (NOT_FOUND), put to another use (USE_CHANGED), or damaged while the register does not say
 * DAMAGED. No threshold: the nearest correct situations are FOUND, a damage the register already
 * records, the day before the check, and a later stocktake that found the asset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_STOCKTAKE, OPEN_STOCKTAKE, RECORD_RESULT } from '../../custody/fixtures';
import { startTestApp, type TestContext } from '../../helpers';
import { disposeAsset } from '../../support/disposal';
import { TODAY, VILLAGE, ago, worldA, type WorldA } from './fixtures-a';

describe('STOCKTAKE_DISCREPANCY', () => {
  let t: TestContext;
  let w: WorldA;
  const a: Record<string, string> = {};

  /** A stocktake of the village as of `asOf`, its results checked on `checkedOn`, then closed. */
  const stocktake = async (name: string, asOf: string, checkedOn: string, results: [assetId: string, result: string][]) => {
    const opened = await t.gql(OPEN_STOCKTAKE, { input: { regionCode: VILLAGE, name, asOf } }, w.manager);
    expect(opened.data.openStocktake.userErrors).toEqual([]);
    const stocktakeId = opened.data.openStocktake.stocktake.id;
    for (const [assetId, result] of results) {
      const note = result === 'FOUND' ? null : '现场核实情况与台账不符';
      const res = await t.gql(RECORD_RESULT, { input: { stocktakeId, assetId, result, note, checkedOn, checkedBy: '巧马村清查小组' } }, w.manager);
      expect(res.data.recordStocktakeResult.userErrors).toEqual([]);
    }
    expect((await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId } }, w.manager)).data.closeStocktake.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await worldA(t);
    for (const key of ['found', 'missing', 'otherUse', 'brokenInField', 'knownBroken', 'writtenOff']) a[key] = await w.asset();
    // The register already knows this one is damaged.
    await w.setStatus(a.knownBroken!, 'DAMAGED', ago(40));
    await stocktake('2026年上半年清查', ago(30), ago(20), [
      [a.found!, 'FOUND'],
      [a.missing!, 'NOT_FOUND'],
      [a.otherUse!, 'USE_CHANGED'],
      [a.brokenInField!, 'DAMAGED'],
      [a.knownBroken!, 'DAMAGED'],
      [a.writtenOff!, 'NOT_FOUND'],
    ]);
  });
  afterAll(() => t.close());

  it('finds an asset the stocktake could not find, one put to another use, and one found damaged that the register has in use', async () => {
    const found = await w.findings('STOCKTAKE_DISCREPANCY');
    const evidence = (id: string) => found.find((f) => f.subjectId === id)?.evidence;
    expect(evidence(a.missing!)).toEqual({ result: 'NOT_FOUND', checkedOn: ago(20), note: '现场核实情况与台账不符', registerStatus: 'IN_USE' });
    expect(evidence(a.otherUse!)).toMatchObject({ result: 'USE_CHANGED', registerStatus: 'IN_USE' });
    expect(evidence(a.brokenInField!)).toMatchObject({ result: 'DAMAGED', registerStatus: 'IN_USE' });
  });

  it('finds nothing where the field matches the register: found, or damaged and registered DAMAGED', async () => {
    const found = await w.subjects('STOCKTAKE_DISCREPANCY');
    expect(found).not.toContain(a.found);
    expect(found).not.toContain(a.knownBroken);
  });

  it('counts a result from the day it was checked, and compares with the register as it stood on the date', async () => {
    expect(await w.subjects('STOCKTAKE_DISCREPANCY', { asOf: ago(21) })).not.toContain(a.missing);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY', { asOf: ago(20) })).toContain(a.missing);
    // The register catches up with the field: DAMAGED from ago(10). Before that it disagreed.
    await w.setStatus(a.brokenInField!, 'DAMAGED', ago(10));
    expect(await w.subjects('STOCKTAKE_DISCREPANCY')).not.toContain(a.brokenInField);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY', { asOf: ago(11) })).toContain(a.brokenInField);
  });

  it('goes by the last result: a later stocktake that found the asset clears it', async () => {
    await stocktake('补充清查', ago(5), TODAY, [[a.missing!, 'FOUND']]);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY')).not.toContain(a.missing);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY')).toContain(a.otherUse);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY', { asOf: ago(1) })).toContain(a.missing);
  });

  it('lets an asset go once its disposal is under way: the register no longer claims it', async () => {
    expect(await w.subjects('STOCKTAKE_DISCREPANCY')).toContain(a.writtenOff);
    await disposeAsset(t, a.writtenOff!, { requestedOn: ago(3), completedOn: ago(2) });
    expect(await w.subjects('STOCKTAKE_DISCREPANCY', { asOf: ago(4) })).toContain(a.writtenOff);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY', { asOf: ago(3) })).not.toContain(a.writtenOff);
    expect(await w.subjects('STOCKTAKE_DISCREPANCY')).not.toContain(a.writtenOff);
  });
});
