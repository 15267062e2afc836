import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { fetchNode } from '../../graphql/node';
import { Node, PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import type { AssetRow } from '../assets/assets.service';
import { Asset, AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { householdNamesFor } from '../allocation/allocation.loaders';
import { valueAsSeenBy, wordsAsSeenBy } from '../allocation/allocation.service';
import { AuditCheckEnum, FindingSeverityEnum } from '../checks/checks.types';
import { significantPrefix } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import {
  AddFindingInput,
  AddFindingPayload,
  CloseFindingPayload,
  CloseFindingInput,
  FindingStepInput,
  MarkFindingRectifiedInput,
  RecordRectificationInput,
  SendBackFindingInput,
  MarkFindingRectifiedPayload,
  OpenAuditCaseInput,
  OpenAuditCasePayload,
  RecordRectificationPayload,
  SendBackFindingPayload,
} from './cases.inputs';
import { caseById, findingById, findingsOfAsset, findingsOfCase, notesOfFinding } from './cases.loaders';
import * as cases from './cases.service';
import { AuditCase, AuditCaseConnection, AuditFinding, AuditFindingConnection, FindingNote } from './cases.types';

const step = async (ctx: Context, name: cases.StepName, input: FindingStepInput) => {
  const outcome = await cases.stepFinding(ctx.db, ctx.viewer, ctx.clock, name, { ...input, findingId: tryKeyOf(input.findingId, 'AuditFinding') });
  return { finding: outcome.value, userErrors: outcome.userErrors };
};

@Resolver(() => AuditCase)
export class AuditCaseResolver {
  @Mutation(() => OpenAuditCasePayload, { description: 'Opens an audit or inspection (审计/检查) of a region (AUDITOR, ADMIN).' })
  async openAuditCase(@Ctx() ctx: Context, @Arg('input', () => OpenAuditCaseInput, { description: 'The region and title.' }) input: OpenAuditCaseInput) {
    const outcome = await cases.openAuditCase(ctx.db, ctx.viewer, ctx.clock, input);
    return { auditCase: outcome.value, userErrors: outcome.userErrors };
  }

  @Query(() => AuditCaseConnection, { description: 'Audit cases in your scope, newest first.' })
  auditCases(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('region', () => DivisionCodeScalar, { nullable: true, description: "Cases of this region's subtree." }) region?: string | null,
  ): Promise<Connection<cases.CaseRow>> {
    return cases.listCases(ctx.db, ctx.viewer, region ? significantPrefix(region) : undefined, page);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: cases.CaseRow): string {
    return toGlobalId('AuditCase', row.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region audited.' })
  region(@Ctx() ctx: Context, @Root() row: cases.CaseRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(row.regionCode);
  }

  @FieldResolver(() => [AuditFinding], { description: 'Its findings in your scope, in the order added.' })
  findings(@Ctx() ctx: Context, @Root() row: cases.CaseRow): Promise<cases.FindingRow[]> {
    return ctx.loaders.get(findingsOfCase).load(row.id);
  }
}

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Mutation(() => AddFindingPayload, { description: "Adds a finding to a case, from a check's result or by hand (AUDITOR, ADMIN); an open finding of the same result is answered, not added again." })
  async addFinding(@Ctx() ctx: Context, @Arg('input', () => AddFindingInput, { description: 'The finding.' }) input: AddFindingInput) {
    const outcome = await cases.addFinding(ctx.db, ctx.viewer, ctx.clock, { ...input, caseId: tryKeyOf(input.caseId, 'AuditCase') });
    return { finding: outcome.value, userErrors: outcome.userErrors };
  }

  @FieldResolver(() => String, { description: "What is wrong (a plan's words it quotes masked as the plan's are, for roles that may not read personal data)." })
  async description(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<string> {
    return (await wordsAsSeenBy(ctx.viewer, row.description, householdNamesFor(ctx, row.regionCode)))!;
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: "The check's measured evidence when it was added (masked as the description is)." })
  evidence(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<unknown> {
    return valueAsSeenBy(ctx.viewer, row.evidence, householdNamesFor(ctx, row.regionCode));
  }

  @Mutation(() => RecordRectificationPayload, { description: 'Records what was done about a finding (整改); it is RECTIFYING (ASSET_MANAGER, FINANCE, ADMIN of its scope).' })
  recordRectification(@Ctx() ctx: Context, @Arg('input', () => RecordRectificationInput, { description: 'The finding and what was done.' }) input: FindingStepInput) {
    return step(ctx, 'recordRectification', input);
  }

  @Mutation(() => MarkFindingRectifiedPayload, { description: 'Marks a finding RECTIFIED, for an auditor to close (ASSET_MANAGER, FINANCE, ADMIN of its scope).' })
  markFindingRectified(@Ctx() ctx: Context, @Arg('input', () => MarkFindingRectifiedInput, { description: 'The finding and what was done.' }) input: FindingStepInput) {
    return step(ctx, 'markFindingRectified', input);
  }

  @Mutation(() => CloseFindingPayload, { description: 'Closes a RECTIFIED finding (销号; AUDITOR, ADMIN).' })
  closeFinding(@Ctx() ctx: Context, @Arg('input', () => CloseFindingInput, { description: 'The finding and the closing note.' }) input: FindingStepInput) {
    return step(ctx, 'closeFinding', input);
  }

  @Mutation(() => SendBackFindingPayload, { description: 'Sends a RECTIFIED finding back: it is RECTIFYING again (AUDITOR, ADMIN).' })
  sendBackFinding(@Ctx() ctx: Context, @Arg('input', () => SendBackFindingInput, { description: 'The finding and why.' }) input: FindingStepInput) {
    return step(ctx, 'sendBackFinding', input);
  }

  @Query(() => AuditFindingConnection, { description: 'Findings past their rectification due date and still OPEN or RECTIFYING (整改逾期), the oldest due first.' })
  overdueRectifications(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('region', () => DivisionCodeScalar, { nullable: true, description: "Findings of this region's subtree." }) region?: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Overdue on this date; today by default.' }) asOf?: string | null,
  ): Promise<Connection<cases.FindingRow>> {
    return cases.overdueRectifications(ctx.db, ctx.viewer, region ? significantPrefix(region) : undefined, asOf ?? ctx.clock.today(), page);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: cases.FindingRow): string {
    return toGlobalId('AuditFinding', row.id);
  }

  @FieldResolver(() => AuditCase, { nullable: true, description: 'Its case.' })
  auditCase(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<cases.CaseRow | null> {
    return ctx.loaders.get(caseById).load(row.caseId);
  }

  @FieldResolver(() => AuditCheckEnum, { nullable: true, description: 'The check whose result it is, if any.' })
  check(@Root() row: cases.FindingRow): string | null {
    return row.check;
  }

  @FieldResolver(() => FindingSeverityEnum, { description: 'Severity.' })
  severity(@Root() row: cases.FindingRow): string {
    return row.severity;
  }

  @FieldResolver(() => Node, { nullable: true, description: "The check result's subject, when you can see it." })
  subject(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<object | null> | null {
    return row.subjectType && row.subjectId !== null ? fetchNode(ctx, toGlobalId(row.subjectType, row.subjectId)) : null;
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset it concerns, if any.' })
  asset(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<AssetRow | null> | null {
    return row.assetId === null ? null : ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => AuditFinding, { nullable: true, description: 'The closed finding of the same kind it repeats, within REPEAT_FINDING_DAYS of its closing.' })
  repeatOf(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<cases.FindingRow | null> | null {
    return row.repeatOfId === null ? null : ctx.loaders.get(findingById).load(row.repeatOfId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it repeats a finding closed within REPEAT_FINDING_DAYS.' })
  repeat(@Root() row: cases.FindingRow): boolean {
    return row.repeatOfId !== null;
  }

  @FieldResolver(() => [FindingNote], { description: 'The steps of its rectification, in order.' })
  notes(@Ctx() ctx: Context, @Root() row: cases.FindingRow): Promise<cases.FindingNoteRow[]> {
    return ctx.loaders.get(notesOfFinding).load(row.id);
  }
}

@Resolver(() => Asset)
export class AssetFindingsResolver {
  @FieldResolver(() => [AuditFinding], { description: 'Findings of audits about it, in the order added.' })
  findings(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<cases.FindingRow[]> {
    return ctx.loaders.get(findingsOfAsset).load(asset.id);
  }
}

@Resolver(() => AssetTimelineEntry)
export class FindingTimelineResolver {
  @FieldResolver(() => AuditFinding, { nullable: true, description: 'The finding, for FINDING_ADDED and FINDING_CLOSED.' })
  finding(@Root() entry: TimelineEntry): cases.FindingRow | null {
    return entry.kind === 'FINDING_ADDED' || entry.kind === 'FINDING_CLOSED' ? (entry.detail as cases.FindingRow) : null;
  }
}
