import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { searchText } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/global-id';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { ancestorsOf, numberToCode, significantPrefix } from './division-code';
import { RegionFilter } from './regions.inputs';
import { regionByCode } from './regions.loaders';
import * as regions from './regions.service';
import type { RegionRow } from './regions.table';
import { Region, RegionConnection } from './regions.types';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'The region with this division code, if it is in your scope.' })
  region(@Ctx() ctx: Context, @Arg('code', () => DivisionCodeScalar, { description: 'Division code, 12 digits or the significant prefix.' }) code: string): Promise<RegionRow | null> {
    return regions.findRegion(ctx.db, ctx.viewer, code);
  }

  @Query(() => RegionConnection, { description: 'Regions in your scope, ordered by code.' })
  regions(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => RegionFilter, { nullable: true, description: 'Conditions the regions must meet.' }) filter?: RegionFilter,
  ): Promise<Connection<RegionRow>> {
    return regions.listRegions(
      ctx.db,
      ctx.viewer,
      {
        parentCode: filter?.parent ? Number(filter.parent) : undefined,
        withinPrefix: filter?.within ? significantPrefix(filter.within) : undefined,
        level: filter?.level,
        text: searchText(filter?.text, ['filter', 'text']),
      },
      page,
    );
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() region: RegionRow): string {
    return toGlobalId('Region', numberToCode(region.code));
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region above; null at the top of your scope.' })
  parent(@Ctx() ctx: Context, @Root() region: RegionRow): Promise<RegionRow | null> | null {
    const [parent] = ancestorsOf(region.code);
    return parent ? ctx.loaders.get(regionByCode).load(parent) : null;
  }

  @FieldResolver(() => RegionConnection, { description: 'The regions directly below, ordered by code.' })
  children(@Ctx() ctx: Context, @Root() region: RegionRow, @Args(() => PageArgs) page: PageArgs): Promise<Connection<RegionRow>> {
    return regions.listRegions(ctx.db, ctx.viewer, { parentCode: region.code }, page);
  }
}
