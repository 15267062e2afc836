/**
 * What an HTTP route (uploads, exports, the body parser) answers when it fails, in GraphQL's
 * error shape: an AppError with its status; a database that went away 503 and retryable; a
 * statement the database stopped at its timeout 503 with what to do (asking again the same way
 * would only time out again, so not retryable); a client error with its 4xx; anything else a
 * masked 500.
 */
import { retryableCode, statementCancelled } from '../db/errors';
import { AppError, RETRYABLE_MESSAGES, STATEMENT_TIMEOUT_MESSAGE } from '../graphql/errors';

const APP_ERROR_STATUS: Record<AppError['code'], number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  INTERNAL_SERVER_ERROR: 500,
};

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { errors: { message: string; extensions: { code: string; retryable?: true } }[] };
  /** An unexpected failure, for the request log. */
  unexpected: boolean;
}

const answer = (status: number, message: string, code: string, extra: Partial<ErrorResponse> = {}): ErrorResponse => ({
  status,
  headers: {},
  body: { errors: [{ message, extensions: { code } }] },
  unexpected: false,
  ...extra,
});

export function errorResponse(error: Error & { status?: number }): ErrorResponse {
  if (error instanceof AppError) return answer((error as { status?: number }).status ?? APP_ERROR_STATUS[error.code], error.message, error.code);
  const retryable = retryableCode(error);
  if (retryable)
    return { status: 503, headers: { 'retry-after': '1' }, body: { errors: [{ message: RETRYABLE_MESSAGES[retryable], extensions: { code: retryable, retryable: true } }] }, unexpected: false };
  if (statementCancelled(error)) return answer(503, STATEMENT_TIMEOUT_MESSAGE, 'STATEMENT_TIMEOUT', { unexpected: true });
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) return answer(500, 'Internal server error', 'INTERNAL_SERVER_ERROR', { unexpected: true });
  return answer(status, error.message, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
}
