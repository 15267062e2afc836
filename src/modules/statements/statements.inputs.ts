import { Field, ID, InputType } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { BankStatementLine } from './statements.types';

@InputType({ description: 'Matches a bank statement line to an income record by hand: same amount, a receipt that stands, of which the account holder has a part, matched to no other line.' })
export class MatchStatementLineInput {
  @Field(() => ID, { description: 'Global ID of the bank statement line.' }) lineId!: string;
  @Field(() => ID, { description: 'Global ID of the income record.' }) incomeId!: string;
}

export const MatchStatementLinePayload = payloadType('MatchStatementLinePayload', 'Result of matchStatementLine.', { line: [() => BankStatementLine, 'The line, matched.'] });
