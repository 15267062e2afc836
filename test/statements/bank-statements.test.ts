/**
 * Bank statement matching (银行对账) through the upload route and GraphQL, as a finance office
 * uses it: a dry run reports matched, ambiguous and unmatched lines and writes nothing; the import
 * records the lines and their matches with an audit event, and again imports nothing twice; what
 * stays open is listed both ways and settled by hand; other roles and counties are refused.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, incomeWorld, type IncomeWorld } from '../income/fixtures';

const OPERATOR = '黔南绿能科技有限公司';
const HEADER = '交易日期,借方金额,贷方金额,对方户名,摘要';
const STATEMENT = [
  HEADER,
  `2026-01-06,,3000.00,${OPERATOR},租金 PZ-2026-0105`,
  `2026-02-07,,3000.00,黔南绿能科技 有限公司,二月租金`,
  `2026-03-06,,3000.00,${OPERATOR},三月租金`,
  '2026-03-10,1200.00,,某某五金店,购材料',
  '2026-03-15,,88.88,本行,结息',
  '2026-04-10,,500.00,张三,货款',
].join('\n');

const MATCH = 'mutation($input: MatchStatementLineInput!) { matchStatementLine(input: $input) { line { id matchMethod incomeRecord { id } } userErrors { field code } } }';
const UNMATCHED =
  'query($r: DivisionCode!) { unmatchedStatementLines(region: $r, from: "2026-01-01", to: "2026-12-31") { totalCount nodes { id row bookedOn amount counterparty reference account { id } } } }';
const WITHOUT = 'query($r: DivisionCode!) { incomeWithoutStatementLine(region: $r, from: "2026-01-01", to: "2026-06-30", first: 200) { totalCount nodes { id } } }';

describe('bank statement matching', () => {
  let t: TestContext;
  let w: IncomeWorld;
  let ownerId: string;
  let village: string;
  const receipts: Record<string, string> = {};
  const counts = async () => ({ lines: await t.count('bank_statement_line'), statements: await t.count('bank_statement'), events: await t.count('audit_event') });
  const upload = (csv: string, query: string, token = w.finance) =>
    request(t.app.server)
      .post(`/import/bank-statements?${query}`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', Buffer.from(`\ufeff${csv}`), '对账单.csv');

  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
    const party = async (kind: string, name: string) =>
      (
        await t.gql(
          'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { code } } }',
          { input: { kind, name, regionCode: w.l.collectives[0]!.village } },
          w.manager,
        )
      ).data.createParty.party.id as string;
    ownerId = await party('OTHER', '对账测试合作社');
    const operatorId = await party('OTHER', OPERATOR);
    village = w.l.collectives[0]!.village;
    const assetId = await w.station({ owners: [{ partyId: ownerId, shareBp: 10000, confirmedOn: '2019-11-01' }] });
    const contract = await t.gql(
      CREATE_CONTRACT,
      { input: { assetId, operatorId, mode: 'LEASED', startsOn: '2025-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '36000.00', paymentCycle: 'MONTHLY' } },
      w.manager,
    );
    const contractId = contract.data.createOperatingContract.contract.id;
    const receive = async (name: string, amount: string, receivedOn: string, extra: Record<string, unknown> = {}) => {
      const res = await t.gql(RECORD_INCOME, { input: { assetId, kind: 'RENT', amount, receivedOn, accountType: 'VILLAGE_COLLECTIVE', ...extra } }, w.finance);
      receipts[name] = res.data.recordIncome.incomeRecord.id;
    };
    await receive('january', '3000.00', '2026-01-05', { contractId, voucherNo: 'PZ-2026-0105' });
    await receive('february', '3000.00', '2026-02-05', { contractId });
    await receive('marchA', '3000.00', '2026-03-05', { contractId });
    await receive('marchB', '3000.00', '2026-03-07', { contractId });
    await receive('sales', '500.00', '2026-04-10');
    await receive('mistake', '800.00', '2026-04-20', { contractId });
    await t.gql(REVERSE_INCOME, { input: { incomeId: receipts.mistake, reason: '重复入账' } }, w.finance);
  });
  afterAll(() => t.close());

  it('reports every line on a dry run and writes nothing', async () => {
    const before = await counts();
    const res = await upload(STATEMENT, `account=${ownerId}&dryRun=true`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 6, debitsSkipped: 1, alreadyImported: 0, matched: 2, ambiguous: 1, unmatched: 2, statementId: null, errors: [] });
    const byRow = Object.fromEntries(res.body.lines.map((l: { row: number }) => [l.row, l]));
    expect(byRow[2]).toMatchObject({ status: 'MATCHED', method: 'VOUCHER', incomeRecordId: receipts.january });
    expect(byRow[3]).toMatchObject({ status: 'MATCHED', method: 'AMOUNT_DATE_OPERATOR', incomeRecordId: receipts.february });
    expect(byRow[4]).toMatchObject({ status: 'AMBIGUOUS', candidates: [receipts.marchA, receipts.marchB] });
    expect(byRow[6]).toMatchObject({ status: 'UNMATCHED', amount: '88.88', reference: '结息' });
    expect(byRow[7]).toMatchObject({ status: 'UNMATCHED', amount: '500.00' });
    expect(byRow[5]).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('records the lines and their matches with one audit event, and imports nothing twice', async () => {
    const withoutBefore = (await t.gql(WITHOUT, { r: village }, w.finance)).data.incomeWithoutStatementLine;
    const ids = withoutBefore.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual(expect.arrayContaining([receipts.january, receipts.february, receipts.marchA, receipts.marchB, receipts.sales]));
    expect(ids).not.toContain(receipts.mistake);
    const before = await counts();
    const res = await upload(STATEMENT, `account=${ownerId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, matched: 2, ambiguous: 1, unmatched: 2 });
    expect(res.body.statementId).toEqual(expect.any(String));
    expect(await counts()).toEqual({ lines: before.lines + 5, statements: before.statements + 1, events: before.events + 1 });
    const [event] = await t.rows(`select action, entity_type from audit_event order by id desc limit 1`);
    expect(event).toEqual({ action: 'bankStatement.import', entity_type: 'BankStatement' });

    const unmatched = (await t.gql(UNMATCHED, { r: village }, w.finance)).data.unmatchedStatementLines;
    expect(unmatched.nodes.filter((n: { account: { id: string } }) => n.account.id === ownerId).map((n: { row: number; amount: string }) => [n.row, n.amount])).toEqual([
      [4, '3000.00'],
      [6, '88.88'],
      [7, '500.00'],
    ]);
    const withoutAfter = (await t.gql(WITHOUT, { r: village }, w.finance)).data.incomeWithoutStatementLine;
    expect(withoutAfter.totalCount).toBe(withoutBefore.totalCount - 2);
    const january = await t.gql('query($id: ID!) { node(id: $id) { ... on IncomeRecord { bankStatementLine { row matchMethod reference } } } }', { id: receipts.january }, w.finance);
    expect(january.data.node.bankStatementLine).toEqual({ row: 2, matchMethod: 'VOUCHER', reference: '租金 PZ-2026-0105' });

    // The same export again (the bank's next download overlaps the last): every line was imported before.
    const again = await counts();
    const twice = await upload(STATEMENT, `account=${ownerId}`);
    expect(twice.body).toMatchObject({ alreadyImported: 5, matched: 0, ambiguous: 0, unmatched: 0, statementId: null });
    expect(await counts()).toEqual(again);
  });

  it('settles an ambiguous line by hand, and refuses every wrong match with nothing written', async () => {
    const lines = (await t.gql(UNMATCHED, { r: village }, w.finance)).data.unmatchedStatementLines.nodes.filter((n: { account: { id: string } }) => n.account.id === ownerId);
    const [ambiguous, interest, sales] = lines as { id: string }[];
    const before = await counts();
    const refusals: [Record<string, string>, { field: string[]; code: string }[]][] = [
      [{ lineId: interest!.id, incomeId: receipts.marchB! }, [{ field: ['input', 'incomeId'], code: 'AMOUNT_DIFFERS' }]],
      [
        { lineId: sales!.id, incomeId: receipts.january! },
        [
          { field: ['input', 'incomeId'], code: 'INCOME_ALREADY_MATCHED' },
          { field: ['input', 'incomeId'], code: 'AMOUNT_DIFFERS' },
        ],
      ],
      [
        { lineId: ambiguous!.id, incomeId: receipts.mistake! },
        [
          { field: ['input', 'incomeId'], code: 'INCOME_NOT_STANDING' },
          { field: ['input', 'incomeId'], code: 'AMOUNT_DIFFERS' },
        ],
      ],
      [{ lineId: 'QmFua1N0YXRlbWVudExpbmU6OTk5OTk5', incomeId: receipts.marchA! }, [{ field: ['input', 'lineId'], code: 'NOT_FOUND' }]],
    ];
    for (const [input, errors] of refusals) {
      const res = await t.gql(MATCH, { input }, w.finance);
      expect(res.data.matchStatementLine.userErrors, JSON.stringify(input)).toEqual(errors);
    }
    expect(await counts()).toEqual(before);
    const done = await t.gql(MATCH, { input: { lineId: ambiguous!.id, incomeId: receipts.marchA } }, w.finance);
    expect(done.data.matchStatementLine).toEqual({ line: { id: ambiguous!.id, matchMethod: 'MANUAL', incomeRecord: { id: receipts.marchA } }, userErrors: [] });
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
    const again = await t.gql(MATCH, { input: { lineId: ambiguous!.id, incomeId: receipts.marchB } }, w.finance);
    expect(again.data.matchStatementLine.userErrors).toEqual([{ field: ['input', 'lineId'], code: 'LINE_ALREADY_MATCHED' }]);
  });

  it('gives a reversed receipt’s bank line back, to be matched to the corrected record', async () => {
    const lineOf = async (id: string) =>
      (await t.gql('query($id: ID!) { node(id: $id) { ... on IncomeRecord { bankStatementLine { id row matchMethod } } } }', { id }, w.finance)).data.node.bankStatementLine;
    const line = await lineOf(receipts.january!);
    expect(line).toMatchObject({ row: 2, matchMethod: 'VOUCHER' });
    const before = await counts();
    const reversed = await t.gql(REVERSE_INCOME, { input: { incomeId: receipts.january, reason: '合同号录错' } }, w.finance);
    expect(reversed.data.reverseIncome.userErrors).toEqual([]);
    // The 3000.00 did reach the bank: its line is unmatched again, listed, and the release is audited.
    expect(await lineOf(receipts.january!)).toBeNull();
    const unmatched = (await t.gql(UNMATCHED, { r: village }, w.finance)).data.unmatchedStatementLines.nodes as { id: string }[];
    expect(unmatched.map((n) => n.id)).toContain(line.id);
    expect(await counts()).toEqual({ ...before, events: before.events + 2 });
    const [event] = await t.rows(`select action, entity_id, before->>'incomeRecordId' as was, after->>'incomeRecordId' as now from audit_event where action = 'bankStatement.releaseLine'`);
    expect(event).toEqual({ action: 'bankStatement.releaseLine', entity_id: line.id, was: receipts.january, now: null });
    const corrected = await t.gql(
      RECORD_INCOME,
      {
        input: {
          assetId: (await t.gql('query($id: ID!) { node(id: $id) { ... on IncomeRecord { asset { id } } } }', { id: receipts.january }, w.finance)).data.node.asset.id,
          kind: 'RENT',
          amount: '3000.00',
          receivedOn: '2026-01-05',
          accountType: 'VILLAGE_COLLECTIVE',
        },
      },
      w.finance,
    );
    const correctedId = corrected.data.recordIncome.incomeRecord.id;
    const matched = await t.gql(MATCH, { input: { lineId: line.id, incomeId: correctedId } }, w.finance);
    expect(matched.data.matchStatementLine).toEqual({ line: { id: line.id, matchMethod: 'MANUAL', incomeRecord: { id: correctedId } }, userErrors: [] });
  });

  it('refuses a file it cannot read, row by row, and writes nothing', async () => {
    const before = await counts();
    const bad = await upload([HEADER, `2026-13-01,,3000.00,${OPERATOR},x`, `2026-02-01,,3千,${OPERATOR},x`, `2027-01-01,,1.00,${OPERATOR},x`].join('\n'), `account=${ownerId}`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [2, 'INVALID_VALUE'],
      [3, 'INVALID_VALUE'],
      [4, 'INVALID_VALUE'],
    ]);
    const noDate = await upload('金额,摘要\n1.00,x', `account=${ownerId}`);
    expect(noDate.status).toBe(422);
    expect(noDate.body.errors[0]).toMatchObject({ row: 1, column: 'file', code: 'REQUIRED' });
    expect((await upload(STATEMENT, '')).status).toBe(400);
    expect((await upload(STATEMENT, `account=${ownerId}&windowDays=99`)).status).toBe(422);
    expect((await upload(STATEMENT, `account=${ownerId}&window=3`)).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('is for FINANCE and ADMIN of the account holder’s scope only', async () => {
    const before = await counts();
    const viewer = await t.token(Role.VIEWER, '522327');
    expect((await upload(STATEMENT, `account=${ownerId}`, viewer)).status).toBe(403);
    const anonymous = await request(t.app.server).post(`/import/bank-statements?account=${ownerId}`).attach('file', Buffer.from(STATEMENT), 's.csv');
    expect(anonymous.status).toBe(401);
    const foreign = await t.token(Role.FINANCE, '520102');
    const abroad = await upload(STATEMENT, `account=${ownerId}`, foreign);
    expect(abroad.status).toBe(422);
    expect(abroad.body.errors[0]).toMatchObject({ column: 'account', code: 'NOT_FOUND' });
    expect((await t.gql(UNMATCHED, { r: '522327' }, foreign)).data.unmatchedStatementLines.totalCount).toBe(0);
    expect((await t.gql(WITHOUT, { r: '522327' }, foreign)).data.incomeWithoutStatementLine.totalCount).toBe(0);
    const lines = (await t.gql(UNMATCHED, { r: village }, w.finance)).data.unmatchedStatementLines.nodes;
    const res = await t.gql(MATCH, { input: { lineId: lines[0].id, incomeId: receipts.marchB } }, foreign);
    expect(res.data.matchStatementLine.userErrors).toEqual([{ field: ['input', 'lineId'], code: 'NOT_FOUND' }]);
    expect(await counts()).toEqual(before);
  });
});
