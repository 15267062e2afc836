/**
 * Asset.trace: the question auditors ask first — where did this asset's money come from, and
 * where did every fen of its income go: its funding by project and source, its income records
 * with each owner's part, the allocation plans that hold those parts, and every payment of them.
 * Read through the modules' own loaders; nothing is stored twice.
 */
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { MoneyScalar } from '../../graphql/scalars';
import { disbursementsOfPlan, planById } from '../allocation/allocation.loaders';
import type { DisbursementRow, PlanRow } from '../allocation/allocation.service';
import { AllocationPlan, Disbursement } from '../allocation/allocation.types';
import { assetFunding } from '../assets/assets.loaders';
import type { AssetFundingRow, AssetRow } from '../assets/assets.service';
import { Asset, AssetFunding } from '../assets/assets.types';
import { incomeOfAsset, partsOfIncome, plansOfAsset } from '../income/income.loaders';
import type { IncomeRow } from '../income/income.service';
import { IncomeRecord } from '../income/income.types';

@ObjectType('AssetTraceTotals', { description: "The asset's money from its funding to its income's place in the owners' plans." })
export class AssetTraceTotals {
  @Field(() => MoneyScalar, { description: 'Σ funding.' }) funded!: bigint;
  @Field(() => MoneyScalar, { description: 'Income received (receipts).' }) received!: bigint;
  @Field(() => MoneyScalar, { description: 'Income reversed (negative).' }) reversed!: bigint;
  @Field(() => MoneyScalar, { description: "Its owners' parts now in allocation plans." }) inPlans!: bigint;
  @Field(() => MoneyScalar, { description: "Its owners' parts in no plan: received − reversed − in plans." }) unplanned!: bigint;
}

@ObjectType('AssetTrace', { description: 'From the projects that funded an asset to the last payment of its income.' })
export class AssetTrace {
  asset!: AssetRow;
}

@Resolver(() => Asset)
export class AssetTraceFieldResolver {
  @FieldResolver(() => AssetTrace, { description: 'From its funding projects to the last disbursement of its income (资金→资产→收益→分配→兑付).' })
  trace(@Root() asset: AssetRow): AssetTrace {
    return { asset };
  }
}

@Resolver(() => AssetTrace)
export class AssetTraceResolver {
  @FieldResolver(() => [AssetFunding], { description: 'Its funding by project and source.' })
  funding(@Ctx() ctx: Context, @Root() trace: AssetTrace): Promise<AssetFundingRow[]> {
    return ctx.loaders.get(assetFunding).load(trace.asset.id);
  }

  @FieldResolver(() => [IncomeRecord], { description: 'Its income records (receipts and reversals) with their parts, oldest first.' })
  incomeRecords(@Ctx() ctx: Context, @Root() trace: AssetTrace): Promise<IncomeRow[]> {
    return ctx.loaders.get(incomeOfAsset).load(trace.asset.id);
  }

  @FieldResolver(() => [AllocationPlan], { description: "The owners' allocation plans that hold parts of its income." })
  async plans(@Ctx() ctx: Context, @Root() trace: AssetTrace): Promise<PlanRow[]> {
    const ids = await ctx.loaders.get(plansOfAsset).load(trace.asset.id);
    return (await ctx.loaders.get(planById).loadMany(ids)).filter((p): p is PlanRow => !!p && !(p instanceof Error));
  }

  @FieldResolver(() => [Disbursement], { description: 'Every payment of those plans, by date.' })
  async disbursements(@Ctx() ctx: Context, @Root() trace: AssetTrace): Promise<DisbursementRow[]> {
    const ids = await ctx.loaders.get(plansOfAsset).load(trace.asset.id);
    const payments = (await ctx.loaders.get(disbursementsOfPlan).loadMany(ids)).flatMap((rows) => (rows instanceof Error ? [] : rows));
    return payments.sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.id - b.id);
  }

  @FieldResolver(() => AssetTraceTotals, { description: 'The totals along the way.' })
  async totals(@Ctx() ctx: Context, @Root() trace: AssetTrace): Promise<AssetTraceTotals> {
    const [funding, records] = await Promise.all([ctx.loaders.get(assetFunding).load(trace.asset.id), ctx.loaders.get(incomeOfAsset).load(trace.asset.id)]);
    const parts = (await ctx.loaders.get(partsOfIncome).loadMany(records.map((r) => r.id))).flatMap((rows) => (rows instanceof Error ? [] : rows));
    const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
    const received = sum(records.filter((r) => r.amountFen > 0n).map((r) => r.amountFen));
    const reversed = sum(records.filter((r) => r.amountFen < 0n).map((r) => r.amountFen));
    const inPlans = sum(parts.filter((p) => p.planId !== null).map((p) => p.amountFen));
    return { funded: sum(funding.map((f) => f.amountFen)), received, reversed, inPlans, unplanned: received + reversed - inPlans };
  }
}
