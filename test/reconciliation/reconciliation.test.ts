/**
 * Income reconciliation (对账): one asset's money followed from its contract to the payments,
 * and every row of a township's reconciliation holding the identities to the fen, rolling up
 * exactly from assets and owners to villages, the township and the totals.
 */
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/http/spreadsheets';
import { Role, startTestApp, type TestContext } from '../helpers';
import { APPROVE, CREATE_PLAN, DISBURSE, PUBLICIZE, allocationWorld, type AllocationWorld } from '../allocation/fixtures';
import { CREATE_CONTRACT, REVERSE_INCOME } from '../income/fixtures';

const F = 'expected received reversed apportioned unplanned inPlans arrears planned allocated disbursed carriedForward undisbursed';
const RECONCILE = `query($region: DivisionCode!, $from: Date!, $to: Date!) { incomeReconciliation(region: $region, from: $from, to: $to) {
  regionCode totals { ${F} } arrearsByBucket { bucket unpaid }
  regions { regionCode region { level } figures { ${F} } }
  assets(first: 200) { totalCount nodes { asset { id region { code } } figures { ${F} } } }
  owners(first: 200) { totalCount nodes { owner { id } figures { ${F} } } } } }`;

type Figures = Record<string, string>;
const fen = (m: string | undefined) => BigInt(m!.replace('.', ''));
const sum = (rows: Figures[], key: string) => rows.reduce((s, r) => s + fen(r[key]!), 0n);

describe('income reconciliation', () => {
  let t: TestContext;
  let w: AllocationWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 200 });
    w = await allocationWorld(t);
  });
  afterAll(() => t.close());

  const reconcile = async (region: string, from = '2026-01-01', to = '2026-06-30', token = w.finance) => {
    const res = await t.gql(RECONCILE, { region, from, to }, token);
    expect(res.errors).toBeUndefined();
    return res.data.incomeReconciliation;
  };

  it("follows one asset's money from its contract to the payments", async () => {
    const { ownerId, assetId, incomeIds } = await w.ownerWithIncome([
      ['1000.00', '2026-01-05'],
      ['1000.00', '2026-02-05'],
      ['500.00', '2026-03-05'],
    ]);
    // A lease of 12000.00 a year, monthly from January: six months due by June, 2500.00 received.
    const contract = await t.gql(
      CREATE_CONTRACT,
      { input: { assetId, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn: '2026-01-01', endsOn: '2030-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'MONTHLY' } },
      w.manager,
    );
    expect(contract.data.createOperatingContract.userErrors).toEqual([]);
    expect((await t.gql(REVERSE_INCOME, { input: { incomeId: incomeIds[2], reason: '错录', reversedOn: '2026-03-10' } }, w.finance)).data.reverseIncome.userErrors).toEqual([]);
    const plan = (
      await t.gql(CREATE_PLAN, { input: { ownerId, title: '一季度', periodFrom: '2026-01-01', periodTo: '2026-01-31', lines: [{ purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '800.00' }] } }, w.finance)
    ).data.createAllocationPlan.allocationPlan;
    await t.gql(PUBLICIZE, { input: { planId: plan.id, startsOn: '2026-04-01', days: 10 } }, w.finance);
    await t.gql(APPROVE, { input: { planId: plan.id, resolutionNo: '决议', resolutionOn: '2026-04-15' } }, w.finance);
    await t.gql(DISBURSE, { input: { lineId: plan.lines[0].id, amount: '300.00', paidOn: '2026-05-01', payeeId: ownerId, method: 'INTERNAL' } }, w.finance);

    const r = await reconcile('522327104');
    const ours = r.assets.nodes.find((n: { asset: { id: string } }) => n.asset.id === assetId);
    // The contract's periods were not paid under it (the receipts name no contract): six months unpaid; those due
    // by 31 May are past the 30 grace days on 30 June.
    expect(ours.figures).toEqual({
      expected: '6000.00',
      received: '2500.00',
      reversed: '-500.00',
      apportioned: '2000.00',
      unplanned: '1000.00',
      inPlans: '1000.00',
      arrears: '5000.00',
      planned: '0.00',
      allocated: '0.00',
      disbursed: '0.00',
      carriedForward: '0.00',
      undisbursed: '0.00',
    });
    // A period reaching past today: rent not yet due is not owed (arrears as of today), only expected.
    const ahead = (await reconcile('522327104', '2026-01-01', '2026-12-31')).assets.nodes.find((n: { asset: { id: string } }) => n.asset.id === assetId);
    expect(ahead.figures).toMatchObject({ expected: '12000.00', arrears: '5000.00' });
    const owner = r.owners.nodes.find((n: { owner: { id: string } | null }) => n.owner?.id === ownerId);
    expect(owner.figures).toMatchObject({ apportioned: '2000.00', unplanned: '1000.00', inPlans: '1000.00', allocated: '800.00', disbursed: '300.00', undisbursed: '500.00' });
    // The plan took January's 1000.00 and allocated 800.00: the 200.00 its lines leave stays with the owner, not lost.
    expect(owner.figures).toMatchObject({ planned: '1000.00', carriedForward: '200.00' });
  });

  it('holds every row to the identities and rolls up exactly', async () => {
    for (const [from, to] of [
      ['2026-01-01', '2026-06-30'],
      ['2023-01-01', '2026-06-30'],
    ]) {
      const r = await reconcile('522327104', from, to);
      const assets: Figures[] = r.assets.nodes.map((n: { figures: Figures }) => n.figures);
      const owners: Figures[] = r.owners.nodes.map((n: { figures: Figures }) => n.figures);
      expect(assets.length).toBe(r.assets.totalCount);
      for (const row of [r.totals, ...assets, ...r.regions.map((x: { figures: Figures }) => x.figures)]) {
        expect(fen(row.apportioned)).toBe(fen(row.received) + fen(row.reversed));
        expect(fen(row.apportioned)).toBe(fen(row.unplanned) + fen(row.inPlans));
        expect(fen(row.planned)).toBe(fen(row.disbursed) + fen(row.undisbursed) + fen(row.carriedForward));
        expect(fen(row.allocated) <= fen(row.planned)).toBe(true);
      }
      for (const row of owners) {
        expect(fen(row.apportioned)).toBe(fen(row.unplanned) + fen(row.inPlans));
        expect(fen(row.planned)).toBe(fen(row.disbursed) + fen(row.undisbursed) + fen(row.carriedForward));
        expect(fen(row.allocated) <= fen(row.planned)).toBe(true);
      }
      // Money earned: the assets add up to the totals; the owners' parts too. Plans: the owners add up.
      for (const key of ['expected', 'received', 'reversed', 'apportioned', 'unplanned', 'inPlans', 'arrears']) expect(sum(assets, key), key).toBe(fen(r.totals[key]));
      for (const key of ['apportioned', 'unplanned', 'inPlans', 'planned', 'allocated', 'disbursed', 'carriedForward', 'undisbursed']) expect(sum(owners, key), key).toBe(fen(r.totals[key]));
      expect(r.arrearsByBucket.reduce((s: bigint, b: { unpaid: string }) => s + fen(b.unpaid), 0n)).toBe(fen(r.totals.arrears));
      // The township's row is the totals; its villages' rows add up to it (nothing is registered at the township itself here).
      const township = r.regions.find((x: { regionCode: string }) => x.regionCode === '522327104000');
      expect(township.figures).toEqual(r.totals);
      const villages = r.regions.filter((x: { region: { level: string } }) => x.region.level === 'VILLAGE').map((x: { figures: Figures }) => x.figures);
      for (const key of Object.keys(r.totals)) expect(sum(villages, key), key).toBe(fen(r.totals[key]));
      expect(fen(r.totals.received)).toBeGreaterThan(0n);
    }
  });

  it('answers null outside the scope, and one county at a time', async () => {
    const township = await t.token(Role.FINANCE, '522327105');
    expect(await reconcile('522327104', '2026-01-01', '2026-06-30', township)).toBeNull();
    const province = await t.token(Role.AUDITOR, '52');
    const wide = await t.gql(RECONCILE, { region: '52', from: '2026-01-01', to: '2026-06-30' }, province);
    expect(wide.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const backwards = await t.gql(RECONCILE, { region: '522327', from: '2026-06-30', to: '2026-01-01' }, w.finance);
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports the same figures as a spreadsheet for the finance office, CSV and XLSX, Chinese headers', async () => {
    const download = (path: string, token?: string) => {
      const req = request(t.app.server).get(path);
      if (token) req.set('authorization', `Bearer ${token}`);
      return req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    };
    const path = '/export/reconciliation.csv?region=522327104&from=2026-01-01&to=2026-06-30';
    const csv = await download(path, w.finance);
    expect(csv.status).toBe(200);
    const rows = parse((csv.body as Buffer).toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const r = await reconcile('522327104');
    expect(rows[0]).toMatchObject({ 行类型: '合计', 代码: '522327104000', 实收: r.totals.received, 分配到权属主体: r.totals.apportioned, 已兑付: r.totals.disbursed, 欠收: r.totals.arrears });
    expect(rows.filter((x) => x.行类型 === '资产')).toHaveLength(r.assets.totalCount);
    expect(rows.filter((x) => x.行类型 === '权属主体')).toHaveLength(r.owners.totalCount);
    const xlsx = await download(path.replace('.csv', '.xlsx'), w.finance);
    expect(await readSpreadsheet('r.xlsx', xlsx.body as Buffer)).toHaveLength(rows.length);
    expect((await download(path)).status).toBe(401);
    expect((await download(path, await t.token(Role.FINANCE, '522328'))).status).toBe(404);
    expect((await download(`${path}&extra=1`, w.finance)).status).toBe(400);
    expect((await download(path.replace('2026-06-30', '2026-13-01'), w.finance)).status).toBe(400);
  });
});
