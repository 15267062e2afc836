import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { incomeTable } from '../income/income.table';
import { partyTable } from '../parties/parties.table';

export const MATCH_METHODS = ['VOUCHER', 'AMOUNT_DATE_OPERATOR', 'MANUAL'] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

/** 银行对账单: one import of a bank statement export for a collective's account. */
export const statementTable = pgTable(
  'bank_statement',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The collective (or agency) whose account it is. */
    accountPartyId: bigint('account_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    /** The account holder's region: who sees the statement. */
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    lineCount: integer('line_count').notNull(),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('bank_statement_account_idx').on(t.accountPartyId, t.id)],
);

/**
 * A credit line of a bank statement (money into the account), matched to at most one income
 * record and an income record to at most one line (a unique index): the bank's side of 对账.
 */
export const statementLineTable = pgTable(
  'bank_statement_line',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    statementId: bigint('statement_id', { mode: 'number' })
      .notNull()
      .references(() => statementTable.id),
    accountPartyId: bigint('account_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    /** Its row in the file (1 is the header). */
    rowNo: integer('row_no').notNull(),
    bookedOn: date('booked_on').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    counterparty: text('counterparty').notNull(),
    reference: text('reference').notNull(),
    incomeId: bigint('income_id', { mode: 'number' }).references(() => incomeTable.id),
    matchMethod: text('match_method', { enum: MATCH_METHODS }),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    matchedBy: text('matched_by'),
  },
  (t) => [
    check('bank_statement_line_credit', sql`${t.amountFen} > 0`),
    check('bank_statement_line_match', sql`(${t.incomeId} is null) = (${t.matchMethod} is null)`),
    uniqueIndex('bank_statement_line_income_once').on(t.incomeId),
    index('bank_statement_line_account_idx').on(t.accountPartyId, t.bookedOn),
    index('bank_statement_line_region_idx').on(t.regionCode, t.bookedOn, t.id),
  ],
);

export type StatementRow = typeof statementTable.$inferSelect;
export type StatementLineRow = typeof statementLineTable.$inferSelect;
