/** Income as a finance office records it: apportioned to the owners to the fen, reversed in full, pooled per owner. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { CONFIRM, CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, incomeWorld, ownersOf, type IncomeWorld } from './fixtures';

const POOL = `query($owner: ID!, $asOf: Date) { incomePool(owner: $owner, asOf: $asOf) { asOf apportioned reversed inPlans allocated paid balance parts(first: 5) { totalCount nodes { amount shareBp incomeRecord { id } } } } }`;

describe('income', () => {
  let t: TestContext;
  let w: IncomeWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 60 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
  });
  afterAll(() => t.close());

  const receipt = (assetId: string, amount: string, receivedOn = '2026-06-01', extra: Record<string, unknown> = {}) =>
    t.gql(RECORD_INCOME, { input: { assetId, kind: 'RENT', amount, receivedOn, accountType: 'VILLAGE_COLLECTIVE', voucherNo: '记-06-001', ...extra } }, w.finance);

  it('splits income of a jointly built asset (联村共建) across its villages to the fen', async () => {
    const assetId = await w.station({
      owners: ownersOf(w.l, [
        [0, 3334],
        [1, 3333],
        [2, 3333],
      ]),
    });
    const res = await receipt(assetId, '100.01');
    expect(res.data.recordIncome.userErrors).toEqual([]);
    const parts = res.data.recordIncome.incomeRecord.parts as { shareBp: number; amount: string; owner: { id: string } }[];
    expect(parts.map((p) => [p.owner.id, p.shareBp, p.amount])).toEqual([
      [w.l.collectives[0]!.id, 3334, '33.35'],
      [w.l.collectives[1]!.id, 3333, '33.33'],
      [w.l.collectives[2]!.id, 3333, '33.33'],
    ]);
    const [event] = await t.rows(`select action, after->>'amount' as amount from audit_event where entity_id = '${assetId}' and action = 'income.record'`);
    expect(event).toEqual({ action: 'income.record', amount: '100.01' });
  });

  it('apportions by the shares in force on the received date, not today', async () => {
    const assetId = await w.station();
    const changed = await t.gql(
      CONFIRM,
      {
        input: {
          assetId,
          effectiveOn: '2026-03-01',
          owners: ownersOf(w.l, [
            [3, 6000],
            [4, 4000],
          ]),
        },
      },
      w.manager,
    );
    expect(changed.data.confirmOwnership.userErrors).toEqual([]);
    const before = await receipt(assetId, '1000.00', '2026-02-15');
    const after = await receipt(assetId, '1000.00', '2026-03-15');
    expect(before.data.recordIncome.incomeRecord.parts.map((p: { owner: { id: string }; amount: string }) => [p.owner.id, p.amount])).toEqual([[w.l.collectives[0]!.id, '1000.00']]);
    expect(after.data.recordIncome.incomeRecord.parts.map((p: { owner: { id: string }; amount: string }) => [p.owner.id, p.amount])).toEqual([
      [w.l.collectives[3]!.id, '600.00'],
      [w.l.collectives[4]!.id, '400.00'],
    ]);
  });

  it('reverses a record in full once, mirroring its parts, and the pools follow', async () => {
    const assetId = await w.station({
      owners: ownersOf(w.l, [
        [5, 5000],
        [6, 5000],
      ]),
    });
    const owner = w.l.collectives[5]!.id;
    const poolBefore = (await t.gql(POOL, { owner }, w.finance)).data.incomePool;
    const original = (await receipt(assetId, '0.03')).data.recordIncome.incomeRecord;
    expect(original.parts.map((p: { amount: string }) => p.amount)).toEqual(['0.02', '0.01']);
    const reversed = await t.gql(REVERSE_INCOME, { input: { incomeId: original.id, reason: '凭证重复录入' } }, w.finance);
    expect(reversed.data.reverseIncome.userErrors).toEqual([]);
    expect(reversed.data.reverseIncome.incomeRecord).toMatchObject({ amount: '-0.03', reverses: { id: original.id }, receivedOn: '2026-06-30' });
    expect(reversed.data.reverseIncome.incomeRecord.parts.map((p: { amount: string }) => p.amount)).toEqual(['-0.02', '-0.01']);
    const pool = (await t.gql(POOL, { owner }, w.finance)).data.incomePool;
    const fen = (m: string) => BigInt(m.replace('.', ''));
    expect(fen(pool.apportioned) - fen(poolBefore.apportioned)).toBe(2n);
    expect(fen(pool.reversed) - fen(poolBefore.reversed)).toBe(-2n);
    expect(fen(pool.balance)).toBe(fen(pool.apportioned) + fen(pool.reversed));
    expect(pool.parts.nodes[0]).toMatchObject({ amount: '-0.02' });
    // A pool on a date before the receipt does not hold it.
    const earlier = (await t.gql(POOL, { owner, asOf: '2026-05-31' }, w.finance)).data.incomePool;
    expect(fen(earlier.apportioned)).toBeLessThanOrEqual(fen(pool.apportioned) - 2n);
  });

  it('accepts income into a personal account and marks it', async () => {
    const assetId = await w.station();
    const res = await receipt(assetId, '500.00', '2026-06-01', { accountType: 'PERSONAL' });
    expect(res.data.recordIncome.incomeRecord).toMatchObject({ accountType: 'PERSONAL', toPersonalAccount: true });
  });

  it('answers a retry with the same idempotency key with the first record, writing nothing', async () => {
    const assetId = await w.station();
    const input = { assetId, kind: 'RENT', amount: '1200.00', receivedOn: '2026-06-02', accountType: 'VILLAGE_COLLECTIVE', idempotencyKey: 'bank-ref-20260602-0001' };
    const first = await t.gql(RECORD_INCOME, { input }, w.finance);
    const counts = async () => Promise.all(['income_record', 'income_part', 'audit_event'].map((table) => t.count(table)));
    const before = await counts();
    const retry = await t.gql(RECORD_INCOME, { input: { ...input } }, w.finance);
    expect(retry.data.recordIncome).toEqual(first.data.recordIncome);
    expect(await counts()).toEqual(before);
    // Another caller's key space is its own.
    const other = await t.gql(RECORD_INCOME, { input }, await t.token(Role.FINANCE, '522327104'));
    expect(other.data.recordIncome.incomeRecord.id).not.toBe(first.data.recordIncome.incomeRecord.id);
  });

  it("shows an owner's parts newest first, and the region's income by year: expected, received, in arrears", async () => {
    const assetId = await w.station({ regionCode: w.l.collectives[7]!.village, owners: ownersOf(w.l, [[7, 10000]]) });
    const owner = w.l.collectives[7]!.id;
    await receipt(assetId, '10.00', '2026-01-10');
    await receipt(assetId, '20.00', '2026-02-10');
    const parts = await t.gql(`query($p: ID!) { node(id: $p) { ... on Party { incomeParts(first: 2) { totalCount nodes { amount receivedOn asset { id } } } } } }`, { p: owner }, w.finance);
    expect(parts.data.node.incomeParts.nodes).toEqual([
      { amount: '20.00', receivedOn: '2026-02-10', asset: { id: assetId } },
      { amount: '10.00', receivedOn: '2026-01-10', asset: { id: assetId } },
    ]);
    const village = w.l.collectives[7]!.village;
    const summary = await t.gql(`query($c: DivisionCode!) { regionSummary(code: $c) { incomeByYear(years: [2025, 2026]) { year expected received arrears } } }`, { c: village }, w.finance);
    const [received] = await t.rows(`select coalesce(sum(amount_fen), 0)::text as fen from income_record where region_code = ${village} and received_on between '2026-01-01' and '2026-06-30'`);
    const y2026 = summary.data.regionSummary.incomeByYear.find((y: { year: number }) => y.year === 2026);
    expect(BigInt(y2026.received.replace('.', ''))).toBe(BigInt(received.fen));
    expect(summary.data.regionSummary.incomeByYear.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);

    // A new quarterly contract of 12000.00 a year from 2025, with its first quarter paid, adds
    // 12000.00 expected to each year, and on 2026-06-30 three unpaid quarters to 2025's arrears
    // and two to 2026's.
    const byYear = async () =>
      Object.fromEntries(
        (
          (await t.gql(`query($c: DivisionCode!) { regionSummary(code: $c) { incomeByYear(years: [2025, 2026]) { year expected received arrears } } }`, { c: village }, w.finance)).data.regionSummary
            .incomeByYear as {
            year: number;
            expected: string;
            received: string;
            arrears: string;
          }[]
        ).map((y) => [y.year, y]),
      );
    const before = await byYear();
    const leased = await w.station({ regionCode: village, owners: ownersOf(w.l, [[7, 10000]]) });
    const c = await t.gql(
      CREATE_CONTRACT,
      { input: { assetId: leased, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn: '2025-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY' } },
      w.manager,
    );
    await receipt(leased, '3000.00', '2025-01-05', { contractId: c.data.createOperatingContract.contract.id });
    const after = await byYear();
    const delta = (year: number, field: 'expected' | 'received' | 'arrears') => BigInt(after[year]![field].replace('.', '')) - BigInt(before[year]![field].replace('.', ''));
    expect([delta(2025, 'expected'), delta(2026, 'expected'), delta(2025, 'received'), delta(2025, 'arrears'), delta(2026, 'arrears')]).toEqual([1_200_000n, 1_200_000n, 300_000n, 900_000n, 600_000n]);
  });

  it('lists income with its filters and shows it on the asset timeline', async () => {
    const assetId = await w.station();
    await receipt(assetId, '300.00', '2026-04-01', { kind: 'ELECTRICITY_SALES' });
    const res = await t.gql(
      `query($a: ID!) {
        incomeRecords(filter: { asset: $a, kind: ELECTRICITY_SALES }) { totalCount nodes { amount asset { id } } }
        node(id: $a) { ... on Asset { history(first: 50) { nodes { kind incomeRecord { amount } } } } }
      }`,
      { a: assetId },
      await t.token(Role.AUDITOR, '522327'),
    );
    expect(res.data.incomeRecords).toEqual({ totalCount: 1, nodes: [{ amount: '300.00', asset: { id: assetId } }] });
    expect(res.data.node.history.nodes).toContainEqual({ kind: 'INCOME_RECEIVED', incomeRecord: { amount: '300.00' } });
  });
});
