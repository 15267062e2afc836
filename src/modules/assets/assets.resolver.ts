import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { sqlDirection } from '../../graphql/enums';
import { AppError, searchText } from '../../graphql/errors';
import { keyOf, toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { toPayload } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar, MoneyScalar } from '../../graphql/scalars';
import { assetIdsInCustodyOf } from '../custody/custody.service';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { projectById } from '../projects/projects.loaders';
import type { ProjectRow } from '../projects/projects.service';
import { Project } from '../projects/projects.types';
import { significantPrefix } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import { AssetFilter, AssetOrderBy, ChangeAssetStatusInput, ChangeAssetStatusPayload, RegisterAssetInput, RegisterAssetPayload, UpdateAssetInput, UpdateAssetPayload } from './assets.inputs';
import { assetByCode, assetById, assetFunding, assetStatusChanges, projectAssetValue } from './assets.loaders';
import * as assets from './assets.service';
import { Asset, AssetConnection, AssetFunding, AssetStatusChange, AssetTimelineConnection, AssetTimelineEntry } from './assets.types';
import type { TimelineEntry } from './timeline';

/** GraphQL filter → store filter; ids that name nothing match nothing. */
export function toStoreFilter(ctx: Context, filter: AssetFilter | undefined): assets.AssetFilter {
  const noMatch = -1;
  return {
    regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
    assetClass: filter?.assetClass,
    category: filter?.category,
    status: filter?.status,
    projectId: filter?.project ? (tryKeyOf(filter.project, 'Project') ?? noMatch) : undefined,
    owner: filter?.owner ? { partyId: tryKeyOf(filter.owner, 'Party') ?? noMatch, asOf: filter.ownedOn ?? ctx.clock.today() } : undefined,
    idsIn: filter?.custodian ? assetIdsInCustodyOf(tryKeyOf(filter.custodian, 'Party') ?? noMatch, filter.custodyOn ?? ctx.clock.today()) : undefined,
    text: searchText(filter?.text, ['filter', 'text']),
    builtFrom: filter?.builtFrom,
    builtTo: filter?.builtTo,
    acceptedFrom: filter?.acceptedFrom,
    acceptedTo: filter?.acceptedTo,
    valueMin: filter?.valueMin,
    valueMax: filter?.valueMax,
  };
}

@Resolver(() => Asset)
export class AssetResolver {
  @Query(() => Asset, { nullable: true, description: 'One register line by its global ID or its code; null when not in your scope.' })
  asset(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'Global ID.' }) id?: string,
    @Arg('code', () => String, { nullable: true, description: 'Asset code (资产编号).' }) code?: string,
  ): Promise<assets.AssetRow | null> {
    if ((id == null) === (code == null)) throw new AppError('BAD_USER_INPUT', 'Give either id or code');
    return id != null ? ctx.loaders.get(assetById).load(keyOf(id, 'Asset')) : ctx.loaders.get(assetByCode).load(code!.trim());
  }

  @Query(() => AssetConnection, { description: 'The register in your scope (资产台账).' })
  assets(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AssetFilter, { nullable: true, description: 'Conditions the assets must meet.' }) filter?: AssetFilter,
    @Arg('orderBy', () => AssetOrderBy, { nullable: true, description: 'Order; by code when omitted.' }) orderBy?: AssetOrderBy,
  ): Promise<Connection<assets.AssetRow>> {
    return assets.listAssets(ctx.db, ctx.viewer, toStoreFilter(ctx, filter), { field: orderBy?.field ?? 'CODE', direction: sqlDirection(orderBy?.direction) }, page);
  }

  @Mutation(() => RegisterAssetPayload, { description: 'Registers an asset with its funding and owners (ASSET_MANAGER, ADMIN).' })
  async registerAsset(@Ctx() ctx: Context, @Arg('input', () => RegisterAssetInput, { description: 'The register line.' }) input: RegisterAssetInput) {
    return toPayload('asset', await assets.registerAsset(ctx.db, ctx.viewer, ctx.clock, input));
  }

  @Mutation(() => UpdateAssetPayload, { description: 'Changes a register line, if still at expectedVersion and not disposed (ASSET_MANAGER, ADMIN).' })
  async updateAsset(@Ctx() ctx: Context, @Arg('input', () => UpdateAssetInput, { description: 'The asset, its version and the changes.' }) input: UpdateAssetInput) {
    const { id, expectedVersion, ...fields } = input;
    return toPayload('asset', await assets.updateAsset(ctx.db, ctx.viewer, ctx.clock, tryKeyOf(id, 'Asset'), expectedVersion, fields));
  }

  @Mutation(() => ChangeAssetStatusPayload, { description: 'Moves an asset along its lifecycle, with a reason (ASSET_MANAGER, ADMIN).' })
  async changeAssetStatus(@Ctx() ctx: Context, @Arg('input', () => ChangeAssetStatusInput, { description: 'The asset, its version, the new status and why.' }) input: ChangeAssetStatusInput) {
    return toPayload('asset', await assets.changeAssetStatus(ctx.db, ctx.viewer, ctx.clock, tryKeyOf(input.id, 'Asset'), input.expectedVersion, input));
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() asset: assets.AssetRow): string {
    return toGlobalId('Asset', asset.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Where it stands (usually a village); its parent is the township.' })
  region(@Ctx() ctx: Context, @Root() asset: assets.AssetRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(asset.regionCode);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Quantity (数量).' })
  quantity(@Root() asset: assets.AssetRow): number | null {
    return asset.quantity === null ? null : Number(asset.quantity);
  }

  @FieldResolver(() => [AssetFunding], { description: 'Funding composition (资金构成).' })
  funding(@Ctx() ctx: Context, @Root() asset: assets.AssetRow): Promise<assets.AssetFundingRow[]> {
    return ctx.loaders.get(assetFunding).load(asset.id);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Sum of the funding composition; FUNDING_MISMATCH when it differs from the original value.' })
  async fundingTotal(@Ctx() ctx: Context, @Root() asset: assets.AssetRow): Promise<bigint> {
    const lines = await ctx.loaders.get(assetFunding).load(asset.id);
    return lines.reduce((sum, line) => sum + line.amountFen, 0n);
  }

  @FieldResolver(() => [AssetStatusChange], { description: 'Every status change, oldest first.' })
  statusChanges(@Ctx() ctx: Context, @Root() asset: assets.AssetRow): Promise<assets.AssetStatusChangeRow[]> {
    return ctx.loaders.get(assetStatusChanges).load(asset.id);
  }

  @FieldResolver(() => AssetTimelineConnection, { description: "Status, ownership and the other capabilities' events, with the audit trail for auditors, on one timeline, oldest first (资产履历)." })
  history(@Ctx() ctx: Context, @Root() asset: assets.AssetRow, @Args(() => PageArgs) page: PageArgs): Promise<Connection<TimelineEntry>> {
    return assets.assetHistory(ctx, asset, page);
  }
}

@Resolver(() => AssetFunding)
export class AssetFundingResolver {
  @FieldResolver(() => Project, { nullable: true, description: 'The project that paid, if any and visible to you.' })
  project(@Ctx() ctx: Context, @Root() line: assets.AssetFundingRow): Promise<ProjectRow | null> | null {
    return line.projectId === null ? null : ctx.loaders.get(projectById).load(line.projectId);
  }
}

@Resolver(() => AssetTimelineEntry)
export class AssetTimelineResolver {
  @FieldResolver(() => AssetStatusChange, { nullable: true, description: 'The status change, for STATUS_CHANGE.' })
  statusChange(@Root() entry: TimelineEntry): assets.AssetStatusChangeRow | null {
    return entry.kind === 'STATUS_CHANGE' ? (entry.detail as assets.AssetStatusChangeRow) : null;
  }
}

@Resolver(() => Project)
export class ProjectAssetsResolver {
  @FieldResolver(() => AssetConnection, { description: 'Assets this project funded, in your scope.' })
  assets(@Ctx() ctx: Context, @Root() project: ProjectRow, @Args(() => PageArgs) page: PageArgs): Promise<Connection<assets.AssetRow>> {
    return assets.listAssets(ctx.db, ctx.viewer, { projectId: project.id }, { field: 'CODE', direction: 'asc' }, page);
  }

  @FieldResolver(() => MoneyScalar, { description: "How much of this project's money is in the funding composition of assets in your scope." })
  assetFundingTotal(@Ctx() ctx: Context, @Root() project: ProjectRow): Promise<bigint> {
    return ctx.loaders.get(projectAssetValue).load(project.id);
  }
}

@Resolver(() => Party)
export class PartyAssetsResolver {
  @FieldResolver(() => AssetConnection, { description: 'Assets this party owns (a share of) on a date, default today.' })
  ownedAssets(
    @Ctx() ctx: Context,
    @Root() party: PartyRow,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ): Promise<Connection<assets.AssetRow>> {
    return assets.listAssets(ctx.db, ctx.viewer, { owner: { partyId: party.id, asOf: asOf ?? ctx.clock.today() } }, { field: 'CODE', direction: 'asc' }, page);
  }
}
