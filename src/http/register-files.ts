/**
 * Spreadsheet routes of the register (DESIGN.md §6):
 * - GET  /export/assets.csv | /export/assets.xlsx ?region=&assetClass=&category=&status=&text=
 *   CSV is UTF-8 with a BOM (Excel opens it in Chinese); both stream batch by batch.
 * - POST /import/assets[?dryRun=true] multipart `file` (.csv or .xlsx): a JSON report of every
 *   row's errors; without dryRun all rows are written or none.
 * Same bearer token, roles and region scope as GraphQL: the services apply them.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/client';
import { AppError } from '../graphql/errors';
import { ASSET_CATEGORIES, ASSET_CLASSES, ASSET_STATUSES } from '../modules/assets/assets.table';
import type { AssetFilter } from '../modules/assets/assets.store';
import { HEADERS } from '../modules/assets/register-file';
import { exportRegister, importRegister } from '../modules/assets/register-io.service';
import type { PersonalDataCipher } from '../modules/parties/personal-data';
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

type Authenticate = (req: Request) => Promise<Viewer>;

function queryEnum<T extends string>(req: Request, name: string, values: readonly T[]): T | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !values.includes(raw as T)) throw new AppError('BAD_USER_INPUT', `${name} must be one of ${values.join(', ')}`);
  return raw as T;
}

function exportFilter(req: Request): AssetFilter {
  const region = req.query.region;
  let regionPrefix: string | undefined;
  if (region !== undefined && region !== '') {
    const code = typeof region === 'string' ? normaliseDivisionCode(region) : null;
    if (!code) throw new AppError('BAD_USER_INPUT', 'region must be a division code');
    regionPrefix = significantPrefix(code);
  }
  const text = typeof req.query.text === 'string' ? req.query.text.trim() || undefined : undefined;
  return {
    regionPrefix,
    assetClass: queryEnum(req, 'assetClass', ASSET_CLASSES),
    category: queryEnum(req, 'category', ASSET_CATEGORIES),
    status: queryEnum(req, 'status', ASSET_STATUSES),
    text,
  };
}

/** exceljs weighs ~26 MB per process: loaded on the first XLSX, not at start. */
async function excel() {
  return (await import('exceljs')).default;
}

/** Reads an uploaded CSV (UTF-8, BOM or not) or XLSX (first sheet) into rows keyed by header. */
export async function readSpreadsheet(name: string, content: Buffer): Promise<Record<string, string>[]> {
  if (/\.xlsx$/i.test(name)) {
    const workbook = new (await excel()).Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new AppError('BAD_USER_INPUT', 'The file is not a readable XLSX workbook');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const headers: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = String(cell.text ?? '').trim()));
    const rows: Record<string, string>[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (!row.hasValues) continue;
      const record: Record<string, string> = {};
      headers.forEach((header, col) => {
        if (header) record[header] = String(row.getCell(col).text ?? '').trim();
      });
      rows.push(record);
    }
    return rows;
  }
  if (/\.csv$/i.test(name)) {
    try {
      return parse(content, { bom: true, columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, relax_column_count: true });
    } catch (error) {
      throw new AppError('BAD_USER_INPUT', `The CSV file cannot be read: ${(error as Error).message}`);
    }
  }
  throw new AppError('BAD_USER_INPUT', 'Upload a .csv or .xlsx file');
}

/** Writes the register as CSV or XLSX to a writable stream, batch by batch. */
export async function writeRegister(rows: AsyncGenerator<string[][]>, format: 'csv' | 'xlsx', out: NodeJS.WritableStream): Promise<void> {
  if (format === 'csv') {
    out.write('\ufeff');
    const csv = stringify({ header: true, columns: HEADERS as unknown as string[] });
    csv.pipe(out);
    for await (const batch of rows) {
      for (const row of batch) if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
    await new Promise<void>((resolve, reject) => {
      csv.on('end', resolve);
      csv.on('error', reject);
    });
    return;
  }
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('资产台账');
  sheet.addRow([...HEADERS]).commit();
  for await (const batch of rows) for (const row of batch) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

export function registerFilesRouter(db: Db, cipher: PersonalDataCipher, authenticate: Authenticate): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

  router.get('/export/assets.:format', async (req, res, next) => {
    try {
      const format = req.params.format;
      if (format !== 'csv' && format !== 'xlsx') throw new AppError('NOT_FOUND', 'Export as .csv or .xlsx');
      const viewer = await authenticate(req);
      const filter = exportFilter(req);
      const rows = exportRegister(db, viewer, filter);
      const first = await rows.next(); // authorization and the first batch before the headers go out
      res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="assets.${format}"`);
      async function* all() {
        if (!first.done) yield first.value;
        yield* rows;
      }
      await writeRegister(all(), format, res);
      res.end();
    } catch (error) {
      next(error);
    }
  });

  router.post('/import/assets', (req: Request, res: Response, next: NextFunction) => {
    upload.single('file')(req, res, async (uploadError: unknown) => {
      try {
        if (uploadError) {
          const tooLarge = (uploadError as { code?: string }).code === 'LIMIT_FILE_SIZE';
          throw Object.assign(new AppError('BAD_USER_INPUT', tooLarge ? `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` : 'The upload could not be read'), { status: tooLarge ? 413 : 400 });
        }
        const viewer = await authenticate(req);
        if (!req.file) throw new AppError('BAD_USER_INPUT', 'Send the spreadsheet as the multipart field "file"');
        const rows = await readSpreadsheet(req.file.originalname, req.file.buffer);
        const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
        const report = await importRegister(db, viewer, cipher, rows, { dryRun });
        res.status(report.errors.length ? 422 : 200).json(report);
      } catch (error) {
        next(error);
      }
    });
  });
  return router;
}
