import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { tryKeyOf } from '../../graphql/global-id';
import { DateScalar } from '../../graphql/scalars';
import { todayInChina } from '../../time';
import { confirmOwnership } from '../assets/assets.service';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.table';
import { Asset, ConfirmOwnershipPayload } from '../assets/assets.types';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.table';
import { Party } from '../parties/parties.types';
import { ConfirmOwnershipInput } from './ownership.inputs';
import { ownersOnDate, ownershipHistory } from './ownership.loaders';
import type { OwnershipRow } from './ownership.table';
import { Ownership } from './ownership.types';

@Resolver(() => Ownership)
export class OwnershipResolver {
  @Mutation(() => ConfirmOwnershipPayload, { description: 'Sets the whole owner set of an asset (确权): shares sum to 10000 bp (ASSET_MANAGER, ADMIN).' })
  async confirmOwnership(@Ctx() ctx: Context, @Arg('input', () => ConfirmOwnershipInput, { description: 'The asset and its new owners.' }) input: ConfirmOwnershipInput): Promise<ConfirmOwnershipPayload> {
    const outcome = await confirmOwnership(ctx.db, ctx.viewer, ctx.loaders, tryKeyOf(input.assetId, 'Asset'), input.expectedVersion, input.effectiveOn ?? todayInChina(), input.owners);
    return { asset: outcome.value, userErrors: outcome.userErrors };
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
    return ctx.loaders.get(ownersOnDate).load({ assetId: asset.id, asOf: asOf ?? todayInChina() });
  }

  @FieldResolver(() => [Ownership], { description: 'Every ownership row, closed ones included, oldest first.' })
  ownershipHistory(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<OwnershipRow[]> {
    return ctx.loaders.get(ownershipHistory).load(asset.id);
  }
}
