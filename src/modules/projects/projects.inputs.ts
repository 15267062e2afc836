import { payloadType } from '../../graphql/payload';
import { Field, ID, InputType, Int } from 'type-graphql';
import { SortDirection } from '../../graphql/enums';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import type { FundingSource as Source, ProjectRow } from './projects.table';
import { FundingSource, Project, ProjectKind, ProjectSortField, ProjectStatus } from './projects.types';

@InputType({ description: 'One funding line: an amount from one source.' })
export class FundingLineInput {
  @Field(() => FundingSource, { description: 'The source.' }) source!: Source;
  @Field(() => MoneyScalar, { description: 'The amount, positive.' }) amount!: bigint;
}

@InputType({ description: 'A new project.' })
export class CreateProjectInput {
  @Field(() => String, { description: 'Project code (项目编号), unique, at most 64 characters.' }) code!: string;
  @Field(() => String, { description: 'Name, at most 200 characters.' }) name!: string;
  @Field(() => Int, { description: 'Project year.' }) year!: number;
  @Field(() => DivisionCodeScalar, { description: 'Region that runs the project (usually the county), in your scope.' }) regionCode!: string;
  @Field(() => ProjectKind, { description: 'Kind of project.' }) kind!: ProjectRow['kind'];
  @Field(() => ID, { nullable: true, description: 'Implementing party (实施单位).' }) implementingPartyId?: string | null;
  @Field(() => ProjectStatus, { nullable: true, description: 'Status; PLANNED when omitted.' }) status?: ProjectRow['status'];
  @Field(() => DateScalar, { nullable: true, description: 'Started.' }) startedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Completed; not before started.' }) completedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted; not before completed.' }) acceptedOn?: string | null;
  @Field(() => [FundingLineInput], { nullable: true, description: 'Funding lines by source.' }) funding?: FundingLineInput[];
}

@InputType({ description: 'Changes to a project: omitted fields stay as they are; funding, when given, replaces all lines.' })
export class UpdateProjectInput {
  @Field(() => ID, { description: 'Global ID of the project.' }) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one is a VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'New code.' }) code?: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string;
  @Field(() => Int, { nullable: true, description: 'New year.' }) year?: number;
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New region, in your scope.' }) regionCode?: string;
  @Field(() => ProjectKind, { nullable: true, description: 'New kind.' }) kind?: ProjectRow['kind'];
  @Field(() => ID, { nullable: true, description: 'New implementing party; null clears it.' }) implementingPartyId?: string | null;
  @Field(() => ProjectStatus, { nullable: true, description: 'New status.' }) status?: ProjectRow['status'];
  @Field(() => DateScalar, { nullable: true, description: 'New start date.' }) startedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New completion date.' }) completedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New acceptance date.' }) acceptedOn?: string | null;
  @Field(() => [FundingLineInput], { nullable: true, description: 'All funding lines, replacing the old ones.' }) funding?: FundingLineInput[];
}

@InputType({ description: 'Narrows a list of projects. All given conditions must hold.' })
export class ProjectFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Projects run in this region's subtree." }) region?: string;
  @Field(() => Int, { nullable: true, description: 'From this year.' }) yearFrom?: number;
  @Field(() => Int, { nullable: true, description: 'Up to this year.' }) yearTo?: number;
  @Field(() => ProjectStatus, { nullable: true, description: 'Only this status.' }) status?: ProjectRow['status'];
  @Field(() => ProjectKind, { nullable: true, description: 'Only this kind.' }) kind?: ProjectRow['kind'];
  @Field(() => String, { nullable: true, description: 'Part of the name, or the start of the code.' }) text?: string;
}

@InputType({ description: 'Order of a list of projects (ties broken by id).' })
export class ProjectOrderBy {
  @Field(() => ProjectSortField, { description: 'What to order by.' }) field!: 'CODE' | 'YEAR' | 'NAME';
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending (default) or descending.' }) direction!: SortDirection;
}

export const CreateProjectPayload = payloadType('CreateProjectPayload', 'Result of createProject.', { project: [() => Project, 'The new project.'] });
export const UpdateProjectPayload = payloadType('UpdateProjectPayload', 'Result of updateProject.', { project: [() => Project, 'The project after the change.'] });
