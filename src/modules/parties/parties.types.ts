import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, connectionType } from '../../graphql/relay';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

export enum PartyKind {
  VILLAGE_COLLECTIVE = 'VILLAGE_COLLECTIVE',
  TOWNSHIP_GOVERNMENT = 'TOWNSHIP_GOVERNMENT',
  GOVERNMENT_DEPARTMENT = 'GOVERNMENT_DEPARTMENT',
  HOUSEHOLD = 'HOUSEHOLD',
  COOPERATIVE = 'COOPERATIVE',
  ENTERPRISE = 'ENTERPRISE',
  OTHER = 'OTHER',
}

registerEnumType(PartyKind, {
  name: 'PartyKind',
  description: 'What kind of party (主体类型).',
  valuesConfig: {
    VILLAGE_COLLECTIVE: { description: '村集体经济组织 (village collective economic organisation)' },
    TOWNSHIP_GOVERNMENT: { description: '乡镇人民政府 (township government)' },
    GOVERNMENT_DEPARTMENT: { description: '行业主管部门 (competent government department)' },
    HOUSEHOLD: { description: '农户 (rural household)' },
    COOPERATIVE: { description: '农民专业合作社 (farmers\' cooperative)' },
    ENTERPRISE: { description: '企业 (enterprise)' },
    OTHER: { description: '其他 (other)' },
  },
});

export enum PartySortField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(PartySortField, {
  name: 'PartySortField',
  description: 'What to order parties by.',
  valuesConfig: { NAME: { description: 'Name.' }, CREATED_AT: { description: 'When registered.' } },
});


@ObjectType('Party', { implements: Node, description: 'A party (主体): owns, looks after, operates, pays or is paid.' })
export class Party extends Node {
  @Field(() => PartyKind, { description: 'Kind of party.' }) kind!: PartyKind;
  @Field(() => String, { description: 'Name (名称/户主姓名).' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码) of an organisation.' }) creditCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Resident ID of a household (身份证号), always masked.' }) residentIdMasked!: string | null;
  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the party was registered.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the party last changed.' }) updatedAt!: Date;
}

export const PartyConnection = connectionType(Party, 'Party', 'A page of parties.');

@ObjectType({ description: 'Result of createParty.' })
export class CreatePartyPayload {
  @Field(() => Party, { nullable: true, description: 'The new party; null when refused.' }) party!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateParty.' })
export class UpdatePartyPayload {
  @Field(() => Party, { nullable: true, description: 'The party after the change; null when refused.' }) party!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}
