import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

export enum ProjectKind {
  INDUSTRY = 'INDUSTRY',
  INFRASTRUCTURE = 'INFRASTRUCTURE',
  PUBLIC_SERVICE = 'PUBLIC_SERVICE',
  HOUSING = 'HOUSING',
  EMPLOYMENT = 'EMPLOYMENT',
  OTHER = 'OTHER',
}
registerEnumType(ProjectKind, {
  name: 'ProjectKind',
  description: 'What a project built (项目类型).',
  valuesConfig: {
    INDUSTRY: { description: '产业发展 (industry development)' },
    INFRASTRUCTURE: { description: '基础设施 (infrastructure)' },
    PUBLIC_SERVICE: { description: '公共服务 (public services: schools, clinics)' },
    HOUSING: { description: '住房安全 (housing)' },
    EMPLOYMENT: { description: '就业帮扶 (employment: workshops)' },
    OTHER: { description: '其他 (other)' },
  },
});

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description: 'Where a project stands (项目状态).',
  valuesConfig: {
    PLANNED: { description: '计划 (planned)' },
    IN_PROGRESS: { description: '实施中 (in progress)' },
    COMPLETED: { description: '完工 (completed)' },
    ACCEPTED: { description: '验收 (accepted)' },
  },
});

export enum FundingSource {
  CENTRAL_FISCAL = 'CENTRAL_FISCAL',
  PROVINCIAL_FISCAL = 'PROVINCIAL_FISCAL',
  CITY_FISCAL = 'CITY_FISCAL',
  COUNTY_FISCAL = 'COUNTY_FISCAL',
  GOVERNMENT_BOND = 'GOVERNMENT_BOND',
  EAST_WEST_COOPERATION = 'EAST_WEST_COOPERATION',
  DESIGNATED_ASSISTANCE = 'DESIGNATED_ASSISTANCE',
  SOCIAL_DONATION = 'SOCIAL_DONATION',
  SELF_RAISED = 'SELF_RAISED',
  OTHER = 'OTHER',
}
registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: 'Where money came from (资金来源).',
  valuesConfig: {
    CENTRAL_FISCAL: { description: '中央财政衔接资金 (central fiscal transition funds)' },
    PROVINCIAL_FISCAL: { description: '省级财政 (provincial budget)' },
    CITY_FISCAL: { description: '市级财政 (city budget)' },
    COUNTY_FISCAL: { description: '县级财政 (county budget)' },
    GOVERNMENT_BOND: { description: '政府债券 (government bonds)' },
    EAST_WEST_COOPERATION: { description: '东西部协作 (east–west cooperation)' },
    DESIGNATED_ASSISTANCE: { description: '定点帮扶 (designated assistance)' },
    SOCIAL_DONATION: { description: '社会捐赠 (donations)' },
    SELF_RAISED: { description: '自筹 (self-raised)' },
    OTHER: { description: '其他 (other)' },
  },
});

export enum ProjectSortField {
  CODE = 'CODE',
  YEAR = 'YEAR',
  NAME = 'NAME',
}
registerEnumType(ProjectSortField, {
  name: 'ProjectSortField',
  description: 'What to order projects by.',
  valuesConfig: { CODE: { description: 'Project code.' }, YEAR: { description: 'Project year.' }, NAME: { description: 'Name.' } },
});

@ObjectType('ProjectFunding', { description: 'One funding line of a project: how much came from one source (资金来源).' })
export class ProjectFunding {
  @Field(() => FundingSource, { description: 'The source.' }) source!: FundingSource;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The amount.' }) amountFen!: bigint;
}

@ObjectType('Project', { implements: Node, description: 'A poverty-alleviation project (扶贫项目) whose money formed assets.' })
export class Project extends Node {
  @Field(() => String, { description: 'Project code (项目编号), unique.' }) code!: string;
  @Field(() => String, { description: 'Name (项目名称).' }) name!: string;
  @Field(() => Int, { description: 'Project year (项目年度).' }) year!: number;
  @Field(() => ProjectKind, { description: 'Kind of project.' }) kind!: ProjectKind;
  @Field(() => ProjectStatus, { description: 'Status.' }) status!: ProjectStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Started (开工).' }) startedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Completed (完工).' }) completedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted (验收).' }) acceptedOn!: string | null;
  @Field(() => Int, { description: 'Version for optimistic concurrency.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When registered.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When last changed.' }) updatedAt!: Date;
}

export const ProjectConnection = connectionType(Project, 'Project', 'A page of projects.');

@ObjectType({ description: 'Result of createProject.' })
export class CreateProjectPayload {
  @Field(() => Project, { nullable: true, description: 'The new project; null when refused.' }) project!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateProject.' })
export class UpdateProjectPayload {
  @Field(() => Project, { nullable: true, description: 'The project after the change; null when refused.' }) project!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}
