import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';

@ObjectType('SummaryBreakdown', { description: 'Count and original value of one class, category or status.' })
export class SummaryBreakdown {
  @Field(() => String, { description: 'The class, category or status (its enum value).' }) key!: string;
  @Field(() => Int, { description: 'Number of assets.' }) assetCount!: number;
  @Field(() => MoneyScalar, { name: 'originalValue', description: 'Sum of their original values.' }) originalValueFen!: bigint;
}

@ObjectType('RegionSummary', { description: 'The register of a region on a date (资产底数), by class, category and status.' })
export class RegionSummary {
  @Field(() => DivisionCodeScalar, { description: 'The region.' }) regionCode!: string;
  @Field(() => DateScalar, { description: 'The date summarised: assets registered by then, with the status they had then.' }) asOf!: string;
  @Field(() => Int, { description: 'Number of assets.' }) assetCount!: number;
  @Field(() => MoneyScalar, { name: 'originalValue', description: 'Sum of original values.' }) originalValueFen!: bigint;
  @Field(() => Int, { description: 'Assets with confirmed owners on the date.' }) ownershipConfirmedCount!: number;
  @Field(() => [SummaryBreakdown], { description: 'By class (资产类别).' }) byClass!: SummaryBreakdown[];
  @Field(() => [SummaryBreakdown], { description: 'By category (资产类型).' }) byCategory!: SummaryBreakdown[];
  @Field(() => [SummaryBreakdown], { description: 'By status (资产状态).' }) byStatus!: SummaryBreakdown[];
}
