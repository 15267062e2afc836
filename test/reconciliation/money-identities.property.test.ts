/**
 * Random sequences of receipts, reversals, plans, publicity and approval, cancellations and
 * payments, through the API, on an asset of two owners: after every sequence the owners' pools
 * and the reconciliation hold, to the fen, received + reversed = apportioned = unplanned + in
 * plans, planned (the approved plans' pools) = disbursed + undisbursed + carried forward (what the
 * lines leave of a pool stays with the owner), and both agree with a model of what was accepted.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers';
import { APPROVE, CANCEL, CREATE_PLAN, DISBURSE, POOL, PUBLICIZE, allocationWorld, type AllocationWorld } from '../allocation/fixtures';
import { RECORD_INCOME, REVERSE_INCOME } from '../income/fixtures';

const F = 'received reversed apportioned unplanned inPlans planned allocated disbursed carriedForward undisbursed';
const RECONCILE = `query($region: DivisionCode!) { incomeReconciliation(region: $region, from: "2026-01-01", to: "2026-06-30") {
  totals { ${F} } assets(first: 200) { nodes { asset { id } figures { ${F} } } } owners(first: 200) { nodes { owner { id } figures { ${F} } } } } }`;

type Op =
  | { kind: 'receive'; fen: number; day: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'plan'; owner: number; share: number }
  | { kind: 'approve'; pick: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'pay'; pick: number; share: number };

const ops = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('receive' as const), fen: fc.integer({ min: 1, max: 5_000_000 }), day: fc.integer({ min: 1, max: 28 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('plan' as const), owner: fc.integer({ min: 0, max: 1 }), share: fc.integer({ min: 1, max: 100 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('pay' as const), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }) },
  ),
  { minLength: 8, maxLength: 20 },
);

const fen = (m: string) => BigInt(m.replace('.', ''));
const money = (f: bigint) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${String((f < 0n ? -f : f) % 100n).padStart(2, '0')}`;

describe('money identities under random sequences', () => {
  let t: TestContext;
  let w: AllocationWorld;
  let run = 0;
  /** What the sequences did, over all runs: the property must have met every kind of step. */
  const seen = { receipts: 0, reversals: 0, plans: 0, approvals: 0, cancellations: 0, payments: 0 };
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await allocationWorld(t);
  });
  afterAll(() => t.close());

  it('holds to the fen in every pool and in the reconciliation', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence: Op[]) => {
        run += 1;
        // A fresh asset of two new owners (60/40), in its own month so runs never mix.
        const month = String((run % 6) + 1).padStart(2, '0');
        const a = await w.ownerWithIncome([]);
        const b = await w.ownerWithIncome([]);
        const assetId = await w.station({
          owners: [
            { partyId: a.ownerId, shareBp: 6000, confirmedOn: '2019-11-01' },
            { partyId: b.ownerId, shareBp: 4000, confirmedOn: '2019-11-01' },
          ],
        });
        const owners = [a.ownerId, b.ownerId];
        const receipts: { id: string; fen: bigint; reversed: boolean }[] = [];
        const plans: { id: string; status: string; pool: bigint; lines: { id: string; amount: bigint; paid: bigint }[] }[] = [];
        let paid = 0n;
        for (const op of sequence) {
          if (op.kind === 'receive') {
            const res = await t.gql(
              RECORD_INCOME,
              { input: { assetId, kind: 'RENT', amount: money(BigInt(op.fen)), receivedOn: `2026-${month}-${String(op.day).padStart(2, '0')}`, accountType: 'VILLAGE_COLLECTIVE' } },
              w.finance,
            );
            expect(res.data.recordIncome.userErrors).toEqual([]);
            receipts.push({ id: res.data.recordIncome.incomeRecord.id, fen: BigInt(op.fen), reversed: false });
            seen.receipts += 1;
          } else if (op.kind === 'reverse' && receipts.length) {
            const r = receipts[op.pick % receipts.length]!;
            const res = await t.gql(REVERSE_INCOME, { input: { incomeId: r.id, reason: '随机冲销', reversedOn: '2026-06-29' } }, w.finance);
            const errors = res.data.reverseIncome.userErrors.map((e: { code: string }) => e.code);
            if (errors.length === 0) {
              r.reversed = true;
              seen.reversals += 1;
            } else expect(['ALREADY_REVERSED', 'INCOME_IN_LIVE_PLAN']).toContain(errors[0]);
          } else if (op.kind === 'plan') {
            const owner = owners[op.owner]!;
            const balance = fen((await t.gql(POOL, { owner }, w.finance)).data.incomePool.balance);
            const amount = (balance * BigInt(op.share)) / 100n;
            const res = await t.gql(
              CREATE_PLAN,
              { input: { ownerId: owner, title: '随机方案', periodFrom: '2026-01-01', periodTo: '2026-06-30', lines: [{ purpose: 'COLLECTIVE_ECONOMY', amount: money(amount > 0n ? amount : 1n) }] } },
              w.finance,
            );
            const payload = res.data.createAllocationPlan;
            if (payload.userErrors.length === 0) {
              plans.push({
                id: payload.allocationPlan.id,
                status: 'DRAFT',
                pool: fen(payload.allocationPlan.pool),
                lines: payload.allocationPlan.lines.map((l: { id: string; amount: string }) => ({ id: l.id, amount: fen(l.amount), paid: 0n })),
              });
              seen.plans += 1;
            } else expect(['PLAN_POOL_EMPTY', 'LINES_EXCEED_POOL']).toContain(payload.userErrors[0].code);
          } else if (op.kind === 'approve' && plans.length) {
            const p = plans[op.pick % plans.length]!;
            if (p.status !== 'DRAFT') continue;
            await t.gql(PUBLICIZE, { input: { planId: p.id, startsOn: '2026-06-01', days: 10 } }, w.finance);
            expect((await t.gql(APPROVE, { input: { planId: p.id, resolutionNo: '决议', resolutionOn: '2026-06-15' } }, w.finance)).data.approveAllocationPlan.userErrors).toEqual([]);
            p.status = 'APPROVED';
            seen.approvals += 1;
          } else if (op.kind === 'cancel' && plans.length) {
            const p = plans[op.pick % plans.length]!;
            const res = await t.gql(CANCEL, { input: { planId: p.id, reason: '随机撤销' } }, w.finance);
            if (p.status === 'DRAFT') {
              expect(res.data.cancelAllocationPlan.userErrors).toEqual([]);
              p.status = 'CANCELLED';
              seen.cancellations += 1;
            } else expect(res.data.cancelAllocationPlan.userErrors[0]?.code).toBe('PLAN_NOT_IN_STATUS');
          } else if (op.kind === 'pay' && plans.length) {
            const p = plans[op.pick % plans.length]!;
            const line = p.lines[0]!;
            const amount = ((line.amount - line.paid) * BigInt(op.share)) / 100n;
            if (amount <= 0n) continue;
            const res = await t.gql(DISBURSE, { input: { lineId: line.id, amount: money(amount), paidOn: '2026-06-20', payeeName: '某户', method: 'BANK' } }, w.finance);
            if (p.status === 'APPROVED') {
              expect(res.data.recordDisbursement.userErrors).toEqual([]);
              line.paid += amount;
              paid += amount;
              seen.payments += 1;
              if (line.paid === line.amount) p.status = 'COMPLETED';
            } else expect(res.data.recordDisbursement.userErrors[0]?.code).toBe('PLAN_NOT_APPROVED');
          }
        }

        const received = receipts.reduce((s, r) => s + r.fen, 0n);
        const reversed = -receipts.filter((r) => r.reversed).reduce((s, r) => s + r.fen, 0n);
        const approvedPlans = plans.filter((p) => p.status === 'APPROVED' || p.status === 'COMPLETED');
        const approved = approvedPlans.reduce((s, p) => s + p.lines[0]!.amount, 0n);
        const planned = approvedPlans.reduce((s, p) => s + p.pool, 0n);
        const pools = await Promise.all(owners.map(async (owner) => (await t.gql(POOL, { owner }, w.finance)).data.incomePool));
        for (const pool of pools) expect(fen(pool.balance)).toBe(fen(pool.apportioned) + fen(pool.reversed) - fen(pool.inPlans));
        expect(pools.reduce((s, p) => s + fen(p.apportioned), 0n)).toBe(received);
        expect(pools.reduce((s, p) => s + fen(p.reversed), 0n)).toBe(reversed);
        expect(pools.reduce((s, p) => s + fen(p.allocated), 0n)).toBe(approved);
        expect(pools.reduce((s, p) => s + fen(p.paid), 0n)).toBe(paid);
        expect(pools.reduce((s, p) => s + fen(p.carriedForward), 0n)).toBe(planned - approved);

        const r = (await t.gql(RECONCILE, { region: '522327' }, w.finance)).data.incomeReconciliation;
        const asset = r.assets.nodes.find((n: { asset: { id: string } }) => n.asset.id === assetId)?.figures ?? {
          received: '0.00',
          reversed: '0.00',
          apportioned: '0.00',
          unplanned: '0.00',
          inPlans: '0.00',
        };
        expect([fen(asset.received), fen(asset.reversed), fen(asset.apportioned)]).toEqual([received, reversed, received + reversed]);
        const mine = r.owners.nodes.filter((n: { owner: { id: string } | null }) => owners.includes(n.owner?.id ?? '')).map((n: { figures: Record<string, string> }) => n.figures);
        const sum = (key: string) => mine.reduce((s: bigint, f: Record<string, string>) => s + fen(f[key]!), 0n);
        expect(sum('apportioned')).toBe(received + reversed);
        expect(sum('unplanned') + sum('inPlans')).toBe(received + reversed);
        expect(sum('allocated')).toBe(approved);
        expect(sum('disbursed')).toBe(paid);
        expect(sum('undisbursed')).toBe(approved - paid);
        expect(sum('planned')).toBe(planned);
        expect(sum('carriedForward')).toBe(planned - approved);
        for (const row of [r.totals, ...r.assets.nodes.map((n: { figures: Record<string, string> }) => n.figures)]) {
          expect(fen(row.apportioned)).toBe(fen(row.received) + fen(row.reversed));
          expect(fen(row.apportioned)).toBe(fen(row.unplanned) + fen(row.inPlans));
          expect(fen(row.planned)).toBe(fen(row.disbursed) + fen(row.undisbursed) + fen(row.carriedForward));
        }
      }),
      { numRuns: 40, seed: 20261130 },
    );
    for (const [step, count] of Object.entries(seen)) expect(count, step).toBeGreaterThan(0);
  });
});
