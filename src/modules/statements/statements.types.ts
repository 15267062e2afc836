import { Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { MATCH_METHODS } from './statements.table';

export const StatementMatchMethod = graphqlEnum('StatementMatchMethod', MATCH_METHODS, 'How a bank statement line was matched to an income record.', {
  VOUCHER: "按凭证号: the line's reference carries the record's voucher number, and the amounts agree.",
  AMOUNT_DATE_OPERATOR: "按金额、日期和经营方: the same amount, received within the window of the booking date, from the contract's operator.",
  MANUAL: '人工核对: matched by hand (matchStatementLine).',
});

@ObjectType('BankStatementLine', { implements: Node, description: "A credit line of a bank statement (银行对账单) of a collective's account, matched to an income record or not." })
export class BankStatementLine extends Node {
  @Field(() => Int, { name: 'row', description: 'Its row in the imported file (the header is row 1).' }) rowNo!: number;
  @Field(() => DateScalar, { description: 'Date the bank booked it.' }) bookedOn!: string;
  @Field(() => MoneyScalar, { name: 'amount', description: 'Amount credited.' }) amountFen!: bigint;
  @Field(() => String, { description: 'Who paid it, as the bank names them (对方户名).' }) counterparty!: string;
  @Field(() => String, { description: "The bank's reference or purpose text (摘要/附言)." }) reference!: string;
  @Field(() => StatementMatchMethod, { nullable: true, description: 'How it was matched; null while unmatched.' }) matchMethod!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was matched.' }) matchedAt!: Date | null;
}

export const BankStatementLineConnection = connectionType(BankStatementLine, 'BankStatementLine', 'A page of bank statement lines, by booking date.');
