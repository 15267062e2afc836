/**
 * A page of assets is built once per shape (which filters are given, the order, the direction)
 * and then only filled with the request's values (assets.store `assetsPage`). The values must
 * never stay behind in the built statement: the same shape asked with other values, by another
 * viewer, or from another cursor answers for those, as the statement built afresh would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';

const COUNTY = '522327';
const PAGE = `query($filter: AssetFilter, $first: Int, $last: Int, $after: String, $before: String, $order: AssetOrderBy) {
  assets(filter: $filter, first: $first, last: $last, after: $after, before: $before, orderBy: $order) {
    nodes { code assetClass originalValue region { code } }
    pageInfo { startCursor endCursor }
  }
}`;

type Node = { code: string; assetClass: string; originalValue: string; region: { code: string } };

describe('a page of assets built once per shape', () => {
  let t: TestContext;
  let auditor: string;
  const page = async (variables: Record<string, unknown>, token = auditor) => {
    const res = await t.gql(PAGE, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data.assets as { nodes: Node[]; pageInfo: { startCursor: string; endCursor: string } };
  };

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    auditor = await t.token(Role.AUDITOR, COUNTY);
  });
  afterAll(() => t.close());

  it('answers the same filters with other values for those values', async () => {
    const operating = await page({ filter: { assetClass: 'OPERATING' }, first: 20 });
    const welfare = await page({ filter: { assetClass: 'PUBLIC_WELFARE' }, first: 20 });
    expect(operating.nodes.length).toBeGreaterThan(0);
    expect(welfare.nodes.length).toBeGreaterThan(0);
    expect(new Set(operating.nodes.map((n) => n.assetClass))).toEqual(new Set(['OPERATING']));
    expect(new Set(welfare.nodes.map((n) => n.assetClass))).toEqual(new Set(['PUBLIC_WELFARE']));

    const fen = (money: string) => BigInt(money.replace('.', ''));
    const values = operating.nodes.map((n) => fen(n.originalValue)).sort((a, b) => (a < b ? -1 : 1));
    const [low, high] = [values[2]!, values[values.length - 3]!];
    const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
    for (const [valueMin, valueMax] of [
      [yuan(low), yuan(high)],
      [yuan(high), undefined],
    ] as const) {
      const ranged = await page({ filter: { assetClass: 'OPERATING', valueMin, ...(valueMax && { valueMax }) }, first: 200 });
      expect(ranged.nodes.length).toBeGreaterThan(0);
      for (const n of ranged.nodes) {
        expect(fen(n.originalValue) >= fen(valueMin)).toBe(true);
        if (valueMax) expect(fen(n.originalValue) <= fen(valueMax)).toBe(true);
      }
    }
  });

  it('answers each viewer within their own scope', async () => {
    const county = await page({ first: 200, order: { field: 'CODE', direction: 'ASC' } });
    const townships = [...new Set(county.nodes.map((n) => n.region.code.slice(0, 9)))].slice(0, 2);
    expect(townships).toHaveLength(2);
    for (const township of townships) {
      const own = await page({ first: 50, order: { field: 'CODE', direction: 'ASC' } }, await t.token(Role.AUDITOR, township));
      expect(own.nodes.length).toBeGreaterThan(0);
      expect(own.nodes.every((n) => n.region.code.startsWith(township))).toBe(true);
    }
  });

  it('goes on from each cursor, forward and back, as one long page does', async () => {
    const order = { field: 'ORIGINAL_VALUE', direction: 'DESC' };
    const all = (await page({ filter: { region: COUNTY }, first: 30, order })).nodes.map((n) => n.code);
    const first = await page({ filter: { region: COUNTY }, first: 10, order });
    const second = await page({ filter: { region: COUNTY }, first: 10, after: first.pageInfo.endCursor, order });
    const third = await page({ filter: { region: COUNTY }, first: 10, after: second.pageInfo.endCursor, order });
    expect([...first.nodes, ...second.nodes, ...third.nodes].map((n) => n.code)).toEqual(all);
    const back = await page({ filter: { region: COUNTY }, last: 10, before: third.pageInfo.startCursor, order });
    expect(back.nodes.map((n) => n.code)).toEqual(all.slice(10, 20));
    const backAgain = await page({ filter: { region: COUNTY }, last: 10, before: second.pageInfo.startCursor, order });
    expect(backAgain.nodes.map((n) => n.code)).toEqual(all.slice(0, 10));
  });
});
