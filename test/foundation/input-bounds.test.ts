/**
 * Input that reaches the database unchecked becomes a 500: every text, number and date has its
 * bounds before SQL. NUL and other control characters, a quantity beyond numeric(18,3), dates
 * PostgreSQL cannot hold, search texts of 300,000 characters: each is BAD_USER_INPUT (or a
 * userError) naming the field, and nothing is written.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

describe('input bounds', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    admin = await t.token(Role.ADMIN, '522327');
  });
  afterAll(() => t.close());

  const REGISTER = 'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { asset { id } userErrors { field code } } }';
  const asset = (overrides: Record<string, unknown>) => ({
    code: `B-${Math.random().toString(36).slice(2, 9)}`,
    name: '路',
    assetClass: 'PUBLIC_WELFARE',
    category: 'ROAD_BRIDGE',
    regionCode: '522327104201',
    originalValue: '1.00',
    ...overrides,
  });

  it.each([
    ['a NUL in a name (variables)', { name: 'ab\u0000c' }, ['variables', 'input', 'name']],
    ['a NUL in an address (variables)', { address: '\u0000' }, ['variables', 'input', 'address']],
    ['a bell character in a unit', { unit: 'm\u0007' }, ['variables', 'input', 'unit']],
    ['a name of 20,000 characters', { name: 'x'.repeat(20_000) }, ['variables', 'input', 'name']],
    ['a C1 control (NEL) in a name', { name: 'a\u0085b' }, ['variables', 'input', 'name']],
  ])('refuses %s before it reaches SQL', async (_label, overrides, field) => {
    const before = await t.count('asset');
    const res = await t.gql(REGISTER, { input: asset(overrides) }, admin);
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions).toMatchObject({ field });
    expect(await t.count('asset')).toBe(before);
  });

  it('refuses variables nested deeper than any input, as BAD_USER_INPUT rather than a stack overflow', async () => {
    // Written out by hand: the test client's own serializer gives up at this depth.
    const body = `{"query":"{ __typename }","variables":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const res = await request(t.app.server).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${admin}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors[0].message).toContain('nests deeper than 20 levels');
  });

  it('takes a name of invisible characters for no name, and a name, code or title only on one line', async () => {
    const before = await t.count('asset');
    const fields = async (overrides: Record<string, unknown>) => (await t.gql(REGISTER, { input: asset(overrides) }, admin)).data.registerAsset.userErrors;
    expect(await fields({ name: '\u200b\u200b' })).toEqual([{ field: ['input', 'name'], code: 'REQUIRED' }]);
    expect(await fields({ name: ' \ufeff ' })).toEqual([{ field: ['input', 'name'], code: 'REQUIRED' }]);
    expect(await fields({ name: '村道\n一号' })).toEqual([{ field: ['input', 'name'], code: 'INVALID_VALUE' }]);
    expect(await fields({ code: 'B-1\t2' })).toEqual([{ field: ['input', 'code'], code: 'INVALID_VALUE' }]);
    // A code with a space or a zero-width character inside would look like another one.
    expect(await fields({ code: 'B- 12' })).toEqual([{ field: ['input', 'code'], code: 'INVALID_VALUE' }]);
    expect(await fields({ code: 'B-12\u200b' })).toEqual([{ field: ['input', 'code'], code: 'INVALID_VALUE' }]);
    expect(await fields({ code: '\u200b' })).toEqual([{ field: ['input', 'code'], code: 'REQUIRED' }]);
    expect(await t.count('asset')).toBe(before);
    // A date in the future is said at the date given, not at the status or ownership it defaults.
    expect(await fields({ builtOn: '2030-01-01' })).toEqual([{ field: ['input', 'builtOn'], code: 'INVALID_VALUE' }]);
    // A description keeps its lines.
    expect(await fields({ name: '村道一号', address: '第一行\n第二行' })).toEqual([]);
    // A code typed in full-width forms is the same code, and so a duplicate of it.
    const code = `FW-${Date.now()}`;
    expect(await fields({ code })).toEqual([]);
    const fullWidth = Array.from(code, (c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    expect(await fields({ code: fullWidth })).toEqual([{ field: ['input', 'code'], code: 'DUPLICATE' }]);
    const found = await t.gql('query($c: String!) { asset(code: $c) { code } }', { c: fullWidth }, admin);
    expect(found.data.asset).toEqual({ code });
  });

  it('refuses a NUL written into the document itself, and in a filter', async () => {
    const inline = await t.gql(`{ assets(filter: { text: "a\\u0000b" }) { totalCount } }`, {}, admin);
    expect(inline.status).toBe(400);
    expect(errorCodes(inline)).toEqual(['BAD_USER_INPUT']);
    for (const query of ['parties', 'projects', 'regions']) {
      const res = await t.gql(`query($t: String) { ${query}(filter: { text: $t }) { totalCount } }`, { t: '\u0000' }, admin);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses a quantity beyond numeric(18,3) as a userError', async () => {
    const before = await t.count('asset');
    const res = await t.gql(REGISTER, { input: asset({ quantity: 1e20 }) }, admin);
    expect(res.data.registerAsset.userErrors).toEqual([{ field: ['input', 'quantity'], code: 'INVALID_VALUE' }]);
    expect(await t.count('asset')).toBe(before);
    const fits = await t.gql(REGISTER, { input: asset({ quantity: 999999999999999 }) }, admin);
    expect(fits.data.registerAsset.userErrors).toEqual([]);
  });

  it('refuses dates and instants PostgreSQL cannot hold or the register never meets', async () => {
    for (const date of ['0000-01-01', '1899-12-31', '9999-12-31']) {
      const res = await t.gql(REGISTER, { input: asset({ builtOn: date }) }, admin);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    }
    const events = await t.gql('query($from: DateTime) { auditEvents(filter: { from: $from }) { totalCount } }', { from: '0000-01-01T00:00:00Z' }, admin);
    expect(errorCodes(events)).toEqual(['BAD_USER_INPUT']);
  });

  it('caps search texts at 200 characters, naming the argument', async () => {
    const long = 'x'.repeat(300_000);
    const started = performance.now();
    const res = await request(t.app.server)
      .post('/graphql')
      .set('authorization', `Bearer ${admin}`)
      .set('content-type', 'application/json')
      .send({ query: 'query($t: String) { assets(filter: { text: $t }) { totalCount } }', variables: { t: long } });
    // A body this large meets the body limit first; under it, the guard and the search cap answer.
    expect([400, 413]).toContain(res.status);
    const capped = await t.gql('query($t: String) { assets(filter: { text: $t }) { totalCount } }', { t: 'x'.repeat(201) }, admin);
    expect(errorCodes(capped)).toEqual(['BAD_USER_INPUT']);
    expect(capped.errors![0]!.extensions).toMatchObject({ field: ['filter', 'text'] });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(errorCodes(await t.gql('query($t: String) { auditEvents(filter: { action: $t }) { totalCount } }', { t: 'y'.repeat(201) }, admin))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('cursors and explicit nulls', () => {
  it('refuses a cursor made for another list or order, or carrying values of the wrong type', async () => {
    const t = await startTestApp({ demo: true, demoAssets: 5 });
    try {
      const admin = await t.token(Role.ADMIN, '522327');
      const page = await t.gql('{ projects(first: 1) { pageInfo { endCursor } } assets(first: 1, orderBy: { field: ORIGINAL_VALUE }) { pageInfo { endCursor } } }', {}, admin);
      const projectCursor = page.data.projects.pageInfo.endCursor as string;
      const valueCursor = page.data.assets.pageInfo.endCursor as string;
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      for (const [query, after] of [
        ['assets(orderBy: { field: BUILT_ON })', projectCursor],
        ['parties(orderBy: { field: CREATED_AT })', projectCursor],
        ['assets', valueCursor],
        ['assets(orderBy: { field: ORIGINAL_VALUE })', b64(['originalValue,asset', 'abc', 1])],
        ['assets(orderBy: { field: ORIGINAL_VALUE })', b64(['originalValue,asset', '99999999999999999999', 1])],
        ['assets(orderBy: { field: BUILT_ON })', b64(['builtOn,asset', '2024-99-99', 1])],
        ['assets', b64(['code,asset', 'x', 1.5])],
        ['regions', b64(['region', 'abc'])],
        ['auditEvents', b64(['x'])],
      ] as const) {
        const res = await t.gql(
          `query($after: String) { page: ${query.replace(/^(\w+)(\(|$)/, (_m, name: string, paren: string) => `${name}(after: $after${paren ? ', ' : ')'}`)} { totalCount } }`,
          { after },
          admin,
        );
        expect(errorCodes(res), `${query} ${after}`).toEqual(['BAD_USER_INPUT']);
      }
      // The cursor of this very list works.
      const next = await t.gql('query($after: String) { assets(first: 1, after: $after, orderBy: { field: ORIGINAL_VALUE }) { nodes { code } } }', { after: valueCursor }, admin);
      expect(next.errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('treats an explicit null for a field that cannot be cleared as leaving it unchanged', async () => {
    const t = await startTestApp({ demo: true, demoAssets: 1 });
    try {
      const admin = await t.token(Role.ADMIN, '522327');
      const [asset] = await t.rows<{ id: number; class: string; version: number }>('select id, class, version from asset limit 1');
      const { toGlobalId } = await import('../../src/graphql/global-id');
      const res = await t.gql(
        'mutation($input: UpdateAssetInput!) { updateAsset(input: $input) { asset { assetClass version } userErrors { code } } }',
        { input: { id: toGlobalId('Asset', asset!.id), expectedVersion: asset!.version, assetClass: null, category: null, funding: null, regionCode: null, originalValue: null, name: '新名称' } },
        admin,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.updateAsset).toEqual({ asset: { assetClass: asset!.class, version: asset!.version + 1 }, userErrors: [] });
    } finally {
      await t.close();
    }
  });
});

describe('statement timeouts', () => {
  it('gives interactive statements a short limit and reports a longer one, read-only', async () => {
    const { sql } = await import('drizzle-orm');
    const { queryRows } = await import('../../src/db/client');
    const { REPORT_STATEMENT_TIMEOUT_MS, withReportTimeout } = await import('../../src/db/transaction');
    const t = await startTestApp();
    try {
      const [plain] = await queryRows<{ statement_timeout: string }>(t.db.db, sql`/* test: timeout in force */ show statement_timeout`);
      expect(plain!.statement_timeout).toBe('5s');
      const [report] = await withReportTimeout(t.db.db, (tx) => queryRows<{ statement_timeout: string }>(tx, sql`/* test: timeout in force */ show statement_timeout`));
      expect(report!.statement_timeout).toBe(`${REPORT_STATEMENT_TIMEOUT_MS / 60_000}min`);
      await expect(
        withReportTimeout(t.db.db, (tx) => tx.execute(sql`/* test: a write under the report timeout */ insert into region (code, name, level) values (1, 'x', 'PROVINCE')`)),
      ).rejects.toThrow();
      // A report that sorts a province's rows (the checks) asks for more memory too, for its transaction only.
      const memory = () => queryRows<{ setting: string }>(t.db.db, sql`/* test: work memory in force */ select current_setting('work_mem') as setting`);
      const before = (await memory())[0]!.setting;
      const [sorting] = await withReportTimeout(
        t.db.db,
        (tx) => queryRows<{ timeout: string; memory: string }>(tx, sql`/* test: report settings */ select current_setting('statement_timeout') as timeout, current_setting('work_mem') as memory`),
        64,
      );
      expect(sorting).toEqual({ timeout: `${REPORT_STATEMENT_TIMEOUT_MS / 60_000}min`, memory: '64MB' });
      expect((await memory())[0]!.setting).toBe(before);
      const [after] = await queryRows<{ statement_timeout: string }>(t.db.db, sql`/* test: timeout in force */ show statement_timeout`);
      expect(after!.statement_timeout).toBe('5s');
    } finally {
      await t.close();
    }
  });
});
