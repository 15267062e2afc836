import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { pageInMemory, PageArgs, type Connection, type MemoryKey } from '../../graphql/relay';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset } from '../assets/assets.types';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import * as reconciliation from './reconciliation.service';
import { AssetReconciliation, AssetReconciliationConnection, IncomeReconciliation, OwnerReconciliation, OwnerReconciliationConnection, RegionReconciliation } from './reconciliation.types';

type AssetRowOf = reconciliation.Reconciliation['assets'][number];
type OwnerRowOf = reconciliation.Reconciliation['owners'][number];
const ASSET_ORDER: MemoryKey<AssetRowOf>[] = [
  { name: 'region', type: 'bigint', value: (r) => String(r.regionCode) },
  { name: 'asset', type: 'id', value: (r) => r.assetId },
];
const OWNER_ORDER: MemoryKey<OwnerRowOf>[] = [{ name: 'owner', type: 'id', value: (r) => r.ownerPartyId }];

@Resolver(() => IncomeReconciliation)
export class IncomeReconciliationResolver {
  @Query(() => IncomeReconciliation, { nullable: true, description: 'Income reconciliation (对账) of a county, township or village for a period, to the fen; null outside your scope.' })
  incomeReconciliation(
    @Ctx() ctx: Context,
    @Arg('region', () => DivisionCodeScalar, { description: 'A county, township or village.' }) region: string,
    @Arg('from', () => DateScalar, { description: 'First day of the period.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last day of the period (at most ten years on).' }) to: string,
  ): Promise<reconciliation.Reconciliation | null> {
    return reconciliation.incomeReconciliation(ctx.db, ctx.viewer, ctx.clock, region, from, to);
  }

  @FieldResolver(() => AssetReconciliationConnection, { description: "The assets' rows, by region and id." })
  assets(@Root() r: reconciliation.Reconciliation, @Args(() => PageArgs) page: PageArgs): Connection<AssetRowOf> {
    return pageInMemory(r.assets, ASSET_ORDER, page);
  }

  @FieldResolver(() => OwnerReconciliationConnection, { description: "The owners' rows, by id." })
  owners(@Root() r: reconciliation.Reconciliation, @Args(() => PageArgs) page: PageArgs): Connection<OwnerRowOf> {
    return pageInMemory(r.owners, OWNER_ORDER, page);
  }
}

@Resolver(() => RegionReconciliation)
export class RegionReconciliationResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region.' })
  region(@Ctx() ctx: Context, @Root() row: { regionCode: string }): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(Number(row.regionCode));
  }
}

@Resolver(() => AssetReconciliation)
export class AssetReconciliationResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: AssetRowOf): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }
}

@Resolver(() => OwnerReconciliation)
export class OwnerReconciliationResolver {
  @FieldResolver(() => Party, { nullable: true, description: 'The owner, if you can see it (a village of another county owning part of an asset here is not yours to see).' })
  owner(@Ctx() ctx: Context, @Root() row: OwnerRowOf): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.ownerPartyId);
  }
}
