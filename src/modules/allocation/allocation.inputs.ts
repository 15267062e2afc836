import { Field, ID, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import type { DisbursementRow, LineRow, PlanRow } from './allocation.table';
import { AllocationPlan, AllocationPlanStatus, AllocationPurpose, Disbursement, PaymentMethod } from './allocation.types';

const KEY = 'A key of your choosing (1–100 visible ASCII characters): a retry with the same key and input answers the first result and writes nothing.';
const VERSION = 'The version you read; the step is refused if the plan changed since.';

@InputType({ description: 'A line of a plan.' })
export class AllocationLineInput {
  @Field(() => AllocationPurpose, { description: 'Purpose (only the allowed ones exist).' }) purpose!: LineRow['purpose'];
  @Field(() => MoneyScalar, { description: 'Amount, more than zero.' }) amount!: bigint;
  @Field(() => String, { nullable: true, description: 'Beneficiaries, as a rule or a list (published on the notice, with ID and phone numbers masked).' }) beneficiaryRule?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Parties named as beneficiaries (households shown as surname + 某 on the notice), at most 2000.' }) beneficiaryIds?: string[] | null;
}

@InputType({ description: "Draws up a plan for an owner's income received in a period: it takes every receipt of the owner's pool in the period that is in no other plan." })
export class CreateAllocationPlanInput {
  @Field(() => ID, { description: 'Global ID of the owner party (the collective whose income it is).' }) ownerId!: string;
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => DateScalar, { description: 'First received date of the income it takes.' }) periodFrom!: string;
  @Field(() => DateScalar, { description: 'Last received date of the income it takes.' }) periodTo!: string;
  @Field(() => [AllocationLineInput], { description: 'Lines (1 to 50); Σ at most the income taken.' }) lines!: AllocationLineInput[];
  @Field(() => String, { nullable: true, description: 'Note.' }) note?: string | null;
  @Field(() => String, { nullable: true, description: KEY }) idempotencyKey?: string | null;
}

@InputType({ description: 'Changes a DRAFT plan; lines, when given, replace all of them.' })
export class UpdateAllocationPlanInput {
  @Field(() => ID, { description: 'Global ID of the plan.' }) planId!: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New title.' }) title?: string | null;
  @Field(() => [AllocationLineInput], { nullable: true, description: 'New lines.' }) lines?: AllocationLineInput[] | null;
  @Field(() => String, { nullable: true, description: 'New note (null clears it).' }) note?: string | null;
}

@InputType({ description: 'Makes a DRAFT plan public (公示) from a date for a number of days; its lines are frozen.' })
export class PublicizeAllocationPlanInput {
  @Field(() => ID, { description: 'Global ID of the plan.' }) planId!: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => DateScalar, { description: 'First day of the publicity.' }) startsOn!: string;
  @Field(() => Int, { description: 'Days, at least MIN_PUBLICITY_DAYS in force for the owner.' }) days!: number;
}

@InputType({ description: "Records the villagers' meeting's approval of a PUBLICIZED plan." })
export class ApproveAllocationPlanInput {
  @Field(() => ID, { description: 'Global ID of the plan.' }) planId!: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => String, { description: 'Resolution number (决议文号).' }) resolutionNo!: string;
  @Field(() => DateScalar, { description: "The resolution's date: after the publicity's last day, not in the future." }) resolutionOn!: string;
  @Field(() => String, { nullable: true, description: "Reference of the township's review." }) townshipReviewRef?: string | null;
}

@InputType({ description: 'Cancels a DRAFT or PUBLICIZED plan; its income returns to the pool.' })
export class CancelAllocationPlanInput {
  @Field(() => ID, { description: 'Global ID of the plan.' }) planId!: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => String, { description: 'Why.' }) reason!: string;
}

@InputType({ description: 'A payment against a line of an APPROVED plan (兑付). Give the payee as a party or as a name.' })
export class RecordDisbursementInput {
  @Field(() => ID, { description: 'Global ID of the plan line.' }) lineId!: string;
  @Field(() => MoneyScalar, { description: 'Amount, more than zero and at most what is left unpaid of the line.' }) amount!: bigint;
  @Field(() => DateScalar, { description: 'When it was paid: not before the approval, not in the future.' }) paidOn!: string;
  @Field(() => ID, { nullable: true, description: 'The payee, a party of the register.' }) payeeId?: string | null;
  @Field(() => String, { nullable: true, description: 'The payee by name, when no party (personal data).' }) payeeName?: string | null;
  @Field(() => PaymentMethod, { description: 'How it was paid.' }) method!: DisbursementRow['method'];
  @Field(() => String, { nullable: true, description: 'Voucher number.' }) voucherNo?: string | null;
  @Field(() => String, { nullable: true, description: 'Note.' }) note?: string | null;
  @Field(() => String, { nullable: true, description: KEY }) idempotencyKey?: string | null;
}

@InputType({ description: 'Reverses a disbursement in full (红字冲销).' })
export class ReverseDisbursementInput {
  @Field(() => ID, { description: 'Global ID of the disbursement.' }) disbursementId!: string;
  @Field(() => String, { description: 'Why.' }) reason!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the reversal; today when omitted.' }) reversedOn?: string | null;
  @Field(() => String, { nullable: true, description: KEY }) idempotencyKey?: string | null;
}

@InputType({ description: 'Narrows a list of allocation plans. All given conditions must hold.' })
export class AllocationPlanFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Plans of owners in this region's subtree." }) region?: string;
  @Field(() => ID, { nullable: true, description: 'Only this owner.' }) owner?: string;
  @Field(() => AllocationPlanStatus, { nullable: true, description: 'Only this status.' }) status?: PlanRow['status'];
}

const plan = (what: string) => payloadType(`${what}AllocationPlanPayload`, `Result of ${what.toLowerCase()}AllocationPlan.`, { allocationPlan: [() => AllocationPlan, 'The plan.'] });
export const CreateAllocationPlanPayload = plan('Create');
export const UpdateAllocationPlanPayload = plan('Update');
export const PublicizeAllocationPlanPayload = plan('Publicize');
export const ApproveAllocationPlanPayload = plan('Approve');
export const CancelAllocationPlanPayload = plan('Cancel');
export const RecordDisbursementPayload = payloadType('RecordDisbursementPayload', 'Result of recordDisbursement.', { disbursement: [() => Disbursement, 'The payment.'] });
export const ReverseDisbursementPayload = payloadType('ReverseDisbursementPayload', 'Result of reverseDisbursement.', { disbursement: [() => Disbursement, 'The reversal.'] });
