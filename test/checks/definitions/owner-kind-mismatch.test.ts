/**
 * OWNER_KIND_MISMATCH 权属主体不符: an asset handed to households (到户类) belongs to households
 * only; a public-welfare asset (公益性) never to a household or an enterprise. The check has no
 * threshold: each wrong owner is found, and the same asset with the right owners is not; the
 * owners that count are those in force on the date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAsset } from '../../support/disposal';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('OWNER_KIND_MISMATCH', () => {
  let w: WorldB;
  /** Equal shares (one or two owners). */
  const owned = (...partyIds: string[]) => partyIds.map((partyId) => ({ partyId, shareBp: 10000 / partyIds.length, confirmedOn: '2019-11-01' }));
  const household = (...owners: string[]) => ({
    assetClass: 'HOUSEHOLD',
    category: 'LIVESTOCK',
    name: '到户能繁母牛',
    unit: '头',
    quantity: 2,
    originalValue: '16000.00',
    funding: [{ source: 'CENTRAL_FISCAL', amount: '16000.00' }],
    owners: owned(...owners),
  });
  const road = (...owners: string[]) => ({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', name: '巧马村产业路', unit: '公里', quantity: 2, owners: owned(...owners) });

  beforeAll(async () => {
    w = await worldB();
  });
  afterAll(() => w.t.close());

  it('finds a household-class asset owned by the collective, and not one owned by households', async () => {
    const toCollective = await w.asset(household(w.parties.collective));
    // One owner of the wrong kind is enough, whatever the households hold beside it.
    const halfCollective = await w.asset(household(w.parties.household, w.parties.collective));
    const toHouseholds = await w.asset(household(w.parties.household, w.parties.household2));
    const found = await w.findings('OWNER_KIND_MISMATCH');
    expect(found.find((f) => f.subjectId === toCollective)).toMatchObject({ amount: '16000.00', evidence: { class: 'HOUSEHOLD', ownerKinds: ['VILLAGE_COLLECTIVE'] } });
    expect(found.find((f) => f.subjectId === halfCollective)?.evidence).toMatchObject({ ownerKinds: ['HOUSEHOLD', 'VILLAGE_COLLECTIVE'] });
    expect(found.map((f) => f.subjectId)).not.toContain(toHouseholds);
  });

  it('finds a public-welfare asset owned by a household or an enterprise, and not one owned by the collective', async () => {
    const toHousehold = await w.asset(road(w.parties.household));
    const toEnterprise = await w.asset(road(w.parties.enterprise));
    const toCollective = await w.asset(road(w.parties.collective));
    const found = await w.subjects('OWNER_KIND_MISMATCH');
    expect(found).toContain(toHousehold);
    expect(found).toContain(toEnterprise);
    expect(found).not.toContain(toCollective);
  });

  it('reads the owners in force on the date, from their first day', async () => {
    // Put right today: found yesterday, not today.
    const corrected = await w.asset(household(w.parties.collective));
    await w.confirm(corrected, [{ partyId: w.parties.household, shareBp: 10000 }], TODAY);
    // Taken from the households today: found today, not yesterday.
    const retaken = await w.asset(household(w.parties.household));
    await w.confirm(retaken, [{ partyId: w.parties.collective, shareBp: 10000 }], TODAY);
    const today = await w.subjects('OWNER_KIND_MISMATCH');
    const yesterday = await w.subjects('OWNER_KIND_MISMATCH', { asOf: days(TODAY, -1) });
    expect(today).not.toContain(corrected);
    expect(yesterday).toContain(corrected);
    expect(today).toContain(retaken);
    expect(yesterday).not.toContain(retaken);
  });

  it('leaves an asset alone from the day it is disposed of, and finds it the day before', async () => {
    const scrapped = await w.asset(household(w.parties.collective));
    await disposeAsset(w.t, scrapped, { requestedOn: days(TODAY, -10), completedOn: TODAY });
    expect(await w.subjects('OWNER_KIND_MISMATCH')).not.toContain(scrapped);
    // The day before it was disposed of, it stood with the wrong owner (awaiting disposal).
    expect(await w.subjects('OWNER_KIND_MISMATCH', { asOf: days(TODAY, -1) })).toContain(scrapped);
  });

  it('leaves operating assets alone: whoever owns them, that is not this check', async () => {
    const station = await w.asset({ owners: owned(w.parties.enterprise) });
    expect(await w.subjects('OWNER_KIND_MISMATCH')).not.toContain(station);
  });
});
