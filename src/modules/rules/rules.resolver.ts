import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toPayload } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { Region } from '../regions/regions.types';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { SetRuleParameterInput, SetRuleParameterPayload } from './rules.inputs';
import * as rules from './rules.service';
import { RuleParameterValue } from './rules.types';

@Resolver(() => RuleParameterValue)
export class RulesResolver {
  @Query(() => [RuleParameterValue], {
    description: 'Every rule parameter (各地规则) as it applies to a region on a date, with where each value comes from; empty for a region outside your scope and not above it.',
  })
  ruleParameters(
    @Ctx() ctx: Context,
    @Arg('region', () => DivisionCodeScalar, { description: 'The region.' }) region: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ): Promise<rules.RuleValue[]> {
    return rules.ruleParameters(ctx.db, ctx.viewer, region, asOf ?? ctx.clock.today());
  }

  @Mutation(() => SetRuleParameterPayload, { description: 'Overrides a rule parameter for a province, city or county from a date (ADMIN).' })
  async setRuleParameter(@Ctx() ctx: Context, @Arg('input', () => SetRuleParameterInput, { description: 'The rule, the region, the value and the date.' }) input: SetRuleParameterInput) {
    return toPayload('ruleParameter', await rules.setRuleParameter(ctx.db, ctx.viewer, ctx.clock, input));
  }

  @FieldResolver(() => String, { nullable: true })
  subject(@Root() v: rules.RuleValue): string | null {
    return v.subject || null;
  }

  @FieldResolver(() => Int)
  defaultValue(@Root() v: rules.RuleValue): number {
    return v.definition.default;
  }

  @FieldResolver(() => String)
  unit(@Root() v: rules.RuleValue): string {
    return v.definition.unit;
  }

  @FieldResolver(() => String)
  description(@Root() v: rules.RuleValue): string {
    return `${v.definition.zh} (${v.definition.en})`;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  validFrom(@Root() v: rules.RuleValue): string | null {
    return v.override?.validFrom ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  note(@Root() v: rules.RuleValue): string | null {
    return v.override?.note ?? null;
  }

  @FieldResolver(() => DivisionCodeScalar, { nullable: true, description: 'The region whose override is in force (the province above a county, say); null for the default.' })
  sourceRegionCode(@Root() v: rules.RuleValue): number | null {
    return v.override?.regionCode ?? null;
  }

  @FieldResolver(() => Region, { nullable: true, description: 'That region, when it lies in your scope.' })
  source(@Ctx() ctx: Context, @Root() v: rules.RuleValue): Promise<RegionRow | null> | null {
    return v.override ? ctx.loaders.get(regionByCode).load(v.override.regionCode) : null;
  }
}
