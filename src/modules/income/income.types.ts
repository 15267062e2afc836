import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { ACCOUNT_TYPES, INCOME_KINDS } from './income.table';

export const IncomeKind = graphqlEnum('IncomeKind', INCOME_KINDS, 'What an income record is (收益类型).', {
  RENT: '租金: rent.',
  CONTRACT_FEE: '承包费: contract fee.',
  DIVIDEND: '分红: dividend of an investment.',
  ELECTRICITY_SALES: '发电收益: electricity sold.',
  SALES: '销售收入: sales.',
  DISPOSAL_PROCEEDS: '处置收入: proceeds of a disposal.',
  OTHER: '其他: anything else.',
});

export const AccountType = graphqlEnum('AccountType', ACCOUNT_TYPES, 'The account income was paid into.', {
  VILLAGE_COLLECTIVE: '村集体经济组织账户.',
  TOWNSHIP_AGENCY: '乡镇代管账户 (村账乡代管).',
  COUNTY_FISCAL_SPECIAL: '县级财政专户.',
  PERSONAL: '个人账户: accepted, and reported by the INCOME_TO_PERSONAL_ACCOUNT check.',
});

export const ARREARS_BUCKETS = ['DAYS_0_90', 'DAYS_91_180', 'DAYS_181_365', 'OVER_365'] as const;
export const ArrearsBucket = graphqlEnum('ArrearsBucket', ARREARS_BUCKETS, 'How long income has been overdue past its grace days (账龄).', {
  DAYS_0_90: '0–90 days.',
  DAYS_91_180: '91–180 days.',
  DAYS_181_365: '181–365 days.',
  OVER_365: 'More than 365 days.',
});

@ObjectType('IncomeRecord', { implements: Node, description: 'Income an asset received (资产收益入账), or the reversal of one (红字冲销). Append-only.' })
export class IncomeRecord extends Node {
  @Field(() => IncomeKind, { description: 'Kind.' }) kind!: string;
  @Field(() => DateScalar, { nullable: true, description: 'First day of the period it pays for.' }) periodFrom!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period it pays for.' }) periodTo!: string | null;
  @Field(() => MoneyScalar, { name: 'amount', description: 'Amount; negative for a reversal.' }) amountFen!: bigint;
  @Field(() => DateScalar, { description: 'When it was received (or reversed).' }) receivedOn!: string;
  @Field(() => AccountType, { description: 'The account it went into.' }) accountType!: string;
  @Field(() => String, { nullable: true, description: 'Voucher number (凭证号).' }) voucherNo!: string | null;
  @Field(() => String, { nullable: true, description: 'Note; for a reversal, why.' }) note!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}

@ObjectType('IncomePart', { description: "An owner's part of an income record, by its share on the received date." })
export class IncomePart {
  @Field(() => Int, { description: 'The share it was apportioned by, in basis points.' }) shareBp!: number;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The part (negative for a reversal).' }) amountFen!: bigint;
  @Field(() => DateScalar, { description: 'Received (or reversed) on.' }) receivedOn!: string;
}

@ObjectType('IncomePool', { description: "An owner's income pool (收益池) on a date: what was apportioned to it and where it went." })
export class IncomePool {
  @Field(() => DateScalar, { description: 'The date.' }) asOf!: string;
  @Field(() => MoneyScalar, { name: 'apportioned', description: 'Income apportioned to the owner.' }) apportionedFen!: bigint;
  @Field(() => MoneyScalar, { name: 'reversed', description: 'Reversals of it (negative).' }) reversedFen!: bigint;
  @Field(() => MoneyScalar, { name: 'inPlans', description: 'Taken into live allocation plans.' }) inPlansFen!: bigint;
  @Field(() => MoneyScalar, { name: 'allocated', description: 'Allocated by approved plans.' }) allocatedFen!: bigint;
  @Field(() => MoneyScalar, { name: 'paid', description: 'Paid out.' }) paidFen!: bigint;
  @Field(() => MoneyScalar, { name: 'carriedForward', description: 'Kept with the owner by approved plans (结转): their CARRY_FORWARD lines and what their lines leave of their pools.' })
  carriedForwardFen!: bigint;
  @Field(() => MoneyScalar, { name: 'balance', description: 'Left to plan: apportioned + reversed − in plans.' }) balanceFen!: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'Received date of the oldest income still in no plan.' }) oldestUnplannedOn!: string | null;
}

@ObjectType('ArrearsItem', { description: 'A contract period not paid in full past its grace days (欠收).' })
export class ArrearsItem {
  @Field(() => Int, { description: "The period's number in its contract (0 is the first)." }) index!: number;
  @Field(() => DateScalar, { description: 'When it was due.' }) dueOn!: string;
  @Field(() => MoneyScalar, { name: 'expected', description: 'What was due.' }) expectedFen!: string;
  @Field(() => MoneyScalar, { name: 'unpaid', description: 'What is still unpaid.' }) unpaidFen!: string;
  @Field(() => Int, { description: 'Days overdue past the grace days.' }) daysOverdue!: number;
}

@ObjectType('ArrearsTotal', { description: 'Arrears of one ageing bucket.' })
export class ArrearsTotal {
  @Field(() => ArrearsBucket, { description: 'The bucket.' }) bucket!: string;
  @Field(() => Int, { description: 'Periods in arrears.' }) periods!: number;
  @Field(() => MoneyScalar, { name: 'unpaid', description: 'Unpaid.' }) unpaidFen!: string;
}

@ObjectType('IncomeYear', { description: "A region's income in one year: expected from contracts, received, and still in arrears." })
export class IncomeYear {
  @Field(() => Int, { description: 'The year.' }) year!: number;
  @Field(() => MoneyScalar, { name: 'expected', description: 'Contract periods falling due that year.' }) expectedFen!: bigint;
  @Field(() => MoneyScalar, { name: 'received', description: 'Received that year, net of reversals.' }) receivedFen!: bigint;
  @Field(() => MoneyScalar, { name: 'arrears', description: 'Of the periods due that year, what is unpaid on the summary date.' }) arrearsFen!: bigint;
}

export const IncomeRecordConnection = connectionType(IncomeRecord, 'IncomeRecord', 'A page of income records, newest first.');
export const IncomePartConnection = connectionType(IncomePart, 'IncomePart', "A page of an owner's income parts, newest first.");
export const ArrearsConnection = connectionType(ArrearsItem, 'Arrears', 'A page of arrears, most overdue first; `totals` sums all of them by ageing bucket.');
