/** SQL of bank statements and their lines; lines are read in the account holder's scope. */
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { inScope, inSubtree } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, type Db } from '../../db/client';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { statementLineTable as line, statementTable as statement, type MatchMethod, type StatementLineRow, type StatementRow } from './statements.table';

export type NewStatement = Omit<typeof statement.$inferInsert, 'id' | 'createdAt'>;
export type NewLine = Omit<typeof line.$inferInsert, 'id' | 'statementId'>;

export async function insertStatement(tx: Db, row: NewStatement, lines: NewLine[]): Promise<{ statement: StatementRow; lines: StatementLineRow[] }> {
  const [created] = await run('insertBankStatement', tx.insert(statement).values(row).returning());
  const inserted = await insertInChunks(
    tx,
    'insertBankStatementLines',
    line,
    lines.map((l) => ({ ...l, statementId: created!.id })),
  );
  return { statement: created!, lines: inserted };
}

/** The account's lines booked in [from, to], to tell a line imported before from a new one. */
export function linesOfAccount(tx: Db, accountPartyId: number, from: string, to: string): Promise<StatementLineRow[]> {
  return run(
    'bankStatementLinesOfAccount',
    tx
      .select()
      .from(line)
      .where(and(eq(line.accountPartyId, accountPartyId), gte(line.bookedOn, from), lte(line.bookedOn, to))),
  );
}

/** Of these income records, those a line is matched to already (any account). */
export async function matchedIncome(tx: Db, incomeIds: readonly number[]): Promise<Set<number>> {
  if (incomeIds.length === 0) return new Set();
  const rows = await run(
    'bankStatementMatchedIncome',
    tx
      .select({ id: line.incomeId })
      .from(line)
      .where(sql`${line.incomeId} = any(${sql.param(incomeIds)}::bigint[])`),
  );
  return new Set(rows.map((r) => r.id!));
}

export function linesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<StatementLineRow[]> {
  return run(
    'bankStatementLinesByIds',
    db
      .select()
      .from(line)
      .where(and(inScope(line.regionCode, viewer), sql`${line.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

export function linesOfIncomes(db: Db, viewer: Viewer, incomeIds: readonly number[]): Promise<StatementLineRow[]> {
  return run(
    'bankStatementLinesOfIncomes',
    db
      .select()
      .from(line)
      .where(and(inScope(line.regionCode, viewer), sql`${line.incomeId} = any(${sql.param(incomeIds)}::bigint[])`)),
  );
}

export async function lockLine(tx: Db, viewer: Viewer, id: number): Promise<StatementLineRow | undefined> {
  const [row] = await run(
    'lockBankStatementLine',
    tx
      .select()
      .from(line)
      .where(and(eq(line.id, id), inScope(line.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export async function setMatch(tx: Db, lineId: number, match: { incomeId: number; method: MatchMethod; actorId: string | null; at: Date }): Promise<StatementLineRow> {
  const [row] = await run(
    'matchBankStatementLine',
    tx.update(line).set({ incomeId: match.incomeId, matchMethod: match.method, matchedBy: match.actorId, matchedAt: match.at }).where(eq(line.id, lineId)).returning(),
  );
  return row!;
}

/** Takes the match off the line matched to an income record (it was reversed); the line as it was, if any. */
export async function releaseMatchOfIncome(tx: Db, incomeId: number): Promise<{ before: StatementLineRow; after: StatementLineRow } | undefined> {
  const [before] = await run('lockBankStatementLineOfIncome', tx.select().from(line).where(eq(line.incomeId, incomeId)).for('update'));
  if (!before) return undefined;
  const [after] = await run('releaseBankStatementLine', tx.update(line).set({ incomeId: null, matchMethod: null, matchedBy: null, matchedAt: null }).where(eq(line.id, before.id)).returning());
  return { before, after: after! };
}

export interface LineFilter {
  regionPrefix: string;
  from: string;
  to: string;
}

export const LINE_ORDER: SortKey<StatementLineRow>[] = [
  { name: 'bookedOn', expr: line.bookedOn, direction: 'asc', type: 'date', value: (r) => r.bookedOn },
  { name: 'line', expr: line.id, direction: 'asc', type: 'id', value: (r) => r.id },
];

function unmatchedCondition(viewer: Viewer, filter: LineFilter): SQL | undefined {
  return and(inScope(line.regionCode, viewer), inSubtree(line.regionCode, filter.regionPrefix), gte(line.bookedOn, filter.from), lte(line.bookedOn, filter.to), sql`${line.incomeId} is null`);
}

export function unmatchedPage(db: Db, viewer: Viewer, filter: LineFilter, page: PageRequest): Promise<StatementLineRow[]> {
  return run(
    'unmatchedStatementLinesPage',
    db
      .select()
      .from(line)
      .where(and(unmatchedCondition(viewer, filter), keysetCondition(LINE_ORDER, page)))
      .orderBy(...keysetOrder(LINE_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function unmatchedCount(db: Db, viewer: Viewer, filter: LineFilter): Promise<number> {
  const [row] = await run('unmatchedStatementLinesCount', db.select({ n: sql<number>`count(*)::int` }).from(line).where(unmatchedCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** For the income module's lists: no line (of any account) is matched to the record. */
export function noLineMatched(incomeId: SQL): SQL {
  return sql`not exists (select 1 from bank_statement_line l where l.income_id = ${incomeId})`;
}

/** Serialises the imports and hand matches of one account: a double-clicked upload reads what the first one wrote. */
export async function lockAccount(tx: Db, accountPartyId: number): Promise<void> {
  await queryRows(tx, sql`/* lockBankAccount */ select pg_advisory_xact_lock(hashtextextended(${`bank_statement:${accountPartyId}`}, 0))`);
}
