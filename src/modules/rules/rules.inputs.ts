import { Field, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import type { RuleName } from './rules.catalog';
import { RuleNameEnum, RuleParameterValue } from './rules.types';

@InputType({ description: 'An override of a rule parameter for a province, city or county, from a date.' })
export class SetRuleParameterInput {
  @Field(() => RuleNameEnum, { description: 'The rule.' }) name!: RuleName;
  @Field(() => DivisionCodeScalar, { description: 'A province, city or county in your scope.' }) regionCode!: string;
  @Field(() => String, { nullable: true, description: 'For a rule that varies by it, the asset category the value is for; omit for all.' }) subject?: string | null;
  @Field(() => Int, { description: "The value, within the rule's bounds." }) value!: number;
  @Field(() => DateScalar, { nullable: true, description: 'From when it applies; today when omitted. An override of the same rule, region and date is replaced.' }) validFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Why, or the document that sets it.' }) note?: string | null;
}

export const SetRuleParameterPayload = payloadType('SetRuleParameterPayload', 'Result of setRuleParameter.', {
  ruleParameter: [() => RuleParameterValue, 'The value then in force for the region.'],
});
