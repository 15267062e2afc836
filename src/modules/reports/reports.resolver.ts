import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import * as reports from './reports.service';
import { RegionSummary } from './reports.types';

@Resolver(() => RegionSummary)
export class ReportsResolver {
  @Query(() => RegionSummary, { nullable: true, description: "Counts and values of a region's register on a date; null outside your scope." })
  regionSummary(
    @Ctx() ctx: Context,
    @Arg('code', () => DivisionCodeScalar, { description: 'The region.' }) code: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ): Promise<reports.RegionSummary | null> {
    return reports.regionSummary(ctx.db, ctx.viewer, ctx.clock, code, asOf);
  }

  @FieldResolver(() => Float, { description: 'Share of assets with confirmed owners (确权率), 0 to 1; 0 without assets.' })
  ownershipConfirmationRate(@Root() summary: reports.RegionSummary): number {
    return summary.assetCount === 0 ? 0 : summary.ownershipConfirmedCount / summary.assetCount;
  }
}
