import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { PAYMENT_METHODS, PLAN_STATUSES, PURPOSES } from './allocation.table';

export const AllocationPurpose = graphqlEnum('AllocationPurpose', PURPOSES, 'What income may be spent on (收益使用方向); a forbidden use has no code and cannot be planned.', {
  OPERATION_MAINTENANCE: '项目运营管护: running and upkeep of the assets.',
  PUBLIC_WELFARE_POST_WAGES: '公益岗位工资: wages of public-welfare posts.',
  VILLAGE_PUBLIC_WELFARE: '村级公益事业: village public works and services.',
  AWARD_SUBSIDY: '奖励补助: awards and subsidies.',
  RELIEF_NO_LABOR: '无劳动能力低收入人口救助: relief of low-income people unable to work.',
  HOUSEHOLD_DIVIDEND: '差异化到户分红: cash dividends to households, capped by CASH_SHARE_CAP_BP.',
  INDUSTRY_UPGRADE: '产业提质增效: improving the industry.',
  COLLECTIVE_ECONOMY: '壮大集体经济: growing the collective economy.',
  CARRY_FORWARD: '结转: carried forward.',
});

export const AllocationPlanStatus = graphqlEnum('AllocationPlanStatus', PLAN_STATUSES, 'Where an allocation plan stands.', {
  DRAFT: '草案: being drawn up; its lines may change.',
  PUBLICIZED: '公示中: made public; its lines are frozen.',
  APPROVED: "已批准: approved by the villagers' meeting; its lines are being paid.",
  COMPLETED: '已完成: every line paid in full.',
  CANCELLED: '已撤销: cancelled; its income went back to the pool.',
});

export const PaymentMethod = graphqlEnum('PaymentMethod', PAYMENT_METHODS, 'How a disbursement was paid.', {
  BANK: '银行转账: bank transfer.',
  ONE_CARD: '一卡通: the subsidy card.',
  CASH: '现金: cash.',
  INTERNAL: '内部转账: transfer inside the collective.',
});

@ObjectType('AllocationPlan', { implements: Node, description: "An allocation plan (收益分配方案) of one owner's income: lines by purpose, publicity, the villagers' approval, payments." })
export class AllocationPlan extends Node {
  @Field(() => String, { description: 'Title (for roles that may not read personal data, ID and phone numbers and household names masked as on its public notice).' }) title!: string;
  @Field(() => DateScalar, { description: 'First received date of the income it distributes.' }) periodFrom!: string;
  @Field(() => DateScalar, { description: 'Last received date of the income it distributes.' }) periodTo!: string;
  @Field(() => AllocationPlanStatus, { description: 'Status.' }) status!: string;
  @Field(() => MoneyScalar, { name: 'pool', description: 'The income it took from the owner’s pool (Σ lines may not exceed it).' }) poolFen!: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'First day of the publicity (公示).' }) publicityStartsOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Days of publicity.' }) publicityDays!: number | null;
  @Field(() => String, { nullable: true, description: "Number of the villagers' meeting resolution (决议文号)." }) resolutionNo!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Date of the resolution.' }) resolutionOn!: string | null;
  @Field(() => String, { nullable: true, description: "Reference of the township's review (乡镇审核)." }) townshipReviewRef!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled (masked as the title is).' }) cancelReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Note (masked as the title is).' }) note!: string | null;
  @Field(() => Int, { description: 'Version, for the next step (expectedVersion).' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When it was drawn up.' }) createdAt!: Date;
}

@ObjectType('AllocationLine', { implements: Node, description: 'A line of an allocation plan: a purpose, an amount, who benefits, what was paid.' })
export class AllocationLine extends Node {
  @Field(() => Int, { description: 'Its place in the plan (1 is the first).' }) position!: number;
  @Field(() => AllocationPurpose, { description: 'Purpose.' }) purpose!: string;
  @Field(() => MoneyScalar, { name: 'amount', description: 'Amount allocated.' }) amountFen!: bigint;
  @Field(() => String, { nullable: true, description: "Beneficiaries, as a rule or a list (受益对象); masked as the plan's title is." }) beneficiaryRule!: string | null;
  @Field(() => MoneyScalar, { name: 'paid', description: 'Paid so far, net of reversals.' }) paidFen!: bigint;
}

@ObjectType('Disbursement', { implements: Node, description: 'A payment against a line of an approved plan (兑付), or the reversal of one. Append-only.' })
export class Disbursement extends Node {
  @Field(() => MoneyScalar, { name: 'amount', description: 'Amount; negative for a reversal.' }) amountFen!: bigint;
  @Field(() => DateScalar, { description: 'When it was paid (or reversed).' }) paidOn!: string;
  @Field(() => PaymentMethod, { description: 'How.' }) method!: string;
  @Field(() => String, { nullable: true, description: 'Voucher number (凭证号).' }) voucherNo!: string | null;
  @Field(() => String, { nullable: true, description: "Note; for a reversal, why (masked as its plan's title is)." }) note!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}

export const AllocationPlanConnection = connectionType(AllocationPlan, 'AllocationPlan', 'A page of allocation plans, newest first.');

@ObjectType('PublicNoticeLine', { description: 'A line of a plan as its public notice shows it.' })
export class PublicNoticeLine {
  @Field(() => AllocationPurpose, { description: 'Purpose.' }) purpose!: string;
  @Field(() => MoneyScalar, { name: 'amount', description: 'Amount allocated.' }) amountFen!: bigint;
  @Field(() => MoneyScalar, { name: 'paid', description: 'Paid so far.' }) paidFen!: bigint;
  @Field(() => String, { nullable: true, description: 'Beneficiaries as a rule (resident ID and phone numbers masked).' }) beneficiaryRule!: string | null;
  @Field(() => [String], { description: 'Named beneficiaries: households as surname + 某, organisations by name.' }) beneficiaries!: string[];
}

@ObjectType('PublicNotice', { description: 'An allocation plan as published (公示/村务公开): readable by everyone, with or without a token; no personal data.' })
export class PublicNotice {
  @Field(() => String, { description: 'The owner whose income it distributes (a household as surname + 某).' }) ownerName!: string;
  @Field(() => String, { nullable: true, description: "The owner's region." }) regionName!: string | null;
  @Field(() => [PublicNoticeLine], { description: 'Lines, in order.' }) lines!: PublicNoticeLine[];
}

export const PublicNoticeConnection = connectionType(PublicNotice, 'PublicNotice', 'A page of public notices, latest publicity first.');

@ObjectType('AllocationYear', { description: "A region's allocation in one year: allocated by the plans approved that year, disbursed that year." })
export class AllocationYear {
  @Field(() => Int, { description: 'The year.' }) year!: number;
  @Field(() => MoneyScalar, { name: 'allocated', description: 'Lines of plans approved that year.' }) allocatedFen!: bigint;
  @Field(() => MoneyScalar, { name: 'disbursed', description: 'Paid that year, net of reversals.' }) disbursedFen!: bigint;
}
