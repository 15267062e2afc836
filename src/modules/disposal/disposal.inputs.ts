import { Field, ID, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import { AccountType } from '../income/income.types';
import type { AccountType as AccountTypeValue } from '../income/income.service';
import type { DisposalRow } from './disposal.table';
import { Disposal, DisposalMethod, DisposalStatus } from './disposal.types';

@InputType({ description: 'Asks to dispose of an asset; it goes UNDER_DISPOSAL until the disposal is completed or rejected.' })
export class RequestDisposalInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => DisposalMethod, { description: 'Method.' }) method!: DisposalRow['method'];
  @Field(() => String, { description: 'Why.' }) reason!: string;
  @Field(() => MoneyScalar, { description: 'Appraised value (评估价); 0 when there is nothing to sell.' }) appraisedValue!: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the request; today when omitted.' }) requestedOn?: string | null;
  @Field(() => Int, { nullable: true, description: "The asset's version you read." }) expectedVersion?: number | null;
}

@InputType({ description: "The township's approval of a requested disposal, then the county's." })
export class ApproveDisposalInput {
  @Field(() => ID, { description: 'Global ID of the disposal.' }) disposalId!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the approval; today when omitted.' }) decidedOn?: string | null;
  @Field(() => Int, { nullable: true, description: "The disposal's version you read." }) expectedVersion?: number | null;
}

@InputType({ description: 'Rejects a requested disposal at either level; the asset returns to its status before the request.' })
export class RejectDisposalInput {
  @Field(() => ID, { description: 'Global ID of the disposal.' }) disposalId!: string;
  @Field(() => String, { description: 'Why.' }) reason!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the rejection; today when omitted.' }) decidedOn?: string | null;
  @Field(() => Int, { nullable: true, description: "The disposal's version you read." }) expectedVersion?: number | null;
}

@InputType({ description: 'Proceeds received with the completion, recorded as DISPOSAL_PROCEEDS income.' })
export class DisposalProceedsInput {
  @Field(() => MoneyScalar, { description: 'Amount, more than zero.' }) amount!: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'When received; the completion date when omitted.' }) receivedOn?: string | null;
  @Field(() => AccountType, { description: 'The account it went into.' }) accountType!: AccountTypeValue;
  @Field(() => String, { nullable: true, description: 'Voucher number.' }) voucherNo?: string | null;
}

@InputType({ description: 'Carries out an APPROVED disposal: the asset becomes DISPOSED.' })
export class CompleteDisposalInput {
  @Field(() => ID, { description: 'Global ID of the disposal.' }) disposalId!: string;
  @Field(() => DateScalar, { nullable: true, description: 'When it was carried out; today when omitted.' }) completedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Who took the asset (受让方).' }) buyer?: string | null;
  @Field(() => DisposalProceedsInput, { nullable: true, description: 'Proceeds received with it, if any (later proceeds: recordIncome with DISPOSAL_PROCEEDS).' })
  proceeds?: DisposalProceedsInput | null;
  @Field(() => Int, { nullable: true, description: "The disposal's version you read." }) expectedVersion?: number | null;
}

@InputType({ description: 'Narrows a list of disposals.' })
export class DisposalFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Disposals of assets in this region's subtree." }) region?: string;
  @Field(() => ID, { nullable: true, description: 'Only this asset.' }) asset?: string;
  @Field(() => DisposalStatus, { nullable: true, description: 'Only this status.' }) status?: DisposalRow['status'];
}

const result = (name: string) => payloadType(`${name}Payload`, `Result of ${name[0]!.toLowerCase()}${name.slice(1)}.`, { disposal: [() => Disposal, 'The disposal.'] });
export const RequestDisposalPayload = result('RequestDisposal');
export const ApproveDisposalPayload = result('ApproveDisposal');
export const RejectDisposalPayload = result('RejectDisposal');
export const CompleteDisposalPayload = result('CompleteDisposal');
