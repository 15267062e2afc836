/**
 * What a client is told when the database stops a statement that ran past its timeout
 * (SQLSTATE 57014, wrapped by drizzle as it is): a stable code and what to do, never an
 * internal error; and an ordinary defect stays masked.
 */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError, STATEMENT_TIMEOUT_MESSAGE } from '../../src/graphql/errors';

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
});
