/**
 * Spreadsheets in and out (CSV, UTF-8 with BOM, and XLSX), for every import and export.
 *
 * Out: streamed batch by batch; every text cell that a spreadsheet program would run as a
 * formula (=, +, -, @, tab, CR first) is neutralised with a leading apostrophe, as OWASP
 * recommends against CSV injection. Plain numbers ("-12.50") are not formulas and stay as they are.
 *
 * In: an upload is parsed off the main thread, in a worker with its own memory ceiling and a
 * time limit, after its size has been checked (for XLSX, the unpacked size its zip directory
 * declares): one hostile workbook can neither stall every other request nor exhaust the server.
 * Neutralised cells read back as the value that was exported.
 */
import { Worker } from 'node:worker_threads';
import { stringify } from 'csv-stringify';
import { AppError } from '../graphql/errors';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Unpacked XML of an XLSX upload: a 50,000-row register is about 40 MB. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
export const MAX_ROWS = 50_000;
export const MAX_COLUMNS = 64;
const READ_TIME_LIMIT_MS = 60_000;
const READER_HEAP_MB = 384;

export type SpreadsheetFormat = 'csv' | 'xlsx';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell as it may safely go into a spreadsheet. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** The exported value behind a neutralised cell. */
export function restoreNeutralised(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) && !PLAIN_NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function formatOf(fileName: string): SpreadsheetFormat | null {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return null;
}

/** exceljs weighs ~26 MB per process: loaded on the first XLSX, not at start. */
async function excel() {
  return (await import('exceljs')).default;
}

/** Writes rows under a header row as CSV or XLSX to a stream, batch by batch, in constant memory. */
export async function writeSpreadsheet(headers: readonly string[], rows: AsyncIterable<string[][]>, format: SpreadsheetFormat, out: NodeJS.WritableStream, sheetName: string): Promise<void> {
  if (format === 'csv') {
    out.write('\ufeff');
    const csv = stringify({ header: true, columns: [...headers] });
    csv.pipe(out, { end: false });
    const ended = new Promise<void>((resolve, reject) => {
      csv.on('end', resolve);
      csv.on('error', reject);
    });
    // A client that stops reading and goes away must not leave this loop waiting for a drain that
    // never comes: leaving it ends the rows' generator, and with it any transaction streaming them.
    const gone = new Promise<'gone'>((resolve) => out.once('close', () => resolve('gone')));
    for await (const batch of rows) {
      for (const row of batch) {
        if (csv.write(row.map(neutraliseFormula))) continue;
        if ((await Promise.race([new Promise<'drained'>((resolve) => csv.once('drain', () => resolve('drained'))), gone])) === 'gone') throw new Error('the client went away');
      }
    }
    csv.end();
    await ended;
    return;
  }
  // XLSX cells are written as strings, never formulas: nothing to neutralise.
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]).commit();
  for await (const batch of rows) for (const row of batch) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

/**
 * The unpacked size an XLSX (a zip) declares for its entries, from the zip's central directory,
 * without unpacking anything. Null when the file is not a zip we can read.
 */
export function declaredUnpackedBytes(content: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let end = -1;
  for (let i = content.length - 22; i >= Math.max(0, content.length - 22 - 0xffff); i--) {
    if (content.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = content.readUInt16LE(end + 10);
  let at = content.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > content.length || content.readUInt32LE(at) !== CENTRAL) return null;
    const unpacked = content.readUInt32LE(at + 24);
    // zip64 sizes (0xFFFFFFFF) mean more than 4 GB: far beyond any register.
    if (unpacked === 0xffffffff) return Number.MAX_SAFE_INTEGER;
    total += unpacked;
    at += 46 + content.readUInt16LE(at + 28) + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32);
  }
  return total;
}

export interface ReadLimits {
  maxRows: number;
  maxColumns: number;
}

/**
 * Runs inside the reader worker (its source is sent to the worker, so it uses nothing from this
 * module's scope): parses the upload and returns the rows keyed by header, or an error message.
 */
async function readInWorker(input: { format: SpreadsheetFormat; content: Uint8Array; limits: ReadLimits; modules: { exceljs: string; csvParse: string } }) {
  const tooMany = (what: string) => ({ error: `The file has more than ${what}` });
  const text = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') {
      const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown; formula?: string; error?: string; toISOString?: () => string };
      if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
      if (v.text !== undefined) return text(v.text);
      if (v.result !== undefined) return text(v.result);
      // A formula the program never computed, or an error value (#N/A…): said as written.
      if (v.formula !== undefined) return `=${v.formula}`;
      if (v.error !== undefined) return String(v.error);
      // A date cell (a number with a date format: how Excel keeps any date typed in) is read as its day.
      if (typeof v.toISOString === 'function') return v.toISOString().slice(0, 10);
    }
    return String(value);
  };
  const rows: Record<string, string>[] = [];
  if (input.format === 'csv') {
    const { parse } = require(input.modules.csvParse) as typeof import('csv-parse/sync');
    let records: string[][];
    try {
      // Rows of nothing but commas (Excel leaves them at the end) are blank lines; CRLF and LF may mix.
      records = parse(Buffer.from(input.content), {
        bom: true,
        skip_empty_lines: true,
        skip_records_with_empty_values: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_column_count: true,
        to_line: input.limits.maxRows + 2,
      });
    } catch (error) {
      return { error: `The CSV file cannot be read: ${(error as Error).message}` };
    }
    const headers = (records[0] ?? []).map((h) => h.trim());
    if (headers.length > input.limits.maxColumns) return tooMany(`${input.limits.maxColumns} columns`);
    if (records.length - 1 > input.limits.maxRows) return tooMany(`${input.limits.maxRows} rows`);
    for (const record of records.slice(1)) {
      const row: Record<string, string> = {};
      headers.forEach((header, i) => {
        if (header) row[header] = (record[i] ?? '').trim();
      });
      rows.push(row);
    }
    return { rows };
  }
  const ExcelJS = require(input.modules.exceljs) as typeof import('exceljs');
  const { Readable } = require('node:stream') as typeof import('node:stream');
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(input.content)]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache', // the number formats tell a date cell from a number
      worksheets: 'emit',
      entries: 'ignore',
    });
    let headers: string[] | null = null;
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<import('exceljs').Row>) {
        const values = row.values as unknown[];
        if (values.length - 1 > input.limits.maxColumns) return tooMany(`${input.limits.maxColumns} columns`);
        if (!headers) {
          headers = values.map((v) => text(v).trim());
          continue;
        }
        if (!values.some((v) => text(v).trim() !== '')) continue;
        if (rows.length >= input.limits.maxRows) return tooMany(`${input.limits.maxRows} rows`);
        const record: Record<string, string> = {};
        headers.forEach((header, col) => {
          if (header) record[header] = text(values[col]).trim();
        });
        rows.push(record);
      }
      break; // the first sheet only
    }
  } catch {
    return { error: 'The file is not a readable XLSX workbook' };
  }
  return { rows };
}

/**
 * Reads an uploaded CSV (UTF-8, BOM or not) or XLSX (first sheet) into rows keyed by header,
 * within the limits, off the main thread. Neutralised cells are restored.
 */
export async function readSpreadsheet(fileName: string, content: Buffer, limits: ReadLimits = { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS }): Promise<Record<string, string>[]> {
  const format = formatOf(fileName);
  if (!format) throw new AppError('BAD_USER_INPUT', 'Upload a .csv or .xlsx file');
  if (content.length > MAX_UPLOAD_BYTES) throw new AppError('BAD_USER_INPUT', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (format === 'xlsx') {
    const unpacked = declaredUnpackedBytes(content);
    if (unpacked === null) throw new AppError('BAD_USER_INPUT', 'The file is not a readable XLSX workbook');
    if (unpacked > MAX_UNPACKED_BYTES) throw new AppError('BAD_USER_INPUT', `The workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`);
  }
  const modules = { exceljs: require.resolve('exceljs'), csvParse: require.resolve('csv-parse/sync') };
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads'); (${readInWorker.toString()})(workerData).then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ error: String(e && e.message || e) }));`,
    {
      eval: true,
      workerData: { format, content, limits, modules },
      resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    },
  );
  const result = await new Promise<{ rows?: Record<string, string>[]; error?: string }>((resolve) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ error: `The file took more than ${READ_TIME_LIMIT_MS / 1000} s to read` });
    }, READ_TIME_LIMIT_MS);
    worker.once('message', (message: { rows?: Record<string, string>[]; error?: string }) => {
      clearTimeout(timer);
      resolve(message);
    });
    worker.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      resolve({ error: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'The file needs more memory to read than an import may use' : 'The file cannot be read' });
    });
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve({ error: 'The file cannot be read' });
    });
  });
  void worker.terminate();
  if (result.error !== undefined || !result.rows) throw new AppError('BAD_USER_INPUT', result.error ?? 'The file cannot be read');
  for (const row of result.rows) for (const key of Object.keys(row)) row[key] = restoreNeutralised(row[key]!);
  return result.rows;
}
