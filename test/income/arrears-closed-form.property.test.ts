/**
 * Arrears totals are computed per contract in closed form, and a page is drawn from the first
 * contracts only (contracts.store CLOSED, pageContracts). Against an oracle that lists every
 * period of every contract and pays them oldest first: random terms (month-end starts, ends cut
 * short or before the start, every cycle, agreed incomes under a fen per period), random receipts
 * (none, negative, exactly through a period, a fen either side, overpaid) and random dates, the
 * API's totals, totalCount and every page walked forward and backward are the oracle's, asked
 * by a viewer of the county (whose scope names the county whose rules apply) and of the province
 * (whose contracts' counties are read from them).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/clock';
import { setReceived } from '../../src/modules/contracts/contracts.service';
import { Role, startTestApp, type TestContext } from '../helpers';
import { incomeWorld, schedule, type IncomeWorld } from './fixtures';

const MONTHS = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 } as const;
type Cycle = keyof typeof MONTHS;

interface Terms {
  startsOn: string;
  endsOn: string;
  endedOn: string | null;
  cycle: Cycle;
  agreedFen: bigint;
  /** How the received amount is chosen from the contract's schedule. */
  received: { kind: 'none' | 'negative' | 'through' | 'all' | 'fraction'; delta: number; fraction: number };
}

const day = (from: string, n: number) => addDays(from, n);
const terms = fc.record({
  year: fc.integer({ min: 2019, max: 2027 }),
  month: fc.integer({ min: 1, max: 12 }),
  // Month ends half the time: their periods clamp.
  dayOfMonth: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 28, max: 31 })),
  // Half of a run's contracts start on its first one's day: periods due the same day tie on the page.
  sameStart: fc.boolean(),
  // Unbiased: fast-check leans to the bounds, which would make most contracts end before they start.
  length: fc.noBias(fc.integer({ min: 0, max: 2600 })),
  cut: fc.option(fc.noBias(fc.double({ min: 0, max: 1, noNaN: true })), { nil: null, freq: 3 }),
  cycle: fc.constantFrom<Cycle>('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'),
  // Under 12 fen a year, some periods are agreed 0 fen.
  agreedFen: fc.oneof(
    { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 12n }) },
    { weight: 1, arbitrary: fc.bigInt({ min: 13n, max: 50_000n }) },
    { weight: 2, arbitrary: fc.bigInt({ min: 50_001n, max: 10_000_000_000n }) },
  ),
  received: fc.record({
    kind: fc.constantFrom('none' as const, 'negative' as const, 'through' as const, 'all' as const, 'fraction' as const),
    delta: fc.integer({ min: -2, max: 2 }),
    fraction: fc.noBias(fc.double({ min: 0, max: 1.1, noNaN: true })),
  }),
});
type Drawn = typeof terms extends fc.Arbitrary<infer T> ? T : never;

function contractOf(d: Drawn, first: Drawn): Terms {
  const from = d.sameStart ? first : d;
  const lastOfMonth = new Date(Date.UTC(from.year, from.month, 0)).getUTCDate();
  const startsOn = `${from.year}-${String(from.month).padStart(2, '0')}-${String(Math.min(from.dayOfMonth, lastOfMonth)).padStart(2, '0')}`;
  const endsOn = day(startsOn, d.length);
  // Ended early somewhere from the day before the start to the end.
  const endedOn = d.cut === null ? null : day(startsOn, Math.floor(d.cut * (d.length + 1)) - 1);
  return { startsOn, endsOn, endedOn, cycle: d.cycle, agreedFen: d.agreedFen, received: d.received };
}

interface OracleRow {
  contract: number;
  index: number;
  dueOn: string;
  expected: bigint;
  unpaid: bigint;
  daysOverdue: number;
}

const bucketOf = (days: number) => (days <= 90 ? 'DAYS_0_90' : days <= 180 ? 'DAYS_91_180' : days <= 365 ? 'DAYS_181_365' : 'OVER_365');
const money = (f: bigint) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${String((f < 0n ? -f : f) % 100n).padStart(2, '0')}`;

/** Every period of the contract, paid oldest first from what it received; those unpaid past the grace on `today`. */
function oracle(id: number, c: Terms, receivedFen: bigint, today: string, grace: number): OracleRow[] {
  const periods = schedule(c.startsOn, c.endedOn ?? c.endsOn, c.agreedFen, MONTHS[c.cycle]);
  let left = receivedFen > 0n ? receivedFen : 0n;
  const rows: OracleRow[] = [];
  periods.forEach((p, index) => {
    const paid = left < p.amount ? left : p.amount;
    left -= paid;
    const daysOverdue = daysBetween(p.dueOn, today) - grace;
    if (p.amount - paid > 0n && daysOverdue >= 1) rows.push({ contract: id, index, dueOn: p.dueOn, expected: p.amount, unpaid: p.amount - paid, daysOverdue });
  });
  return rows.sort((a, b) => b.daysOverdue - a.daysOverdue || a.contract - b.contract || a.index - b.index);
}

function receivedFor(c: Terms): bigint {
  const periods = schedule(c.startsOn, c.endedOn ?? c.endsOn, c.agreedFen, MONTHS[c.cycle]);
  const total = periods.reduce((s, p) => s + p.amount, 0n);
  const r = c.received;
  if (r.kind === 'none') return 0n;
  if (r.kind === 'negative') return BigInt(r.delta - 3);
  if (r.kind === 'fraction') return BigInt(Math.floor(Number(total) * r.fraction));
  // Exactly through some periods (or all of them), a fen or two either side.
  const paid = r.kind === 'all' ? periods.length : Math.floor((r.fraction / 1.1) * (periods.length + 1));
  const through = periods.slice(0, paid).reduce((s, p) => s + p.amount, 0n) + BigInt(r.delta);
  return through > 0n ? through : 0n;
}

const NODE = 'contract { id } index dueOn expected unpaid daysOverdue';
const Q = `query($a: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  arrears(filter: { asset: $a }, first: $first, after: $after, last: $last, before: $before) {
    totalCount totals { bucket periods unpaid } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { ${NODE} } } }`;

describe('arrears in closed form', () => {
  let t: TestContext;
  let w: IncomeWorld;
  let grace: number;
  let operator: number;
  let provinceAuditor: string;
  const seen = { degenerate: 0, cutShort: 0, pages: 0, rows: 0, buckets: new Set<string>() };
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    w = await incomeWorld(t);
    operator = w.key(w.l.collectives[1]!.id);
    provinceAuditor = await t.token(Role.AUDITOR, '52');
    const rules = await t.gql(`{ ruleParameters(region: "522327") { name value } }`, {}, w.finance);
    grace = Number(rules.data.ruleParameters.find((r: { name: string }) => r.name === 'INCOME_GRACE_DAYS').value);
  });
  afterAll(() => t.close());

  /** A new station with the contracts, what each received, on `today`. Written behind the API (no overlap check: arrears are per contract), what they received kept as every income write keeps it. */
  async function stationWith(contracts: Terms[], received: bigint[], today: string) {
    t.clock.set('2026-06-30');
    const assetId = await w.station();
    t.clock.set(today);
    const ids: number[] = [];
    for (const c of contracts) {
      const [row] = await t.rows<{ id: string }>(
        `insert into operating_contract (asset_id, region_code, operator_party_id, mode, starts_on, ends_on, ended_on, status, agreed_income_fen, payment_cycle)
         select a.id, a.region_code, ${operator}, 'LEASED', '${c.startsOn}', '${c.endsOn}', ${c.endedOn ? `'${c.endedOn}'` : 'null'}, ${c.endedOn ? `'TERMINATED'` : `'ACTIVE'`}, ${c.agreedFen}, '${c.cycle}'
         from asset a where a.id = ${w.key(assetId)} returning id`,
      );
      ids.push(Number(row!.id));
    }
    await setReceived(
      t.db.db,
      ids.map((contractId, i) => ({ contractId, receivedFen: received[i]! })),
    );
    return { assetId, ids };
  }

  it('does not let a contract whose last, cut-short period owes 0 fen take a page’s place', async () => {
    const none = { kind: 'none' as const, delta: 0, fraction: 0 };
    // 1 fen a month, ended a day into February: February is agreed 0 fen, and January is paid. Nothing is owed, yet it is the earliest.
    const phantom: Terms = { startsOn: '2020-01-01', endsOn: '2020-02-01', endedOn: null, cycle: 'MONTHLY', agreedFen: 12n, received: none };
    const month = (y: number): Terms => ({ startsOn: `${y}-01-01`, endsOn: `${y}-01-31`, endedOn: null, cycle: 'MONTHLY', agreedFen: 1200n, received: none });
    const { assetId, ids } = await stationWith([phantom, month(2021), month(2022)], [1n, 0n, 0n], '2024-01-01');
    const contractsPaged: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 5; guard++) {
      const a: { nodes: { contract: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await t.gql(Q, { a: assetId, first: 1, after }, w.finance)).data.arrears;
      contractsPaged.push(...a.nodes.map((n) => w.key(n.contract.id)));
      if (!a.pageInfo.hasNextPage) break;
      after = a.pageInfo.endCursor;
    }
    expect(contractsPaged).toEqual([ids[1], ids[2]]);
  });

  it('gives the oracle’s totals and pages for random contracts, receipts and dates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(terms, { minLength: 1, maxLength: 8 }), fc.noBias(fc.integer({ min: 0, max: 4400 })), fc.integer({ min: 1, max: 4 }), async (drawn, todayOffset, pageSize) => {
        const contracts = drawn.map((d) => contractOf(d, drawn[0]!));
        const today = day('2019-06-01', todayOffset);
        const received = contracts.map(receivedFor);
        const { assetId, ids } = await stationWith(contracts, received, today);
        const viewer = todayOffset % 2 === 0 ? w.finance : provinceAuditor;

        const expected = contracts.flatMap((c, i) => oracle(ids[i]!, c, received[i]!, today, grace)).sort((a, b) => b.daysOverdue - a.daysOverdue || a.contract - b.contract || a.index - b.index);
        const asRow = (r: OracleRow) => ({ contract: { id: String(r.contract) }, index: r.index, dueOn: r.dueOn, expected: money(r.expected), unpaid: money(r.unpaid), daysOverdue: r.daysOverdue });
        const totals = ['DAYS_0_90', 'DAYS_91_180', 'DAYS_181_365', 'OVER_365'].map((bucket) => {
          const inBucket = expected.filter((r) => bucketOf(r.daysOverdue) === bucket);
          return { bucket, periods: inBucket.length, unpaid: money(inBucket.reduce((s, r) => s + r.unpaid, 0n)) };
        });

        // Forward, page by page.
        const got: unknown[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 200; guard++) {
          const res: { errors?: unknown; data: any } = await t.gql(Q, { a: assetId, first: pageSize, after }, viewer);
          expect(res.errors).toBeUndefined();
          const a: { totals: unknown; totalCount: number; nodes: { contract: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = res.data.arrears;
          expect(a.totals).toEqual(totals);
          expect(a.totalCount).toBe(expected.length);
          got.push(...a.nodes.map((n) => ({ ...n, contract: { id: String(w.key(n.contract.id)) } })));
          seen.pages += 1;
          if (!a.pageInfo.hasNextPage) break;
          after = a.pageInfo.endCursor;
        }
        expect(got).toEqual(expected.map(asRow));
        // Backward: the last page.
        const back = (await t.gql(Q, { a: assetId, last: pageSize }, viewer)).data.arrears;
        expect(back.nodes.map((n: { contract: { id: string } }) => ({ ...n, contract: { id: String(w.key(n.contract.id)) } }))).toEqual(expected.slice(-pageSize).map(asRow));

        seen.rows += expected.length;
        for (const r of expected) seen.buckets.add(bucketOf(r.daysOverdue));
        seen.degenerate += contracts.filter((c) => c.agreedFen < BigInt(12 / MONTHS[c.cycle])).length;
        seen.cutShort += contracts.filter((c) => c.endedOn !== null).length;
      }),
      { numRuns: 60, seed: 20261201 },
    );
    // The runs met what the closed form must get right.
    expect(seen.degenerate).toBeGreaterThan(0);
    expect(seen.cutShort).toBeGreaterThan(0);
    expect(seen.buckets.size).toBe(4);
    expect(seen.pages).toBeGreaterThan(seen.rows / 7);
  });

  it('gives a region the same arrears whether the county comes from the filter, the viewer or the contracts', async () => {
    // After the runs above, the county holds contracts of every kind. The county named by the
    // filter under a province viewer, by a county viewer, and read from the contracts under the province.
    const R = `query($r: DivisionCode!) { arrears(filter: { region: $r }, first: 20) { totalCount totals { bucket periods unpaid } nodes { ${NODE} } } }`;
    const answers = await Promise.all([t.gql(R, { r: '522327' }, provinceAuditor), t.gql(R, { r: '522327' }, w.finance), t.gql(R, { r: '52' }, provinceAuditor)]);
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(answers[0]!.data.arrears.totalCount).toBeGreaterThan(20);
    expect(answers[1]!.data).toEqual(answers[0]!.data);
    expect(answers[2]!.data).toEqual(answers[0]!.data);
  });
});
