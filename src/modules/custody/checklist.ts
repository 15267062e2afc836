/**
 * The stocktake checklist (盘点清单) for field teams: exported with the register's facts of every
 * asset a stocktake covers and four columns to fill in (盘点结果, 情况说明, 盘点日期, 盘点人);
 * imported back as the register import is — a dry run reports every row's errors by row and
 * column and writes nothing; a real run records every filled-in row or none. Rows left without
 * a result are skipped: a team may hand in what it has checked so far.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withReportTimeout, withTransactionKeptIf } from '../../db/transaction';
import { AppError } from '../../graphql/errors';
import { formatMoney } from '../../graphql/scalars';
import { ERROR_CODES, text, type Text } from '../../graphql/user-errors';
import { CellError, dateCell, enumCell, keysByName } from '../../http/spreadsheet-cells';
import { assetsByCodes, assetsByIds, normaliseAssetCode } from '../assets/assets.service';
import { CATEGORY_NAMES, CLASS_NAMES, STATUS_NAMES } from '../assets/assets.types';
import type { RowError } from '../assets/register-io.service';
import { visibleParty } from '../parties/parties.service';
import { regionsByCodes } from '../regions/regions.service';
import { CustodyError, careOfAssets, custodyRefusals, recordStocktakeResultsIn, stocktakeChecklist, stocktakesByIds, type StocktakeResult, type StocktakeResultInput } from './custody.service';

export const RESULT_NAMES: Record<StocktakeResult, string> = { FOUND: '相符', NOT_FOUND: '未找到', DAMAGED: '损坏', USE_CHANGED: '改变用途' };
const RESULTS = keysByName(RESULT_NAMES);

/** Column → the input field its errors are reported under (null: for reading only). */
export const CHECKLIST_COLUMNS = [
  ['资产编号', 'assetId'],
  ['资产名称', null],
  ['资产类别', null],
  ['资产类型', null],
  ['登记状态', null],
  ['所在村', null],
  ['所在村名称', null],
  ['坐落位置', null],
  ['数量', null],
  ['单位', null],
  ['原值(元)', null],
  ['管护主体', null],
  ['盘点结果', 'result'],
  ['情况说明', 'note'],
  ['盘点日期', 'checkedOn'],
  ['盘点人', 'checkedBy'],
] as const;

export const CHECKLIST_HEADERS = CHECKLIST_COLUMNS.map(([header]) => header);
const headerOf = (field: string) => CHECKLIST_COLUMNS.find(([, f]) => f === field)?.[0] ?? field;

export const MAX_CHECKLIST_ROWS = 50_000;

/** One line per asset of the stocktake in the viewer's scope, in batches; results so far filled in. NOT_FOUND for a stocktake the viewer cannot see. */
export async function* exportChecklist(db: Db, viewer: Viewer, stocktakeId: number): AsyncGenerator<string[][]> {
  assertCan(viewer, 'read');
  const [stocktake] = await stocktakesByIds(db, viewer, [stocktakeId]);
  if (!stocktake) throw new AppError('NOT_FOUND', 'No stocktake with this id in your scope');
  for await (const items of stocktakeChecklist(db, viewer, stocktakeId)) {
    const ids = items.map((i) => i.assetId);
    const [assets, cares] = await withReportTimeout(db, (tx) => Promise.all([assetsByIds(tx, viewer, ids), careOfAssets(tx, viewer, ids, stocktake.asOf)]));
    const regions = await regionsByCodes(db, viewer, [...new Set(items.map((i) => i.regionCode))]);
    const regionName = new Map(regions.flatMap((r) => (r ? [[r.code, r.name] as const] : [])));
    yield items.map((item, i) => {
      const asset = assets[i];
      const custodian = cares[i]?.custodian;
      const values: Record<string, string> = {
        资产编号: asset?.code ?? '',
        资产名称: asset?.name ?? '',
        资产类别: asset ? CLASS_NAMES[asset.assetClass] : '',
        资产类型: asset ? CATEGORY_NAMES[asset.category] : '',
        登记状态: asset ? STATUS_NAMES[asset.status] : '',
        所在村: String(item.regionCode).padStart(12, '0'),
        所在村名称: regionName.get(item.regionCode) ?? '',
        坐落位置: asset?.address ?? '',
        数量: asset?.quantity == null ? '' : String(Number(asset.quantity)),
        单位: asset?.unit ?? '',
        '原值(元)': asset ? formatMoney(asset.originalValueFen) : '',
        管护主体: custodian ? visibleParty(viewer, custodian).name : '',
        盘点结果: item.result ? RESULT_NAMES[item.result] : '',
        情况说明: item.note ?? '',
        盘点日期: item.checkedOn ?? '',
        盘点人: item.checkedBy ?? '',
      };
      return CHECKLIST_HEADERS.map((header) => values[header] ?? '');
    });
  }
}

export interface ChecklistReport {
  dryRun: boolean;
  rows: number;
  /** Rows whose results were recorded (0 in a dry run, as in the register import). */
  recorded: number;
  /** Rows left without a result: not checked yet, skipped. */
  unchecked: number;
  errors: RowError[];
}

/** The spreadsheet row of a data row's index: the header is row 1. */
const rowNumber = (index: number) => index + 2;

/**
 * Reads a filled-in checklist into results of the stocktake, all or none. Every row's errors are
 * reported; with `dryRun` nothing is written.
 */
export async function importChecklist(
  db: Db,
  viewer: Viewer,
  clock: Clock,
  stocktakeId: number | undefined,
  cells: Record<string, string | undefined>[],
  options: { dryRun: boolean },
): Promise<ChecklistReport> {
  assertCan(viewer, 'maintenance:write');
  // A stocktake the caller cannot see is not there (404, as its checklist's download answers),
  // whatever rows the file holds: their faults are reported only for a stocktake of theirs.
  const [visible] = stocktakeId === undefined ? [] : await stocktakesByIds(db, viewer, [stocktakeId]);
  if (!visible) throw new AppError('NOT_FOUND', 'No stocktake with this id in your scope');
  const report: ChecklistReport = { dryRun: options.dryRun, rows: cells.length, recorded: 0, unchecked: 0, errors: [] };
  const fail = (row: number, column: string, code: string, message: Text) => report.errors.push({ row, column, code, message });
  if (cells.length === 0) fail(1, 'file', 'REQUIRED', text('文件中没有资产行', 'The file has no asset rows'));
  else if (cells.length > MAX_CHECKLIST_ROWS) fail(1, 'file', 'TOO_LONG', text(`每次最多导入 ${MAX_CHECKLIST_ROWS} 行`, `At most ${MAX_CHECKLIST_ROWS} rows per import`));
  else for (const header of ['资产编号', '盘点结果'] as const) if (!(header in cells[0]!)) fail(1, header, 'REQUIRED', text(`表头缺少"${header}"列`, `The header row has no ${header} column`));
  if (report.errors.length) return report;

  return withTransactionKeptIf(db, async (tx) => {
    // A closed stocktake refuses the file before its rows are read (read again in the transaction: it may have closed since).
    const [stocktake] = await stocktakesByIds(tx, viewer, [visible.id]);
    if (stocktake!.status !== 'OPEN') fail(1, 'file', CustodyError.STOCKTAKE_CLOSED, ERROR_CODES[CustodyError.STOCKTAKE_CLOSED]!);
    if (report.errors.length) return { keep: false, value: report };
    const filled = cells.map((row, index) => ({ row, index })).filter(({ row }) => (row['盘点结果'] ?? '').trim() !== '');
    report.unchecked = cells.length - filled.length;
    const codes = [...new Set(filled.map(({ row }) => normaliseAssetCode(row['资产编号'] ?? '')).filter(Boolean))];
    const assets = new Map((await assetsByCodes(tx, viewer, codes)).flatMap((a) => (a ? [[a.code, a.id] as const] : [])));
    const results: { input: StocktakeResultInput; at: string[] }[] = [];
    for (const { row, index } of filled) {
      const cell = (header: string) => (row[header] ?? '').trim();
      try {
        const code = normaliseAssetCode(cell('资产编号'));
        const assetId = assets.get(code);
        if (!code) throw new CellError('assetId', text('缺少资产编号', 'The asset code is missing'));
        if (assetId === undefined) throw new CellError('assetId', text(`您的范围内没有编号为 ${code} 的资产`, `No asset with code ${code} in your scope`));
        const result = enumCell(cell('盘点结果'), RESULTS, 'result', text('盘点结果', 'stocktake result')) as StocktakeResult;
        results.push({ input: { assetId, result, note: cell('情况说明') || null, checkedOn: dateCell(cell('盘点日期'), 'checkedOn'), checkedBy: cell('盘点人') }, at: ['rows', String(index)] });
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        fail(rowNumber(index), headerOf(error.field), error.field === 'assetId' ? 'NOT_FOUND' : 'INVALID_VALUE', error.text);
      }
    }
    // The CUSTODIAN rule, row by row: a team's sheet may stray onto assets its party does not hold.
    const refusals = await custodyRefusals(
      tx,
      viewer,
      results.map((r) => ({ assetId: r.input.assetId!, on: r.input.checkedOn ?? clock.today() })),
    );
    for (const i of refusals.keys()) fail(rowNumber(Number(results[i]!.at[1])), headerOf('assetId'), CustodyError.NOT_YOUR_CUSTODY, ERROR_CODES[CustodyError.NOT_YOUR_CUSTODY]!);
    const outcome = await recordStocktakeResultsIn(
      tx,
      viewer,
      clock,
      stocktakeId,
      results.filter((_, i) => !refusals.has(i)),
      'stocktake.importResults',
    );
    for (const e of outcome.userErrors) {
      const [, index, field] = e.field?.[0] === 'rows' ? e.field : [];
      if (index === undefined) fail(1, 'file', e.code, e.message);
      else fail(rowNumber(Number(index)), headerOf(field ?? ''), e.code, e.message);
    }
    report.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    const keep = !options.dryRun && report.errors.length === 0;
    report.recorded = keep ? results.length : 0;
    return { keep, value: report };
  });
}
