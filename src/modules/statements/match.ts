/**
 * Matching a bank statement's credit lines to income records (银行对账), as a pure function so
 * every case is testable without a database:
 * 1. by voucher no.: the line's reference carries the record's voucher no. and the amounts agree;
 * 2. else by amount, date and operator: the same amount, received within `windowDays` of the
 *    booking date, from the operator of the record's contract (the line's counterparty).
 * A record serves one line. Lines with a single candidate claim it first, round after round, so
 * the file's order never decides; a line left with several candidates is AMBIGUOUS, with none
 * UNMATCHED. Neither is recorded as a match: the finance office settles it by hand.
 */
import { addDays } from '../../clock';

export interface StatementLineIn {
  bookedOn: string;
  amountFen: bigint;
  counterparty: string;
  reference: string;
}

export interface MatchCandidate {
  incomeId: number;
  amountFen: bigint;
  receivedOn: string;
  voucherNo: string | null;
  /** The name of the operator of the record's contract, if it has one. */
  operatorName: string | null;
}

export type LineMatch = { status: 'MATCHED'; method: 'VOUCHER' | 'AMOUNT_DATE_OPERATOR'; incomeId: number } | { status: 'AMBIGUOUS'; candidates: number[] } | { status: 'UNMATCHED' };

/** A voucher no. shorter than this is not looked for inside a reference (too many false hits). */
const MIN_VOUCHER_LENGTH = 4;

/** Names and references as banks and ledgers write them: no spaces, ASCII brackets, one case. */
export function normalise(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function byVoucher(line: StatementLineIn, c: MatchCandidate): boolean {
  const voucher = c.voucherNo === null ? '' : normalise(c.voucherNo);
  return voucher.length >= MIN_VOUCHER_LENGTH && normalise(line.reference).includes(voucher) && c.amountFen === line.amountFen;
}

function byAmountDateOperator(line: StatementLineIn, c: MatchCandidate, windowDays: number): boolean {
  return (
    c.amountFen === line.amountFen &&
    c.receivedOn >= addDays(line.bookedOn, -windowDays) &&
    c.receivedOn <= addDays(line.bookedOn, windowDays) &&
    c.operatorName !== null &&
    normalise(c.operatorName) === normalise(line.counterparty)
  );
}

export function matchStatementLines(lines: readonly StatementLineIn[], candidates: readonly MatchCandidate[], windowDays: number): LineMatch[] {
  const results: (LineMatch | null)[] = lines.map(() => null);
  const claimed = new Set<number>();
  for (const [method, fits] of [
    ['VOUCHER', byVoucher],
    ['AMOUNT_DATE_OPERATOR', (l: StatementLineIn, c: MatchCandidate) => byAmountDateOperator(l, c, windowDays)],
  ] as const) {
    const options = lines.map((line, i) => (results[i] ? [] : candidates.filter((c) => fits(line, c)).map((c) => c.incomeId)));
    for (let progress = true; progress; ) {
      progress = false;
      options.forEach((ids, i) => {
        if (results[i]) return;
        const open = ids.filter((id) => !claimed.has(id));
        if (open.length !== 1) return;
        results[i] = { status: 'MATCHED', method, incomeId: open[0]! };
        claimed.add(open[0]!);
        progress = true;
      });
    }
    // Several records still fit: not for us to pick. None left (by voucher): the next way is tried.
    options.forEach((ids, i) => {
      const open = ids.filter((id) => !claimed.has(id));
      if (!results[i] && open.length > 1) results[i] = { status: 'AMBIGUOUS', candidates: open };
    });
  }
  return results.map((r) => r ?? { status: 'UNMATCHED' });
}
