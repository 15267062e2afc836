import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { connectionType } from '../../graphql/relay';
import { MoneyScalar } from '../../graphql/scalars';
import { RuleNameEnum } from '../rules/rules.types';
import type { RuleName } from '../rules/rules.service';
import { AUDIT_CHECKS, CHECK_TITLES, SEVERITIES } from './checks.catalog';

export const AuditCheckEnum = graphqlEnum(
  'AuditCheck',
  AUDIT_CHECKS,
  'An automated audit check (DESIGN.md §4).',
  Object.fromEntries(AUDIT_CHECKS.map((c) => [c, `${CHECK_TITLES[c].zh}: ${CHECK_TITLES[c].en} (${CHECK_TITLES[c].severity}).`])) as Record<(typeof AUDIT_CHECKS)[number], string>,
);

export const FindingSeverityEnum = graphqlEnum('FindingSeverity', SEVERITIES, 'How grave a finding is.', {
  HIGH: '高: money or assets at risk now.',
  MEDIUM: '中: a duty of management not met.',
  LOW: '低: worth a look.',
});

@ObjectType('CheckFinding', { description: 'A problem an automated check found, with what it measured.' })
export class CheckFinding {
  @Field(() => AuditCheckEnum, { description: 'The check.' }) check!: string;
  @Field(() => FindingSeverityEnum, { description: 'Its severity.' }) severity!: string;
  @Field(() => String, { description: 'The kind of subject: Asset, Project, OperatingContract, IncomeRecord, Party, AllocationPlan, AllocationLine.' }) subjectType!: string;
  @Field(() => MoneyScalar, { name: 'amount', description: "The money involved (an asset's original value where no money moves)." }) amountFen!: string;
  @Field(() => GraphQLJSON, { description: 'What the check measured.' }) evidence!: Record<string, unknown>;
  @Field(() => String, { description: 'What is wrong, in Chinese.' }) messageZh!: string;
  @Field(() => String, { description: 'What is wrong, in English.' }) messageEn!: string;
}

export const CheckFindingConnection = connectionType(CheckFinding, 'CheckFinding', 'A page of findings, most severe first, then by the money involved.');

@ObjectType('AuditCheckSummary', { description: "One check's findings over a region on a date: how many, and the money involved." })
export class AuditCheckSummary {
  @Field(() => AuditCheckEnum, { description: 'The check.' }) check!: string;
  @Field(() => FindingSeverityEnum, { description: 'Its severity.' }) severity!: string;
  @Field(() => Int, { description: 'Findings.' }) findings!: number;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The money involved, summed.' }) amountFen!: string;
}

@InputType('RuleThresholdInput', { description: 'A rule parameter set for one run of the checks (the rules in force are not changed).' })
export class RuleThresholdInput {
  @Field(() => RuleNameEnum, { description: 'A rule one of the chosen checks reads.' }) name!: RuleName;
  @Field(() => Int, { description: 'Its value for this run, within the rule’s bounds.' }) value!: number;
}
