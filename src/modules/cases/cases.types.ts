import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { FINDING_STATUSES, NOTE_KINDS } from './cases.table';

export const FindingStatusEnum = graphqlEnum('FindingStatus', FINDING_STATUSES, 'Where the rectification (整改) of a finding stands.', {
  OPEN: '待整改: found; nothing done yet.',
  RECTIFYING: '整改中: the responsible side is at work (or it was sent back).',
  RECTIFIED: '已整改: the responsible side says it is done; an auditor closes it or sends it back.',
  CLOSED: '已销号: closed by an auditor.',
});

export const FindingNoteKindEnum = graphqlEnum('FindingNoteKind', NOTE_KINDS, 'A step of a rectification.', {
  RECTIFICATION: '整改记录: what was done.',
  RECTIFIED: '整改完成: marked rectified.',
  SENT_BACK: '退回: sent back by an auditor.',
  CLOSED: '销号: closed by an auditor.',
});

@ObjectType('AuditCase', { implements: Node, description: 'An audit or inspection (审计/检查) of a region, with its findings.' })
export class AuditCase extends Node {
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => DateScalar, { description: 'When it was opened.' }) openedOn!: string;
  @Field(() => String, { nullable: true, description: 'Note.' }) note!: string | null;
}

@ObjectType('AuditFinding', { implements: Node, description: 'A finding of an audit case (问题) and its rectification (整改).' })
export class AuditFinding extends Node {
  @Field(() => String, { description: "What is wrong (a plan's words it quotes masked as the plan's are, for roles that may not read personal data)." }) description!: string;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The money involved.' }) amountFen!: bigint;
  @Field(() => GraphQLJSON, { nullable: true, description: "The check's measured evidence when it was added (masked as the description is)." }) evidence!: unknown;
  @Field(() => DateScalar, { description: 'Rectification due date (整改期限).' }) dueOn!: string;
  @Field(() => FindingStatusEnum, { description: 'Status.' }) status!: string;
  @Field(() => DateScalar, { nullable: true, description: 'When it was closed.' }) closedOn!: string | null;
  @Field(() => DateScalar, { description: 'When it was added.' }) createdOn!: string;
  @Field(() => Int, { description: 'Version, for the next step (expectedVersion).' }) version!: number;
}

@ObjectType('FindingNote', { description: 'A step of a rectification and what was said with it.' })
export class FindingNote {
  @Field(() => FindingNoteKindEnum, { description: 'Kind.' }) kind!: string;
  @Field(() => String, { description: 'What was said.' }) text!: string;
  @Field(() => DateScalar, { description: 'Its date.' }) on!: string;
  @Field(() => String, { nullable: true, description: 'The role of whoever wrote it.' }) actorRole!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}

export const AuditCaseConnection = connectionType(AuditCase, 'AuditCase', 'A page of audit cases, newest first.');
export const AuditFindingConnection = connectionType(AuditFinding, 'AuditFinding', 'A page of findings, the oldest due first.');
