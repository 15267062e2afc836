import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, connectionType } from '../../graphql/relay';
import { DateTimeScalar, DivisionCodeScalar } from '../../graphql/scalars';

@ObjectType('FieldChange', { description: 'One field an audited change altered: its dotted path and both values.' })
export class FieldChange {
  @Field(() => String, { description: 'Dotted path of the field, e.g. `status` or `lines` (a list is one value).' }) field!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value before (null: absent).' }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value after (null: absent).' }) after!: unknown;
}

@ObjectType('AuditEvent', { implements: Node, description: 'One change in the audit trail (审计留痕): append-only and hash-chained per county.' })
export class AuditEvent extends Node {
  @Field(() => DateTimeScalar, { description: 'When the change was committed.' }) occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'User id of the actor (from the token).' }) actorId!: string | null;
  @Field(() => String, { nullable: true, description: 'Role of the actor when it acted.' }) actorRole!: string | null;
  @Field(() => String, { description: 'Request id: correlates the event with the server logs.' }) requestId!: string;
  @Field(() => String, { description: 'What was done, `<entity>.<verb>`, e.g. `party.create`.' }) action!: string;
  @Field(() => String, { description: 'Type of the changed entity, e.g. `Party`.' }) entityType!: string;
  @Field(() => String, { description: 'Global ID of the changed entity.' }) entityId!: string;
  @Field(() => DivisionCodeScalar, { description: 'Region of the changed entity; decides who may read the event.' }) regionCode!: number;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The entity before the change (resident IDs masked, never stored in clear).' }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The entity after the change (resident IDs masked, never stored in clear).' }) after!: unknown;
  @Field(() => String, { description: 'County chain the event belongs to (6-digit prefix).' }) chainKey!: string;
  @Field(() => Int, { description: 'Position in its chain, from 1.' }) seq!: number;
  @Field(() => String, { description: 'SHA-256 of the previous event of the chain.' }) prevHash!: string;
  @Field(() => String, { description: 'SHA-256 of this event, its content and prevHash.' }) hash!: string;
}

export const AuditEventConnection = connectionType(AuditEvent, 'AuditEvent', 'A page of audit events, newest first.');

export enum AuditChainBreak {
  CONTENT_ALTERED = 'CONTENT_ALTERED',
  EVENT_MISSING = 'EVENT_MISSING',
  LINK_BROKEN = 'LINK_BROKEN',
}

registerEnumType(AuditChainBreak, {
  name: 'AuditChainBreak',
  description: 'How an audit chain was found broken.',
  valuesConfig: {
    CONTENT_ALTERED: { description: 'The event no longer matches its hash: its content was changed.' },
    EVENT_MISSING: { description: 'The event before it in the chain was removed.' },
    LINK_BROKEN: { description: "Its prevHash does not match the previous event's hash." },
  },
});

@ObjectType({ description: 'Result of verifying the audit chains in your scope.' })
export class AuditChainVerification {
  @Field(() => Boolean, { description: 'True when every event in scope matches its hash and links to its predecessor.' }) ok!: boolean;
  @Field(() => Int, { description: 'How many events in scope were checked.' }) checkedCount!: number;
  @Field(() => AuditEvent, { nullable: true, description: 'The first broken event (lowest id), if any.' }) firstBrokenEvent!: unknown;
  @Field(() => AuditChainBreak, { nullable: true, description: 'How it is broken.' }) reason!: AuditChainBreak | null;
}
