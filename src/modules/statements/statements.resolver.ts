import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { payloadOf } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { incomeById } from '../income/income.loaders';
import type { IncomeRow } from '../income/income.service';
import { IncomeRecord, IncomeRecordConnection } from '../income/income.types';
import { partyById } from '../parties/parties.loaders';
import type { PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { significantPrefix } from '../regions/division-code';
import { MatchStatementLineInput, MatchStatementLinePayload } from './statements.inputs';
import { statementLineOfIncome } from './statements.loaders';
import * as statements from './statements.service';
import { BankStatementLine, BankStatementLineConnection } from './statements.types';

@Resolver(() => BankStatementLine)
export class StatementLineResolver {
  @Mutation(() => MatchStatementLinePayload, { description: 'Matches a bank statement line to an income record by hand (FINANCE, ADMIN).' })
  async matchStatementLine(@Ctx() ctx: Context, @Arg('input', () => MatchStatementLineInput, { description: 'The line and the record.' }) input: MatchStatementLineInput) {
    return payloadOf(await statements.matchStatementLine(ctx.db, ctx.viewer, ctx.clock, { ...input, lineId: tryKeyOf(input.lineId, 'BankStatementLine') }), (line) => ({ line }));
  }

  @Query(() => BankStatementLineConnection, {
    description: "Credit lines of the region's bank statements booked in the period that no income record explains (money in the bank the register does not show).",
  })
  unmatchedStatementLines(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('region', () => DivisionCodeScalar, { description: 'Statements of accounts held in this subtree.' }) region: string,
    @Arg('from', () => DateScalar, { description: 'First booking date.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last booking date.' }) to: string,
  ): Promise<Connection<statements.StatementLineRow>> {
    return statements.unmatchedStatementLines(ctx.db, ctx.viewer, { regionPrefix: significantPrefix(region), from, to }, page);
  }

  @Query(() => IncomeRecordConnection, { description: 'Receipts that stand (not reversed), of assets in the region, received in the period, that no bank statement line confirms; newest first.' })
  incomeWithoutStatementLine(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('region', () => DivisionCodeScalar, { description: "Income of assets in this region's subtree." }) region: string,
    @Arg('from', () => DateScalar, { description: 'First received date.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last received date.' }) to: string,
  ): Promise<Connection<IncomeRow>> {
    return statements.incomeWithoutStatementLine(ctx.db, ctx.viewer, { regionPrefix: significantPrefix(region), from, to }, page);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: statements.StatementLineRow): string {
    return toGlobalId('BankStatementLine', row.id);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The account holder.' })
  account(@Ctx() ctx: Context, @Root() row: statements.StatementLineRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.accountPartyId);
  }

  @FieldResolver(() => IncomeRecord, { nullable: true, description: 'The income record it is matched to.' })
  incomeRecord(@Ctx() ctx: Context, @Root() row: statements.StatementLineRow): Promise<IncomeRow | null> | null {
    return row.incomeId === null ? null : ctx.loaders.get(incomeById).load(row.incomeId);
  }
}

@Resolver(() => IncomeRecord)
export class IncomeStatementLineResolver {
  @FieldResolver(() => BankStatementLine, { nullable: true, description: 'The bank statement line that confirms it, once matched.' })
  bankStatementLine(@Ctx() ctx: Context, @Root() row: IncomeRow): Promise<statements.StatementLineRow | null> {
    return ctx.loaders.get(statementLineOfIncome).load(row.id);
  }
}
