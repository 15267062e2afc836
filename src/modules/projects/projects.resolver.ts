import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { toPayload } from '../../graphql/payload';
import { searchText } from '../../graphql/errors';
import { sqlDirection } from '../../graphql/enums';
import { PageArgs, type Connection } from '../../graphql/relay';
import { MoneyScalar } from '../../graphql/scalars';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { significantPrefix } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import { CreateProjectInput, CreateProjectPayload, ProjectFilter, ProjectOrderBy, UpdateProjectInput, UpdateProjectPayload } from './projects.inputs';
import { projectByCode, projectFunding } from './projects.loaders';
import * as projects from './projects.service';
import type { ProjectFundingRow, ProjectRow } from './projects.service';
import { Project, ProjectConnection, ProjectFunding } from './projects.types';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'The project with this code, if visible to you.' })
  project(@Ctx() ctx: Context, @Arg('code', () => String, { description: 'Project code (项目编号).' }) code: string): Promise<ProjectRow | null> {
    return ctx.loaders.get(projectByCode).load(code.trim());
  }

  @Query(() => ProjectConnection, { description: 'Projects run in your scope or by a region above it.' })
  projects(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' }) filter?: ProjectFilter,
    @Arg('orderBy', () => ProjectOrderBy, { nullable: true, description: 'Order; by code when omitted.' }) orderBy?: ProjectOrderBy,
  ): Promise<Connection<ProjectRow>> {
    return projects.listProjects(
      ctx.db,
      ctx.viewer,
      {
        regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
        yearFrom: filter?.yearFrom,
        yearTo: filter?.yearTo,
        status: filter?.status,
        kind: filter?.kind,
        text: searchText(filter?.text, ['filter', 'text']),
      },
      { field: orderBy?.field ?? 'CODE', direction: sqlDirection(orderBy?.direction) },
      page,
    );
  }

  @Mutation(() => CreateProjectPayload, { description: 'Registers a project with its funding (ASSET_MANAGER, ADMIN).' })
  async createProject(@Ctx() ctx: Context, @Arg('input', () => CreateProjectInput, { description: 'The project.' }) input: CreateProjectInput) {
    return toPayload('project', await projects.createProject(ctx.db, ctx.viewer, ctx.clock, input));
  }

  @Mutation(() => UpdateProjectPayload, { description: 'Changes a project, if still at expectedVersion (ASSET_MANAGER, ADMIN).' })
  async updateProject(@Ctx() ctx: Context, @Arg('input', () => UpdateProjectInput, { description: 'The project, its version and the changes.' }) input: UpdateProjectInput) {
    const { id, expectedVersion, ...fields } = input;
    return toPayload('project', await projects.updateProject(ctx.db, ctx.viewer, ctx.clock, tryKeyOf(id, 'Project'), expectedVersion, fields));
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() project: ProjectRow): string {
    return toGlobalId('Project', project.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Region that runs the project.' })
  region(@Ctx() ctx: Context, @Root() project: ProjectRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(project.regionCode);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Implementing party (实施单位), if visible to you.' })
  implementingParty(@Ctx() ctx: Context, @Root() project: ProjectRow): Promise<PartyRow | null> | null {
    return project.implementingPartyId === null ? null : ctx.loaders.get(partyById).load(project.implementingPartyId);
  }

  @FieldResolver(() => [ProjectFunding], { description: 'Funding lines by source (资金来源).' })
  funding(@Ctx() ctx: Context, @Root() project: ProjectRow): Promise<ProjectFundingRow[]> {
    return ctx.loaders.get(projectFunding).load(project.id);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Total investment (总投资): the sum of the funding lines.' })
  async totalInvestment(@Ctx() ctx: Context, @Root() project: ProjectRow): Promise<bigint> {
    const lines = await ctx.loaders.get(projectFunding).load(project.id);
    return lines.reduce((sum, line) => sum + line.amountFen, 0n);
  }
}
