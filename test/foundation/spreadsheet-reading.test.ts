/**
 * Uploaded spreadsheets as counties make them: a date typed into Excel is a number with a date
 * format, and reads as its day; a formula never computed or an error value reads as written, not
 * as "[object Object]"; a CSV's rows of nothing but commas are blank lines, and line endings may mix;
 * an amount's thousands separators must stand where they belong.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CellError, moneyCell } from '../../src/http/spreadsheet-cells';
import { readSpreadsheet } from '../../src/http/spreadsheets';

describe('reading uploaded spreadsheets', () => {
  it('reads an Excel date cell as its day, and formulas without a value and error cells as written', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['资产编号', '建成日期', '原值(元)', '备注']);
    const row = sheet.addRow(['ZC-1', new Date(Date.UTC(2020, 0, 1)), { formula: 'B2*2' }, { error: '#N/A' }]);
    row.getCell(2).numFmt = 'yyyy-mm-dd';
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await readSpreadsheet('ledger.xlsx', content)).toEqual([{ 资产编号: 'ZC-1', 建成日期: '2020-01-01', '原值(元)': '=B2*2', 备注: '#N/A' }]);
  });

  it('skips rows of nothing but commas, and splits rows on CRLF and LF alike', async () => {
    const csv = Buffer.from('\ufeff资产编号,资产名称\r\nA-1,村道\nA-2,水池\r\n,\n,,\n');
    expect(await readSpreadsheet('ledger.csv', csv)).toEqual([
      { 资产编号: 'A-1', 资产名称: '村道' },
      { 资产编号: 'A-2', 资产名称: '水池' },
    ]);
  });

  it('reads amounts with thousands separators where they belong, and refuses them anywhere else', () => {
    expect(moneyCell('1,234,567.89', 'amount')).toBe(123456789n);
    expect(moneyCell(' 3000.00 ', 'amount')).toBe(300000n);
    expect(moneyCell('-1,000', 'amount')).toBe(-100000n);
    for (const typo of ['1,0,0.00', '10,00', ',100', '100,', '1,000.00,5']) expect(() => moneyCell(typo, 'amount'), typo).toThrow(CellError);
  });
});
