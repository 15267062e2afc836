import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { CONTRACT_MODES, CONTRACT_STATUSES, PAYMENT_CYCLES } from './contracts.table';

export const ContractMode = graphqlEnum('ContractMode', CONTRACT_MODES, 'How an operating asset earns (经营方式).', {
  SELF_OPERATED: '自主经营: run by its owners.',
  LEASED: '出租: leased out.',
  CONTRACTED: '承包: contracted out.',
  EQUITY: '入股分红: invested in an enterprise for dividends.',
  ENTRUSTED: "委托经营: run by another on the owners' behalf.",
});

export const PaymentCycle = graphqlEnum('PaymentCycle', PAYMENT_CYCLES, 'How often the agreed income is paid.', {
  MONTHLY: 'Every month.',
  QUARTERLY: 'Every three months.',
  HALF_YEARLY: 'Every six months.',
  YEARLY: 'Every year.',
});

export const ContractStatus = graphqlEnum('ContractStatus', CONTRACT_STATUSES, 'Where a contract stands.', {
  ACTIVE: '履行中: running (or past its end and not yet closed).',
  ENDED: '到期终止: ended on its end date.',
  TERMINATED: '提前终止: ended before its end date.',
});

@ObjectType('OperatingContract', { implements: Node, description: 'A lease or contract of an operating asset (运营合同).' })
export class OperatingContract extends Node {
  @Field(() => ContractMode, { description: 'How the asset is run.' }) mode!: string;
  @Field(() => String, { nullable: true, description: 'Contract number (合同编号).' }) contractNo!: string | null;
  @Field(() => DateScalar, { description: 'First day of the term.' }) startsOn!: string;
  @Field(() => DateScalar, { description: 'Last day of the term.' }) endsOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day it actually ended, if it has.' }) endedOn!: string | null;
  @Field(() => ContractStatus, { description: 'Status.' }) status!: string;
  @Field(() => MoneyScalar, { name: 'agreedIncomePerYear', description: 'Agreed income per year (约定年收益).' }) agreedIncomeFen!: bigint;
  @Field(() => PaymentCycle, { description: 'How often it is paid; each period is due on its first day.' }) paymentCycle!: string;
  @Field(() => String, { nullable: true, description: 'Why it ended.' }) endReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Note.' }) note!: string | null;
  @Field(() => Int, { description: 'Version, for endOperatingContract.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}

@ObjectType('ExpectedPeriod', { description: 'One payment period of a contract (应收).' })
export class ExpectedPeriod {
  @Field(() => Int, { description: "The period's number in its contract (0 is the first)." }) index!: number;
  @Field(() => DateScalar, { description: 'First day.' }) startsOn!: string;
  @Field(() => DateScalar, { description: 'Last day.' }) endsOn!: string;
  @Field(() => DateScalar, { description: 'Due on (its first day).' }) dueOn!: string;
  @Field(() => MoneyScalar, { name: 'amount', description: 'Amount due.' }) amountFen!: string;
}

@ObjectType('ExpectedIncome', { description: 'Income expected from contracts for the periods due in a date range.' })
export class ExpectedIncome {
  @Field(() => MoneyScalar, { name: 'total', description: 'Sum of the periods.' }) amountFen!: bigint;
  @Field(() => Int, { description: 'How many periods.' }) periodCount!: number;
  @Field(() => [ExpectedPeriod], { description: 'The periods, oldest first (at most `limit`).' }) periods!: ExpectedPeriod[];
}

export const OperatingContractConnection = connectionType(OperatingContract, 'OperatingContract', 'A page of operating contracts, newest first.');
