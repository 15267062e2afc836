/**
 * Correctly signed tokens whose claims lie: every one is refused as UNAUTHENTICATED (401), on
 * GraphQL and on the spreadsheet routes alike, never a 500. Claims are validated as data: the
 * role from a closed list (not the object prototype), the scope a division code, the party a
 * positive integer, an expiry required, no issue time in the future, and the issuer and audience
 * when they are configured.
 */
import { SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

describe('token claims', () => {
  let t: TestContext;
  let strict: TestContext;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    [t, strict] = await Promise.all([startTestApp(), startTestApp({ env: { JWT_ISSUER: 'https://idp.example.gov.cn', JWT_AUDIENCE: 'asset-register' } })]);
  });
  afterAll(() => Promise.all([t.close(), strict.close()]));

  async function sign(context: TestContext, claims: Record<string, unknown>, options: { exp?: number | null; iat?: number; iss?: string; aud?: string } = {}): Promise<string> {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 3600);
    if (options.iat !== undefined) jwt.setIssuedAt(options.iat);
    if (options.iss) jwt.setIssuer(options.iss);
    if (options.aud) jwt.setAudience(options.aud);
    return jwt.sign(new TextEncoder().encode(context.config.jwtSecret));
  }

  const base = { sub: 'u1', role: 'VIEWER', scope: '522327' };
  const lying: [string, Record<string, unknown>, Parameters<typeof sign>[2]?][] = [
    ['role "toString"', { ...base, role: 'toString' }],
    ['role "constructor"', { ...base, role: 'constructor' }],
    ['role "__proto__"', { ...base, role: '__proto__' }],
    ['role "hasOwnProperty"', { ...base, role: 'hasOwnProperty' }],
    ['a lower-case role', { ...base, role: 'admin' }],
    ['a role that is an object', { ...base, role: { toString: 'ADMIN' } }],
    ['a scope that is not a division code', { ...base, scope: '52ab27' }],
    ['a scope of 5 digits', { ...base, scope: '52232' }],
    ['a scope that is a number', { ...base, scope: 522327 }],
    ['an empty scope (the whole country)', { ...base, scope: '' }],
    // biome-ignore lint/correctness/noPrecisionLoss: a number no party id can be, on purpose.
    ['a party of 1e400', { ...base, role: 'CUSTODIAN', party: 1e400 }],
    ['a negative party', { ...base, role: 'CUSTODIAN', party: -3 }],
    ['a fractional party', { ...base, role: 'CUSTODIAN', party: 1.5 }],
    ['a party beyond 2^53', { ...base, role: 'CUSTODIAN', party: '90071992547409930' }],
    ['a custodian without a party', { ...base, role: 'CUSTODIAN' }],
    ['no subject', { role: 'VIEWER', scope: '522327' }],
    ['a subject with a NUL byte', { ...base, sub: 'evil\u0000user' }],
    ['a subject with a line break', { ...base, sub: 'u1\nADMIN' }],
    ['a subject with a lone surrogate', { ...base, sub: 'u\ud800' }],
    ['no expiry', base, { exp: null }],
    ['an issue time an hour ahead', base, { iat: now() + 3600 }],
  ];

  it.each(lying)('refuses a signed token with %s', async (_label, claims, options) => {
    const token = await sign(t, claims, options);
    const res = await t.gql('{ viewer { role } regions { totalCount } }', {}, token);
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    const file = await request(t.app.server).get('/export/assets.csv').set('authorization', `Bearer ${token}`);
    expect(file.status).toBe(401);
  });

  it('accepts the same claims when they are true', async () => {
    const res = await t.gql('{ viewer { role scope partyId } }', {}, await sign(t, { ...base, role: 'CUSTODIAN', party: 7 }, { iat: now() }));
    expect(res.data.viewer).toMatchObject({ role: 'CUSTODIAN', scope: '522327000000' });
  });

  it('checks issuer and audience when they are configured', async () => {
    const good = await sign(strict, base, { iss: 'https://idp.example.gov.cn', aud: 'asset-register' });
    expect((await strict.gql('{ viewer { role } }', {}, good)).data.viewer.role).toBe('VIEWER');
    for (const options of [{ iss: 'https://evil.example', aud: 'asset-register' }, { iss: 'https://idp.example.gov.cn', aud: 'another-api' }, {}]) {
      expect(errorCodes(await strict.gql('{ viewer { role } }', {}, await sign(strict, base, options)))).toEqual(['UNAUTHENTICATED']);
    }
    // Development tokens carry their own issuer: refused where another one is required.
    expect(errorCodes(await strict.gql('{ viewer { role } }', {}, await strict.token(Role.VIEWER, '522327')))).toEqual(['UNAUTHENTICATED']);
  });
});
