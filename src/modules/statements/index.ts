/** 银行对账 (bank statement matching): a collective's bank statement lines matched to income records. */
import { byIntegerKey, type Module } from '../module';
import { statementLineById } from './statements.loaders';
import { IncomeStatementLineResolver, StatementLineResolver } from './statements.resolver';
import { StatementError } from './statements.service';

export const statements: Module = {
  name: 'statements',
  resolvers: [StatementLineResolver, IncomeStatementLineResolver],
  nodes: { BankStatementLine: byIntegerKey((ctx, id) => ctx.loaders.get(statementLineById).load(id)) },
  errorCodes: StatementError,
};
