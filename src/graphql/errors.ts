/**
 * The one error type for failures that are not business-rule outcomes: authentication,
 * authorization, not-found, bad arguments. Everything else is masked as INTERNAL_SERVER_ERROR,
 * so no stack trace or SQL text leaves the server.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { retryableCode, statementCancelled } from '../db/errors';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  /** `field`: the path of the argument at fault, for BAD_USER_INPUT. */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string[],
  ) {
    super(message, { extensions: field ? { code, field } : { code } });
  }
}

/** The longest search text a list filter takes: a search is a few words or a code. */
export const MAX_SEARCH_TEXT = 200;

/** A list filter's search text: trimmed, empty as none, at most MAX_SEARCH_TEXT characters. */
export function searchText(value: string | null | undefined, field: string[]): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (text.length > MAX_SEARCH_TEXT) throw new AppError('BAD_USER_INPUT', `A search text is at most ${MAX_SEARCH_TEXT} characters`, field);
  return text;
}

/** Codes that Apollo and graphql-js produce themselves and that are safe to pass through. */
const PASS_THROUGH = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const RETRYABLE_MESSAGES = {
  DATABASE_UNAVAILABLE: 'The database connection was lost; nothing of this request was written. Retry it.',
  TRANSIENT_CONFLICT: 'The request met a concurrent change; nothing of it was written. Retry it.',
} as const;

export const STATEMENT_TIMEOUT_MESSAGE =
  'The database stopped this request: it ran longer than a statement may (5 s; 120 s for reports and checks). Nothing of it was written. Ask for a smaller region, fewer checks or a narrower filter.';

export function formatError(formatted: GraphQLFormattedError, error: unknown, log?: (err: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: original.field ? { code: original.code, field: original.field } : { code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    const field = formatted.extensions?.field;
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: Array.isArray(field) ? { code, field } : { code } };
  }
  // graphql-armor and graphql-js validation errors carry no code but are the client's fault.
  if (original instanceof GraphQLError && !original.originalError && !formatted.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  const retryable = retryableCode(original);
  if (retryable) {
    return { message: RETRYABLE_MESSAGES[retryable], path: formatted.path, extensions: { code: retryable, retryable: true } };
  }
  if (statementCancelled(original)) {
    log?.(original); // an operator wants to know which request ran that long
    return { message: STATEMENT_TIMEOUT_MESSAGE, path: formatted.path, extensions: { code: 'STATEMENT_TIMEOUT' } };
  }
  log?.(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
