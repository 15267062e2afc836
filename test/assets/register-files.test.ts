/**
 * Spreadsheet import and export of the register: a dry run reports exactly the bad rows, a real
 * run is all-or-nothing, and export → import into another database yields the same register.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { HEADERS } from '../../src/modules/assets/register-file';
import { Role, startTestApp, type TestContext } from '../helpers';

const PROJECT = `mutation { createProject(input: { code: "IMP-2020-01", name: "2020年光伏扶贫项目", year: 2020, regionCode: "522327", kind: INDUSTRY, funding: [{ source: CENTRAL_FISCAL, amount: "90000000.00" }] }) { userErrors { code } } }`;

interface Owner {
  creditCode: string | null;
  id: string;
  village: string;
}

async function owners(t: TestContext): Promise<{ collectives: Owner[]; households: Owner[] }> {
  const res = await t.gql(
    `{ c: parties(first: 13, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id creditCode region { code } } }
       h: parties(first: 13, filter: { region: "522327104", kind: HOUSEHOLD }) { nodes { id creditCode region { code } } } }`,
    {},
    await t.token(Role.ADMIN, '522327'),
  );
  const map = (n: { id: string; creditCode: string | null; region: { code: string } }) => ({ id: n.id, creditCode: n.creditCode, village: n.region.code });
  return { collectives: res.data.c.nodes.map(map), households: res.data.h.nodes.map(map) };
}

function ledger(o: { collectives: Owner[]; households: Owner[] }, count: number, broken: boolean): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const household = i % 5 === 0;
    const c = o.collectives[i % o.collectives.length]!;
    const other = o.collectives[(i + 1) % o.collectives.length]!;
    const h = o.households[i % o.households.length]!;
    const value = 100_000 + i * 37;
    const row: Record<string, string> = {
      资产编号: `IMP-${String(i + 1).padStart(4, '0')}`,
      资产名称: household ? '能繁母牛' : `光伏电站${i + 1}号`,
      资产类别: household ? '到户类' : '经营性',
      资产类型: household ? '牲畜' : '光伏电站',
      资产状态: i % 17 === 0 ? '闲置' : '在用',
      所在村: household ? h.village : c.village,
      所在村名称: '',
      坐落位置: '一组',
      经度: '105.8',
      纬度: '24.9',
      数量: household ? '1' : '120',
      单位: household ? '头' : '千瓦',
      '原值(元)': `${value}.50`,
      建成日期: '2020-05-01',
      竣工日期: '2020-07-01',
      验收日期: '2020-08-15',
      移交日期: '2020-09-01',
      项目编号: 'IMP-2020-01',
      资金来源: `中央财政衔接资金:${value - 20000}.50;县级财政:20000`,
      产权归属: household ? `${h.id}:100%` : i % 7 === 0 ? `${c.creditCode}:60%;${other.creditCode}:40%` : c.creditCode!,
      产权主体名称: '',
      确权日期: '2020-09-01',
    };
    if (broken && i === 100) row['原值(元)'] = '12,34.567';
    if (broken && i === 500) row['建成日期'] = '2020-08-01';
    if (broken && i === 900) row['产权归属'] = `${c.creditCode}:60%;${other.creditCode}:30%`;
    return HEADERS.map((h) => row[h]);
  });
  return '\ufeff' + stringify([HEADERS as unknown as string[], ...rows]);
}

describe('register import and export', () => {
  let a: TestContext;
  let b: TestContext;
  let manager: string;
  let file: { broken: string; fixed: string };

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp({ demo: true, demoAssets: 0 }), startTestApp({ demo: true, demoAssets: 0 })]);
    manager = await a.token(Role.ASSET_MANAGER, '522327');
    for (const t of [a, b]) expect((await t.gql(PROJECT, {}, await t.token(Role.ADMIN, '522327'))).data.createProject.userErrors).toEqual([]);
    const o = await owners(a);
    file = { broken: ledger(o, 1000, true), fixed: ledger(o, 1000, false) };
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  const upload = (t: TestContext, content: string | Buffer, name: string, token: string | undefined, dryRun = false) => {
    const req = request(t.app.server).post(`/import/assets${dryRun ? '?dryRun=true' : ''}`);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.attach('file', Buffer.from(content), name);
  };

  /** The export as raw bytes, as a browser saves it. */
  const download = (path: string) =>
    request(a.app.server)
      .get(path)
      .set('authorization', `Bearer ${manager}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('dry run: reports exactly the three bad rows by row number and column, and writes nothing', async () => {
    const before = await a.count('audit_event');
    const res = await upload(a, file.broken, 'ledger.csv', manager, true);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ dryRun: true, rows: 1000, imported: 0 });
    expect(res.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [102, '原值(元)', 'INVALID_VALUE'],
      [502, '竣工日期', 'DATE_ORDER'],
      [902, '产权归属', 'SHARES_NOT_10000'],
    ]);
    expect(await a.count('asset')).toBe(0);
    expect(await a.count('audit_event')).toBe(before);
  });

  it('a real run of the broken file writes nothing at all', async () => {
    const res = await upload(a, file.broken, 'ledger.csv', manager);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(3);
    expect(await a.count('asset')).toBe(0);
    expect(await a.count('ownership')).toBe(0);
  });

  it('the fixed file imports all 1,000 rows with their owners, funding and audit events', async () => {
    const before = await a.count('audit_event');
    const res = await upload(a, file.fixed, 'ledger.csv', manager);
    expect(res.body).toEqual({ dryRun: false, rows: 1000, imported: 1000, errors: [] });
    expect(res.status).toBe(200);
    expect(await a.count('asset')).toBe(1000);
    expect(await a.count('audit_event')).toBe(before + 1000);
    const joint = await a.gql(`{ asset(code: "IMP-0008") { status originalValue fundingTotal owners { shareBp } funding { project { code } } } }`, {}, manager);
    expect(joint.data.asset).toMatchObject({ status: 'IN_USE', originalValue: '100259.50', fundingTotal: '100259.50', owners: [{ shareBp: 6000 }, { shareBp: 4000 }] });
    const again = await upload(a, file.fixed, 'ledger.csv', manager, true);
    expect(again.body.errors).toHaveLength(1000);
    expect(again.body.errors[0]).toMatchObject({ row: 2, column: '资产编号', code: 'DUPLICATE' });
  });

  it('exports CSV with a BOM and Chinese headers, filtered, and it imports into another database as the same register', async () => {
    const exported = await download('/export/assets.csv');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const text = (exported.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeff资产编号,资产名称,资产类别')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1001);

    const filtered = await request(a.app.server).get('/export/assets.csv?region=522327104201&assetClass=OPERATING').set('authorization', `Bearer ${manager}`);
    const lines = filtered.text.trim().split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.includes(',经营性,') && l.includes('522327104201'))).toBe(true);

    const imported = await upload(b, text, 'export.csv', await b.token(Role.ASSET_MANAGER, '522327'));
    expect(imported.body.errors).toEqual([]);
    const again = await request(b.app.server)
      .get('/export/assets.csv')
      .set('authorization', `Bearer ${await b.token(Role.ASSET_MANAGER, '522327')}`);
    expect(again.text).toBe(text);
  });

  it('exports XLSX that reads back as the same rows', async () => {
    const xlsx = await download('/export/assets.xlsx?region=522327104');
    expect(xlsx.status).toBe(200);
    const { readSpreadsheet } = await import('../../src/http/spreadsheets');

    const rows = await readSpreadsheet('x.xlsx', xlsx.body as Buffer);
    expect(rows.length).toBeGreaterThan(0);
    const csv = await request(a.app.server).get('/export/assets.csv?region=522327104').set('authorization', `Bearer ${manager}`);
    const csvRows = await readSpreadsheet('x.csv', Buffer.from(csv.text));
    expect(rows).toEqual(csvRows);
    // The same file validates against another database: everything but the codes already there.
    const dry = await upload(a, xlsx.body as Buffer, 'back.xlsx', manager, true);
    expect(dry.body.errors.every((e: { code: string }) => e.code === 'DUPLICATE')).toBe(true);
  });

  it('guards the routes: token, role and scope', async () => {
    expect((await request(a.app.server).get('/export/assets.csv')).status).toBe(401);
    expect((await upload(a, file.fixed, 'ledger.csv', undefined)).status).toBe(401);
    const viewer = await a.token(Role.VIEWER, '522327');
    const forbidden = await upload(a, file.fixed, 'ledger.csv', viewer, true);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const township = await request(a.app.server)
      .get('/export/assets.csv')
      .set('authorization', `Bearer ${await a.token(Role.VIEWER, '522327104201')}`);
    const codes = township.text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[5]);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c === '522327104201')).toBe(true);
    const outside = await upload(a, file.fixed.replace(/522327104(\d{3})/g, '522327105$1'), 'ledger.csv', await a.token(Role.ASSET_MANAGER, '522327104'), true);
    expect(outside.body.errors.some((e: { code: string }) => e.code === 'OUT_OF_SCOPE')).toBe(true);
    expect((await upload(a, 'not a spreadsheet', 'ledger.pdf', manager, true)).status).toBe(400);
    expect((await request(a.app.server).get('/export/assets.csv?assetClass=PALACE').set('authorization', `Bearer ${manager}`)).status).toBe(400);
  });
});
