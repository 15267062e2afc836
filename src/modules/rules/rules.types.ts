import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { DateScalar } from '../../graphql/scalars';
import { RULE_NAMES, RULE_UNITS, RULES, type RuleName } from './rules.catalog';

export const RuleNameEnum = graphqlEnum(
  'RuleName',
  RULE_NAMES,
  'A rule parameter (各地规则) with a default that a province, city or county may override.',
  Object.fromEntries(RULE_NAMES.map((name) => [name, `${RULES[name].zh}: ${RULES[name].en}. Default ${RULES[name].default}.`])) as Record<RuleName, string>,
);

export const RuleUnitEnum = graphqlEnum('RuleUnit', RULE_UNITS, 'What a rule value counts.', {
  DAYS: 'Days.',
  BASIS_POINTS: 'Basis points (10000 = 100%).',
  YEARS: 'Years.',
  YEAR: 'A calendar year.',
});

@ObjectType('RuleParameterValue', { description: 'A rule parameter as it applies to a region on a date, and where the value comes from.' })
export class RuleParameterValue {
  @Field(() => RuleNameEnum, { description: 'The rule.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the value is for (an asset category) when the rule varies by it; null for all.' }) subject!: string | null;
  @Field(() => Int, { description: 'The value in force.' }) value!: number;
  @Field(() => Int, { description: 'The default, where no region overrides it.' }) defaultValue!: number;
  @Field(() => RuleUnitEnum, { description: 'What the value counts.' }) unit!: string;
  @Field(() => String, { description: 'What the rule is (Chinese and English).' }) description!: string;
  @Field(() => DateScalar, { nullable: true, description: 'When the override in force began; null for the default.' }) validFrom!: string | null;
  @Field(() => String, { nullable: true, description: "The override's note." }) note!: string | null;
}
