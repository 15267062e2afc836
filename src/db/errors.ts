/**
 * Database failures a client should retry, told apart from defects. When PostgreSQL drops a
 * connection (a restart, a failover, an administrator terminating backends) the request fails
 * with DATABASE_UNAVAILABLE and nothing of its transaction is written; a serialization failure
 * or deadlock is a TRANSIENT_CONFLICT. Both carry `retryable: true`.
 */
export type RetryableCode = 'DATABASE_UNAVAILABLE' | 'TRANSIENT_CONFLICT';

/** postgres.js and Node socket codes, and SQLSTATEs of class 08 (connection) and 57P (operator intervention). */
const UNAVAILABLE = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const CONFLICT = new Set(['40001', '40P01']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof errno === 'string') codes.push(errno);
  }
  return codes;
}

export function retryableCode(error: unknown): RetryableCode | null {
  const codes = codesOf(error);
  if (codes.some((c) => UNAVAILABLE.has(c) || c.startsWith('08'))) return 'DATABASE_UNAVAILABLE';
  if (codes.some((c) => CONFLICT.has(c))) return 'TRANSIENT_CONFLICT';
  return null;
}

/**
 * PostgreSQL stopped a statement (SQLSTATE 57014): it ran past its statement timeout (5 s, or
 * 120 s for reports and checks). Not a defect and not worth retrying as it is: the request must ask
 * for less.
 */
export function statementCancelled(error: unknown): boolean {
  return codesOf(error).includes('57014');
}
