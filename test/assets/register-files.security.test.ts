/**
 * Spreadsheet routes under attack: uploads are refused before their body is read unless the
 * caller may import; workbooks that unpack to far more than they weigh are refused or read off
 * the main thread within limits; exported cells never run as formulas, and still import back as
 * they were; export parameters are strict and the file is named by what it holds.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { HEADERS } from '../../src/modules/assets/register-file';
import { Role, startTestApp, type TestContext } from '../helpers';
import { workbookWithSharedStrings } from '../support/zip';

describe('spreadsheet routes against hostile input', () => {
  let t: TestContext;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 0 });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, name: string, token?: string, dryRun = true) => {
    const req = request(t.app.server).post(`/import/assets${dryRun ? '?dryRun=true' : ''}`);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.attach('file', content, name);
  };

  /** The longest /healthz round trip while `work` runs. */
  async function healthDuring<T>(work: Promise<T>): Promise<{ result: T; slowestMs: number }> {
    let done = false;
    let slowestMs = 0;
    const probe = (async () => {
      while (!done) {
        const started = performance.now();
        await request(t.app.server).get('/healthz');
        slowestMs = Math.max(slowestMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const result = await work.finally(() => (done = true));
    await probe;
    return { result, slowestMs };
  }

  it('answers an anonymous or unentitled upload at once, without reading or parsing it', async () => {
    const big = Buffer.alloc(19 * 1024 * 1024, 'a');
    const heavy = workbookWithSharedStrings({ count: 60_000, text: 'A'.repeat(1000) });
    for (const [token, status] of [
      [undefined, 401],
      [await t.token(Role.VIEWER, '522327'), 403],
    ] as const) {
      for (const content of [big, heavy]) {
        const started = performance.now();
        const res = await upload(content, 'ledger.xlsx', token).catch((error: { response?: request.Response }) => error.response!);
        expect(res.status).toBe(status);
        expect(performance.now() - started).toBeLessThan(1500);
      }
    }
  });

  it('refuses a workbook whose zip declares more unpacked bytes than an import may hold, before unpacking it', async () => {
    const bomb = workbookWithSharedStrings({ count: 10, text: 'x' }, 300 * 1024 * 1024);
    const res = await upload(bomb, 'bomb.xlsx', manager);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('unpacks to more than') });
  });

  it('reads a 60 MB shared-strings workbook off the main thread: health checks stay fast', async () => {
    const workbook = workbookWithSharedStrings({ count: 60_000, text: 'A'.repeat(1000) });
    expect(workbook.length).toBeLessThan(1024 * 1024);
    const { result, slowestMs } = await healthDuring(upload(workbook, 'strings.xlsx', manager).then((r) => r));
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(slowestMs).toBeLessThan(500);
  });

  it('refuses a file of more rows than an import takes', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => [`X-${i}`, 'x']);
    const csv = Buffer.from(stringify([['资产编号', '资产名称'], ...rows]));
    const res = await upload(csv, 'many.csv', manager);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('more than 50000 rows');
  });

  it('refuses a dryRun it cannot read, rather than importing for real', async () => {
    const csv = Buffer.from(
      stringify([
        ['资产编号', '资产名称'],
        ['DRY-1', '试运行资产'],
      ]),
    );
    const assets = await t.count('asset');
    for (const value of ['TRUE', 'yes', 'on', '']) {
      const res = await request(t.app.server).post(`/import/assets?dryRun=${value}`).set('authorization', `Bearer ${manager}`).attach('file', csv, 'dry.csv');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toContain('dryRun takes true or false');
    }
    expect(await t.count('asset')).toBe(assets);
  });

  it('neutralises formulas in exported CSV cells and imports them back unchanged', async () => {
    const admin = await t.token(Role.ADMIN, '522327');
    const names = ['=HYPERLINK("http://evil.example","点我")', '+SUM(A1:A9)', '-2+3', '@cmd', "=cmd|' /C calc'!A0", '普通名称'];
    const village = '522327104201';
    for (const [i, name] of names.entries()) {
      const res = await t.gql(
        `mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { userErrors { field code message } } }`,
        { input: { code: `F-${i}`, name, assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', regionCode: village, originalValue: '1000.00', address: i === 0 ? '=1+1' : null } },
        admin,
      );
      expect(res.data.registerAsset.userErrors).toEqual([]);
    }
    const exported = await request(t.app.server).get('/export/assets.csv').set('authorization', `Bearer ${manager}`);
    const text = exported.text;
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain("'+SUM(A1:A9)");
    expect(text).toContain("'-2+3");
    expect(text).toContain("'@cmd");
    expect(text).toContain("'=1+1");
    // No cell begins with a formula character any more.
    for (const line of text.split('\n').slice(1)) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t]/);
    // Imported into another database, the names are the names again.
    const other = await startTestApp({ demo: true, demoAssets: 0 });
    try {
      const res = await request(other.app.server)
        .post('/import/assets')
        .set('authorization', `Bearer ${await other.token(Role.ASSET_MANAGER, '522327')}`)
        .attach('file', Buffer.from(text), 'back.csv');
      expect(res.body.errors).toEqual([]);
      const back = await other.rows<{ name: string; address: string | null }>(`select name, address from asset order by code`);
      expect(back.map((r) => r.name)).toEqual(names);
      expect(back[0]!.address).toBe('=1+1');
    } finally {
      await other.close();
    }
  });

  it('refuses repeated and unknown export parameters, and names the file by region and date', async () => {
    const get = (query: string) => request(t.app.server).get(`/export/assets.csv${query}`).set('authorization', `Bearer ${manager}`);
    const repeated = await get('?text=a&text=b');
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await get('?regoin=522327104')).status).toBe(400);
    expect((await get(`?text=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await get('?text=%00')).status).toBe(400);
    const named = await get('?region=522327104');
    expect(named.status).toBe(200);
    expect(named.headers['content-disposition']).toMatch(/^attachment; filename="assets-522327104-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(named.headers['content-disposition']!.split("''")[1]!)).toMatch(/^资产台账-522327104-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('offers only the statuses an import accepts', async () => {
    const row = Object.fromEntries(HEADERS.map((h) => [h, '']));
    Object.assign(row, { 资产编号: 'S-1', 资产名称: '路', 资产类别: '公益性', 资产类型: '道路桥梁', 资产状态: '报废', 所在村: '522327104201', '原值(元)': '1.00' });
    const res = await upload(Buffer.from(stringify([HEADERS as unknown as string[], HEADERS.map((h) => row[h]!)])), 'status.csv', manager);
    const message = res.body.errors.find((e: { column: string }) => e.column === '资产状态').message as string;
    expect(message).toContain('在用');
    expect(message).not.toContain('已处置');
  });
});
