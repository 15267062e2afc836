/**
 * The server's JSON logger. Logs are read by more people than personal data may be shown to
 * (个人信息保护): bearer tokens and cookies are redacted, an error is logged without the
 * parameters of the statement that failed (drizzle puts them in its message), and anything in a
 * log line that looks like a resident ID or a mobile number is masked, wherever it came from
 * (a PostgreSQL message quotes the value it refused).
 */
import pino, { stdSerializers, type DestinationStream, type Logger } from 'pino';

const RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Masks resident IDs and mobile numbers in free text. */
export function scrubPersonalData(text: string): string {
  return text.replace(RESIDENT_ID, '$1********$2').replace(MOBILE, '$1****$2');
}

/**
 * A request as logged (pino-http hands it over already reduced): its URL carries query strings,
 * percent-encoded, so it is decoded before it is scrubbed (and logged decoded).
 */
export function safeRequest(req: { url?: string } & Record<string, unknown>): Record<string, unknown> {
  if (typeof req.url !== 'string') return req;
  let url = req.url;
  try {
    url = decodeURIComponent(url);
  } catch {
    // not valid percent-encoding: scrub it as it is
  }
  // Not `query` or `params`: the URL says it once, scrubbed.
  const { id, method, headers, remoteAddress, remotePort } = req;
  return { id, method, url: scrubPersonalData(url), headers, remoteAddress, remotePort };
}

/**
 * An error as it may be logged: its type, message and stack without any statement parameters,
 * the SQLSTATE and constraint of a database error, and the same for its cause.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> | undefined {
  if (!(error instanceof Error)) return error === undefined ? undefined : { message: scrubPersonalData(String(error)) };
  const withoutParams = (text: string | undefined) => text && scrubPersonalData(text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [not logged]'));
  const { code, constraint_name, constraint, severity } = error as Error & Record<string, unknown>;
  const serialised = stdSerializers.err(error);
  return {
    type: serialised.type,
    message: withoutParams(error.message),
    stack: withoutParams(error.stack),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof (constraint_name ?? constraint) === 'string' ? { constraint: constraint_name ?? constraint } : {}),
    ...(typeof severity === 'string' ? { severity } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: safeError(error.cause, depth + 1) } : {}),
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
      // Top-level text of a log line; objects are left to their serializers.
      formatters: { log: (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, typeof v === 'string' ? scrubPersonalData(v) : v])) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubPersonalData(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
