/**
 * Relay: opaque global IDs, the Node interface, and the one connection helper with keyset
 * pagination (first/after, last/before; default 50, at most 200). OFFSET is never used: a
 * cursor carries the sort key of its row, and the next page starts strictly after it.
 */
import { and, or, eq, gt, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { AppError } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

// Every node carries its __typename (node.ts); graphql/resolution.ts resolves the type from it.
@InterfaceType('Node', { description: 'An object with a global ID (Relay).' })
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;
}

@ObjectType({ description: 'Where a page sits in its list (Relay).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page (in the direction of travel for `first`).' }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Whether items come before this page.' }) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when it is empty.' }) startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; pass it as `after` for the next page.' }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size from the end (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue before.' })
  before?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A lazy thenable: the COUNT runs only when a client selects totalCount. */
  totalCount: PromiseLike<number>;
}

export function connectionType<T extends object>(node: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this item: pass it as `after` or `before`.' }) cursor!: string;
    @Field(() => node, { description: 'The item.' }) node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionClass {
    @Field(() => [Edge], { description: "The page's items with their cursors." }) edges!: Edge[];
    @Field(() => [node], { description: "The page's nodes, without cursors." }) nodes!: T[];
    @Field(() => PageInfo, { description: 'Where the page sits in the whole list.' }) pageInfo!: PageInfo;
    // Not a plain property read (graphql/resolution.ts): the count is a lazy thenable, and compiled execution
    // (executor.ts) awaits a field's value only when a resolver returns it.
    @Field(() => Int, { simple: false, description: 'How many match the filter in your scope, over all pages.' }) totalCount!: number;
  }
  return ConnectionClass;
}

export type SortValue = string | number | null;
/** The kinds of value a sort key holds: what a cursor must carry for it, and how SQL reads it back. */
export type SortKeyType = 'text' | 'id' | 'bigint' | 'integer' | 'date' | 'timestamptz';

/** One key of a list's order: a name, the SQL expression, its direction and type, and the same value read off a row (the cursor). */
export interface SortKey<Row> {
  /** Names the key in cursors: a cursor made for another list or order is refused. */
  name: string;
  expr: SQLWrapper;
  direction: 'asc' | 'desc';
  type: SortKeyType;
  value: (row: Row) => SortValue;
}

const CURSOR_CHECKS: Record<SortKeyType, (v: SortValue) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000,
  id: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  bigint: (v) => typeof v === 'string' && /^-?\d{1,19}$/.test(v) && BigInt(v) <= 9223372036854775807n && BigInt(v) >= -9223372036854775808n,
  integer: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31,
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  timestamptz: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v) && !Number.isNaN(Date.parse(v)),
};

const SQL_TYPES: Partial<Record<SortKeyType, string>> = { bigint: 'bigint', integer: 'integer', date: 'date', timestamptz: 'timestamptz' };

/** The cursor values of a row: its sort keys, read off it. */
export function cursorValues<Row>(order: SortKey<Row>[], row: Row): SortValue[] {
  return order.map((key) => key.value(row));
}

export interface PageRequest {
  limit: number;
  cursor: SortValue[] | null;
  /** true for last/before: the query runs in reverse order and the page is flipped back. */
  backward: boolean;
  hasCursor: boolean;
}

/** The order a cursor belongs to: its keys' names. */
function orderTag(order: readonly { name: string }[]): string {
  return order.map((key) => key.name).join(',');
}

function encodeCursor(tag: string, values: SortValue[]): string {
  return Buffer.from(JSON.stringify([tag, ...values]), 'utf8').toString('base64url');
}

const invalidCursor = () => new AppError('BAD_USER_INPUT', 'The cursor is not valid for this list and order');

/** A cursor's values, checked against the order it must have been made for (their SQL types included). */
function decodeCursor(cursor: string, order: readonly { name: string; type: SortKeyType }[]): SortValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== order.length + 1 || decoded[0] !== orderTag(order)) throw invalidCursor();
  const values = decoded.slice(1) as SortValue[];
  if (!values.every((v, i) => CURSOR_CHECKS[order[i]!.type](v))) throw invalidCursor();
  return values;
}

export function pageRequest(args: PageArgs, order: readonly { name: string; type: SortKeyType }[]): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new AppError('BAD_USER_INPUT', 'Give first or last, not both');
  for (const [name, size] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new AppError('BAD_USER_INPUT', `${name} must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  const backward = last != null || (before != null && first == null);
  const raw = backward ? before : after;
  return {
    limit: (backward ? last : first) ?? DEFAULT_PAGE_SIZE,
    cursor: raw ? decodeCursor(raw, order) : null,
    backward,
    hasCursor: Boolean(raw),
  };
}

function param(value: SortValue | SQLWrapper, key: { type: SortKeyType }): SQL {
  const type = SQL_TYPES[key.type];
  return type ? sql`cast(${value} as ${sql.raw(type)})` : sql`${value}`;
}

/**
 * WHERE condition for rows strictly beyond the cursor, in the direction of travel. `cursor`: its
 * values as placeholders, for a statement built once (db/prepared statementsByShape).
 */
export function keysetCondition<Row>(keys: SortKey<Row>[], page: PageRequest, cursor: readonly (SortValue | SQLWrapper)[] | null = page.cursor): SQL | undefined {
  if (!cursor) return undefined;
  const beyond = (key: SortKey<Row>, value: SortValue | SQLWrapper) => {
    const ascending = (key.direction === 'asc') !== page.backward;
    return ascending ? gt(key.expr as SQL, param(value, key)) : lt(key.expr as SQL, param(value, key));
  };
  // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …: correct for mixed directions.
  const alternatives: SQL[] = keys.map((key, i) => {
    const equalities = keys.slice(0, i).map((k, j) => eq(k.expr as SQL, param(cursor[j] ?? null, k)));
    return and(...equalities, beyond(key, cursor[i] ?? null)) as SQL;
  });
  return or(...alternatives);
}

export function keysetOrder<Row>(keys: SortKey<Row>[], page: PageRequest): SQL[] {
  return keys.map((key) => {
    const ascending = (key.direction === 'asc') !== page.backward;
    return ascending ? sql`${key.expr} asc` : sql`${key.expr} desc`;
  });
}

/**
 * The one way a service lists: decode the page arguments for this order, fetch limit + 1 rows
 * past the cursor, and count only if the client asks.
 */
export async function keysetConnection<Row>(args: PageArgs, order: SortKey<Row>[], fetchPage: (page: PageRequest) => Promise<Row[]>, count: () => Promise<number>): Promise<Connection<Row>> {
  const page = pageRequest(args, order);
  const tag = orderTag(order);
  return toConnection(await fetchPage(page), page, (row) => encodeCursor(tag, cursorValues(order, row)), count);
}

function lazy<T>(run: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose: totalCount's COUNT runs only when awaited.
    then(onFulfilled, onRejected) {
      started ??= run();
      return started.then(onFulfilled, onRejected);
    },
  };
}

/**
 * An edge writes its cursor only when read: a page asked for its nodes alone (Q1) would
 * otherwise encode fifty cursors nobody reads.
 */
class LazyEdge<Row, Node> {
  constructor(
    private readonly row: Row,
    readonly node: Node,
    private readonly cursorOf: (row: Row) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.row);
  }
}

/**
 * Turns the rows a store fetched (limit + 1, in travel order) into a Relay connection.
 * `count` runs only if the client asks for totalCount.
 */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  page: PageRequest,
  cursorOf: (row: Row) => string,
  count: () => Promise<number>,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const more = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.backward) pageRows.reverse();
  const edges = pageRows.map((row) => new LazyEdge(row, toNode(row), cursorOf));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.backward ? page.hasCursor : more,
      hasPreviousPage: page.backward ? more : page.hasCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: lazy(count),
  };
}

function compareKeys(a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** A key of an order kept in memory (ascending). */
export type MemoryKey<T> = Pick<SortKey<T>, 'name' | 'type' | 'value'>;

const memoryKey = <T>(order: MemoryKey<T>[], item: T) => order.map((k) => k.value(item));

/** A list held in memory (a timeline merged from several sources) sorted into an order, as pageInMemory takes it. */
export function sortInMemory<T>(items: readonly T[], order: MemoryKey<T>[]): T[] {
  return items
    .map((item) => ({ item, key: memoryKey(order, item) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((k) => k.item);
}

/**
 * The same connection over a list held in memory, already in the order (sortInMemory, or sorted
 * where it was made: a remembered reconciliation's thousands of rows are paged on every request
 * without being sorted or keyed again). A cursor is found by binary search; only the page's rows
 * are keyed.
 */
export function pageInMemory<T>(items: readonly T[], order: MemoryKey<T>[], args: PageArgs): Connection<T> {
  const page = pageRequest(args, order);
  const tag = orderTag(order);
  // The rows after the cursor (forward) or before it (backward): [from, to).
  let from = 0;
  let to = items.length;
  if (page.cursor) {
    const cursor = page.cursor;
    // The first row after the cursor (forward) or not before it (backward): the cursor's own row is on neither page.
    const after = page.backward ? 0 : 1;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeys(memoryKey(order, items[middle]!), cursor) < after) low = middle + 1;
      else high = middle;
    }
    if (page.backward) to = low;
    else from = low;
  }
  const rows = page.backward ? items.slice(Math.max(from, to - page.limit - 1), to).reverse() : items.slice(from, from + page.limit + 1);
  return toConnection(
    rows.map((item) => ({ item, key: memoryKey(order, item) })),
    page,
    (r) => encodeCursor(tag, r.key),
    async () => items.length,
    (r) => r.item,
  );
}
