import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { tryKeyOf } from '../../graphql/global-id';
import { toPayload } from '../../graphql/payload';
import { DateScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset, AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { ConfirmOwnershipInput, ConfirmOwnershipPayload } from './ownership.inputs';
import { ownersOnDate, ownershipHistory } from './ownership.loaders';
import { confirmOwnership, type OwnershipRow } from './ownership.service';
import { Ownership } from './ownership.types';

@Resolver(() => Ownership)
export class OwnershipResolver {
  @Mutation(() => ConfirmOwnershipPayload, { description: 'Sets the whole owner set of an asset (确权): shares sum to 10000 bp (ASSET_MANAGER, ADMIN).' })
  async confirmOwnership(@Ctx() ctx: Context, @Arg('input', () => ConfirmOwnershipInput, { description: 'The asset and its new owners.' }) input: ConfirmOwnershipInput) {
    return toPayload('asset', await confirmOwnership(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') }));
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The owner, if visible to you.' })
  owner(@Ctx() ctx: Context, @Root() row: OwnershipRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.ownerPartyId);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset owned.' })
  asset(@Ctx() ctx: Context, @Root() row: OwnershipRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }
}

@Resolver(() => Asset)
export class AssetOwnershipResolver {
  @FieldResolver(() => [Ownership], { description: 'Owners in force on a date (default today), largest share first; empty when unconfirmed.' })
  owners(@Ctx() ctx: Context, @Root() asset: AssetRow, @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string): Promise<OwnershipRow[]> {
    return ctx.loaders.get(ownersOnDate).load({ assetId: asset.id, asOf: asOf ?? ctx.clock.today() });
  }

  @FieldResolver(() => [Ownership], { description: 'Every ownership row, closed ones included, oldest first.' })
  ownershipHistory(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<OwnershipRow[]> {
    return ctx.loaders.get(ownershipHistory).load(asset.id);
  }
}

@Resolver(() => AssetTimelineEntry)
export class OwnershipTimelineResolver {
  @FieldResolver(() => Ownership, { nullable: true, description: 'The ownership row, for OWNERSHIP_OPENED and OWNERSHIP_CLOSED.' })
  ownership(@Root() entry: TimelineEntry): OwnershipRow | null {
    return entry.kind === 'OWNERSHIP_OPENED' || entry.kind === 'OWNERSHIP_CLOSED' ? (entry.detail as OwnershipRow) : null;
  }
}
