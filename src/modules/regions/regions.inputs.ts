import { Field, InputType } from 'type-graphql';
import { DivisionCodeScalar } from '../../graphql/scalars';
import type { RegionLevel as Level } from './division-code';
import { RegionLevel } from './regions.types';

@InputType({ description: 'Narrows a list of regions. All given conditions must hold.' })
export class RegionFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Direct children of this region.' }) parent?: string;
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Anywhere in this region's subtree (itself included)." }) within?: string;
  @Field(() => RegionLevel, { nullable: true, description: 'Only regions of this level.' }) level?: Level;
  @Field(() => String, { nullable: true, description: 'Part of the name, or the start of the code.' }) text?: string;
}
