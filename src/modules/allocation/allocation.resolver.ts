import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { payloadOf } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import { AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { partsOfPlan } from '../income/income.loaders';
import type { IncomePartRow } from '../income/income.service';
import { IncomePart } from '../income/income.types';
import { partyById } from '../parties/parties.loaders';
import { visibleContact, type PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { significantPrefix } from '../regions/division-code';
import {
  AllocationPlanFilter,
  ApproveAllocationPlanInput,
  ApproveAllocationPlanPayload,
  CancelAllocationPlanInput,
  CancelAllocationPlanPayload,
  CreateAllocationPlanInput,
  CreateAllocationPlanPayload,
  PublicizeAllocationPlanInput,
  PublicizeAllocationPlanPayload,
  RecordDisbursementInput,
  RecordDisbursementPayload,
  ReverseDisbursementInput,
  ReverseDisbursementPayload,
  UpdateAllocationPlanInput,
  UpdateAllocationPlanPayload,
} from './allocation.inputs';
import { beneficiariesOfLine, disbursementById, disbursementsOfLine, householdNamesFor, lineById, linesOfPlan, planById } from './allocation.loaders';
import * as allocation from './allocation.service';
import { AllocationLine, AllocationPlan, AllocationPlanConnection, AllocationPlanStatus, AllocationYear, Disbursement, PublicNotice, PublicNoticeConnection } from './allocation.types';
import { summaryYears, type RegionSummary as Summary } from '../reports/reports.service';
import { RegionSummary } from '../reports/reports.types';

const NO_MATCH = -1;

/** The plan as the payload gives it, its lines primed for `lines`. */
function withLines(ctx: Context, value: allocation.PlanWithLines): allocation.PlanRow {
  ctx.loaders.get(linesOfPlan).prime(value.plan.id, value.lines);
  ctx.loaders.get(planById).clear(value.plan.id).prime(value.plan.id, value.plan);
  return value.plan;
}

const planKey = (id: string) => tryKeyOf(id, 'AllocationPlan');

@Resolver(() => AllocationPlan)
export class AllocationPlanResolver {
  @Mutation(() => CreateAllocationPlanPayload, { description: "Draws up an allocation plan (DRAFT) of an owner's income received in a period (FINANCE, ADMIN). Idempotent on idempotencyKey." })
  async createAllocationPlan(@Ctx() ctx: Context, @Arg('input', () => CreateAllocationPlanInput, { description: 'The owner, period and lines.' }) input: CreateAllocationPlanInput) {
    return payloadOf(await allocation.createAllocationPlan(ctx.db, ctx.viewer, ctx.clock, input), (v) => ({ allocationPlan: withLines(ctx, v) }));
  }

  @Mutation(() => UpdateAllocationPlanPayload, { description: 'Changes a DRAFT plan (FINANCE, ADMIN).' })
  async updateAllocationPlan(@Ctx() ctx: Context, @Arg('input', () => UpdateAllocationPlanInput, { description: 'What changes.' }) input: UpdateAllocationPlanInput) {
    return payloadOf(await allocation.updateAllocationPlan(ctx.db, ctx.viewer, ctx.clock, { ...input, planId: planKey(input.planId) }), (v) => ({ allocationPlan: withLines(ctx, v) }));
  }

  @Mutation(() => PublicizeAllocationPlanPayload, { description: 'Makes a DRAFT plan public (公示); its lines are frozen (FINANCE, ADMIN).' })
  async publicizeAllocationPlan(@Ctx() ctx: Context, @Arg('input', () => PublicizeAllocationPlanInput, { description: 'Start and days.' }) input: PublicizeAllocationPlanInput) {
    return payloadOf(await allocation.publicizeAllocationPlan(ctx.db, ctx.viewer, ctx.clock, { ...input, planId: planKey(input.planId) }), (v) => ({ allocationPlan: withLines(ctx, v) }));
  }

  @Mutation(() => ApproveAllocationPlanPayload, { description: "Records the villagers' approval of a PUBLICIZED plan (FINANCE, ADMIN)." })
  async approveAllocationPlan(@Ctx() ctx: Context, @Arg('input', () => ApproveAllocationPlanInput, { description: 'The resolution.' }) input: ApproveAllocationPlanInput) {
    return payloadOf(await allocation.approveAllocationPlan(ctx.db, ctx.viewer, ctx.clock, { ...input, planId: planKey(input.planId) }), (v) => ({ allocationPlan: withLines(ctx, v) }));
  }

  @Mutation(() => CancelAllocationPlanPayload, { description: 'Cancels a DRAFT or PUBLICIZED plan; its income returns to the pool (FINANCE, ADMIN).' })
  async cancelAllocationPlan(@Ctx() ctx: Context, @Arg('input', () => CancelAllocationPlanInput, { description: 'The plan and why.' }) input: CancelAllocationPlanInput) {
    return payloadOf(await allocation.cancelAllocationPlan(ctx.db, ctx.viewer, ctx.clock, { ...input, planId: planKey(input.planId) }), (v) => ({ allocationPlan: withLines(ctx, v) }));
  }

  @Query(() => AllocationPlanConnection, { description: 'Allocation plans in your scope, newest first.' })
  allocationPlans(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AllocationPlanFilter, { nullable: true, description: 'Conditions the plans must meet.' }) filter?: AllocationPlanFilter,
  ): Promise<Connection<allocation.PlanRow>> {
    return allocation.listPlans(
      ctx.db,
      ctx.viewer,
      {
        regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
        ownerPartyId: filter?.owner ? (tryKeyOf(filter.owner, 'Party') ?? NO_MATCH) : undefined,
        status: filter?.status,
      },
      page,
    );
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: allocation.PlanRow): string {
    return toGlobalId('AllocationPlan', row.id);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The owner whose income it distributes.' })
  owner(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.ownerPartyId);
  }

  @FieldResolver(() => [AllocationLine], { description: 'Lines, in order.' })
  lines(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<allocation.LineRow[]> {
    return ctx.loaders.get(linesOfPlan).load(row.id);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Σ lines.' })
  async allocated(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<bigint> {
    return (await ctx.loaders.get(linesOfPlan).load(row.id)).reduce((sum, l) => sum + l.amountFen, 0n);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Σ paid on its lines, net of reversals.' })
  async paid(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<bigint> {
    return (await ctx.loaders.get(linesOfPlan).load(row.id)).reduce((sum, l) => sum + l.paidFen, 0n);
  }

  @FieldResolver(() => String, { description: 'Title (for roles that may not read personal data, ID and phone numbers and household names masked as on its public notice).' })
  async title(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<string> {
    return (await allocation.wordsAsSeenBy(ctx.viewer, row.title, householdNamesFor(ctx, row.regionCode)))!;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it was cancelled (masked as the title is).' })
  cancelReason(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<string | null> {
    return allocation.wordsAsSeenBy(ctx.viewer, row.cancelReason, householdNamesFor(ctx, row.regionCode));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Note (masked as the title is).' })
  note(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<string | null> {
    return allocation.wordsAsSeenBy(ctx.viewer, row.note, householdNamesFor(ctx, row.regionCode));
  }

  @FieldResolver(() => MoneyScalar, { description: 'What it keeps with the owner (结转): its CARRY_FORWARD lines and what its lines leave of its pool. pool = paid + unpaid lines + carriedForward.' })
  async carriedForward(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<bigint> {
    return allocation.carriedForwardOf(row, await ctx.loaders.get(linesOfPlan).load(row.id));
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "The publicity's last day." })
  publicityEndsOn(@Root() row: allocation.PlanRow): string | null {
    return allocation.publicityEndsOn(row);
  }

  @FieldResolver(() => [IncomePart], { description: 'The income parts it took (cancelled plans gave theirs back).' })
  incomeParts(@Ctx() ctx: Context, @Root() row: allocation.PlanRow): Promise<IncomePartRow[]> {
    return ctx.loaders.get(partsOfPlan).load(row.id);
  }
}

@Resolver(() => AllocationLine)
export class AllocationLineResolver {
  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: allocation.LineRow): string {
    return toGlobalId('AllocationLine', row.id);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Left to pay (nothing on a CARRY_FORWARD line: it stays with the owner).' })
  unpaid(@Root() row: allocation.LineRow): bigint {
    return allocation.isCarriedForward(row) ? 0n : row.amountFen - row.paidFen;
  }

  @FieldResolver(() => String, { nullable: true, description: "Beneficiaries, as a rule or a list (受益对象); masked as the plan's title is." })
  beneficiaryRule(@Ctx() ctx: Context, @Root() row: allocation.LineRow): Promise<string | null> {
    return allocation.wordsAsSeenBy(ctx.viewer, row.beneficiaryRule, async () => {
      const plan = await ctx.loaders.get(planById).load(row.planId);
      return plan ? householdNamesFor(ctx, plan.regionCode)() : null;
    });
  }

  @FieldResolver(() => AllocationPlan, { nullable: true, description: 'Its plan.' })
  plan(@Ctx() ctx: Context, @Root() row: allocation.LineRow): Promise<allocation.PlanRow | null> {
    return ctx.loaders.get(planById).load(row.planId);
  }

  @FieldResolver(() => [Party], { description: 'Parties named as beneficiaries (those you can see).' })
  async beneficiaries(@Ctx() ctx: Context, @Root() row: allocation.LineRow): Promise<PartyRow[]> {
    const ids = await ctx.loaders.get(beneficiariesOfLine).load(row.id);
    return (await ctx.loaders.get(partyById).loadMany(ids)).filter((p): p is PartyRow => p !== null && !(p instanceof Error));
  }

  @FieldResolver(() => [Disbursement], { description: 'Payments and reversals, oldest first.' })
  disbursements(@Ctx() ctx: Context, @Root() row: allocation.LineRow): Promise<allocation.DisbursementRow[]> {
    return ctx.loaders.get(disbursementsOfLine).load(row.id);
  }
}

@Resolver(() => Disbursement)
export class DisbursementResolver {
  @Mutation(() => RecordDisbursementPayload, { description: 'Pays against a line of an APPROVED plan (兑付); never more than the line (FINANCE, ADMIN). Idempotent on idempotencyKey.' })
  async recordDisbursement(@Ctx() ctx: Context, @Arg('input', () => RecordDisbursementInput, { description: 'The payment.' }) input: RecordDisbursementInput) {
    return payloadOf(await allocation.recordDisbursement(ctx.db, ctx.viewer, ctx.clock, { ...input, lineId: tryKeyOf(input.lineId, 'AllocationLine') }), (disbursement) => ({ disbursement }));
  }

  @Mutation(() => ReverseDisbursementPayload, { description: 'Reverses a disbursement in full (红字冲销), once (FINANCE, ADMIN). Idempotent on idempotencyKey.' })
  async reverseDisbursement(@Ctx() ctx: Context, @Arg('input', () => ReverseDisbursementInput, { description: 'The payment and why.' }) input: ReverseDisbursementInput) {
    return payloadOf(await allocation.reverseDisbursement(ctx.db, ctx.viewer, ctx.clock, { ...input, disbursementId: tryKeyOf(input.disbursementId, 'Disbursement') }), (disbursement) => ({
      disbursement,
    }));
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: allocation.DisbursementRow): string {
    return toGlobalId('Disbursement', row.id);
  }

  @FieldResolver(() => AllocationLine, { nullable: true, description: 'The line it paid.' })
  line(@Ctx() ctx: Context, @Root() row: allocation.DisbursementRow): Promise<allocation.LineRow | null> {
    return ctx.loaders.get(lineById).load(row.lineId);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The payee, when a party of the register you can see.' })
  payee(@Ctx() ctx: Context, @Root() row: allocation.DisbursementRow): Promise<PartyRow | null> | null {
    return row.payeePartyId === null ? null : ctx.loaders.get(partyById).load(row.payeePartyId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The payee by name (masked for roles that may not read personal data).' })
  payeeName(@Ctx() ctx: Context, @Root() row: allocation.DisbursementRow): string | null {
    return visibleContact(ctx.viewer, row.payeeName, null).contactPerson;
  }

  @FieldResolver(() => String, { nullable: true, description: "Note; for a reversal, why (masked as its plan's title is)." })
  note(@Ctx() ctx: Context, @Root() row: allocation.DisbursementRow): Promise<string | null> {
    return allocation.wordsAsSeenBy(ctx.viewer, row.note, householdNamesFor(ctx, row.regionCode));
  }

  @FieldResolver(() => Disbursement, { nullable: true, description: 'For a reversal, the payment it reverses.' })
  reverses(@Ctx() ctx: Context, @Root() row: allocation.DisbursementRow): Promise<allocation.DisbursementRow | null> | null {
    return row.reversesId === null ? null : ctx.loaders.get(disbursementById).load(row.reversesId);
  }
}

@Resolver(() => IncomePart)
export class IncomePartPlanResolver {
  @FieldResolver(() => AllocationPlan, { nullable: true, description: 'The plan that took it, if any.' })
  plan(@Ctx() ctx: Context, @Root() row: IncomePartRow): Promise<allocation.PlanRow | null> | null {
    return row.planId === null ? null : ctx.loaders.get(planById).load(row.planId);
  }
}

/** The plan's own fields a public notice repeats (the rest is built by the service). */
@Resolver(() => PublicNotice)
export class PublicNoticeResolver {
  @Query(() => PublicNoticeConnection, { description: "Public notices (公示) of a region's allocation plans, from their publicity on: for everyone, with or without a token." })
  publicNotices(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('region', () => DivisionCodeScalar, { description: "The region whose subtree's notices to show." }) region: string,
  ): Promise<Connection<allocation.PublicNotice>> {
    return allocation.publicNotices(ctx.db, ctx.viewer, ctx.clock.today(), significantPrefix(region), page);
  }

  @FieldResolver(() => String, { description: 'Title.' })
  title(@Root() n: allocation.PublicNotice): string {
    return n.plan.title;
  }

  @FieldResolver(() => AllocationPlanStatus, { description: 'Status.' })
  status(@Root() n: allocation.PublicNotice): string {
    return n.plan.status;
  }

  @FieldResolver(() => DateScalar, { description: 'First received date of the income it distributes.' })
  periodFrom(@Root() n: allocation.PublicNotice): string {
    return n.plan.periodFrom;
  }

  @FieldResolver(() => DateScalar, { description: 'Last received date of the income it distributes.' })
  periodTo(@Root() n: allocation.PublicNotice): string {
    return n.plan.periodTo;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'First day of the publicity.' })
  publicityStartsOn(@Root() n: allocation.PublicNotice): string | null {
    return n.plan.publicityStartsOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Last day of the publicity.' })
  publicityEndsOn(@Root() n: allocation.PublicNotice): string | null {
    return allocation.publicityEndsOn(n.plan);
  }

  @FieldResolver(() => String, { nullable: true, description: "The villagers' resolution number, once approved." })
  resolutionNo(@Root() n: allocation.PublicNotice): string | null {
    return n.plan.resolutionNo;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Date of the resolution.' })
  resolutionOn(@Root() n: allocation.PublicNotice): string | null {
    return n.plan.resolutionOn;
  }

  @FieldResolver(() => MoneyScalar, { description: 'The income it distributes.' })
  pool(@Root() n: allocation.PublicNotice): bigint {
    return n.plan.poolFen;
  }

  @FieldResolver(() => MoneyScalar, { description: 'Σ lines.' })
  allocated(@Root() n: allocation.PublicNotice): bigint {
    return n.lines.reduce((sum, l) => sum + l.amountFen, 0n);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Σ paid.' })
  paid(@Root() n: allocation.PublicNotice): bigint {
    return n.lines.reduce((sum, l) => sum + l.paidFen, 0n);
  }
}

@Resolver(() => RegionSummary)
export class RegionAllocationSummaryResolver {
  @FieldResolver(() => [AllocationYear], { description: "The region's owners' allocation by year (allocated, disbursed up to the date), for the years asked (default the last three)." })
  allocationByYear(
    @Ctx() ctx: Context,
    @Root() summary: Summary,
    @Arg('years', () => [Int], { nullable: true, description: 'The years; the last three up to the date when omitted (at most 10).' }) years?: number[],
  ) {
    const asked = summaryYears(summary, years);
    return allocation.allocationByYear(ctx.db, ctx.viewer, significantPrefix(summary.regionCode), summary.asOf, asked);
  }
}

@Resolver(() => AssetTimelineEntry)
export class AllocationTimelineResolver {
  @FieldResolver(() => AllocationPlan, { nullable: true, description: 'The plan, for INCOME_ALLOCATED.' })
  allocationPlan(@Root() entry: TimelineEntry): allocation.PlanRow | null {
    return entry.kind === 'INCOME_ALLOCATED' ? (entry.detail as allocation.PlanRow) : null;
  }

  @FieldResolver(() => Disbursement, { nullable: true, description: 'The payment, for INCOME_DISBURSED and DISBURSEMENT_REVERSED.' })
  disbursement(@Root() entry: TimelineEntry): allocation.DisbursementRow | null {
    return entry.kind === 'INCOME_DISBURSED' || entry.kind === 'DISBURSEMENT_REVERSED' ? (entry.detail as allocation.DisbursementRow) : null;
  }
}
