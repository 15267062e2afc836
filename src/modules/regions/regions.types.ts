import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node, connectionType } from '../../graphql/relay';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { RegionLevel } from './division-code';

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level of an administrative region (行政级别).',
  valuesConfig: {
    PROVINCE: { description: '省' },
    CITY: { description: '市/州' },
    COUNTY: { description: '县/区' },
    TOWNSHIP: { description: '乡/镇/街道' },
    VILLAGE: { description: '村/社区' },
  },
});

@ObjectType('Region', { implements: Node, description: 'An administrative region (行政区划) identified by its 12-digit statistical division code.' })
export class Region extends Node {
  @Field(() => DivisionCodeScalar, { description: 'Statistical division code (统计用区划代码), 12 digits.' }) code!: number;
  @Field(() => String, { description: 'Official name (名称).' }) name!: string;
  @Field(() => RegionLevel, { description: 'Province, city, county, township or village.' }) level!: RegionLevel;
}

export const RegionConnection = connectionType(Region, 'Region', 'A page of regions, ordered by code.');
