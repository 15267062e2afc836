/** 收益分配 (allocation): plans of an owner's income with 公示 and the villagers' approval, and their disbursements. */
import { registerTimeline } from '../assets/timeline';
import { plansOfAsset } from '../income/income.loaders';
import { byIntegerKey, type Module } from '../module';
import { disbursementById, disbursementsOfPlan, lineById, planById } from './allocation.loaders';
import {
  AllocationLineResolver,
  AllocationPlanResolver,
  AllocationTimelineResolver,
  DisbursementResolver,
  IncomePartPlanResolver,
  PublicNoticeResolver,
  RegionAllocationSummaryResolver,
} from './allocation.resolver';
import { AllocationError, type DisbursementRow, type PlanRow } from './allocation.service';

// Where the asset's income went: the approval of each plan that holds some of it, and every payment of those plans.
registerTimeline(
  {
    INCOME_ALLOCATED: { description: "A plan holding some of the asset's income was approved by the villagers' meeting (see allocationPlan).", rank: 60 },
    INCOME_DISBURSED: { description: "A payment under a plan holding some of the asset's income (see disbursement).", rank: 62 },
    DISBURSEMENT_REVERSED: { description: 'A payment under such a plan was reversed (see disbursement).', rank: 63 },
  },
  async (ctx, asset) => {
    const planIds = await ctx.loaders.get(plansOfAsset).load(asset.id);
    if (planIds.length === 0) return [];
    const [plans, payments] = await Promise.all([ctx.loaders.get(planById).loadMany(planIds), ctx.loaders.get(disbursementsOfPlan).loadMany(planIds)]);
    const approved = plans.filter((p): p is PlanRow => !!p && !(p instanceof Error) && p.resolutionOn !== null);
    return [
      ...approved.map((p) => ({ kind: 'INCOME_ALLOCATED', on: p.resolutionOn!, at: p.createdAt, key: p.id, detail: p })),
      ...payments
        .flatMap((rows) => (rows instanceof Error ? [] : rows))
        .map((d: DisbursementRow) => ({ kind: d.reversesId === null ? 'INCOME_DISBURSED' : 'DISBURSEMENT_REVERSED', on: d.paidOn, at: d.createdAt, key: d.id, detail: d })),
    ];
  },
);

export const allocation: Module = {
  name: 'allocation',
  resolvers: [AllocationPlanResolver, AllocationLineResolver, DisbursementResolver, IncomePartPlanResolver, PublicNoticeResolver, RegionAllocationSummaryResolver, AllocationTimelineResolver],
  nodes: {
    AllocationPlan: byIntegerKey((ctx, id) => ctx.loaders.get(planById).load(id)),
    AllocationLine: byIntegerKey((ctx, id) => ctx.loaders.get(lineById).load(id)),
    Disbursement: byIntegerKey((ctx, id) => ctx.loaders.get(disbursementById).load(id)),
  },
  errorCodes: AllocationError,
};
