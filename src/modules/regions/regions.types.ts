import { Field, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { REGION_LEVELS } from './regions.table';

export const RegionLevel = graphqlEnum('RegionLevel', REGION_LEVELS, 'Level of an administrative region (行政级别).', {
  PROVINCE: '省',
  CITY: '市/州',
  COUNTY: '县/区',
  TOWNSHIP: '乡/镇/街道',
  VILLAGE: '村/社区',
});

@ObjectType('Region', { implements: Node, description: 'An administrative region (行政区划) identified by its 12-digit statistical division code.' })
export class Region extends Node {
  @Field(() => DivisionCodeScalar, { description: 'Statistical division code (统计用区划代码), 12 digits.' }) code!: number;
  @Field(() => String, { description: 'Official name (名称).' }) name!: string;
  @Field(() => RegionLevel, { description: 'Province, city, county, township or village.' }) level!: string;
}

export const RegionConnection = connectionType(Region, 'Region', 'A page of regions, ordered by code.');
