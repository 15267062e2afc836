/**
 * A reconciliation is remembered per question with where the audit trails it was worked out from
 * stood (reconciliation.service, audit.service trailHeads): asked again with nothing written, it
 * is not worked out again; after any write that changes it — a receipt, a plan of an owner in
 * another county taking this county's income, that owner moving on and the plan drawn where it
 * was cancelled, an asset moving out, a grace set for the province, another day — it is, and the
 * answer is the one a question never asked before gets. A write in another county leaves it
 * remembered.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as store from '../../src/modules/reconciliation/reconciliation.store';
import { Role, startTestApp, type TestContext } from '../helpers';
import { REGISTER, UPDATE, newAsset } from '../assets/fixtures';
import { CANCEL, CREATE_PLAN, allocationWorld, type AllocationWorld } from '../allocation/fixtures';
import { RECORD_INCOME, SET_RULE } from '../income/fixtures';

// The real store, observed: how many times a reconciliation was worked out.
vi.mock('../../src/modules/reconciliation/reconciliation.store', async (importOriginal) => {
  const real = await importOriginal<typeof store>();
  return { ...real, reconciliationRows: vi.fn(real.reconciliationRows) };
});

const F = '{ expected received reversed apportioned unplanned inPlans arrears planned allocated disbursed carriedForward undisbursed }';
// Figures and ids only: who may see a party of another county differs by the reader.
const RECONCILE = `query($region: DivisionCode!, $from: Date!, $to: Date!) { incomeReconciliation(region: $region, from: $from, to: $to) {
  totals ${F} arrearsByBucket { bucket unpaid } regions { regionCode figures ${F} }
  assets(first: 200) { totalCount nodes { asset { id } figures ${F} } } owners(first: 200) { totalCount nodes { figures ${F} } } } }`;
const PARTY = 'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { code } } }';

describe('remembered reconciliation', () => {
  let t: TestContext;
  let w: AllocationWorld;
  let references: string[];
  let province: { manager: string; finance: string; admin: string };
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 30 });
    w = await allocationWorld(t);
    // Two more counties of the city, with a village each.
    await t.rows(`insert into region (code, name, level, parent_code) values (522328000000, '望谟县', 'COUNTY', 522300000000),
      (522328100000, '王母街道', 'TOWNSHIP', 522328000000), (522328100201, '测试村', 'VILLAGE', 522328100000),
      (522329000000, '安龙县', 'COUNTY', 522300000000), (522329100000, '栖凤街道', 'TOWNSHIP', 522329000000), (522329100201, '迁入村', 'VILLAGE', 522329100000)`);
    province = { manager: await t.token(Role.ASSET_MANAGER, '52'), finance: await t.token(Role.FINANCE, '52'), admin: await t.token(Role.ADMIN, '52') };
    // The references for a remembered answer: readers of other scopes (other questions), taking turns, so that each was last asked before the write it is compared across.
    references = await Promise.all(['52', '5223', '52', '5223', '52'].map((scope) => t.token(Role.AUDITOR, scope)));
  });
  afterAll(() => t.close());

  let seen = 0;
  /** Whether the reconciliation was worked out since the last time this was asked. */
  const workedOut = () => {
    const calls = vi.mocked(store.reconciliationRows).mock.calls.length;
    const worked = calls > seen;
    seen = calls;
    return worked;
  };
  const reconcile = async (token = w.finance, from = '2026-01-01', to = '2026-06-30') => {
    const res = await t.gql(RECONCILE, { region: '522327', from, to }, token);
    expect(res.errors).toBeUndefined();
    return res.data.incomeReconciliation;
  };
  const fresh = async () => {
    const answer = await reconcile(references.shift()!);
    expect(workedOut()).toBe(true);
    return answer;
  };
  const ok = (res: { data: Record<string, { userErrors: unknown[] }> }) => {
    const [payload] = Object.values(res.data);
    expect(payload!.userErrors).toEqual([]);
    return payload as unknown as Record<string, { id: string }>;
  };

  it('answers from what it remembers only while the trails it was worked out from stand still', async () => {
    const first = await reconcile();
    expect(workedOut()).toBe(true);
    expect(await reconcile()).toEqual(first);
    expect(workedOut()).toBe(false);

    // A receipt in the county.
    const { assetId: local } = await w.ownerWithIncome([['1000.00', '2026-03-05']]);
    const received = await reconcile();
    expect(workedOut()).toBe(true);
    expect(received.totals.received).not.toEqual(first.totals.received);
    expect(received).toEqual(await fresh());

    // A write in another county only: still remembered.
    const foreignOwner = ok(await t.gql(PARTY, { input: { kind: 'VILLAGE_COLLECTIVE', name: '测试村股份经济合作社', regionCode: '522328100201' } }, province.manager)).party!.id;
    expect(await reconcile()).toEqual(received);
    expect(workedOut()).toBe(false);

    // An asset owned here alone moves to the other county: it leaves this county's reconciliation.
    const version = (await t.gql('query($id: ID!) { node(id: $id) { ... on Asset { version } } }', { id: local }, province.manager)).data.node.version;
    ok(await t.gql(UPDATE, { input: { id: local, expectedVersion: version, regionCode: '522328100201' } }, province.manager));
    const moved = await reconcile();
    expect(workedOut()).toBe(true);
    expect(received.assets.nodes.map((n: { asset: { id: string } }) => n.asset.id)).toContain(local);
    expect(moved.assets.nodes.map((n: { asset: { id: string } }) => n.asset.id)).not.toContain(local);
    expect(moved).toEqual(await fresh());

    // An asset here owned jointly with that village: its income is apportioned to both.
    const shared = ok(
      await t.gql(
        REGISTER,
        {
          input: newAsset(w.l, {
            owners: [
              { partyId: w.l.collectives[0]!.id, shareBp: 6000, confirmedOn: '2019-11-01' },
              { partyId: foreignOwner, shareBp: 4000, confirmedOn: '2019-11-01' },
            ],
          }),
        },
        province.manager,
      ),
    ).asset!.id;
    ok(await t.gql(RECORD_INCOME, { input: { assetId: shared, kind: 'RENT', amount: '5000.00', receivedOn: '2026-04-01', accountType: 'VILLAGE_COLLECTIVE' } }, w.finance));
    const joint = await reconcile();
    expect(workedOut()).toBe(true);
    const unplanned = joint.totals.unplanned;

    // That village's plan takes its part of this county's income: audited in its own county, it moves this county's figures.
    const plan = ok(
      await t.gql(
        CREATE_PLAN,
        { input: { ownerId: foreignOwner, title: '联建分红', periodFrom: '2026-01-01', periodTo: '2026-06-30', lines: [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '1000.00' }] } },
        province.finance,
      ),
    );
    const planned = await reconcile();
    expect(workedOut()).toBe(true);
    expect(BigInt(planned.totals.unplanned.replace('.', ''))).toBe(BigInt(unplanned.replace('.', '')) - 200000n);
    expect(planned).toEqual(await fresh());

    // The village moves to a third county (its move is audited in both); then the plan drawn where it was is cancelled: the parts come back.
    const party = (await t.gql('query($id: ID!) { node(id: $id) { ... on Party { version } } }', { id: foreignOwner }, province.manager)).data.node;
    ok(
      await t.gql(
        'mutation($input: UpdatePartyInput!) { updateParty(input: $input) { userErrors { code } } }',
        { input: { id: foreignOwner, expectedVersion: party.version, regionCode: '522329100201' } },
        province.manager,
      ),
    );
    expect(await reconcile()).toEqual(planned);
    expect(workedOut()).toBe(true);
    ok(await t.gql(CANCEL, { input: { planId: plan.allocationPlan!.id, reason: '重新编制' } }, province.finance));
    const cancelled = await reconcile();
    expect(workedOut()).toBe(true);
    expect(cancelled.totals.unplanned).toEqual(unplanned);
    expect(cancelled).toEqual(await fresh());

    // The province sets a longer grace: fewer periods are overdue.
    await reconcile();
    ok(await t.gql(SET_RULE, { input: { name: 'INCOME_GRACE_DAYS', regionCode: '520000', value: 90, validFrom: '2020-01-01', note: '测试' } }, province.admin));
    const graced = await reconcile();
    expect(workedOut()).toBe(true);
    expect(graced.totals.arrears).not.toEqual(planned.totals.arrears);
    expect(graced).toEqual(await fresh());

    // Another day: worked out for that day.
    t.clock.set('2026-07-01');
    await reconcile();
    expect(workedOut()).toBe(true);
    expect(await reconcile()).toBeDefined();
    expect(workedOut()).toBe(false);
  });
});
