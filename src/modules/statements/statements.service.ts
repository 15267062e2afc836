/**
 * 银行对账 (bank statement matching, DESIGN.md §3 IncomeRecord; income part 2): the finance
 * office imports its bank's export of a collective's account; each credit line is matched to an
 * income record (match.ts: by voucher no., else by amount, date and operator) or reported; a
 * dry run reports and writes nothing; an import records the lines and their matches in one
 * transaction, with an audit event. What stays open is read back as `unmatchedStatementLines`
 * (money in the bank the register does not show) and `incomeWithoutStatementLine` (income the
 * register shows that no statement line confirms), and settled by hand with `matchStatementLine`.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import { addDays, type Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withTransaction, withTransactionKeptIf, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import { AMOUNT_LIMIT_FEN, defineErrorCodes, ERROR_CODES, ok, refusal, refused, text, UserErrorCode, UserErrors, type Outcome, type Text } from '../../graphql/user-errors';
import { CellError, dateCell, moneyCell } from '../../http/spreadsheet-cells';
import type { RowError } from '../assets/register-io.service';
import { recordAuditEvent } from '../audit/audit.service';
import { contractsByIds } from '../contracts/contracts.service';
import { incomeByIds, isReversed, listIncome, lockStandingReceiptsOfOwner, registerOnReversal, type IncomeRow } from '../income/income.service';
import { partiesByIds, registeredNames } from '../parties/parties.service';
import { matchStatementLines, normalise, type MatchCandidate, type StatementLineIn } from './match';
import * as store from './statements.store';
import type { MatchMethod, StatementLineRow } from './statements.table';

export type { MatchMethod, StatementLineRow } from './statements.table';
export { MATCH_METHODS } from './statements.table';

export const StatementError = defineErrorCodes({
  HOUSEHOLD_ACCOUNT: text('银行对账针对集体或单位账户，不是农户个人账户', "Bank statements are matched for a collective's or an agency's account, not a household's."),
  LINE_ALREADY_MATCHED: text('该对账单行已与一笔收益对上', 'The statement line is matched to an income record already.'),
  INCOME_ALREADY_MATCHED: text('该笔收益已与另一对账单行对上', 'The income record is matched to another statement line already.'),
  INCOME_NOT_STANDING: text('该笔收益已冲销或本身是冲销记录', 'The income record is reversed, or is itself a reversal.'),
  AMOUNT_DIFFERS: text('对账单金额与收益金额不一致', 'The statement line and the income record differ in amount.'),
  INCOME_NOT_OF_ACCOUNT: text('该账户的单位没有分得这笔收益', 'The account holder has no part of this income record.'),
});

/** Days either side of the booking date a receipt may be dated and still match by amount and operator. */
export const DEFAULT_WINDOW_DAYS = 5;
export const MAX_WINDOW_DAYS = 31;

/** Headers banks use for each column (the first one present is read). */
const COLUMNS = {
  bookedOn: ['交易日期', '记账日期', '入账日期', '日期', 'date'],
  credit: ['贷方金额', '收入金额'],
  debit: ['借方金额', '支出金额'],
  amount: ['金额', '交易金额', '发生额', 'amount'],
  counterparty: ['对方户名', '对方账户名称', '对方名称', '对方单位', 'counterparty'],
  reference: ['摘要', '附言', '交易附言', '用途', '备注', 'reference'],
} as const;

export type LineStatus = 'MATCHED' | 'AMBIGUOUS' | 'UNMATCHED' | 'ALREADY_IMPORTED';

export interface ReportLine {
  row: number;
  bookedOn: string;
  amount: string;
  counterparty: string;
  reference: string;
  status: LineStatus;
  method: MatchMethod | null;
  incomeRecordId: string | null;
  /** AMBIGUOUS: the records that fit equally well. */
  candidates: string[];
}

export interface StatementReport {
  dryRun: boolean;
  account: string | null;
  windowDays: number;
  rows: number;
  /** Lines of money going out: not income, not matched here. */
  debitsSkipped: number;
  alreadyImported: number;
  matched: number;
  ambiguous: number;
  unmatched: number;
  /** The bank statement recorded (null on a dry run or a refusal). */
  statementId: string | null;
  lines: ReportLine[];
  errors: RowError[];
}

interface ParsedLine extends StatementLineIn {
  row: number;
}

const rowNumber = (index: number) => index + 2;
const headerIn = (cells: Record<string, string | undefined>, names: readonly string[]) => names.find((n) => n in cells);
const lineKey = (l: StatementLineIn) => JSON.stringify([l.bookedOn, String(l.amountFen), normalise(l.counterparty), normalise(l.reference)]);

/** The credit lines of the file (debits counted and skipped); every cell that does not read is an error. */
function parseLines(cells: Record<string, string | undefined>[], today: string, report: StatementReport): ParsedLine[] {
  const fail = (row: number, column: string, code: string, message: Text) => report.errors.push({ row, column, code, message });
  const first = cells[0] ?? {};
  const header = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, headerIn(first, names)])) as Record<keyof typeof COLUMNS, string | undefined>;
  if (!header.bookedOn) fail(1, 'file', 'REQUIRED', text(`表头缺少交易日期列（${COLUMNS.bookedOn.join('、')}）`, `The header row has no date column (${COLUMNS.bookedOn.join(', ')})`));
  if (!header.credit && !header.amount) fail(1, 'file', 'REQUIRED', text(`表头缺少金额列（${[...COLUMNS.credit, ...COLUMNS.amount].join('、')}）`, 'The header row has no amount column'));
  if (report.errors.length) return [];
  const lines: ParsedLine[] = [];
  const amountColumn = (header.credit ?? header.amount)!;
  for (const [index, row] of cells.entries()) {
    const cell = (name: string | undefined) => (name ? (row[name] ?? '').trim() : '');
    try {
      const bookedOn = dateCell(cell(header.bookedOn), 'bookedOn');
      if (!bookedOn) throw new CellError('bookedOn', text('缺少交易日期', 'The date is missing'));
      if (bookedOn > today) throw new CellError('bookedOn', text(`交易日期 ${bookedOn} 晚于今天`, `The date ${bookedOn} is after today`));
      // A credit column, or one signed amount: what is not money coming in is skipped.
      const raw = cell(amountColumn);
      const amountFen = raw ? moneyCell(raw, 'amount') : null;
      if (amountFen === null && !(header.debit && cell(header.debit))) throw new CellError('amount', text('缺少金额', 'The amount is missing'));
      if (amountFen === null || amountFen <= 0n) {
        report.debitsSkipped++;
        continue;
      }
      if (amountFen > AMOUNT_LIMIT_FEN) throw new CellError('amount', text('金额超过上限', 'The amount is beyond the limit'));
      lines.push({ row: rowNumber(index), bookedOn, amountFen, counterparty: cell(header.counterparty).slice(0, 200), reference: cell(header.reference).slice(0, 500) });
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      fail(rowNumber(index), error.field === 'bookedOn' ? header.bookedOn! : amountColumn, 'INVALID_VALUE', error.text);
    }
  }
  return lines;
}

export interface StatementImport {
  accountPartyId: number | undefined;
  fileName: string;
  dryRun: boolean;
  windowDays?: number;
}

/**
 * Imports a bank statement of the account holder's account: a report of every credit line's
 * match; with `dryRun`, or when any row does not read, nothing is written.
 */
export async function importBankStatement(db: Db, viewer: Viewer, clock: Clock, cells: Record<string, string | undefined>[], options: StatementImport): Promise<StatementReport> {
  assertCan(viewer, 'finance:write');
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const report: StatementReport = {
    dryRun: options.dryRun,
    account: options.accountPartyId === undefined ? null : toGlobalId('Party', options.accountPartyId),
    windowDays,
    rows: cells.length,
    debitsSkipped: 0,
    alreadyImported: 0,
    matched: 0,
    ambiguous: 0,
    unmatched: 0,
    statementId: null,
    lines: [],
    errors: [],
  };
  const fail = (column: string, code: string, message: Text) => report.errors.push({ row: 1, column, code, message });
  if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > MAX_WINDOW_DAYS)
    fail('windowDays', 'INVALID_VALUE', text(`窗口天数应为 0 至 ${MAX_WINDOW_DAYS}`, `windowDays is 0 to ${MAX_WINDOW_DAYS}`));
  if (cells.length === 0) fail('file', 'REQUIRED', text('文件中没有交易行', 'The file has no transaction rows'));
  const [account] = options.accountPartyId === undefined ? [] : await partiesByIds(db, viewer, [options.accountPartyId]);
  if (!account) fail('account', 'NOT_FOUND', text('您的范围内没有此主体', 'No party with this id in your scope'));
  else if (account.kind === 'HOUSEHOLD') fail('account', StatementError.HOUSEHOLD_ACCOUNT, ERROR_CODES[StatementError.HOUSEHOLD_ACCOUNT]!);
  if (report.errors.length) return report;
  const lines = parseLines(cells, clock.today(), report);
  if (report.errors.length) return report;

  return withTransactionKeptIf(db, async (tx) => {
    const accountId = account!.id;
    await store.lockAccount(tx, accountId);
    const dates = lines.map((l) => l.bookedOn).sort();
    const [first, last] = [dates[0] ?? clock.today(), dates[dates.length - 1] ?? clock.today()];
    // A line imported before (same date, amount, counterparty, reference: as many times as it was) is not imported again.
    const seen = new Map<string, number>();
    for (const l of await store.linesOfAccount(tx, accountId, first, last)) seen.set(lineKey(l), (seen.get(lineKey(l)) ?? 0) + 1);
    const fresh = lines.filter((l) => {
      const left = seen.get(lineKey(l)) ?? 0;
      if (left === 0) return true;
      seen.set(lineKey(l), left - 1);
      report.alreadyImported++;
      report.lines.push(reportLine(l, 'ALREADY_IMPORTED', null, null, []));
      return false;
    });
    const candidates = await matchCandidates(tx, viewer, accountId, addDays(first, -windowDays), addDays(last, windowDays));
    const matches = matchStatementLines(fresh, candidates, windowDays);
    fresh.forEach((l, i) => {
      const m = matches[i]!;
      if (m.status === 'MATCHED') report.matched++;
      else if (m.status === 'AMBIGUOUS') report.ambiguous++;
      else report.unmatched++;
      report.lines.push(reportLine(l, m.status, m.status === 'MATCHED' ? m.method : null, m.status === 'MATCHED' ? m.incomeId : null, m.status === 'AMBIGUOUS' ? m.candidates : []));
    });
    report.lines.sort((a, b) => a.row - b.row);
    if (options.dryRun || fresh.length === 0) return { keep: false, value: report };
    const now = clock.now();
    const { statement, lines: stored } = await store.insertStatement(
      tx,
      { accountPartyId: accountId, regionCode: account!.regionCode, fileName: options.fileName.slice(0, 200), lineCount: fresh.length, actorId: viewer.userId },
      fresh.map((l, i) => {
        const m = matches[i]!;
        const matched = m.status === 'MATCHED' ? { incomeId: m.incomeId, matchMethod: m.method, matchedAt: now, matchedBy: viewer.userId } : {};
        return {
          accountPartyId: accountId,
          regionCode: account!.regionCode,
          rowNo: l.row,
          bookedOn: l.bookedOn,
          amountFen: l.amountFen,
          counterparty: l.counterparty,
          reference: l.reference,
          ...matched,
        };
      }),
    );
    report.statementId = toGlobalId('BankStatement', statement.id);
    await recordAuditEvent(tx, viewer, clock, {
      action: 'bankStatement.import',
      entityType: 'BankStatement',
      entityId: report.statementId,
      regionCode: account!.regionCode,
      before: null,
      after: {
        account: report.account,
        fileName: statement.fileName,
        lines: stored.map(lineImage),
        alreadyImported: report.alreadyImported,
        debitsSkipped: report.debitsSkipped,
      },
    });
    return { keep: true, value: report };
  });
}

function reportLine(l: ParsedLine, status: LineStatus, method: MatchMethod | null, incomeId: number | null, candidates: number[]): ReportLine {
  return {
    row: l.row,
    bookedOn: l.bookedOn,
    amount: formatMoney(l.amountFen),
    counterparty: l.counterparty,
    reference: l.reference,
    status,
    method,
    incomeRecordId: incomeId === null ? null : toGlobalId('IncomeRecord', incomeId),
    candidates: candidates.map((id) => toGlobalId('IncomeRecord', id)),
  };
}

function lineImage(l: StatementLineRow) {
  return {
    id: toGlobalId('BankStatementLine', l.id),
    row: l.rowNo,
    bookedOn: l.bookedOn,
    amount: formatMoney(l.amountFen),
    counterparty: l.counterparty,
    reference: l.reference,
    incomeRecordId: l.incomeId === null ? null : toGlobalId('IncomeRecord', l.incomeId),
    matchMethod: l.matchMethod,
  };
}

/** The account holder's receipts that stand in the window, locked, less those another line has. */
async function matchCandidates(tx: Tx, viewer: Viewer, accountPartyId: number, from: string, to: string): Promise<MatchCandidate[]> {
  const receipts = await lockStandingReceiptsOfOwner(tx, viewer, accountPartyId, from, to);
  const taken = await store.matchedIncome(
    tx,
    receipts.map((r) => r.id),
  );
  const open = receipts.filter((r) => !taken.has(r.id));
  const contractIds = [...new Set(open.flatMap((r) => (r.contractId === null ? [] : [r.contractId])))];
  const contracts = contractIds.length ? await contractsByIds(tx, viewer, contractIds) : [];
  const operatorOf = new Map(contracts.flatMap((c) => (c ? [[c.id, c.operatorPartyId] as const] : [])));
  const names = await registeredNames(tx, [...new Set(operatorOf.values())]);
  return open.map((r: IncomeRow) => {
    const operator = r.contractId === null ? undefined : operatorOf.get(r.contractId);
    return { incomeId: r.id, amountFen: r.amountFen, receivedOn: r.receivedOn, voucherNo: r.voucherNo, operatorName: operator === undefined ? null : (names.get(operator) ?? null) };
  });
}

export interface MatchLine {
  lineId: number | undefined;
  incomeId: string;
}

/** Matches a statement line to an income record by hand (an ambiguous or unmatched line, settled). */
export function matchStatementLine(db: Db, viewer: Viewer, clock: Clock, input: MatchLine): Promise<Outcome<StatementLineRow>> {
  assertCan(viewer, 'finance:write');
  return withTransaction(db, async (tx) => {
    const line = input.lineId === undefined ? undefined : await store.lockLine(tx, viewer, input.lineId);
    if (!line) return refusal(['input', 'lineId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此对账单行', 'No statement line with this id in your scope'));
    const incomeKey = tryKeyOf(input.incomeId, 'IncomeRecord');
    const [found] = incomeKey === undefined ? [] : await incomeByIds(tx, viewer, [incomeKey]);
    if (!found) return refusal(['input', 'incomeId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此收益记录', 'No income record with this id in your scope'));
    const errors = new UserErrors();
    await store.lockAccount(tx, line.accountPartyId);
    if (line.incomeId !== null) errors.add(['input', 'lineId'], StatementError.LINE_ALREADY_MATCHED);
    // Locked with the account holder's other receipts, as an import locks them: the two never both take it.
    const receipts = await lockStandingReceiptsOfOwner(tx, viewer, line.accountPartyId, found.receivedOn, found.receivedOn);
    if (found.reversesId !== null || (await isReversed(tx, found.id))) errors.add(['input', 'incomeId'], StatementError.INCOME_NOT_STANDING);
    else if (!receipts.some((r) => r.id === found.id)) errors.add(['input', 'incomeId'], StatementError.INCOME_NOT_OF_ACCOUNT);
    else if ((await store.matchedIncome(tx, [found.id])).size) errors.add(['input', 'incomeId'], StatementError.INCOME_ALREADY_MATCHED);
    if (found.amountFen !== line.amountFen)
      errors.add(
        ['input', 'incomeId'],
        StatementError.AMOUNT_DIFFERS,
        text(
          `对账单金额 ${formatMoney(line.amountFen)} 元，收益金额 ${formatMoney(found.amountFen)} 元`,
          `The line is ${formatMoney(line.amountFen)} yuan, the income record ${formatMoney(found.amountFen)}`,
        ),
      );
    if (errors.any) return refused(errors);
    const matched = await store.setMatch(tx, line.id, { incomeId: found.id, method: 'MANUAL', actorId: viewer.userId, at: clock.now() });
    await recordAuditEvent(tx, viewer, clock, {
      action: 'bankStatement.matchLine',
      entityType: 'BankStatementLine',
      entityId: toGlobalId('BankStatementLine', line.id),
      regionCode: line.regionCode,
      before: lineImage(line),
      after: lineImage(matched),
    });
    return ok(matched);
  });
}

/**
 * A receipt reversed no longer explains the money on the bank line matched to it: the line is
 * unmatched again (listed by unmatchedStatementLines, to be matched to the corrected record).
 */
registerOnReversal(async (tx, viewer, clock, reversed) => {
  const released = await store.releaseMatchOfIncome(tx, reversed.id);
  if (!released) return;
  await recordAuditEvent(tx, viewer, clock, {
    action: 'bankStatement.releaseLine',
    entityType: 'BankStatementLine',
    entityId: toGlobalId('BankStatementLine', released.before.id),
    regionCode: released.before.regionCode,
    before: lineImage(released.before),
    after: lineImage(released.after),
  });
});

// Reads

export async function linesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(StatementLineRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.linesByIds(db, viewer, ids), (l) => l.id);
}

export async function linesOfIncomes(db: Db, viewer: Viewer, incomeIds: readonly number[]): Promise<(StatementLineRow | null)[]> {
  assertCan(viewer, 'read');
  return manyByKey(incomeIds, await store.linesOfIncomes(db, viewer, incomeIds), (l) => l.incomeId!).map((ls) => ls[0] ?? null);
}

/** Credit lines of the region's accounts booked in [from, to] that no income record explains. */
export function unmatchedStatementLines(db: Db, viewer: Viewer, filter: store.LineFilter, args: PageArgs): Promise<Connection<StatementLineRow>> {
  assertCan(viewer, 'read');
  return keysetConnection(
    args,
    store.LINE_ORDER,
    (page) => store.unmatchedPage(db, viewer, filter, page),
    () => store.unmatchedCount(db, viewer, filter),
  );
}

/** Receipts that stand, of assets in the region, received in [from, to], that no statement line confirms. */
export function incomeWithoutStatementLine(db: Db, viewer: Viewer, filter: store.LineFilter, args: PageArgs) {
  return listIncome(db, viewer, { regionPrefix: filter.regionPrefix, from: filter.from, to: filter.to, standing: true, idCondition: store.noLineMatched }, args);
}
