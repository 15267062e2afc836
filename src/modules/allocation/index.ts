/** 收益分配 (allocation): plans of an owner's income with 公示 and the villagers' approval, and their disbursements. */
import { byIntegerKey, type Module } from '../module';
import { disbursementById, lineById, planById } from './allocation.loaders';
import { AllocationLineResolver, AllocationPlanResolver, DisbursementResolver, IncomePartPlanResolver, PublicNoticeResolver, RegionAllocationSummaryResolver } from './allocation.resolver';
import { AllocationError } from './allocation.service';

export const allocation: Module = {
  name: 'allocation',
  resolvers: [AllocationPlanResolver, AllocationLineResolver, DisbursementResolver, IncomePartPlanResolver, PublicNoticeResolver, RegionAllocationSummaryResolver],
  nodes: {
    AllocationPlan: byIntegerKey((ctx, id) => ctx.loaders.get(planById).load(id)),
    AllocationLine: byIntegerKey((ctx, id) => ctx.loaders.get(lineById).load(id)),
    Disbursement: byIntegerKey((ctx, id) => ctx.loaders.get(disbursementById).load(id)),
  },
  errorCodes: AllocationError,
};
