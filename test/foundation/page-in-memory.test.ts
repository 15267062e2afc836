/**
 * Paging a list held in memory (an asset's timeline, a reconciliation's rows): the list is sorted
 * once (sortInMemory) and each page found by binary search; walking it forward and back through
 * every cursor, in pages of any size, gives each row once, in order.
 */
import { describe, expect, it } from 'vitest';
import { pageInMemory, sortInMemory, type Connection, type MemoryKey } from '../../src/graphql/relay';

interface Row {
  region: number;
  id: number;
}
const ORDER: MemoryKey<Row>[] = [
  { name: 'region', type: 'bigint', value: (r) => String(r.region) },
  { name: 'id', type: 'id', value: (r) => r.id },
];

describe('pageInMemory', () => {
  // Rows of three villages, ids not in region order, shuffled.
  const rows: Row[] = Array.from({ length: 37 }, (_, i) => ({ region: 522327104201 + ((i * 7) % 3), id: 1000 - i * 13 }));
  const shuffled = [...rows].sort((a, b) => ((a.id * 31) % 17) - ((b.id * 31) % 17));
  const sorted = sortInMemory(shuffled, ORDER);
  const expected = [...rows].sort((a, b) => a.region - b.region || a.id - b.id);

  it('sorts by every key in turn', () => {
    expect(sorted).toEqual(expected);
  });

  it.each([1, 5, 36, 37, 50])('walks forward and back in pages of %i', async (size) => {
    const forward: Row[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Connection<Row> = pageInMemory(sorted, ORDER, { first: size, after });
      forward.push(...page.nodes);
      expect(await page.totalCount).toBe(37);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);

    const backward: Row[] = [];
    let before: string | null = null;
    for (;;) {
      const page: Connection<Row> = pageInMemory(sorted, ORDER, { last: size, before });
      backward.unshift(...page.nodes);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(expected);
  });

  it('continues after a cursor whose row is gone, from the next row in order', () => {
    const cursor = pageInMemory(sorted, ORDER, { first: 10 }).pageInfo.endCursor;
    const without = sorted.filter((_, i) => i !== 9);
    expect(pageInMemory(without, ORDER, { first: 3, after: cursor }).nodes).toEqual(expected.slice(10, 13));
    expect(pageInMemory(without, ORDER, { last: 3, before: cursor }).nodes).toEqual(expected.slice(6, 9));
  });
});
