/**
 * Allocation plans and payments for a generated county (收益分配方案, 兑付), through the same
 * services the API runs, so every rule and audit event holds: each village collective with income
 * plans its last two years — most plans approved and paid in full, some approved with lines
 * still unpaid long after (DISBURSEMENT_OVERDUE), a few still publicized or in draft, one cancelled
 * and drawn up again; some collectives plan nothing (INCOME_UNALLOCATED). In the demo county the
 * cash share cap was lowered this year, after a plan that paid a quarter in dividends (over it now).
 */
import { addDays, type Clock } from '../src/clock';
import type { Tx } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/global-id';
import type { Outcome } from '../src/graphql/user-errors';
import {
  approveAllocationPlanIn,
  cancelAllocationPlanIn,
  createAllocationPlanIn,
  publicizeAllocationPlanIn,
  recordDisbursementIn,
  type LineInput,
  type PlanWithLines,
} from '../src/modules/allocation/allocation.service';
import { lockPlannableParts } from '../src/modules/income/income.service';
import { setRuleParameterIn } from '../src/modules/rules/rules.service';
import { SEED_ACTOR } from './actor';
import { Random } from './random';
import type { CountyParties } from './register-generator';

function must<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.value === null) throw new Error(`seeding ${what}: ${JSON.stringify(outcome.userErrors)}`);
  return outcome.value;
}

/** Lines over a pool: upkeep, public-welfare posts, public works, household dividends (a quarter at most), the rest to the collective economy. */
function linesOf(poolFen: bigint, dividendBp: number, households: string[]): LineInput[] {
  const share = (bp: number) => (poolFen * BigInt(bp)) / 10_000n;
  const parts: [LineInput['purpose'], bigint][] = [
    ['OPERATION_MAINTENANCE', share(2000)],
    ['PUBLIC_WELFARE_POST_WAGES', share(1500)],
    ['VILLAGE_PUBLIC_WELFARE', share(2000)],
    ['HOUSEHOLD_DIVIDEND', share(dividendBp)],
  ];
  const rest = poolFen - parts.reduce((sum, [, fen]) => sum + fen, 0n);
  parts.push(['COLLECTIVE_ECONOMY', rest]);
  return parts
    .filter(([, fen]) => fen > 0n)
    .map(([purpose, amount]) => ({
      purpose,
      amount,
      beneficiaryRule: purpose === 'HOUSEHOLD_DIVIDEND' ? '脱贫户、监测户按家庭人口差异化分红' : purpose === 'PUBLIC_WELFARE_POST_WAGES' ? '护路员、保洁员等公益岗位' : null,
      beneficiaryIds: purpose === 'HOUSEHOLD_DIVIDEND' ? households : null,
    }));
}

export async function generateAllocation(tx: Tx, clock: Clock, county: CountyParties, seed: number, options: { lowerCashCap?: boolean } = {}): Promise<void> {
  const random = new Random(seed);
  const today = clock.today();
  const thisYear = Number(today.slice(0, 4));
  const viewer = SEED_ACTOR;
  let cancelledOne = false;
  for (const village of county.villages) {
    const collective = county.collectives.get(village.code);
    if (!collective || random.chance(0.15)) continue; // plans nothing (INCOME_UNALLOCATED)
    const households = (county.households.get(village.code) ?? []).map((h) => toGlobalId('Party', h.id));
    // The last two years: the year before stays in the pools, unplanned for years (INCOME_UNALLOCATED).
    for (const year of [thisYear - 2, thisYear - 1]) {
      const dividendBp = random.pick([1500, 2000, 2500]);
      // The lines share out what the plan will take: the year's receipts in no plan.
      const draw = async (): Promise<PlanWithLines | null> => {
        const pool = (await lockPlannableParts(tx, viewer, collective.id, `${year}-01-01`, `${year}-12-31`)).reduce((sum, p) => sum + p.amountFen, 0n);
        if (pool <= 0n) return null; // no income that year
        return must(
          await createAllocationPlanIn(tx, viewer, clock, {
            ownerId: toGlobalId('Party', collective.id),
            title: `${village.name}${year}年度资产收益分配方案`,
            periodFrom: `${year}-01-01`,
            periodTo: `${year}-12-31`,
            lines: linesOf(pool, dividendBp, households),
          }),
          'a plan',
        );
      };
      let plan = await draw();
      if (!plan) continue;
      const startsOn = `${year + 1}-01-${String(random.int(5, 20)).padStart(2, '0')}`;
      const recent = year === thisYear - 1;
      if (recent && random.chance(0.15)) continue; // still a draft
      must(await publicizeAllocationPlanIn(tx, viewer, clock, { planId: plan.plan.id, startsOn, days: random.pick([10, 10, 15]) }), 'publicity');
      if (recent && !cancelledOne) {
        // Objections at the publicity: cancelled and drawn up again.
        must(await cancelAllocationPlanIn(tx, viewer, clock, { planId: plan.plan.id, reason: '公示期间村民提出异议，方案撤销重拟' }), 'a cancellation');
        cancelledOne = true;
        plan = (await draw())!;
        must(await publicizeAllocationPlanIn(tx, viewer, clock, { planId: plan.plan.id, startsOn: addDays(startsOn, 20), days: 10 }), 'publicity');
        continue;
      }
      if (recent && random.chance(0.15)) continue; // being publicized
      const resolutionOn = addDays(startsOn, 20 + random.int(0, 10));
      if (resolutionOn > today) continue;
      must(
        await approveAllocationPlanIn(tx, viewer, clock, {
          planId: plan.plan.id,
          resolutionNo: `${village.name}村民会议决议〔${year + 1}〕1号`,
          resolutionOn,
          townshipReviewRef: `乡镇审核〔${year + 1}〕${random.int(1, 99)}号`,
        }),
        'an approval',
      );
      await pay(tx, clock, plan, resolutionOn, random, households.length ? random.chance(0.2) : false);
    }
  }
  if (options.lowerCashCap) {
    // This year the county lowered the cash share cap: last year's plans at 25% are over it now.
    must(
      await setRuleParameterIn(tx, viewer, clock, {
        name: 'CASH_SHARE_CAP_BP',
        regionCode: String(county.countyCode),
        value: 2000,
        validFrom: `${thisYear}-01-01`,
        note: '县政府关于规范扶贫项目资产收益分配的通知',
      }),
      'the county cap',
    );
  }
}

/** Pays each line after the approval, mostly at once, some in two payments; `leaveUnpaid` leaves a line partly unpaid. */
async function pay(tx: Tx, clock: Clock, plan: PlanWithLines, approvedOn: string, random: Random, leaveUnpaid: boolean): Promise<void> {
  const today = clock.today();
  for (const [i, line] of plan.lines.entries()) {
    const payments = random.chance(0.15) ? 2 : 1; // mostly in one payment: a county pays a line at once
    let left = line.amountFen;
    for (let k = 0; k < payments && left > 0n; k++) {
      const paidOn = addDays(approvedOn, 5 + k * 30 + random.int(0, 10));
      if (paidOn > today) break;
      const last = k === payments - 1;
      if (last && leaveUnpaid && i === plan.lines.length - 1) break;
      const amount = last ? left : left / 2n;
      if (amount <= 0n) break;
      must(
        await recordDisbursementIn(tx, SEED_ACTOR, clock, {
          lineId: line.id,
          amount,
          paidOn,
          payeeName: line.purpose === 'HOUSEHOLD_DIVIDEND' ? '受益农户（一卡通批量发放）' : null,
          payeeId: line.purpose === 'HOUSEHOLD_DIVIDEND' ? null : toGlobalId('Party', plan.plan.ownerPartyId),
          method: line.purpose === 'HOUSEHOLD_DIVIDEND' ? 'ONE_CARD' : random.pick(['BANK', 'INTERNAL'] as const),
          voucherNo: `付-${paidOn.slice(0, 7)}-${line.id}-${k}`,
        }),
        'a payment',
      );
      left -= amount;
    }
  }
}
