/**
 * The shape every spreadsheet route shares: who may call it is settled from the headers before
 * a byte of the body is read, query strings are strict (an unknown or repeated parameter is an
 * error, never a filter silently dropped), and a download is named by what it holds.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { assertCan, type Permission } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../graphql/errors';
import { localeOf, type Locale, type Text } from '../graphql/user-errors';
import { MAX_UPLOAD_BYTES, readSpreadsheet, writeSpreadsheet, type SpreadsheetFormat } from './spreadsheets';

export type Authenticate = (req: Request) => Promise<Viewer>;

/** Refuses what the route does not understand: a typo must not export the whole scope. */
export function strictQuery(req: Request, allowed: readonly string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [name, raw] of Object.entries(req.query)) {
    if (!allowed.includes(name)) throw new AppError('BAD_USER_INPUT', `Unknown parameter "${name.slice(0, 40)}"; this route takes ${allowed.join(', ')}`);
    if (typeof raw !== 'string') throw new AppError('BAD_USER_INPUT', `Give ${name} once, as a plain value`);
    values[name] = raw;
  }
  return values;
}

/**
 * `?dryRun=`: true or 1 checks without writing, false, 0 or none writes. Anything else is
 * refused rather than read as "write": a caller who meant a dry run (`TRUE`, `yes`) must not
 * import by mistake.
 */
function dryRunOf(raw: string | undefined): boolean {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new AppError('BAD_USER_INPUT', `dryRun takes true or false (or 1 or 0), not "${raw.slice(0, 40)}"`);
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(res: Response, asciiName: string, name: string): void {
  res.setHeader('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

/**
 * An upload route: the token and the role are checked from the headers first; a caller who may
 * not upload is answered at once and the body is discarded unread (never parsed, never held in
 * memory). Only then is the multipart body read, at most MAX_UPLOAD_BYTES.
 */
export function uploadRoute(authenticate: Authenticate, permission: Permission, handle: (req: Request, res: Response, viewer: Viewer, file: Express.Multer.File) => Promise<void>): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });
  return async (req: Request, res: Response, next: NextFunction) => {
    let viewer: Viewer;
    try {
      const declared = Number(req.headers['content-length']);
      if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw Object.assign(new AppError('BAD_USER_INPUT', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`), { status: 413 });
      viewer = await authenticate(req);
      assertCan(viewer, permission);
    } catch (error) {
      refuseUnread(req, res);
      next(error);
      return;
    }
    upload.single('file')(req, res, (uploadError: unknown) => {
      if (uploadError) {
        const tooLarge = (uploadError as { code?: string }).code === 'LIMIT_FILE_SIZE';
        next(
          Object.assign(new AppError('BAD_USER_INPUT', tooLarge ? `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` : 'The upload could not be read'), { status: tooLarge ? 413 : 400 }),
        );
        return;
      }
      if (!req.file) {
        next(new AppError('BAD_USER_INPUT', 'Send the spreadsheet as the multipart field "file"'));
        return;
      }
      handle(req, res, viewer, req.file).catch(next);
    });
  };
}

/**
 * Answer at once without reading the body: what arrives after the answer is discarded unparsed
 * and unbuffered (the client reads the refusal and may reuse the connection), and a body that
 * goes on past the upload limit gets its connection closed.
 */
function refuseUnread(req: Request, _res: Response): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_UPLOAD_BYTES) req.destroy();
  });
  req.resume();
}

/** The format a download path asked for (`….csv` or `….xlsx`); anything else is not there. */
export function spreadsheetFormat(format: string | undefined): SpreadsheetFormat {
  if (format !== 'csv' && format !== 'xlsx') throw new AppError('NOT_FOUND', 'Export as .csv or .xlsx');
  return format;
}

/**
 * Streams a spreadsheet download: the first batch is read (and with it the caller's right to
 * it checked) before a header goes out, so a refusal is still a clean error response.
 */
export async function sendSpreadsheet(
  res: Response,
  format: SpreadsheetFormat,
  file: { headers: readonly string[]; sheetName: string; asciiName: string; name: string },
  rows: AsyncGenerator<string[][]>,
): Promise<void> {
  const first = await rows.next();
  res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  attachment(res, `${file.asciiName}.${format}`, `${file.name}.${format}`);
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  try {
    await writeSpreadsheet(file.headers, all(), format, res, file.sheetName);
  } catch (error) {
    if (res.destroyed) return; // the client went away (the request log says so): nothing failed here
    throw error;
  } finally {
    // A write that failed while the first batch was out never reached `rows`: end it here, so a
    // streamed read does not wait for a reader that is gone.
    await rows.return(undefined);
  }
  res.end();
}

/** An import report as the caller reads it: messages in the request's language. */
export function renderReport<R extends { errors: { message: Text }[] }>(report: R, locale: Locale) {
  return { ...report, errors: report.errors.map((e) => ({ ...e, message: e.message[locale] })) };
}

/**
 * A spreadsheet import route (`?dryRun=true` for a dry run, and the route's own `params`): the upload is checked as
 * uploadRoute does, read into rows, handed to `importRows`, and its report answered — 422 when
 * it names errors (nothing was written), 200 otherwise.
 */
export function importRoute(
  authenticate: Authenticate,
  permission: Permission,
  importRows: (req: Request, viewer: Viewer, rows: Record<string, string>[], dryRun: boolean, query: Record<string, string | undefined>) => Promise<{ errors: { message: Text }[] }>,
  params: readonly string[] = [],
): RequestHandler {
  return uploadRoute(authenticate, permission, async (req, res, viewer, file) => {
    const query = strictQuery(req, ['dryRun', ...params]);
    const rows = await readSpreadsheet(file.originalname, file.buffer);
    const report = await importRows(req, viewer, rows, dryRunOf(query.dryRun), query);
    res.status(report.errors.length ? 422 : 200).json(renderReport(report, localeOf(req.headers['accept-language'])));
  });
}
