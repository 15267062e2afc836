/**
 * LOW_PRICE_DISPOSAL 低价处置: a transfer or auction whose proceeds by the date are below
 * LOW_PRICE_DISPOSAL_BP (90%) of its appraisal (none at all is DISPOSAL_PROCEEDS_MISSING's); or a
 * contract that took over from the asset's previous one, a renewal or the next lease, at an agreed
 * income below LOW_LEASE_BP (80%) of the previous one's. Appraisals are 10,000.00 yuan, previous
 * leases 10,000.00 a year; the run is as of 2026-06-30.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers';
import { cWorld, type CWorld } from './fixtures-c';

const CHECK = 'LOW_PRICE_DISPOSAL';
const AS_OF = '2026-06-30';

describe(CHECK, () => {
  let t: TestContext;
  let w: CWorld;

  const sold = async (name: string, method: string, proceeds?: string) => {
    const { assetId } = await w.ownedAsset(name);
    const disposalId = await w.dispose(assetId, { method, appraisedValue: '10000.00', requestedOn: '2026-04-20', completedOn: '2026-05-01', proceeds });
    return { assetId, disposalId };
  };
  /** A contract of 10,000.00 a year for 2020–2022 (a lease unless said otherwise), then from 2023 a lease at `agreed`, renewing it or not. */
  const releasedAt = async (name: string, agreed: string, options: { renews?: boolean; previousMode?: string } = {}) => {
    const { assetId } = await w.ownedAsset(name);
    const previous = await w.contract(assetId, { mode: options.previousMode ?? 'LEASED', startsOn: '2020-01-01', endsOn: '2022-12-31', agreedIncomePerYear: '10000.00' });
    const next = await w.contract(assetId, { startsOn: '2023-01-01', endsOn: '2027-12-31', agreedIncomePerYear: agreed, renewsContractId: options.renews === false ? null : previous });
    return { previous, next };
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(AS_OF);
    w = await cWorld(t);
  });
  afterAll(() => t?.close());

  describe('a sale', () => {
    let cheap: { assetId: string; disposalId: string };
    let fair: { assetId: string; disposalId: string };
    beforeAll(async () => {
      cheap = await sold('低价转让电站', 'TRANSFER', '8999.99');
      fair = await sold('合理拍卖电站', 'AUCTION', '9000.00');
    });

    it('finds a transfer one fen under 90% of its appraisal, with the shortfall', async () => {
      const found = (await w.findings(CHECK, { asOf: AS_OF })).filter((f) => f.subjectId === cheap.disposalId);
      expect(found).toEqual([
        expect.objectContaining({
          subjectType: 'Disposal',
          asset: { id: cheap.assetId },
          amount: '1000.01',
          evidence: { method: 'TRANSFER', appraisedValue: 1000000, proceeds: 899999, minimumBp: 9000 },
        }),
      ]);
      // The threshold as a person writes it.
      expect(found[0]!.messageZh).toBe('处置收入 8,999.99 元，低于评估价 10,000.00 元的 90%');
      expect(found[0]!.messageEn).toContain('below 90% of the appraisal');
      // Not before it was completed.
      expect(await w.subjects(CHECK, { asOf: '2026-04-30' })).not.toContain(cheap.disposalId);
    });

    it('leaves an auction at 90% exactly alone, and a scrapping whatever it brought', async () => {
      const scrapped = await sold('报废变卖电站', 'SCRAP', '100.00');
      const subjects = await w.subjects(CHECK, { asOf: AS_OF });
      expect(subjects).not.toContain(fair.disposalId);
      expect(subjects).not.toContain(scrapped.disposalId);
    });

    it('counts proceeds that came later, from the day they came', async () => {
      const topped = await sold('补缴差价电站', 'TRANSFER', '8999.99');
      await w.income(topped.assetId, '0.01', '2026-06-01', { kind: 'DISPOSAL_PROCEEDS' });
      expect(await w.subjects(CHECK, { asOf: '2026-05-31' })).toContain(topped.disposalId);
      expect(await w.subjects(CHECK, { asOf: '2026-06-01' })).not.toContain(topped.disposalId);
    });

    it("reads the county's share, or the run's", async () => {
      expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'LOW_PRICE_DISPOSAL_BP', value: 8999 }] })).not.toContain(cheap.disposalId);
      expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'LOW_PRICE_DISPOSAL_BP', value: 9001 }] })).toContain(fair.disposalId);
      await w.setRule('LOW_PRICE_DISPOSAL_BP', 8999, '2026-01-01');
      expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(cheap.disposalId);
      await w.setRule('LOW_PRICE_DISPOSAL_BP', 9001, '2026-01-01');
      expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining([cheap.disposalId, fair.disposalId]));
      await w.setRule('LOW_PRICE_DISPOSAL_BP', 9000, '2026-01-01');
    });
  });

  describe('a new lease', () => {
    let renewal: { previous: string; next: string };
    let nextLease: { previous: string; next: string };
    let fair: { previous: string; next: string };
    beforeAll(async () => {
      renewal = await releasedAt('续签降租电站', '7999.99');
      nextLease = await releasedAt('新租降租电站', '7999.99', { renews: false });
      fair = await releasedAt('续签八成电站', '8000.00');
    });

    it('finds a renewal one fen under 80% of the previous rent, and the next lease at it without a renewal, from the day it starts', async () => {
      const found = await w.findings(CHECK, { asOf: AS_OF });
      expect(found.filter((f) => f.subjectId === renewal.next)).toEqual([
        expect.objectContaining({ subjectType: 'OperatingContract', amount: '2000.01', evidence: expect.objectContaining({ agreedPerYear: 799999, previousPerYear: 1000000 }) }),
      ]);
      expect(found.map((f) => f.subjectId)).toContain(nextLease.next);
      expect(found.map((f) => f.subjectId)).not.toContain(renewal.previous);
      expect(await w.subjects(CHECK, { asOf: '2022-12-31' })).not.toContain(nextLease.next);
    });

    it("leaves a renewal at 80% exactly alone, and a lease after the owners' own operation (whatever they expected of it)", async () => {
      const afterSelf = await releasedAt('自营转租电站', '100.00', { previousMode: 'SELF_OPERATED' });
      const subjects = await w.subjects(CHECK, { asOf: AS_OF });
      expect(subjects).not.toContain(fair.next);
      expect(subjects).not.toContain(afterSelf.next);
    });

    it("reads the county's share, or the run's", async () => {
      expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'LOW_LEASE_BP', value: 7999 }] })).not.toContain(renewal.next);
      expect(await w.subjects(CHECK, { asOf: AS_OF, thresholds: [{ name: 'LOW_LEASE_BP', value: 8001 }] })).toContain(fair.next);
      await w.setRule('LOW_LEASE_BP', 7999, '2026-01-01');
      expect(await w.subjects(CHECK, { asOf: AS_OF })).not.toContain(renewal.next);
      await w.setRule('LOW_LEASE_BP', 8001, '2026-01-01');
      expect(await w.subjects(CHECK, { asOf: AS_OF })).toEqual(expect.arrayContaining([renewal.next, fair.next]));
    });
  });
});
