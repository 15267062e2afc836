import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateTimeScalar } from '../../graphql/scalars';
import { PARTY_KINDS } from './parties.table';

export const PartyKind = graphqlEnum('PartyKind', PARTY_KINDS, 'What kind of party (主体类型).', {
  VILLAGE_COLLECTIVE: '村集体经济组织 (village collective economic organisation)',
  TOWNSHIP_GOVERNMENT: '乡镇人民政府 (township government)',
  GOVERNMENT_DEPARTMENT: '行业主管部门 (competent government department)',
  HOUSEHOLD: '农户 (rural household)',
  COOPERATIVE: "农民专业合作社 (farmers' cooperative)",
  ENTERPRISE: '企业 (enterprise)',
  OTHER: '其他 (other)',
});

export const PARTY_SORT_FIELDS = ['NAME', 'CREATED_AT'] as const;
export const PartySortField = graphqlEnum('PartySortField', PARTY_SORT_FIELDS, 'What to order parties by.', { NAME: 'Name.', CREATED_AT: 'When registered.' });

@ObjectType('Party', { implements: Node, description: 'A party (主体): owns, looks after, operates, pays or is paid.' })
export class Party extends Node {
  @Field(() => PartyKind, { description: 'Kind of party.' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码) of an organisation.' }) creditCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Resident ID of a household (身份证号), always masked.' }) residentIdMasked!: string | null;
  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the party was registered.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the party last changed.' }) updatedAt!: Date;
}

export const PartyConnection = connectionType(Party, 'Party', 'A page of parties.');
