import { Field, ID, InputType } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import type { IncomeRow } from './income.table';
import { AccountType, IncomeKind, IncomeRecord } from './income.types';

const KEY = 'A key of your choosing (1–100 visible ASCII characters): a retry with the same key and input answers the first result and writes nothing.';

@InputType({ description: 'Income an asset received; it is apportioned to the owners by their shares on the received date.' })
export class RecordIncomeInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => ID, { nullable: true, description: "The contract it was paid under, if any (one of the asset's)." }) contractId?: string | null;
  @Field(() => IncomeKind, { description: 'Kind.' }) kind!: IncomeRow['kind'];
  @Field(() => DateScalar, { nullable: true, description: 'First day of the period it pays for.' }) periodFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period it pays for.' }) periodTo?: string | null;
  @Field(() => MoneyScalar, { description: 'Amount, more than zero.' }) amount!: bigint;
  @Field(() => DateScalar, { description: 'When it was received; not in the future.' }) receivedOn!: string;
  @Field(() => AccountType, { description: 'The account it went into (PERSONAL is accepted and reported).' }) accountType!: IncomeRow['accountType'];
  @Field(() => String, { nullable: true, description: 'Voucher number.' }) voucherNo?: string | null;
  @Field(() => String, { nullable: true, description: 'Note.' }) note?: string | null;
  @Field(() => String, { nullable: true, description: KEY }) idempotencyKey?: string | null;
}

@InputType({ description: 'Reverses an income record in full (红字冲销).' })
export class ReverseIncomeInput {
  @Field(() => ID, { description: 'Global ID of the income record.' }) incomeId!: string;
  @Field(() => String, { description: 'Why.' }) reason!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the reversal; today when omitted.' }) reversedOn?: string | null;
  @Field(() => String, { nullable: true, description: KEY }) idempotencyKey?: string | null;
}

@InputType({ description: 'Narrows a list of income records. All given conditions must hold.' })
export class IncomeRecordFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Income of assets in this region's subtree." }) region?: string;
  @Field(() => ID, { nullable: true, description: 'Only this asset.' }) asset?: string;
  @Field(() => ID, { nullable: true, description: 'Only this contract.' }) contract?: string;
  @Field(() => IncomeKind, { nullable: true, description: 'Only this kind.' }) kind?: IncomeRow['kind'];
  @Field(() => AccountType, { nullable: true, description: 'Only this account type.' }) accountType?: IncomeRow['accountType'];
  @Field(() => DateScalar, { nullable: true, description: 'Received on or after.' }) from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Received on or before.' }) to?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: only reversals; false: only receipts.' }) reversals?: boolean;
}

@InputType({ description: 'Where to look for arrears.' })
export class ArrearsFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Contracts of assets in this region's subtree." }) region?: string;
  @Field(() => ID, { nullable: true, description: 'Only this asset.' }) asset?: string;
}

export const RecordIncomePayload = payloadType('RecordIncomePayload', 'Result of recordIncome.', { incomeRecord: [() => IncomeRecord, 'The record with its parts.'] });
export const ReverseIncomePayload = payloadType('ReverseIncomePayload', 'Result of reverseIncome.', { incomeRecord: [() => IncomeRecord, 'The reversal with its parts.'] });
