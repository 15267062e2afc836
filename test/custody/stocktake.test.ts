/**
 * Stocktakes (清查盘点) as a county runs them: open one for a region as of a date, record what the
 * field teams found (one by one, or their filled-in checklist), watch progress, close it; closing
 * freezes the results and keeps exactly the discrepancies recorded.
 */
import { disposeAsset } from '../support/disposal';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/http/spreadsheets';
import { CHECKLIST_HEADERS } from '../../src/modules/custody/checklist';
import { toGlobalId } from '../../src/graphql/global-id';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { ASSIGN, CLOSE_STOCKTAKE, OPEN_STOCKTAKE, RECORD_RESULT, custodyWorld, type CustodyWorld } from './fixtures';

const ITEMS = `query($id: ID!, $filter: StocktakeItemFilter) { node(id: $id) { ... on Stocktake { status progress { total checked discrepancies } items(first: 200, filter: $filter) { totalCount nodes { result note asset { id code } } } } } }`;

describe('stocktakes', () => {
  let t: TestContext;
  let w: CustodyWorld;
  let village: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 200 });
    w = await custodyWorld(t);
    village = w.l.collectives[0]!.village;
    t.clock.set('2026-09-30');
  });
  afterAll(() => t.close());

  const open = async (asOf: string, regionCode = village) => {
    const res = await t.gql(OPEN_STOCKTAKE, { input: { regionCode, name: '2026年度资产清查', asOf } }, w.manager);
    expect(res.data.openStocktake.userErrors).toEqual([]);
    return res.data.openStocktake.stocktake as { id: string; progress: { total: number } };
  };
  const result = (stocktakeId: string, assetId: string, r: string, note: string | null = null, token = w.manager, checkedOn = '2026-09-20') =>
    t.gql(RECORD_RESULT, { input: { stocktakeId, assetId, result: r, note, checkedOn, checkedBy: '清查组韦明华' } }, token);

  it('covers the assets registered by its date and not disposed by then', async () => {
    const before = await w.road({ builtOn: '2019-05-01', completedOn: '2019-08-01', acceptedOn: '2019-10-01', handedOverOn: '2019-11-01' });
    const after = await w.road({ builtOn: '2026-05-01', completedOn: '2026-07-01', acceptedOn: '2026-07-20', handedOverOn: '2026-08-10' });
    const disposed = await w.road();
    await disposeAsset(t, disposed, { requestedOn: '2025-01-01', completedOn: '2025-03-01' });
    const stocktake = await open('2026-06-30');
    const res = await t.gql(ITEMS, { id: stocktake.id }, w.manager);
    const covered = res.data.node.items.nodes.map((n: { asset: { id: string } }) => n.asset.id);
    expect(covered).toContain(before);
    expect(covered).not.toContain(after);
    expect(covered).not.toContain(disposed);
    const [expected] = await t.rows(
      `select count(*)::int as n from asset a where a.region_code = ${village} and (select s.to_status from asset_status_change s where s.asset_id = a.id and s.effective_on <= '2026-06-30' order by s.effective_on desc, s.id desc limit 1) not in ('DISPOSED')`,
    );
    expect(stocktake.progress.total).toBe(expected.n);
    expect((await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId: stocktake.id } }, w.manager)).data.closeStocktake.userErrors).toEqual([]);
  });

  it('records results, shows progress, and closes with exactly the discrepancies recorded, then refuses more', async () => {
    for (let i = 0; i < 5; i++) await w.road();
    const stocktake = await open('2026-09-01');
    const lines = (await t.gql(ITEMS, { id: stocktake.id }, w.manager)).data.node.items.nodes as { asset: { id: string } }[];
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const [a, b, c, d, e] = lines.map((l) => l.asset.id) as [string, string, string, string, string];
    expect((await result(stocktake.id, a, 'FOUND')).data.recordStocktakeResult.userErrors).toEqual([]);
    expect((await result(stocktake.id, b, 'NOT_FOUND', '现场未找到')).data.recordStocktakeResult.stocktakeItem).toMatchObject({ result: 'NOT_FOUND', note: '现场未找到' });
    await result(stocktake.id, c, 'DAMAGED', '墙体开裂');
    // A later result replaces an earlier one while the stocktake is open.
    await result(stocktake.id, d, 'USE_CHANGED', '改作仓库');
    await result(stocktake.id, d, 'FOUND', null);

    const refusals: [unknown, string, string][] = [
      [await result(stocktake.id, e, 'DAMAGED', null), 'note', 'REQUIRED'],
      [await result(stocktake.id, e, 'FOUND', null, w.manager, '2026-08-31'), 'checkedOn', 'DATE_ORDER'],
      [await result(stocktake.id, e, 'FOUND', null, w.manager, '2026-10-01'), 'checkedOn', 'INVALID_VALUE'],
      [await result(stocktake.id, await w.road({ regionCode: w.l.collectives[3]!.village }), 'FOUND'), 'assetId', 'NOT_IN_STOCKTAKE'],
    ];
    for (const [res, field, code] of refusals)
      expect((res as { data: { recordStocktakeResult: { userErrors: unknown } } }).data.recordStocktakeResult.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code })]);

    const progress = (await t.gql(ITEMS, { id: stocktake.id }, w.manager)).data.node.progress;
    expect(progress).toEqual({ total: lines.length, checked: 4, discrepancies: 2 });

    const closed = await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId: stocktake.id } }, w.manager);
    expect(closed.data.closeStocktake.stocktake).toMatchObject({ status: 'CLOSED', progress: { checked: 4, discrepancies: 2 } });
    const discrepancies = (await t.gql(ITEMS, { id: stocktake.id, filter: { results: ['NOT_FOUND', 'DAMAGED', 'USE_CHANGED'] } }, await t.token(Role.AUDITOR, '522327'))).data.node.items;
    expect(discrepancies.nodes.map((n: { result: string; asset: { id: string } }) => [n.asset.id, n.result]).sort()).toEqual(
      [
        [b, 'NOT_FOUND'],
        [c, 'DAMAGED'],
      ].sort(),
    );
    const unchecked = (await t.gql(ITEMS, { id: stocktake.id, filter: { unchecked: true } }, w.manager)).data.node.items;
    expect(unchecked.totalCount).toBe(lines.length - 4);

    const frozen = await t.rows(`select count(*)::int as n from audit_event`);
    const late = await result(stocktake.id, e, 'FOUND');
    expect(late.data.recordStocktakeResult.userErrors).toEqual([expect.objectContaining({ field: ['input', 'stocktakeId'], code: 'STOCKTAKE_CLOSED' })]);
    const again = await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId: stocktake.id } }, w.manager);
    expect(again.data.closeStocktake.userErrors).toEqual([expect.objectContaining({ code: 'STOCKTAKE_CLOSED' })]);
    expect(await t.rows(`select count(*)::int as n from audit_event`)).toEqual(frozen);
    // The asset keeps what the stocktake found.
    const asset = await t.gql(`query($id: ID!) { node(id: $id) { ... on Asset { stocktakeResults { result stocktake { status } } } } }`, { id: b }, w.manager);
    expect(asset.data.node.stocktakeResults[0]).toEqual({ result: 'NOT_FOUND', stocktake: { status: 'CLOSED' } });
  });

  it('lets a custodian record results only for assets its party holds', async () => {
    const mine = await w.road();
    const theirs = await w.road();
    const party = w.l.collectives[0]!.id;
    await t.gql(ASSIGN, { input: { assetId: mine, custodianId: party, startsOn: '2025-01-01' } }, w.manager);
    await t.gql(ASSIGN, { input: { assetId: theirs, custodianId: w.l.collectives[1]!.id, startsOn: '2025-01-01' } }, w.manager);
    const stocktake = await open('2026-09-01');
    const custodian = await t.token(Role.CUSTODIAN, '522327', w.partyKey(party));
    expect(errorCodes(await result(stocktake.id, theirs, 'FOUND', null, custodian))).toEqual(['FORBIDDEN']);
    expect((await result(stocktake.id, mine, 'FOUND', null, custodian)).data.recordStocktakeResult.userErrors).toEqual([]);
    expect(errorCodes(await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId: stocktake.id } }, custodian))).toEqual(['FORBIDDEN']);
  });

  it('is seen from the townships and villages under it, each recording and seeing only its own part; only its region closes it', async () => {
    const county = await t.gql(OPEN_STOCKTAKE, { input: { regionCode: '522327', name: '全县清查', asOf: '2026-09-01' } }, w.manager);
    expect(county.data.openStocktake.userErrors).toEqual([]);
    const id = county.data.openStocktake.stocktake.id;
    const again = await t.gql(OPEN_STOCKTAKE, { input: { regionCode: '522327', name: '重复', asOf: '2026-09-02' } }, w.manager);
    expect(again.data.openStocktake.userErrors).toEqual([expect.objectContaining({ field: ['input', 'regionCode'], code: 'STOCKTAKE_ALREADY_OPEN' })]);

    const township = await t.token(Role.ASSET_MANAGER, '522327104');
    const seen = await t.gql(ITEMS, { id }, township);
    const lines = seen.data.node.items;
    const [inTownship] = await t.rows(
      `select count(*)::int as n from stocktake_item where stocktake_id = ${Buffer.from(id, 'base64url').toString().split(':')[1]} and region_code >= 522327104000 and region_code < 522327105000`,
    );
    expect(lines.totalCount).toBe(inTownship.n);
    expect(seen.data.node.progress.total).toBe(inTownship.n);
    const byTownship = await t.gql(`query($id: ID!) { node(id: $id) { ... on Stocktake { progressByTownship { township { code name } total } } } }`, { id }, township);
    expect(byTownship.data.node.progressByTownship).toEqual([{ township: { code: '522327104000', name: expect.any(String) }, total: inTownship.n }]);
    const own = lines.nodes[0].asset.id;
    expect((await result(id, own, 'FOUND', null, township)).data.recordStocktakeResult.userErrors).toEqual([]);
    const [elsewhere] = await t.rows<{ asset_id: number }>(
      `select asset_id from stocktake_item where stocktake_id = ${Buffer.from(id, 'base64url').toString().split(':')[1]} and region_code >= 522327105000 limit 1`,
    );
    const outside = await result(id, toGlobalId('Asset', elsewhere!.asset_id), 'FOUND', null, township);
    expect(outside.data.recordStocktakeResult.userErrors).toEqual([expect.objectContaining({ code: 'NOT_IN_STOCKTAKE' })]);
    const close = await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId: id } }, township);
    expect(close.data.closeStocktake.userErrors).toEqual([expect.objectContaining({ code: 'STOCKTAKE_REGION_ABOVE_SCOPE' })]);
    expect((await t.gql(CLOSE_STOCKTAKE, { input: { stocktakeId: id } }, w.manager)).data.closeStocktake.userErrors).toEqual([]);
  });

  describe('the field checklist', () => {
    let stocktake: { id: string; progress: { total: number } };
    let sheet: Record<string, string>[];
    beforeAll(async () => {
      for (let i = 0; i < 8; i++) await w.road({ regionCode: w.l.collectives[2]!.village });
      stocktake = await open('2026-09-10', w.l.collectives[2]!.village);
    });

    const download = (path: string, token = w.manager) =>
      request(t.app.server)
        .get(path)
        .set('authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    const upload = (rows: Record<string, string>[], options: { dryRun?: boolean; token?: string } = {}) => {
      const csv = `\ufeff${[CHECKLIST_HEADERS.join(','), ...rows.map((r) => CHECKLIST_HEADERS.map((h) => JSON.stringify(r[h] ?? '')).join(','))].join('\n')}`;
      return request(t.app.server)
        .post(`/import/stocktakes/${stocktake.id}/results${options.dryRun ? '?dryRun=true' : ''}`)
        .set('authorization', `Bearer ${options.token ?? w.manager}`)
        .attach('file', Buffer.from(csv), 'checklist.csv');
    };
    const checked = async () => (await t.gql(ITEMS, { id: stocktake.id }, w.manager)).data.node.progress.checked as number;

    it('exports one line per covered asset with Chinese headers, as CSV and XLSX', async () => {
      const csv = await download(`/export/stocktakes/${stocktake.id}/checklist.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''%E7%9B%98%E7%82%B9%E6%B8%85%E5%8D%95");
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.startsWith('\ufeff资产编号,资产名称')).toBe(true);
      sheet = parse(text.slice(1), { columns: true }) as Record<string, string>[];
      expect(sheet).toHaveLength(stocktake.progress.total);
      expect(Object.keys(sheet[0]!)).toEqual(CHECKLIST_HEADERS);
      const xlsx = await download(`/export/stocktakes/${stocktake.id}/checklist.xlsx`);
      expect(await readSpreadsheet('c.xlsx', xlsx.body as Buffer)).toHaveLength(sheet.length);
      // Another county sees no such stocktake.
      expect((await download(`/export/stocktakes/${stocktake.id}/checklist.csv`, await t.token(Role.ADMIN, '522328'))).status).toBe(404);
    });

    it('refuses a sheet with three bad rows whole, naming each, and records a good one all at once', async () => {
      const filled = sheet.map((row, i) => ({ ...row, 盘点结果: i % 3 === 0 ? '' : i % 5 === 0 ? '损坏' : '相符', 情况说明: i % 5 === 0 ? '屋面漏雨' : '', 盘点日期: '2026-09-15', 盘点人: '清查组' }));
      const broken = filled.map((row, i) => (i === 1 ? { ...row, 资产编号: 'NO-SUCH-ASSET' } : i === 2 ? { ...row, 盘点结果: '丢失' } : i === 4 ? { ...row, 盘点日期: '2026-13-01' } : row));
      const before = await checked();
      for (const dryRun of [true, false]) {
        const res = await upload(broken, { dryRun });
        expect(res.status).toBe(422);
        expect(res.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
          [3, '资产编号', 'NOT_FOUND'],
          [4, '盘点结果', 'INVALID_VALUE'],
          [6, '盘点日期', 'INVALID_VALUE'],
        ]);
        expect(res.body.recorded).toBe(0);
      }
      expect(await checked()).toBe(before);

      const dry = await upload(filled, { dryRun: true });
      expect(dry.status).toBe(200);
      const expected = filled.filter((r) => r.盘点结果).length;
      expect(dry.body).toMatchObject({ dryRun: true, rows: filled.length, recorded: 0, unchecked: filled.length - expected, errors: [] });
      expect(await checked()).toBe(before);

      const real = await upload(filled);
      expect(real.status).toBe(200);
      expect(real.body.recorded).toBe(expected);
      expect(await checked()).toBe(before + expected);
      const [event] = await t.rows(`select action from audit_event order by id desc limit 1`);
      expect(event.action).toBe('stocktake.importResults');
    });

    it("reports a custodian's rows for assets its party does not hold, and records the one it does", async () => {
      const party = w.l.collectives[2]!;
      const [held, other] = sheet.slice(0, 2).map((r) => r['资产编号']!);
      const [heldId] = await t.rows<{ id: number }>(`select id from asset where code = '${held}'`);
      await t.gql(ASSIGN, { input: { assetId: toGlobalId('Asset', heldId!.id), custodianId: party.id, startsOn: '2025-01-01' } }, w.manager);
      const custodian = await t.token(Role.CUSTODIAN, '522327', w.partyKey(party.id));
      const rows = sheet.slice(0, 2).map((row) => ({ ...row, 盘点结果: '相符', 情况说明: '', 盘点日期: '2026-09-16', 盘点人: '管护员' }));
      const before = await t.count('audit_event');
      const refused = await upload(rows, { token: custodian });
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([[3, '资产编号', 'NOT_YOUR_CUSTODY']]);
      expect(await t.count('audit_event')).toBe(before);
      expect(other).toBeTruthy();
      const own = await upload(rows.slice(0, 1), { token: custodian });
      expect(own.status).toBe(200);
      expect(own.body.recorded).toBe(1);
    });

    it('masks a household custodian in the checklist for roles without personal data, and refuses who may not import', async () => {
      const [household] = await t.rows<{ id: number; name: string }>(`select id, name from party where kind = 'HOUSEHOLD' and region_code = ${w.l.collectives[2]!.village} order by id limit 1`);
      const asset = sheet[3]!['资产编号']!;
      const [row] = await t.rows<{ id: number }>(`select id from asset where code = '${asset}'`);
      const assigned = await t.gql(ASSIGN, { input: { assetId: toGlobalId('Asset', row!.id), custodianId: toGlobalId('Party', household!.id), startsOn: '2025-01-01' } }, w.manager);
      expect(assigned.data.assignCustodian.userErrors).toEqual([]);
      const names = async (token: string) => {
        const res = await download(`/export/stocktakes/${stocktake.id}/checklist.csv`, token);
        const rows = parse((res.body as Buffer).toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
        return rows.find((r) => r['资产编号'] === asset)!['管护主体'];
      };
      expect(await names(w.manager)).toBe(household!.name);
      expect(await names(await t.token(Role.VIEWER, '522327'))).toBe(`${Array.from(household!.name)[0]}${'*'.repeat(Array.from(household!.name).length - 1)}`);

      const viewer = await upload(sheet.slice(0, 1), { token: await t.token(Role.VIEWER, '522327') });
      expect(viewer.status).toBe(403);
      const abroad = await upload(
        sheet.slice(0, 1).map((r) => ({ ...r, 盘点结果: '相符', 盘点人: 'x' })),
        { token: await t.token(Role.ADMIN, '522328') },
      );
      // Another county's stocktake is not there for them, as its download says: 404, whatever the file holds.
      expect(abroad.status).toBe(404);
      expect(abroad.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const emptyAbroad = await upload([], { token: await t.token(Role.ADMIN, '522328') });
      expect(emptyAbroad.status).toBe(404);
      expect((await download(`/export/stocktakes/${stocktake.id}/checklist.csv`, await t.token(Role.ADMIN, '522328'))).status).toBe(404);
    });
  });
});
