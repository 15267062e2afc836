/** Income rules broken: a userError and nothing written — rows and audit events counted. */
import { disposeAsset } from '../support/disposal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';
import { UPDATE } from '../assets/fixtures';
import { CONFIRM, CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, incomeWorld, ownersOf, type IncomeWorld } from './fixtures';

const TABLES = ['income_record', 'income_part', 'operating_contract', 'idempotency_key', 'audit_event'];

describe('income refuses what breaks its rules', () => {
  let t: TestContext;
  let w: IncomeWorld;
  const snapshot = async () => Promise.all(TABLES.map((table) => t.count(table)));
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 30 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  const receipt = (assetId: string, extra: Record<string, unknown> = {}) =>
    t.gql(RECORD_INCOME, { input: { assetId, kind: 'RENT', amount: '100.00', receivedOn: '2026-06-01', accountType: 'VILLAGE_COLLECTIVE', ...extra } }, w.finance);

  it('refuses income of an asset without confirmed owners that day, and amounts that are not positive', async () => {
    const unconfirmed = await w.station({ owners: [] });
    const owned = await w.station();
    const before = await snapshot();
    expect((await receipt(unconfirmed)).data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'assetId'], code: 'NO_CONFIRMED_OWNERS' })]);
    // Owned since 2019-11-01: a receipt dated before that has nobody to go to.
    expect((await receipt(owned, { receivedOn: '2019-10-31' })).data.recordIncome.userErrors).toEqual([expect.objectContaining({ code: 'NO_CONFIRMED_OWNERS' })]);
    for (const amount of ['0.00', '-5.00']) {
      expect((await receipt(owned, { amount })).data.recordIncome.userErrors, amount).toEqual([expect.objectContaining({ field: ['input', 'amount'], code: 'INVALID_VALUE' })]);
    }
    expect((await receipt(owned, { receivedOn: '2026-07-01' })).data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'receivedOn'], code: 'INVALID_VALUE' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses, rather than fails on, income of a day whose owner shares do not make the whole (an overlap written before it was refused)', async () => {
    const owned = await w.station();
    const key = w.key(owned);
    // A second open owner set from 2020, as an older version could leave it: 20000 bp in force.
    await t.rows(
      `insert into ownership (asset_id, region_code, owner_party_id, share_bp, valid_from)
       select asset_id, region_code, ${w.key(w.l.collectives[1]!.id)}, 10000, '2020-01-01' from ownership where asset_id = ${key} limit 1`,
    );
    const before = await snapshot();
    const res = await receipt(owned);
    expect(res.status).toBe(200);
    expect(res.data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'receivedOn'], code: 'SHARES_NOT_10000' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses income of a DISPOSED asset, except the proceeds of its disposal', async () => {
    const assetId = await w.station();
    await disposeAsset(t, assetId, { requestedOn: '2026-05-01', completedOn: '2026-05-01' });
    const before = await snapshot();
    expect((await receipt(assetId)).data.recordIncome.userErrors).toEqual([expect.objectContaining({ code: 'ASSET_DISPOSED' })]);
    expect(await snapshot()).toEqual(before);
    const proceeds = await receipt(assetId, { kind: 'DISPOSAL_PROCEEDS', amount: '250000.00' });
    expect(proceeds.data.recordIncome.userErrors).toEqual([]);
  });

  it('refuses disposal proceeds of an asset neither under disposal nor disposed', async () => {
    const assetId = await w.station();
    const before = await snapshot();
    const res = await receipt(assetId, { kind: 'DISPOSAL_PROCEEDS', amount: '1000.00' });
    expect(res.data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'kind'], code: 'PROCEEDS_WITHOUT_DISPOSAL' })]);
    expect(await snapshot()).toEqual(before);
    // Judged on the day they came: proceeds dated before its disposal (owned then) are refused even once it is disposed.
    await disposeAsset(t, assetId, { requestedOn: '2026-05-01', completedOn: '2026-05-02' });
    const early = await receipt(assetId, { kind: 'DISPOSAL_PROCEEDS', amount: '1000.00', receivedOn: '2025-01-01' });
    expect(early.data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'kind'], code: 'PROCEEDS_WITHOUT_DISPOSAL' })]);
    expect((await receipt(assetId, { kind: 'DISPOSAL_PROCEEDS', amount: '1000.00', receivedOn: '2026-05-20' })).data.recordIncome.userErrors).toEqual([]);
  });

  it('refuses a second reversal, the reversal of a reversal, and a key reused with other input', async () => {
    const assetId = await w.station();
    const original = (await receipt(assetId)).data.recordIncome.incomeRecord;
    const reversal = (await t.gql(REVERSE_INCOME, { input: { incomeId: original.id, reason: '错录' } }, w.finance)).data.reverseIncome.incomeRecord;
    const before = await snapshot();
    const again = await t.gql(REVERSE_INCOME, { input: { incomeId: original.id, reason: '再冲一次' } }, w.finance);
    expect(again.data.reverseIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'incomeId'], code: 'ALREADY_REVERSED' })]);
    const ofReversal = await t.gql(REVERSE_INCOME, { input: { incomeId: reversal.id, reason: '冲销冲销' } }, w.finance);
    expect(ofReversal.data.reverseIncome.userErrors).toEqual([expect.objectContaining({ code: 'REVERSAL_NOT_REVERSIBLE' })]);
    expect(await snapshot()).toEqual(before);

    const keyed = await receipt(assetId, { idempotencyKey: 'K-1' });
    expect(keyed.data.recordIncome.userErrors).toEqual([]);
    const afterFirst = await snapshot();
    const reused = await receipt(assetId, { idempotencyKey: 'K-1', amount: '101.00' });
    expect(reused.data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })]);
    expect(await snapshot()).toEqual(afterFirst);
    // A refused call does not use up its key: the corrected retry goes through.
    const refused = await receipt(assetId, { idempotencyKey: 'K-2', amount: '0.00' });
    expect(refused.data.recordIncome.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE' })]);
    expect((await receipt(assetId, { idempotencyKey: 'K-2' })).data.recordIncome.userErrors).toEqual([]);
    expect((await receipt(assetId, { idempotencyKey: ' bad key ' })).data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'INVALID_VALUE' })]);
  });

  it('keeps an asset whose contract is not over an operating asset', async () => {
    const running = await w.station();
    const ended = await w.station();
    const terms = { operatorId: w.l.collectives[1]!.id, mode: 'LEASED', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY', startsOn: '2021-01-01' };
    for (const [assetId, endsOn] of [
      [running, '2030-12-31'],
      [ended, '2022-12-31'],
    ])
      expect((await t.gql(CREATE_CONTRACT, { input: { ...terms, assetId, endsOn } }, w.manager)).data.createOperatingContract.userErrors).toEqual([]);
    const reclassify = async (id: string) => {
      const { version } = (await t.gql('query($a: ID!) { node(id: $a) { ... on Asset { version } } }', { a: id }, w.manager)).data.node;
      return (await t.gql(UPDATE, { input: { id, expectedVersion: version, assetClass: 'PUBLIC_WELFARE' } }, w.manager)).data.updateAsset.userErrors;
    };
    const before = await snapshot();
    expect(await reclassify(running)).toEqual([expect.objectContaining({ field: ['input', 'assetClass'], code: 'CONTRACT_IN_FORCE' })]);
    expect(await snapshot()).toEqual(before);
    expect(await reclassify(ended)).toEqual([]);
  });

  it('refuses a contract that overlaps another of the asset, or of an asset that is not operating', async () => {
    const assetId = await w.station();
    const road = await w.station({ assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE' });
    const other = await w.station();
    const operatorId = w.l.collectives[1]!.id;
    const terms = { assetId, operatorId, mode: 'LEASED', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY' };
    expect((await t.gql(CREATE_CONTRACT, { input: { ...terms, startsOn: '2021-01-01', endsOn: '2025-12-31' } }, w.manager)).data.createOperatingContract.userErrors).toEqual([]);
    const before = await snapshot();
    const overlap = await t.gql(CREATE_CONTRACT, { input: { ...terms, startsOn: '2025-07-01', endsOn: '2030-06-30' } }, w.manager);
    expect(overlap.data.createOperatingContract.userErrors).toEqual([expect.objectContaining({ field: ['input', 'startsOn'], code: 'CONTRACT_OVERLAP' })]);
    const notOperating = await t.gql(CREATE_CONTRACT, { input: { ...terms, assetId: road, startsOn: '2021-01-01', endsOn: '2025-12-31' } }, w.manager);
    expect(notOperating.data.createOperatingContract.userErrors).toEqual([expect.objectContaining({ code: 'ASSET_NOT_OPERATING' })]);
    const backwards = await t.gql(CREATE_CONTRACT, { input: { ...terms, startsOn: '2031-01-01', endsOn: '2030-12-31' } }, w.manager);
    expect(backwards.data.createOperatingContract.userErrors).toEqual([expect.objectContaining({ field: ['input', 'endsOn'], code: 'DATE_ORDER' })]);
    expect(await snapshot()).toEqual(before);
    // A contract of this asset, named with income of another asset.
    const contractId = (await t.gql(`query($a: ID!) { node(id: $a) { ... on Asset { contracts { id } } } }`, { a: assetId }, w.manager)).data.node.contracts[0].id;
    expect((await receipt(other, { contractId })).data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'contractId'], code: 'CONTRACT_OF_ANOTHER_ASSET' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the shares income was apportioned by: an owner change must take effect after its latest receipt', async () => {
    const assetId = await w.station();
    const received = (await receipt(assetId, { receivedOn: '2026-06-01' })).data.recordIncome.incomeRecord;
    const change = (effectiveOn: string) =>
      t.gql(
        CONFIRM,
        {
          input: {
            assetId,
            owners: ownersOf(w.l, [
              [0, 5000],
              [1, 5000],
            ]),
            effectiveOn,
          },
        },
        w.manager,
      );
    const before = await snapshot();
    for (const on of ['2026-05-01', '2026-06-01'])
      expect((await change(on)).data.confirmOwnership.userErrors, on).toEqual([expect.objectContaining({ field: ['input', 'effectiveOn'], code: 'SHARES_ALREADY_APPORTIONED' })]);
    expect(await snapshot()).toEqual(before);
    // Reversed, the receipt relies on nothing: the change may go back to before it.
    expect((await t.gql(REVERSE_INCOME, { input: { incomeId: received.id, reason: '错录' } }, w.finance)).data.reverseIncome.userErrors).toEqual([]);
    expect((await change('2026-05-01')).data.confirmOwnership.userErrors).toEqual([]);
  });

  it('refuses amounts over 10 billion yuan, and a lease or contract that agrees no income', async () => {
    const assetId = await w.station();
    const before = await snapshot();
    expect((await receipt(assetId, { amount: '10000000000.01' })).data.recordIncome.userErrors).toEqual([expect.objectContaining({ field: ['input', 'amount'], code: 'INVALID_VALUE' })]);
    const terms = { assetId, operatorId: w.l.collectives[1]!.id, startsOn: '2026-01-01', endsOn: '2026-12-31', paymentCycle: 'MONTHLY' };
    for (const [mode, amount] of [
      ['LEASED', '0.00'],
      ['CONTRACTED', '0.00'],
      ['LEASED', '10000000000.01'],
    ]) {
      const res = await t.gql(CREATE_CONTRACT, { input: { ...terms, mode, agreedIncomePerYear: amount } }, w.manager);
      expect(res.data.createOperatingContract.userErrors, `${mode} ${amount}`).toEqual([expect.objectContaining({ field: ['input', 'agreedIncomePerYear'], code: 'INVALID_VALUE' })]);
    }
    expect(await snapshot()).toEqual(before);
    expect((await t.gql(CREATE_CONTRACT, { input: { ...terms, mode: 'SELF_OPERATED', agreedIncomePerYear: '0.00' } }, w.manager)).data.createOperatingContract.userErrors).toEqual([]);
  });
});
