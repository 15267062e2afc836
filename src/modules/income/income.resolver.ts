import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { keyOf, toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { payloadOf } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset, AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { contractById } from '../contracts/contracts.loaders';
import { expectedByYear, type ArrearsRow, type ContractRow } from '../contracts/contracts.service';
import { OperatingContract } from '../contracts/contracts.types';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { significantPrefix } from '../regions/division-code';
import { summaryYears, type RegionSummary as Summary } from '../reports/reports.service';
import { RegionSummary } from '../reports/reports.types';
import { ArrearsFilter, IncomeRecordFilter, RecordIncomeInput, RecordIncomePayload, ReverseIncomeInput, ReverseIncomePayload } from './income.inputs';
import { incomeById, partsOfIncome } from './income.loaders';
import * as income from './income.service';
import { ArrearsConnection, ArrearsItem, ArrearsTotal, IncomePart, IncomePartConnection, IncomePool, IncomeRecord, IncomeRecordConnection, IncomeYear } from './income.types';

const NO_MATCH = -1;

/** The record as the payload gives it, its parts primed for `parts`. */
function withParts(ctx: Context, value: income.IncomeWithParts): income.IncomeRow {
  ctx.loaders.get(partsOfIncome).prime(value.income.id, value.parts);
  return value.income;
}

@Resolver(() => IncomeRecord)
export class IncomeResolver {
  @Mutation(() => RecordIncomePayload, { description: 'Records income an asset received and apportions it to its owners by their shares that day (FINANCE, ADMIN). Idempotent on idempotencyKey.' })
  async recordIncome(@Ctx() ctx: Context, @Arg('input', () => RecordIncomeInput, { description: 'The receipt.' }) input: RecordIncomeInput) {
    const outcome = await income.recordIncome(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') });
    return payloadOf(outcome, (value) => ({ incomeRecord: withParts(ctx, value) }));
  }

  @Mutation(() => ReverseIncomePayload, { description: 'Reverses an income record in full (红字冲销); a record is reversed once (FINANCE, ADMIN). Idempotent on idempotencyKey.' })
  async reverseIncome(@Ctx() ctx: Context, @Arg('input', () => ReverseIncomeInput, { description: 'The record and why.' }) input: ReverseIncomeInput) {
    const outcome = await income.reverseIncome(ctx.db, ctx.viewer, ctx.clock, { ...input, incomeId: tryKeyOf(input.incomeId, 'IncomeRecord') });
    return payloadOf(outcome, (value) => ({ incomeRecord: withParts(ctx, value) }));
  }

  @Query(() => IncomeRecordConnection, { description: 'Income records in your scope, newest first.' })
  incomeRecords(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => IncomeRecordFilter, { nullable: true, description: 'Conditions the records must meet.' }) filter?: IncomeRecordFilter,
  ): Promise<Connection<income.IncomeRow>> {
    return income.listIncome(
      ctx.db,
      ctx.viewer,
      {
        regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
        assetId: filter?.asset ? (tryKeyOf(filter.asset, 'Asset') ?? NO_MATCH) : undefined,
        contractId: filter?.contract ? (tryKeyOf(filter.contract, 'OperatingContract') ?? NO_MATCH) : undefined,
        kind: filter?.kind,
        accountType: filter?.accountType,
        from: filter?.from,
        to: filter?.to,
        reversals: filter?.reversals,
      },
      page,
    );
  }

  @Query(() => IncomePool, { nullable: true, description: "An owner's income pool (收益池) on a date; null when the owner is not in your scope." })
  async incomePool(
    @Ctx() ctx: Context,
    @Arg('owner', () => ID, { description: 'Global ID of the owner party.' }) owner: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ): Promise<income.IncomePool | null> {
    const party = await ctx.loaders.get(partyById).load(keyOf(owner, 'Party'));
    return party && income.incomePool(ctx.db, ctx.viewer, party.id, asOf ?? ctx.clock.today());
  }

  @Query(() => ArrearsConnection, { description: 'Contract income unpaid past its grace days (欠收), most overdue first, with totals by ageing bucket.' })
  async arrears(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ArrearsFilter, { nullable: true, description: 'Region or asset.' }) filter?: ArrearsFilter,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ) {
    // Both conditions hold when both are given.
    const scope = { assetId: filter?.asset ? (tryKeyOf(filter.asset, 'Asset') ?? NO_MATCH) : undefined, regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined };
    const result = income.arrears(ctx.db, ctx.viewer, scope, asOf ?? ctx.clock.today(), ctx.clock.today());
    return { ...(await result.page(page)), totals: result.totals };
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: income.IncomeRow): string {
    return toGlobalId('IncomeRecord', row.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: income.IncomeRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => OperatingContract, { nullable: true, description: 'The contract it was paid under.' })
  contract(@Ctx() ctx: Context, @Root() row: income.IncomeRow): Promise<ContractRow | null> | null {
    return row.contractId === null ? null : ctx.loaders.get(contractById).load(row.contractId);
  }

  @FieldResolver(() => Boolean, { description: 'Paid into a personal account (收益未入规定账户): accepted, and reported by the checks.' })
  toPersonalAccount(@Root() row: income.IncomeRow): boolean {
    return row.accountType === 'PERSONAL';
  }

  @FieldResolver(() => IncomeRecord, { nullable: true, description: 'For a reversal, the record it reverses.' })
  reverses(@Ctx() ctx: Context, @Root() row: income.IncomeRow): Promise<income.IncomeRow | null> | null {
    return row.reversesId === null ? null : ctx.loaders.get(incomeById).load(row.reversesId);
  }

  @FieldResolver(() => [IncomePart], { description: "The owners' parts, summing exactly to the amount." })
  parts(@Ctx() ctx: Context, @Root() row: income.IncomeRow): Promise<income.IncomePartRow[]> {
    return ctx.loaders.get(partsOfIncome).load(row.id);
  }
}

@Resolver(() => IncomePart)
export class IncomePartResolver {
  @FieldResolver(() => Party, { nullable: true, description: 'The owner, if visible to you.' })
  owner(@Ctx() ctx: Context, @Root() row: income.IncomePartRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.ownerPartyId);
  }

  @FieldResolver(() => IncomeRecord, { nullable: true, description: 'The income record, when its asset is in your scope.' })
  incomeRecord(@Ctx() ctx: Context, @Root() row: income.IncomePartRow): Promise<income.IncomeRow | null> {
    return ctx.loaders.get(incomeById).load(row.incomeId);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset that earned it, when in your scope.' })
  asset(@Ctx() ctx: Context, @Root() row: income.IncomePartRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }
}

@Resolver(() => IncomePool)
export class IncomePoolResolver {
  @FieldResolver(() => Party, { nullable: true, description: 'The owner.' })
  owner(@Ctx() ctx: Context, @Root() pool: income.IncomePool): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(pool.ownerPartyId);
  }

  @FieldResolver(() => IncomePartConnection, { description: 'The parts that make up the pool, newest first.' })
  parts(@Ctx() ctx: Context, @Root() pool: income.IncomePool, @Args(() => PageArgs) page: PageArgs): Promise<Connection<income.IncomePartRow>> {
    return income.ownerParts(ctx.db, ctx.viewer, pool.ownerPartyId, page);
  }
}

@Resolver(() => ArrearsConnection)
export class ArrearsTotalsResolver {
  @FieldResolver(() => [ArrearsTotal], { description: 'All the arrears (not only this page) by ageing bucket.' })
  totals(@Root() connection: { totals: () => Promise<ArrearsTotal[]> }): Promise<ArrearsTotal[]> {
    return connection.totals();
  }
}

@Resolver(() => ArrearsItem)
export class ArrearsItemResolver {
  @FieldResolver(() => OperatingContract, { nullable: true, description: 'The contract.' })
  contract(@Ctx() ctx: Context, @Root() row: ArrearsRow): Promise<ContractRow | null> {
    return ctx.loaders.get(contractById).load(row.contractId);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: ArrearsRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The operator who owes it.' })
  operator(@Ctx() ctx: Context, @Root() row: ArrearsRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.operatorPartyId);
  }
}

@Resolver(() => Party)
export class PartyIncomeResolver {
  @FieldResolver(() => IncomePartConnection, { description: 'Its parts of income (as an owner), newest first.' })
  incomeParts(@Ctx() ctx: Context, @Root() party: PartyRow, @Args(() => PageArgs) page: PageArgs): Promise<Connection<income.IncomePartRow>> {
    return income.ownerParts(ctx.db, ctx.viewer, party.id, page);
  }

  @FieldResolver(() => IncomePool, { description: 'Its income pool on a date (default today).' })
  incomePool(@Ctx() ctx: Context, @Root() party: PartyRow, @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string): Promise<income.IncomePool> {
    return income.incomePool(ctx.db, ctx.viewer, party.id, asOf ?? ctx.clock.today());
  }
}

@Resolver(() => RegionSummary)
export class RegionIncomeSummaryResolver {
  @FieldResolver(() => [IncomeYear], { description: 'Income by year (expected from contracts, received, in arrears on the date), for the years asked (default the last three).' })
  async incomeByYear(
    @Ctx() ctx: Context,
    @Root() summary: Summary,
    @Arg('years', () => [Int], { nullable: true, description: 'The years; the last three up to the date when omitted (at most 10).' }) years?: number[],
  ): Promise<IncomeYear[]> {
    const asked = summaryYears(summary, years);
    const prefix = significantPrefix(summary.regionCode);
    const [expected, received, unpaid] = await Promise.all([
      expectedByYear(ctx.db, ctx.viewer, prefix, asked),
      income.receivedByYear(ctx.db, ctx.viewer, prefix, summary.asOf),
      income.arrears(ctx.db, ctx.viewer, { regionPrefix: prefix }, summary.asOf, ctx.clock.today()).byYear(),
    ]);
    return asked.map((year) => ({
      year,
      expectedFen: expected.find((e) => e.year === year)?.amountFen ?? 0n,
      receivedFen: BigInt(received.find((r) => r.year === year)?.amountFen ?? 0),
      arrearsFen: BigInt(unpaid.find((u) => u.year === year)?.unpaidFen ?? 0),
    }));
  }
}

@Resolver(() => AssetTimelineEntry)
export class IncomeTimelineResolver {
  @FieldResolver(() => IncomeRecord, { nullable: true, description: 'The income record, for INCOME_RECEIVED and INCOME_REVERSED.' })
  incomeRecord(@Root() entry: TimelineEntry): income.IncomeRow | null {
    return entry.kind === 'INCOME_RECEIVED' || entry.kind === 'INCOME_REVERSED' ? (entry.detail as income.IncomeRow) : null;
  }
}
