import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { payloadOf } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset, AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { incomeById } from '../income/income.loaders';
import type { IncomeRow } from '../income/income.service';
import { IncomeRecord } from '../income/income.types';
import { significantPrefix } from '../regions/division-code';
import {
  ApproveDisposalInput,
  ApproveDisposalPayload,
  CompleteDisposalInput,
  CompleteDisposalPayload,
  DisposalFilter,
  RejectDisposalInput,
  RejectDisposalPayload,
  RequestDisposalInput,
  RequestDisposalPayload,
} from './disposal.inputs';
import { disposalsOfAsset } from './disposal.loaders';
import * as disposal from './disposal.service';
import { Disposal, DisposalConnection } from './disposal.types';

const NO_MATCH = -1;
const disposalKey = (id: string) => tryKeyOf(id, 'Disposal');

@Resolver(() => Disposal)
export class DisposalResolver {
  @Mutation(() => RequestDisposalPayload, { description: 'Asks to dispose of an asset (ASSET_MANAGER, ADMIN); the asset goes UNDER_DISPOSAL.' })
  async requestDisposal(@Ctx() ctx: Context, @Arg('input', () => RequestDisposalInput, { description: 'The asset, method, reason and appraisal.' }) input: RequestDisposalInput) {
    return payloadOf(await disposal.requestDisposal(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') }), (d) => ({ disposal: d }));
  }

  @Mutation(() => ApproveDisposalPayload, {
    description:
      "Approves a requested disposal: the township's, then the county's (ADMIN, ASSET_MANAGER above the asset's village; the county's from the county; never whoever asked, nor one person twice).",
  })
  async approveDisposal(@Ctx() ctx: Context, @Arg('input', () => ApproveDisposalInput, { description: 'The disposal.' }) input: ApproveDisposalInput) {
    return payloadOf(await disposal.approveDisposal(ctx.db, ctx.viewer, ctx.clock, { ...input, disposalId: disposalKey(input.disposalId) }), (d) => ({ disposal: d }));
  }

  @Mutation(() => RejectDisposalPayload, { description: 'Rejects a requested disposal (the approvers of its level); the asset returns to its previous status.' })
  async rejectDisposal(@Ctx() ctx: Context, @Arg('input', () => RejectDisposalInput, { description: 'The disposal and why.' }) input: RejectDisposalInput) {
    return payloadOf(await disposal.rejectDisposal(ctx.db, ctx.viewer, ctx.clock, { ...input, disposalId: disposalKey(input.disposalId) }), (d) => ({ disposal: d }));
  }

  @Mutation(() => CompleteDisposalPayload, {
    description: 'Carries out an APPROVED disposal (ASSET_MANAGER, ADMIN): the asset becomes DISPOSED; proceeds given become DISPOSAL_PROCEEDS income, in one transaction.',
  })
  async completeDisposal(@Ctx() ctx: Context, @Arg('input', () => CompleteDisposalInput, { description: 'The disposal, date and proceeds.' }) input: CompleteDisposalInput) {
    return payloadOf(await disposal.completeDisposal(ctx.db, ctx.viewer, ctx.clock, { ...input, disposalId: disposalKey(input.disposalId) }), (d) => ({ disposal: d }));
  }

  @Query(() => DisposalConnection, { description: 'Disposals in your scope, newest first.' })
  disposals(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => DisposalFilter, { nullable: true, description: 'Conditions the disposals must meet.' }) filter?: DisposalFilter,
  ): Promise<Connection<disposal.DisposalRow>> {
    return disposal.listDisposals(
      ctx.db,
      ctx.viewer,
      {
        regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
        assetId: filter?.asset ? (tryKeyOf(filter.asset, 'Asset') ?? NO_MATCH) : undefined,
        status: filter?.status,
      },
      page,
    );
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: disposal.DisposalRow): string {
    return toGlobalId('Disposal', row.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: disposal.DisposalRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => IncomeRecord, { nullable: true, description: 'The proceeds received with the completion.' })
  proceeds(@Ctx() ctx: Context, @Root() row: disposal.DisposalRow): Promise<IncomeRow | null> | null {
    return row.proceedsIncomeId === null ? null : ctx.loaders.get(incomeById).load(row.proceedsIncomeId);
  }
}

@Resolver(() => Asset)
export class AssetDisposalResolver {
  @FieldResolver(() => Disposal, { nullable: true, description: 'Its latest disposal, if any (处置).' })
  async disposal(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<disposal.DisposalRow | null> {
    return (await ctx.loaders.get(disposalsOfAsset).load(asset.id)).at(-1) ?? null;
  }
}

@Resolver(() => AssetTimelineEntry)
export class DisposalTimelineResolver {
  @FieldResolver(() => Disposal, { nullable: true, description: 'The disposal, for DISPOSAL_REQUESTED, DISPOSAL_REJECTED and DISPOSAL_COMPLETED.' })
  disposal(@Root() entry: TimelineEntry): disposal.DisposalRow | null {
    return entry.kind.startsWith('DISPOSAL_') ? (entry.detail as disposal.DisposalRow) : null;
  }
}
