/**
 * CONTRACT_EXPIRED_NOT_RENEWED 到期未续签: the asset's last contract ended before the date, none is
 * in force on it, and the asset is still in use or received income after the end. No threshold:
 * the boundary is the day — on a contract's last day nothing is wrong, the day after it is; a
 * renewal from that day covers it; an idle asset is found only once money arrives after the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { END_CONTRACT } from '../../income/fixtures';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('CONTRACT_EXPIRED_NOT_RENEWED', () => {
  let w: WorldB;
  const YESTERDAY = days(TODAY, -1);

  beforeAll(async () => {
    w = await worldB();
  });
  afterAll(() => w.t.close());

  it('finds a contract that ended yesterday on an asset still in use, and not on its last day', async () => {
    const asset = await w.asset();
    const lapsed = await w.contract(asset, { startsOn: '2025-06-30', endsOn: YESTERDAY });
    const found = (await w.findings('CONTRACT_EXPIRED_NOT_RENEWED')).find((f) => f.subjectId === lapsed);
    expect(found).toMatchObject({ subjectType: 'OperatingContract', asset: { id: asset }, amount: '12000.00', evidence: { endedOn: YESTERDAY, assetStatus: 'IN_USE', receivedAfterEnd: 0 } });
    expect(await w.subjects('CONTRACT_EXPIRED_NOT_RENEWED', { asOf: YESTERDAY })).not.toContain(lapsed);
  });

  it('counts a contract terminated early from the day it was ended', async () => {
    const asset = await w.asset();
    const terminated = await w.contract(asset, { startsOn: '2025-06-30', endsOn: '2030-06-29' });
    const ended = await w.t.gql(END_CONTRACT, { input: { contractId: terminated, endsOn: YESTERDAY, reason: '承租方经营困难，协议解除' } }, w.manager);
    expect(ended.data.endOperatingContract.userErrors).toEqual([]);
    expect(await w.subjects('CONTRACT_EXPIRED_NOT_RENEWED')).toContain(terminated);
    expect(await w.subjects('CONTRACT_EXPIRED_NOT_RENEWED', { asOf: YESTERDAY })).not.toContain(terminated);
  });

  it('finds nothing when a renewal begins the day after, and finds the gap when it begins a day later', async () => {
    const renewedAsset = await w.asset();
    const renewedOld = await w.contract(renewedAsset, { startsOn: '2025-06-30', endsOn: YESTERDAY });
    const renewal = await w.contract(renewedAsset, { startsOn: TODAY, endsOn: days(TODAY, 364), renewsContractId: renewedOld });
    const lateAsset = await w.asset();
    const lateOld = await w.contract(lateAsset, { startsOn: '2025-06-30', endsOn: YESTERDAY });
    await w.contract(lateAsset, { startsOn: days(TODAY, 1), endsOn: days(TODAY, 365), renewsContractId: lateOld });
    const found = await w.subjects('CONTRACT_EXPIRED_NOT_RENEWED');
    expect(found).not.toContain(renewedOld);
    expect(found).not.toContain(renewal);
    expect(found).toContain(lateOld);
  });

  it('finds an idle asset only once it receives money after its contract ended', async () => {
    const asset = await w.asset();
    const endedOn = days(TODAY, -10);
    const lapsed = await w.contract(asset, { startsOn: '2025-06-21', endsOn: endedOn });
    await w.status(asset, 'IDLE', endedOn);
    // Paid on the contract's last day: under the contract, nothing wrong.
    await w.income(asset, { contractId: lapsed, amount: '12000.00', receivedOn: endedOn });
    expect(await w.subjects('CONTRACT_EXPIRED_NOT_RENEWED')).not.toContain(lapsed);
    // The day after: the asset still earns with no contract in force.
    await w.income(asset, { amount: '500.00', receivedOn: days(endedOn, 1) });
    const found = (await w.findings('CONTRACT_EXPIRED_NOT_RENEWED')).find((f) => f.subjectId === lapsed);
    expect(found).toMatchObject({ amount: '12500.00', evidence: { assetStatus: 'IDLE', receivedAfterEnd: 50000 } });
  });
});
