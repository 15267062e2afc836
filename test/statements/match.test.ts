/** The matching rule of bank statement lines to income records, case by case (statements/match.ts). */
import { describe, expect, it } from 'vitest';
import { matchStatementLines, type MatchCandidate, type StatementLineIn } from '../../src/modules/statements/match';

const line = (bookedOn: string, amount: number, counterparty = '黔南绿能有限公司', reference = ''): StatementLineIn => ({ bookedOn, amountFen: BigInt(amount), counterparty, reference });
const receipt = (incomeId: number, receivedOn: string, amount: number, voucherNo: string | null = null, operatorName: string | null = '黔南绿能有限公司'): MatchCandidate => ({
  incomeId,
  receivedOn,
  amountFen: BigInt(amount),
  voucherNo,
  operatorName,
});

describe('matching statement lines to income records', () => {
  it('matches by voucher no. inside the reference, whatever the spaces and the width of the characters', () => {
    const results = matchStatementLines([line('2026-03-20', 300000, '某人', '租金 ＰＺ－2026－01')], [receipt(1, '2026-01-05', 300000, 'PZ-2026-01', null)], 5);
    expect(results).toEqual([{ status: 'MATCHED', method: 'VOUCHER', incomeId: 1 }]);
  });

  it('does not take a voucher match whose amount differs; nor a voucher of fewer than four characters', () => {
    expect(matchStatementLines([line('2026-01-05', 100, 'x', 'PZ-2026-01')], [receipt(1, '2026-01-05', 300000, 'PZ-2026-01', null)], 5)).toEqual([{ status: 'UNMATCHED' }]);
    expect(matchStatementLines([line('2026-01-05', 100, 'x', '租金 12')], [receipt(1, '2026-01-05', 100, '12', null)], 5)).toEqual([{ status: 'UNMATCHED' }]);
  });

  it('matches by amount, date within the window and operator, and by nothing less', () => {
    const candidates = [receipt(1, '2026-02-05', 300000)];
    expect(matchStatementLines([line('2026-02-10', 300000)], candidates, 5)).toEqual([{ status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 1 }]);
    expect(matchStatementLines([line('2026-01-31', 300000)], candidates, 5)).toEqual([{ status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 1 }]);
    expect(matchStatementLines([line('2026-02-11', 300000)], candidates, 5)).toEqual([{ status: 'UNMATCHED' }]);
    expect(matchStatementLines([line('2026-02-05', 300001)], candidates, 5)).toEqual([{ status: 'UNMATCHED' }]);
    expect(matchStatementLines([line('2026-02-05', 300000, '别的公司')], candidates, 5)).toEqual([{ status: 'UNMATCHED' }]);
    expect(matchStatementLines([line('2026-02-05', 300000)], [receipt(1, '2026-02-05', 300000, null, null)], 5)).toEqual([{ status: 'UNMATCHED' }]);
  });

  it('reports a line that two records fit equally as ambiguous, with both', () => {
    const results = matchStatementLines([line('2026-03-06', 300000)], [receipt(3, '2026-03-05', 300000), receipt(4, '2026-03-07', 300000)], 5);
    expect(results).toEqual([{ status: 'AMBIGUOUS', candidates: [3, 4] }]);
  });

  it('gives each record to one line, and the order of the file does not decide', () => {
    // Line A fits records 1 and 2; line B fits only record 2. B takes 2, then A is left with 1.
    const lines = [line('2026-03-03', 300000), line('2026-03-09', 300000)];
    const candidates = [receipt(1, '2026-03-01', 300000), receipt(2, '2026-03-06', 300000)];
    expect(matchStatementLines(lines, candidates, 3)).toEqual([
      { status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 1 },
      { status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 2 },
    ]);
    expect(matchStatementLines([...lines].reverse(), candidates, 3)).toEqual([
      { status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 2 },
      { status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 1 },
    ]);
    // Two identical lines for one record: one matches, the other has nothing left.
    expect(
      matchStatementLines([line('2026-03-01', 300000), line('2026-03-01', 300000)], [receipt(1, '2026-03-01', 300000)], 3)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['MATCHED', 'UNMATCHED']);
  });

  it('lets a voucher match win over an amount-and-operator match of the same record', () => {
    const lines = [line('2026-03-05', 300000), line('2026-03-05', 300000, '黔南绿能有限公司', '记-2026-03-7-1')];
    const candidates = [receipt(1, '2026-03-05', 300000, '记-2026-03-7-1'), receipt(2, '2026-03-06', 300000)];
    expect(matchStatementLines(lines, candidates, 5)).toEqual([
      { status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeId: 2 },
      { status: 'MATCHED', method: 'VOUCHER', incomeId: 1 },
    ]);
  });
});
