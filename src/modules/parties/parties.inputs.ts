import { payloadType } from '../../graphql/payload';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { SortDirection } from '../../graphql/enums';
import type { PartyKind as Kind } from './parties.table';
import { Party, PartyKind, PartySortField } from './parties.types';

@InputType({ description: 'A new party.' })
export class CreatePartyInput {
  @Field(() => PartyKind, { description: 'Kind of party; decides which identifier it carries.' }) kind!: Kind;
  @Field(() => String, { description: 'Name (名称/户主姓名), at most 200 characters.' }) name!: string;
  @Field(() => DivisionCodeScalar, { description: 'Region the party belongs to; must be in your scope.' }) regionCode!: string;
  @Field(() => String, { nullable: true, description: 'Unified social credit code (organisations only), checked per GB 32100.' }) creditCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Resident ID (households only), checked per GB 11643; stored encrypted.' }) residentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Contact person (联系人).' }) contactPerson?: string | null;
  @Field(() => String, { nullable: true, description: 'Contact phone (联系电话).' }) contactPhone?: string | null;
}

@InputType({ description: 'Changes to a party: omitted fields stay as they are, null clears an optional one.' })
export class UpdatePartyInput {
  @Field(() => ID, { description: 'Global ID of the party.' }) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one is a VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => PartyKind, { nullable: true, description: 'New kind; must fit the identifier the party carries.' }) kind?: Kind;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string;
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New region, in your scope.' }) regionCode?: string;
  @Field(() => String, { nullable: true, description: 'New credit code (organisations); null clears it.' }) creditCode?: string | null;
  @Field(() => String, { nullable: true, description: 'New resident ID (households); null clears it.' }) residentId?: string | null;
  @Field(() => String, { nullable: true, description: 'New contact person; null clears it.' }) contactPerson?: string | null;
  @Field(() => String, { nullable: true, description: 'New contact phone; null clears it.' }) contactPhone?: string | null;
}

@InputType({ description: 'Narrows a list of parties. All given conditions must hold.' })
export class PartyFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Parties in this region's subtree." }) region?: string;
  @Field(() => PartyKind, { nullable: true, description: 'Only parties of this kind.' }) kind?: Kind;
  @Field(() => String, { nullable: true, description: 'Part of the name, or an exact credit code.' }) text?: string;
}

@InputType({ description: 'Order of a list of parties (ties broken by id).' })
export class PartyOrderBy {
  @Field(() => PartySortField, { description: 'What to order by.' }) field!: 'NAME' | 'CREATED_AT';
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending (default) or descending.' }) direction!: SortDirection;
}

export const CreatePartyPayload = payloadType('CreatePartyPayload', 'Result of createParty.', { party: [() => Party, 'The new party.'] });
export const UpdatePartyPayload = payloadType('UpdatePartyPayload', 'Result of updateParty.', { party: [() => Party, 'The party after the change.'] });
