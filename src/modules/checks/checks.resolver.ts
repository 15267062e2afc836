import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId } from '../../graphql/global-id';
import { fetchNode } from '../../graphql/node';
import { Node, PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset } from '../assets/assets.types';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import * as checks from './checks.service';
import { AuditCheckEnum, AuditCheckSummary, CheckFinding, CheckFindingConnection, FindingSeverityEnum, RuleThresholdInput } from './checks.types';

@Resolver(() => CheckFinding)
export class CheckFindingResolver {
  @Query(() => CheckFindingConnection, {
    description: 'Findings of the automated checks over a region on a date, most severe first and then by the money involved (AUDITOR, ADMIN). Each check is one statement over your scope.',
  })
  auditFindings(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('region', () => DivisionCodeScalar, { description: 'The region whose subtree to check.' }) region: string,
    @Arg('checks', () => [AuditCheckEnum], { nullable: true, description: 'These checks only; all by default.' }) only?: checks.AuditCheck[] | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to check as of; today by default.' }) asOf?: string | null,
    @Arg('severity', () => FindingSeverityEnum, { nullable: true, description: 'Only the checks of this severity.' }) severity?: checks.Severity | null,
    @Arg('thresholds', () => [RuleThresholdInput], { nullable: true, description: 'Rule parameters for this run instead of those in force.' }) thresholds?: RuleThresholdInput[] | null,
  ): Promise<Connection<checks.FindingRow>> {
    return checks.auditFindings(ctx.db, ctx.viewer, ctx.clock, { region, checks: only, asOf, severity, thresholds }, page);
  }

  @Query(() => [AuditCheckSummary], { description: 'Per check: how many findings over a region on a date, and the money involved (AUDITOR, ADMIN).' })
  auditCheckSummary(
    @Ctx() ctx: Context,
    @Arg('region', () => DivisionCodeScalar, { description: 'The region whose subtree to check.' }) region: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to check as of; today by default.' }) asOf?: string | null,
    @Arg('checks', () => [AuditCheckEnum], { nullable: true, description: 'These checks only; all by default.' }) only?: checks.AuditCheck[] | null,
    @Arg('thresholds', () => [RuleThresholdInput], { nullable: true, description: 'Rule parameters for this run instead of those in force.' }) thresholds?: RuleThresholdInput[] | null,
  ): Promise<checks.CheckSummary[]> {
    return checks.auditCheckSummary(ctx.db, ctx.viewer, ctx.clock, { region, asOf, checks: only, thresholds });
  }

  @FieldResolver(() => ID, { description: 'Global ID of the subject.' })
  subjectId(@Root() row: checks.FindingRow): string {
    return toGlobalId(row.subjectType, row.subjectId);
  }

  @FieldResolver(() => Node, { nullable: true, description: 'The subject, when you can see it.' })
  subject(@Ctx() ctx: Context, @Root() row: checks.FindingRow): Promise<object | null> {
    return fetchNode(ctx, toGlobalId(row.subjectType, row.subjectId));
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset it concerns, if any.' })
  asset(@Ctx() ctx: Context, @Root() row: checks.FindingRow): Promise<AssetRow | null> | null {
    return row.assetId === null ? null : ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Where it stands.' })
  region(@Ctx() ctx: Context, @Root() row: checks.FindingRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(row.regionCode);
  }

  @FieldResolver(() => String, { description: 'What is wrong, in the language of the request (Accept-Language).' })
  message(@Ctx() ctx: Context, @Root() row: checks.FindingRow): string {
    return ctx.locale === 'en' ? row.messageEn : row.messageZh;
  }
}
