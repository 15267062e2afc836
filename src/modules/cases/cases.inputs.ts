import { Field, ID, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import type { AuditCheck } from '../checks/checks.service';
import { AuditCheckEnum, FindingSeverityEnum } from '../checks/checks.types';
import type { FindingRow } from './cases.table';
import { AuditCase, AuditFinding } from './cases.types';

@InputType({ description: 'Opens an audit or inspection of a region in your scope.' })
export class OpenAuditCaseInput {
  @Field(() => DivisionCodeScalar, { description: 'The region.' }) regionCode!: string;
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'Note.' }) note?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was opened; today when omitted.' }) openedOn?: string | null;
}

@InputType({ description: 'Adds a finding to a case: a check and its subject (as auditFindings gives them), or by hand a description and a severity.' })
export class AddFindingInput {
  @Field(() => ID, { description: 'Global ID of the case.' }) caseId!: string;
  @Field(() => AuditCheckEnum, { nullable: true, description: 'The check whose result it is.' }) check?: AuditCheck | null;
  @Field(() => ID, { nullable: true, description: "The check result's subject (its subjectId)." }) subjectId?: string | null;
  @Field(() => ID, { nullable: true, description: 'By hand: the asset it concerns, if any.' }) assetId?: string | null;
  @Field(() => String, { nullable: true, description: "What is wrong (by hand; from a check, the check's message when omitted)." }) description?: string | null;
  @Field(() => FindingSeverityEnum, { nullable: true, description: "Severity (by hand; from a check, the check's when omitted)." }) severity?: FindingRow['severity'] | null;
  @Field(() => MoneyScalar, { nullable: true, description: "The money involved (from a check, the check's when omitted)." }) amount?: bigint | null;
  @Field(() => DateScalar, { description: 'Rectification due date (整改期限), today or later.' }) dueOn!: string;
}

@InputType({ description: 'A step of a finding’s rectification, with what was done or why.' })
export class FindingStepInput {
  @Field(() => ID, { description: 'Global ID of the finding.' }) findingId!: string;
  @Field(() => String, { description: 'What was done, or why.' }) note!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Its date; today when omitted.' }) on?: string | null;
  @Field(() => Int, { nullable: true, description: "The finding's version you read." }) expectedVersion?: number | null;
}

@InputType({ description: 'What was done about a finding.' })
export class RecordRectificationInput extends FindingStepInput {}
@InputType({ description: 'A finding marked rectified, with what was done.' })
export class MarkFindingRectifiedInput extends FindingStepInput {}
@InputType({ description: 'A RECTIFIED finding closed, with the closing note.' })
export class CloseFindingInput extends FindingStepInput {}
@InputType({ description: 'A RECTIFIED finding sent back, with why.' })
export class SendBackFindingInput extends FindingStepInput {}

export const OpenAuditCasePayload = payloadType('OpenAuditCasePayload', 'Result of openAuditCase.', { auditCase: [() => AuditCase, 'The case.'] });
const findingPayload = (name: string) => payloadType(`${name}Payload`, `Result of ${name[0]!.toLowerCase()}${name.slice(1)}.`, { finding: [() => AuditFinding, 'The finding.'] });
export const AddFindingPayload = findingPayload('AddFinding');
export const RecordRectificationPayload = findingPayload('RecordRectification');
export const MarkFindingRectifiedPayload = findingPayload('MarkFindingRectified');
export const CloseFindingPayload = findingPayload('CloseFinding');
export const SendBackFindingPayload = findingPayload('SendBackFinding');
