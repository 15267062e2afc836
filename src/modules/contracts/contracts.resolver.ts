import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { toPayload } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset, AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { significantPrefix } from '../regions/division-code';
import { CreateOperatingContractInput, CreateOperatingContractPayload, EndOperatingContractInput, EndOperatingContractPayload, OperatingContractFilter } from './contracts.inputs';
import { contractById, contractsOfAsset } from './contracts.loaders';
import * as contracts from './contracts.service';
import { ExpectedIncome, OperatingContract, OperatingContractConnection } from './contracts.types';

const NO_MATCH = -1;
const MAX_EXPECTED_PERIODS = 500;

@Resolver(() => OperatingContract)
export class ContractResolver {
  @Mutation(() => CreateOperatingContractPayload, { description: 'Records a lease or contract of an operating asset; a renewal ends the contract it renews (ASSET_MANAGER, ADMIN).' })
  async createOperatingContract(@Ctx() ctx: Context, @Arg('input', () => CreateOperatingContractInput, { description: 'The asset, the operator and the terms.' }) input: CreateOperatingContractInput) {
    return toPayload('contract', await contracts.createOperatingContract(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') }));
  }

  @Mutation(() => EndOperatingContractPayload, { description: 'Ends a contract on a day with the reason (ASSET_MANAGER, ADMIN).' })
  async endOperatingContract(@Ctx() ctx: Context, @Arg('input', () => EndOperatingContractInput, { description: 'The contract, its last day and why.' }) input: EndOperatingContractInput) {
    return toPayload('contract', await contracts.endOperatingContract(ctx.db, ctx.viewer, ctx.clock, { ...input, contractId: tryKeyOf(input.contractId, 'OperatingContract') }));
  }

  @Query(() => OperatingContractConnection, { description: 'Operating contracts in your scope, newest first.' })
  operatingContracts(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => OperatingContractFilter, { nullable: true, description: 'Conditions the contracts must meet.' }) filter?: OperatingContractFilter,
  ): Promise<Connection<contracts.ContractRow>> {
    return contracts.listContracts(
      ctx.db,
      ctx.viewer,
      {
        regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
        assetId: filter?.asset ? (tryKeyOf(filter.asset, 'Asset') ?? NO_MATCH) : undefined,
        operatorPartyId: filter?.operator ? (tryKeyOf(filter.operator, 'Party') ?? NO_MATCH) : undefined,
        status: filter?.status,
        mode: filter?.mode,
        inForceOn: filter?.inForceOn,
      },
      page,
    );
  }

  @Query(() => ExpectedIncome, {
    nullable: true,
    description: 'Income expected (应收) from the contracts of an asset or a region for the periods due in [from, to]; null when the asset or region lies outside your scope.',
  })
  async expectedIncome(
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar, { description: 'First due date counted.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last due date counted.' }) to: string,
    @Arg('asset', () => ID, { nullable: true, description: 'One asset (give this or region).' }) asset?: string,
    @Arg('region', () => DivisionCodeScalar, { nullable: true, description: "A region's subtree (give this or asset)." }) region?: string,
    @Arg('limit', () => Int, { defaultValue: 100, description: `How many periods to list, at most ${MAX_EXPECTED_PERIODS}; the total counts them all.` }) limit = 100,
  ) {
    if ((asset == null) === (region == null)) throw new AppError('BAD_USER_INPUT', 'Give either asset or region');
    if (to < from) throw new AppError('BAD_USER_INPUT', 'to is before from', ['to']);
    if (limit < 0 || limit > MAX_EXPECTED_PERIODS) throw new AppError('BAD_USER_INPUT', `limit is 0 to ${MAX_EXPECTED_PERIODS}`, ['limit']);
    if (region != null) return contracts.expectedIncome(ctx.db, ctx.viewer, { regionCode: region }, from, to, limit);
    const target = await ctx.loaders.get(assetById).load(tryKeyOf(asset!, 'Asset') ?? NO_MATCH);
    return target && contracts.expectedIncome(ctx.db, ctx.viewer, { assetId: target.id }, from, to, limit);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: contracts.ContractRow): string {
    return toGlobalId('OperatingContract', row.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: contracts.ContractRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The operator, if visible to you.' })
  operator(@Ctx() ctx: Context, @Root() row: contracts.ContractRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.operatorPartyId);
  }

  @FieldResolver(() => OperatingContract, { nullable: true, description: 'The contract this one renewed.' })
  renews(@Ctx() ctx: Context, @Root() row: contracts.ContractRow): Promise<contracts.ContractRow | null> | null {
    return row.renewsContractId === null ? null : ctx.loaders.get(contractById).load(row.renewsContractId);
  }
}

@Resolver(() => Asset)
export class AssetContractsResolver {
  @FieldResolver(() => [OperatingContract], { description: 'Its operating contracts, oldest first.' })
  contracts(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<contracts.ContractRow[]> {
    return ctx.loaders.get(contractsOfAsset).load(asset.id);
  }
}

@Resolver(() => AssetTimelineEntry)
export class ContractTimelineResolver {
  @FieldResolver(() => OperatingContract, { nullable: true, description: 'The contract, for CONTRACT_STARTED and CONTRACT_ENDED.' })
  contract(@Root() entry: TimelineEntry): contracts.ContractRow | null {
    return entry.kind === 'CONTRACT_STARTED' || entry.kind === 'CONTRACT_ENDED' ? (entry.detail as contracts.ContractRow) : null;
  }
}
