/**
 * Today's arrears totals are remembered per question with the fingerprint of what they were
 * worked out from (contracts.service rememberedTotals): asked again with nothing changed, the
 * statement does not work them out; after any write they read (a receipt, a reversal, a contract
 * ended early, a new grace) or on another day, it does, and the answer is the one a question
 * never asked before gets.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as store from '../../src/modules/contracts/contracts.store';
import { Role, startTestApp, type TestContext } from '../helpers';
import { CREATE_CONTRACT, END_CONTRACT, RECORD_INCOME, REVERSE_INCOME, SET_RULE, incomeWorld, type IncomeWorld } from './fixtures';

// The real store, observed: whether each statement worked the totals out (null: it knew them).
vi.mock('../../src/modules/contracts/contracts.store', async (importOriginal) => {
  const real = await importOriginal<typeof store>();
  return { ...real, arrearsPage: vi.fn(real.arrearsPage), arrearsTotals: vi.fn(real.arrearsTotals) };
});

const Q = `query($r: DivisionCode, $a: ID) { arrears(filter: { region: $r, asset: $a }, first: 3) { totalCount totals { bucket periods unpaid } nodes { dueOn unpaid daysOverdue contract { id } } } }`;

describe('remembered arrears totals', () => {
  let t: TestContext;
  let w: IncomeWorld;
  let asked: string[];
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 30 });
    w = await incomeWorld(t);
    t.clock.set('2026-06-30');
    // The references for a remembered answer: other scopes, each asked after a write since it was last asked (`fresh` checks that it worked its totals out).
    asked = [await t.token(Role.AUDITOR, '52'), await t.token(Role.AUDITOR, '5223'), await t.token(Role.FINANCE, '52'), await t.token(Role.FINANCE, '5223')];
  });
  afterAll(() => t.close());

  let pages = 0;
  /** Whether the totals were worked out since this was last asked: not when no page statement ran (a county's page remembered whole), nor when the statement knew them. */
  async function workedOut(): Promise<boolean> {
    const { calls, results } = vi.mocked(store.arrearsPage).mock;
    if (calls.length === pages) return false;
    pages = calls.length;
    return (await results.at(-1)!.value).figures.totals !== null;
  }
  /** Whether a page statement ran since this (or workedOut) was last asked, and knew the totals. */
  const readKnowingTotals = async () => pageRead() && (await vi.mocked(store.arrearsPage).mock.results.at(-1)!.value).figures.totals === null;
  /** Whether a page statement ran since this (or workedOut) was last asked. */
  const pageRead = () => {
    const read = vi.mocked(store.arrearsPage).mock.calls.length > pages;
    pages = vi.mocked(store.arrearsPage).mock.calls.length;
    return read;
  };
  const ask = async (token: string, vars: Record<string, unknown> = { r: '522327' }) => {
    const res = await t.gql(Q, vars, token);
    expect(res.errors).toBeUndefined();
    return res.data.arrears;
  };
  const fresh = async () => {
    const answer = await ask(asked.shift()!);
    expect(await workedOut()).toBe(true);
    return answer;
  };

  it('answers from what it remembers only while the contracts, the grace and the day are the same', async () => {
    const assetId = await w.station();
    const create = await t.gql(
      CREATE_CONTRACT,
      { input: { assetId, operatorId: w.l.collectives[1]!.id, mode: 'LEASED', startsOn: '2025-01-01', endsOn: '2029-12-31', agreedIncomePerYear: '12000.00', paymentCycle: 'QUARTERLY' } },
      w.manager,
    );
    const contractId = create.data.createOperatingContract.contract.id;

    const first = await ask(w.finance);
    expect(await workedOut()).toBe(true);
    expect(first.totalCount).toBeGreaterThan(6);
    // The county's page is remembered whole: no statement reads it again.
    expect(await ask(w.finance)).toEqual(first);
    expect(pageRead()).toBe(false);
    // A write in the county that changes no contract moves its trail: the page is read again, the totals are known.
    const party = await t.gql(
      'mutation($input: CreatePartyInput!) { createParty(input: $input) { userErrors { code } } }',
      { input: { kind: 'OTHER', name: '欠收测试合作社', regionCode: '522327104201' } },
      w.manager,
    );
    expect(party.data.createParty.userErrors).toEqual([]);
    expect(await ask(w.finance)).toEqual(first);
    expect(await readKnowingTotals()).toBe(true);
    // Across the province there is no one county's trail to check: the statement runs every time, and knows the totals the second time.
    const provincial = await t.token(Role.AUDITOR, '52');
    const wide = await ask(provincial, {});
    expect(await workedOut()).toBe(true);
    expect(await ask(provincial, {})).toEqual(wide);
    expect(await readKnowingTotals()).toBe(true);

    // A receipt pays the contract's first quarters: the totals move, and are worked out again.
    const income = await t.gql(RECORD_INCOME, { input: { assetId, contractId, kind: 'RENT', amount: '6500.00', receivedOn: '2026-06-01', accountType: 'VILLAGE_COLLECTIVE' } }, w.finance);
    expect(income.data.recordIncome.userErrors).toEqual([]);
    const paid = await ask(w.finance);
    expect(await workedOut()).toBe(true);
    expect(paid.totals).not.toEqual(first.totals);
    expect(paid).toEqual(await fresh());

    // Reversed, the contract owes what it owed: the same totals, worked out from its new row.
    const reversed = await t.gql(REVERSE_INCOME, { input: { incomeId: income.data.recordIncome.incomeRecord.id, reason: '凭证重复录入' } }, w.finance);
    expect(reversed.data.reverseIncome.userErrors).toEqual([]);
    expect(await ask(w.finance)).toEqual(first);
    expect(await workedOut()).toBe(true);

    // Ended early: its later quarters are no longer due.
    const ended = await t.gql(END_CONTRACT, { input: { contractId, endsOn: '2025-08-15', reason: '承租方经营困难，协商解除' } }, w.manager);
    expect(ended.data.endOperatingContract.userErrors).toEqual([]);
    const cut = await ask(w.finance);
    expect(await workedOut()).toBe(true);
    expect(cut.totals).not.toEqual(first.totals);
    expect(cut).toEqual(await fresh());

    // A longer grace in the county: fewer periods are overdue, by fewer days.
    const rule = await t.gql(SET_RULE, { input: { name: 'INCOME_GRACE_DAYS', regionCode: '522327', value: 120, validFrom: '2026-01-01', note: '册政办发〔2026〕2号' } }, w.admin);
    expect(rule.data.setRuleParameter.userErrors).toEqual([]);
    const graced = await ask(w.finance);
    expect(await workedOut()).toBe(true);
    expect(graced.totals).not.toEqual(cut.totals);
    expect(graced).toEqual(await fresh());
    expect(await ask(w.finance)).toEqual(graced);
    expect(await workedOut()).toBe(false);

    // The next day ages every period.
    t.clock.set('2026-07-01');
    const tomorrow = await ask(w.finance);
    expect(await workedOut()).toBe(true);
    expect(tomorrow.nodes).not.toEqual(graced.nodes);
    expect(tomorrow).toEqual(await fresh());
  });

  it('remembers the totals of a question whose page is empty', async () => {
    const assetId = await w.station();
    const totals = vi.mocked(store.arrearsTotals);
    const before = totals.mock.calls.length;
    const none = await ask(w.finance, { a: assetId });
    expect(none).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await ask(w.finance, { a: assetId })).toEqual(none);
    expect(totals.mock.calls.length).toBe(before + 2);
    const [, second] = await Promise.all(totals.mock.results.slice(before).map((r) => r.value));
    expect(second.totals).toBeNull();
  });
});
