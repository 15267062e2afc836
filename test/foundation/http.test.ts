import request from 'supertest';
import { serverAudits } from 'graphql-http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

describe('HTTP surface', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { CORS_ORIGINS: 'https://screens.example.gov.cn', BODY_LIMIT: '20kb' } });
    token = await t.token(Role.VIEWER, '522327');
  });
  afterAll(() => t.close());

  it('passes every MUST of the GraphQL-over-HTTP server audit', async () => {
    await new Promise<void>((resolve) => t.app.server.listen(0, '127.0.0.1', resolve));
    const { port } = t.app.server.address() as AddressInfo;
    const results = await Promise.all(serverAudits({ url: `http://127.0.0.1:${port}/graphql` }).map((audit) => audit.fn()));
    const mustFailures = results.filter((r) => r.status === 'error');
    expect(mustFailures.map((r) => `${r.id} ${r.name}`)).toEqual([]);
    // Apollo answers 400 where the spec prefers 200 for these; Apollo's own suite tolerates them too.
    const warnings = results
      .filter((r) => r.status === 'warn')
      .map((r) => r.id)
      .sort();
    expect(warnings.every((id) => ['572B', 'FDE2', '7B9B'].includes(id))).toBe(true);
  });

  it('answers queries over GET and refuses mutations over GET', async () => {
    const res = await request(t.app.server).get('/graphql').query({ query: '{ region(code: "522327") { name } }' }).set('authorization', `Bearer ${token}`).set('apollo-require-preflight', 'true');
    expect(res.status).toBe(200);
    expect(res.body.data.region.name).toBe('册亨县');
    const mutation = await request(t.app.server)
      .get('/graphql')
      .query({ query: 'mutation { createParty(input: { kind: OTHER, name: "x", regionCode: "522327" }) { userErrors { code } } }' })
      .set('apollo-require-preflight', 'true');
    expect(mutation.status).toBe(405);
  });

  it('health, readiness and Prometheus metrics by operation name', async () => {
    expect((await request(t.app.server).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(t.app.server).get('/readyz')).body).toMatchObject({ status: 'ready' });
    await t.gql('query CountyName { region(code: "522327") { name } }', {}, token);
    const metrics = await request(t.app.server).get('/metrics');
    expect(metrics.text).toMatch(/graphql_requests_total\{operation="CountyName",outcome="ok"\} \d+/);
    expect(metrics.text).toMatch(/graphql_request_duration_seconds_bucket\{le="[^"]+",operation="CountyName"\}/);
    expect(metrics.text).toMatch(/sql_statements_per_request_count \d+/);
    expect(metrics.text).toMatch(/db_pool_size \d+/);
  });

  it('carries a request id through, or makes one', async () => {
    const given = await request(t.app.server).get('/healthz').set('x-request-id', 'trace-123');
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await request(t.app.server).get('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS only from configured origins', async () => {
    const allowed = await request(t.app.server).options('/graphql').set('origin', 'https://screens.example.gov.cn').set('access-control-request-method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://screens.example.gov.cn');
    const other = await request(t.app.server).options('/graphql').set('origin', 'https://evil.example.com').set('access-control-request-method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses oversized bodies, malformed JSON and unparsable documents with codes, never a 500', async () => {
    const big = await request(t.app.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `{ viewer { role } }`, variables: { pad: 'x'.repeat(30_000) } });
    expect(big.status).toBe(413);
    expect(big.body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await request(t.app.server).post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const syntax = await t.gql('{ region(code: "522327") { name }', {}, token);
    expect(syntax.status).toBe(400);
    expect(errorCodes(syntax)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('limits depth, aliases and tokens', async () => {
    const deep = await t.gql(
      `{ region(code: "522327") { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } } }`,
      {},
      token,
    );
    expect(deep.status).toBe(400);
    expect(deep.errors![0]!.message).toMatch(/depth/i);
    const aliases = await t.gql(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`, {}, token);
    expect(aliases.status).toBe(400);
    expect(aliases.errors![0]!.message).toMatch(/alias/i);
    const tokens = await t.gql(`{ nodes(ids: [${'1 '.repeat(6000)}]) { id } }`, {}, token);
    expect(tokens.status).toBe(400);
    expect(tokens.errors![0]!.message).toMatch(/token/i);
  });

  it('refuses bad tokens with 401 UNAUTHENTICATED and leaks no stack trace', async () => {
    for (const header of ['Bearer not-a-jwt', 'Basic abc', `Bearer ${token.slice(0, -2)}xx`]) {
      const res = await request(t.app.server).post('/graphql').set('content-type', 'application/json').set('authorization', header).send({ query: '{ viewer { role } }' });
      expect(res.status).toBe(401);
      expect(res.body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    }
    const expired = await (await import('../../src/auth/token')).mintToken(t.config.jwtSecret, { userId: 'u', role: Role.VIEWER, scope: '522327' }, '-1s');
    expect(errorCodes(await t.gql('{ viewer { role } }', {}, expired))).toEqual(['UNAUTHENTICATED']);
    const anonymous = await t.gql('{ viewer { role userId canReadPersonalData } }');
    expect(anonymous.data.viewer).toEqual({ role: null, userId: null, canReadPersonalData: false });
  });

  it('stops accepting a token when it expires, although its verification is remembered', async () => {
    const { mintToken } = await import('../../src/auth/token');
    const shortLived = await mintToken(t.config.jwtSecret, { userId: 'brief', role: Role.VIEWER, scope: '522327' }, '2s');
    expect((await t.gql('{ viewer { userId } }', {}, shortLived)).data.viewer.userId).toBe('brief');
    expect((await t.gql('{ viewer { userId } }', {}, shortLived)).data.viewer.userId).toBe('brief');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(errorCodes(await t.gql('{ viewer { userId } }', {}, shortLived))).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects a page size over 200 and a broken cursor with BAD_USER_INPUT', async () => {
    expect(errorCodes(await t.gql('{ regions(first: 201) { totalCount } }', {}, token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('{ regions(first: 2, after: "garbage") { totalCount } }', {}, token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('{ regions(first: 2, last: 2) { totalCount } }', {}, token))).toEqual(['BAD_USER_INPUT']);
  });

  it('serves GraphiQL and its assets from the package, with example operations', async () => {
    const page = await request(t.app.server).get('/graphiql');
    expect(page.status).toBe(200);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const src of sources) {
      expect(src.startsWith('/graphiql/')).toBe(true);
      expect((await request(t.app.server).get(src)).status).toBe(200);
    }
    const config = await request(t.app.server).get('/graphiql/config.json');
    expect(config.body.examples.length).toBeGreaterThanOrEqual(3);
  });

  it('sends security headers: no framing, a CSP on GraphiQL, no sniffing', async () => {
    for (const path of ['/graphiql', '/graphql', '/metrics', '/healthz']) {
      const res = await request(t.app.server).get(path);
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    expect((await request(t.app.server).get('/graphiql')).headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('weighs the audit chain verification: thirty at once are refused before any runs', async () => {
    const auditor = await t.token(Role.AUDITOR, '522327');
    const one = await t.gql('{ verifyAuditChain { ok } }', {}, auditor);
    expect(one.data.verifyAuditChain.ok).toBe(true);
    const many = await t.gql(`{ ${Array.from({ length: 30 }, (_, i) => `v${i}: verifyAuditChain { ok }`).join(' ')} }`, {}, auditor);
    expect(many.status).toBe(400);
    expect(errorCodes(many)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(many.errors![0]!.message).toMatch(/cost/);
    // Page sizes given as variables count as what they are, each time: the same document is
    // allowed with small pages and refused with wide ones (costs are remembered per variables).
    const nested = 'query($n: Int) { regions(first: $n) { nodes { children(first: $n) { nodes { children(first: $n) { nodes { name } } } } } } }';
    for (let round = 0; round < 2; round++) {
      expect((await t.gql(nested, { n: 2 }, auditor)).errors).toBeUndefined();
      expect(errorCodes(await t.gql(nested, { n: 200 }, auditor))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });
});

describe('metrics in production', () => {
  it('are off without a metrics token, and need it when one is set', async () => {
    const secrets = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars', DATA_KEY: 'a-production-data-key-of-at-least-32-chars' };
    const closed = await startTestApp({ env: secrets });
    const guarded = await startTestApp({ env: { ...secrets, METRICS_TOKEN: 'scrape-me' } });
    try {
      expect((await request(closed.app.server).get('/metrics')).status).toBe(404);
      expect((await request(guarded.app.server).get('/metrics')).status).toBe(401);
      expect((await request(guarded.app.server).get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
      const scraped = await request(guarded.app.server).get('/metrics').set('authorization', 'Bearer scrape-me');
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('graphql_requests_total');
    } finally {
      await Promise.all([closed.close(), guarded.close()]);
    }
  });
});
