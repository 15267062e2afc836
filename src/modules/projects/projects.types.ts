import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { FUNDING_SOURCES, PROJECT_KINDS, PROJECT_STATUSES, type FundingSource as FundingSourceValue } from './projects.table';

export const ProjectKind = graphqlEnum('ProjectKind', PROJECT_KINDS, 'What a project built (项目类型).', {
  INDUSTRY: '产业发展 (industry development)',
  INFRASTRUCTURE: '基础设施 (infrastructure)',
  PUBLIC_SERVICE: '公共服务 (public services: schools, clinics)',
  HOUSING: '住房安全 (housing)',
  EMPLOYMENT: '就业帮扶 (employment: workshops)',
  OTHER: '其他 (other)',
});

export const ProjectStatus = graphqlEnum('ProjectStatus', PROJECT_STATUSES, 'Where a project stands (项目状态).', {
  PLANNED: '计划 (planned)',
  IN_PROGRESS: '实施中 (in progress)',
  COMPLETED: '完工 (completed)',
  ACCEPTED: '验收 (accepted)',
});

/** 资金来源, in Chinese: enum descriptions and spreadsheet cells. */
export const FUNDING_SOURCE_NAMES: Record<FundingSourceValue, string> = {
  CENTRAL_FISCAL: '中央财政衔接资金',
  PROVINCIAL_FISCAL: '省级财政',
  CITY_FISCAL: '市级财政',
  COUNTY_FISCAL: '县级财政',
  GOVERNMENT_BOND: '政府债券',
  EAST_WEST_COOPERATION: '东西部协作',
  DESIGNATED_ASSISTANCE: '定点帮扶',
  SOCIAL_DONATION: '社会捐赠',
  SELF_RAISED: '自筹',
  OTHER: '其他',
};

export const FundingSource = graphqlEnum('FundingSource', FUNDING_SOURCES, 'Where money came from (资金来源).', {
  CENTRAL_FISCAL: '中央财政衔接资金 (central fiscal transition funds)',
  PROVINCIAL_FISCAL: '省级财政 (provincial budget)',
  CITY_FISCAL: '市级财政 (city budget)',
  COUNTY_FISCAL: '县级财政 (county budget)',
  GOVERNMENT_BOND: '政府债券 (government bonds)',
  EAST_WEST_COOPERATION: '东西部协作 (east–west cooperation)',
  DESIGNATED_ASSISTANCE: '定点帮扶 (designated assistance)',
  SOCIAL_DONATION: '社会捐赠 (donations)',
  SELF_RAISED: '自筹 (self-raised)',
  OTHER: '其他 (other)',
});

export const PROJECT_SORT_FIELDS = ['CODE', 'YEAR', 'NAME'] as const;
export const ProjectSortField = graphqlEnum('ProjectSortField', PROJECT_SORT_FIELDS, 'What to order projects by.', { CODE: 'Project code.', YEAR: 'Project year.', NAME: 'Name.' });

@ObjectType('ProjectFunding', { description: 'One funding line of a project: how much came from one source (资金来源).' })
export class ProjectFunding {
  @Field(() => FundingSource, { description: 'The source.' }) source!: FundingSourceValue;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The amount.' }) amountFen!: bigint;
}

@ObjectType('Project', { implements: Node, description: 'A poverty-alleviation project (扶贫项目) whose money formed assets.' })
export class Project extends Node {
  @Field(() => String, { description: 'Project code (项目编号), unique.' }) code!: string;
  @Field(() => String, { description: 'Name (项目名称).' }) name!: string;
  @Field(() => Int, { description: 'Project year (项目年度).' }) year!: number;
  @Field(() => ProjectKind, { description: 'Kind of project.' }) kind!: string;
  @Field(() => ProjectStatus, { description: 'Status.' }) status!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Started (开工).' }) startedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Completed (完工).' }) completedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted (验收).' }) acceptedOn!: string | null;
  @Field(() => Int, { description: 'Version for optimistic concurrency.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When registered.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When last changed.' }) updatedAt!: Date;
}

export const ProjectConnection = connectionType(Project, 'Project', 'A page of projects.');
