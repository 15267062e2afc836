/**
 * What a client is told when the database stops a statement that ran past its timeout
 * (SQLSTATE 57014, wrapped by drizzle as it is): a stable code and what to do, never an
 * internal error, through GraphQL and through the HTTP routes (exports, uploads); and an
 * ordinary defect stays masked.
 */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, formatError, STATEMENT_TIMEOUT_MESSAGE } from '../../src/graphql/errors';
import { errorResponse } from '../../src/http/error-response';

const fromResolver = (error: Error) => new GraphQLError(error.message, { originalError: error, path: ['auditCheckSummary'] });

describe('database errors as clients see them', () => {
  it('names a statement stopped by its timeout', () => {
    const cause = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const logged: unknown[] = [];
    const formatted = formatError({ message: 'x', path: ['auditCheckSummary'] }, fromResolver(new Error('Failed query: /* auditCheckTotals */ …', { cause })), (e) => logged.push(e));
    expect(formatted).toEqual({ message: STATEMENT_TIMEOUT_MESSAGE, path: ['auditCheckSummary'], extensions: { code: 'STATEMENT_TIMEOUT' } });
    expect(logged).toHaveLength(1);
  });

  it('masks anything else', () => {
    const formatted = formatError({ message: 'x', path: ['assets'] }, fromResolver(Object.assign(new Error('boom'), { code: '42P01' })));
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  describe('through an HTTP route', () => {
    const timedOut = () => new Error('Failed query: /* auditFindingsExport */ …', { cause: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }) });

    it('answers a statement stopped by its timeout with its code and what to do, not a 500', () => {
      const response = errorResponse(timedOut());
      expect(response).toMatchObject({ status: 503, headers: {}, unexpected: true });
      expect(response.body).toEqual({ errors: [{ message: STATEMENT_TIMEOUT_MESSAGE, extensions: { code: 'STATEMENT_TIMEOUT' } }] });
    });

    it('keeps the other answers: an AppError with its status, a lost database retryable, a client error, a masked defect', () => {
      expect(errorResponse(new AppError('FORBIDDEN', 'no'))).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] }, unexpected: false });
      expect(errorResponse(Object.assign(new Error('gone'), { code: 'ECONNRESET' }))).toMatchObject({
        status: 503,
        headers: { 'retry-after': '1' },
        body: { errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true } }] },
      });
      expect(errorResponse(Object.assign(new Error('too big'), { status: 413 }))).toMatchObject({ status: 413, body: { errors: [{ message: 'too big', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
      const defect = errorResponse(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }));
      expect(defect).toMatchObject({ status: 500, unexpected: true, body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } });
    });
  });
});
