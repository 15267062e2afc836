/**
 * Personal data never reaches the server log: a failed statement is logged without its
 * parameters, and resident IDs and mobile numbers are masked wherever they appear (a
 * PostgreSQL message quotes the value it refused; a GET request's URL carries its variables).
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, scrubPersonalData } from '../../src/http/logger';
import { Role, startTestApp, type TestContext } from '../helpers';

const RESIDENT_ID = '52232719900101123X';
const MOBILE = '13812345678';

describe('the server log', () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('info', capture);
  let t: TestContext;

  beforeAll(async () => {
    t = await startTestApp({ logger });
  });
  afterAll(() => t.close());

  it('masks resident IDs and mobile numbers in free text, and leaves other numbers alone', () => {
    expect(scrubPersonalData(`id ${RESIDENT_ID}, phone ${MOBILE}, code 522327104201, money 1234567.89`)).toBe('id 522327********123X, phone 138****5678, code 522327104201, money 1234567.89');
  });

  it('logs a failed statement without its parameters or the value the database quoted', async () => {
    const error = await t.db.db.execute(sql`/* probe */ select ${RESIDENT_ID}::int as n, ${MOBILE}::text as phone`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain(RESIDENT_ID); // drizzle's own message carries it
    logger.error({ err: error }, 'unexpected error in a resolver');
    const line = lines.at(-1)!;
    expect(line).toContain('params: [not logged]');
    expect(line).not.toContain(RESIDENT_ID);
    expect(line).not.toContain(MOBILE);
    expect(JSON.parse(line).err.cause.code).toMatch(/^22/); // its SQLSTATE is kept
  });

  it('masks personal data in the request line of a GET query', async () => {
    const token = await t.token(Role.VIEWER, '522327');
    await request(t.app.server)
      .get('/graphql')
      .query({ query: 'query($text: String) { parties(filter: { text: $text }) { totalCount } }', variables: JSON.stringify({ text: RESIDENT_ID }) })
      .set('authorization', `Bearer ${token}`)
      .set('apollo-require-preflight', 'true');
    const logged = lines.filter((l) => l.includes('"url":"/graphql?'));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(decodeURIComponent(line)).not.toContain(RESIDENT_ID);
  });
});
