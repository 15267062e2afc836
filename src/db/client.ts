/**
 * One database handle for both drivers: postgres.js against a PostgreSQL server, PGlite embedded.
 * Both extend drizzle's PgDatabase, so every store is written once and runs on either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { retryableCode } from './errors';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './transaction';
import { migratePglite, migratePostgres } from './migrate';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';

export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The same database, counting each statement into `counter` (one per request: no async context needed). */
  counting(counter: StatementCounter): Db;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; absent → PGlite. */
  url?: string;
  /** PGlite data folder; absent → in memory. */
  dataDir?: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Apply the committed migrations before returning (the server always does). */
  migrate?: boolean;
  /** Called with every SQL statement the application sends (tests count them). */
  onStatement?: (sql: string) => void;
  /**
   * How long to wait for an unreachable PostgreSQL server before giving up (0: try once). The
   * server waits, saying so each time it retries, rather than exiting into a restart loop.
   */
  waitForServerMs?: number;
  onWaiting?: (attempt: { attempt: number; retryInMs: number; reason: string }) => void;
}

/** Counts the statements one request sends (logs and metrics report them). */
export interface StatementCounter {
  statements: number;
}

/** For every handle `openDatabase` made: the server's shared handle, and the request's counter. */
const handles = new WeakMap<Db, { shared: Db; counter?: StatementCounter; kind: Database['kind']; connections: number }>();

/** The server's shared handle behind `db` and the counter of its request; undefined for a transaction. */
export function handleOf(db: Db): { shared: Db; counter?: StatementCounter } | undefined {
  return handles.get(db);
}

/** Whether `db` is (a handle of) the embedded PGlite database: one session for the whole process. */
export function isEmbedded(db: Db): boolean {
  return handles.get(db)?.kind === 'pglite';
}

/** The connections of the pool behind `db` (1 for the embedded database, or a handle not made here). */
export function connectionsOf(db: Db): number {
  return handles.get(db)?.connections ?? 1;
}

/** The shared handle and a per-request handle factory, both registered for `handleOf`. */
function handlesFrom(kind: Database['kind'], connections: number, make: (counter?: StatementCounter) => Db): { db: Db; counting: (counter: StatementCounter) => Db } {
  const shared = make();
  handles.set(shared, { shared, kind, connections });
  return {
    db: shared,
    counting: (counter) => {
      const db = make(counter);
      handles.set(db, { shared, counter, kind, connections });
      return db;
    },
  };
}

function logger(onStatement?: (sql: string) => void, counter?: StatementCounter): Logger {
  return {
    logQuery(query: string) {
      if (counter) counter.statements += 1;
      onStatement?.(query);
    },
  };
}

/**
 * drizzle sends unnamed statements through postgres.js unless a query is built once and
 * `.prepare(name)`d; ours are built per call. Asking postgres.js to prepare every text lets each
 * connection parse and plan a statement once and then only bind it (our texts are stable: a
 * batch of ids travels as one array parameter), inside transactions too; long reads included —
 * the arrears and the reconciliation are a few kilobytes of stable text that PostgreSQL took
 * 20 ms to parse and plan on every request. A connection keeps what it prepared, so a text that
 * changes from call to call stays unnamed: long batches (bulk inserts, lists expanded into
 * hundreds of parameters), SET commands (nothing to plan; a snapshot id is in the text), and any
 * statement whose label says `unprepared` because its text follows the caller's choices (the
 * checks an auditor picks).
 */
const PREPARED_BATCH_LIMIT = 4000;
const isInsert = (query: string) => /^\s*(\/\*[^*]*\*\/\s*)?insert\b/i.test(query);
const isSet = (query: string) => /^\s*(\/\*[^*]*\*\/\s*)?set\b/i.test(query);
/** $100 and above: a list expanded into parameters, whose text changes with its length. */
const hasHundredsOfParameters = (query: string) => /\$\d{3}/.test(query);
/** The label a statement built from the caller's choices carries: `/* auditFindingsPage, unprepared *\/`. */
const labelledUnprepared = (query: string) => /^\s*\/\*[^*]*\bunprepared\b[^*]*\*\//.test(query);
/** Texts built once per shape (db/prepared statementsByShape): stable by construction, so prepared however many parameters they take. */
const stableTexts = new Set<string>();
export function markStable(text: string): void {
  stableTexts.add(text);
}
export const preparedText = (query: string): boolean =>
  stableTexts.has(query) || (!isSet(query) && !labelledUnprepared(query) && (query.length <= PREPARED_BATCH_LIMIT || !(isInsert(query) || hasHundredsOfParameters(query))));

function preparingEveryStatement<T extends object>(client: T): T {
  return new Proxy(client, {
    get: (target, prop, receiver) => {
      if (prop === 'unsafe') {
        const unsafe = (target as unknown as { unsafe: (query: string, params?: unknown[], options?: object) => unknown }).unsafe.bind(target);
        return (query: string, params?: unknown[], options?: object) => unsafe(query, params, { ...options, prepare: preparedText(query) });
      }
      if (prop === 'begin') {
        // begin([options,] work): the transaction's own client prepares too.
        const begin = (target as unknown as { begin: (...args: unknown[]) => unknown }).begin;
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: T) => unknown;
          return begin(...args, (tx: T) => work(preparingEveryStatement(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export class DatabaseUnreachable extends Error {}

/** Where a postgres:// URL points, without its password. */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/**
 * Waits until PostgreSQL answers, retrying with a growing pause (0.5 s … 10 s) while it is
 * unreachable; a refusal that waiting cannot cure (a wrong password, a missing database) ends
 * the wait at once with PostgreSQL's own reason.
 */
async function waitForServer(url: string, waitMs: number, onWaiting?: OpenOptions['onWaiting']): Promise<void> {
  const { default: postgres } = await import('postgres');
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    const probe = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
    try {
      await probe`select 1`;
      return;
    } catch (error) {
      const reason = `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`.trim();
      if (retryableCode(error) !== 'DATABASE_UNAVAILABLE') throw new DatabaseUnreachable(`PostgreSQL at ${serverOf(url)} refused the connection: ${reason}`);
      const retryInMs = Math.min(10_000, 500 * 2 ** (attempt - 1));
      if (Date.now() + retryInMs > deadline)
        throw new DatabaseUnreachable(`PostgreSQL at ${serverOf(url)} is unreachable (${reason})${waitMs ? ` after ${Math.round(waitMs / 1000)} s of retrying` : ''}`);
      onWaiting?.({ attempt, retryInMs, reason: `PostgreSQL at ${serverOf(url)} is unreachable (${reason})` });
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    } finally {
      await probe.end({ timeout: 1 }).catch(() => undefined);
    }
  }
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  if (options.url) {
    await waitForServer(options.url, options.waitForServerMs ?? 0, options.onWaiting);
    if (options.migrate) await migratePostgres(options.url);
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => undefined,
      // JIT compiles big plans (a province summary) in 100–200 ms that the query then never wins
      // back: our statements are short, so it is off for the application's sessions.
      connection: { statement_timeout: statementTimeoutMs, application_name: 'asset-register', jit: 'off' },
    });
    const preparing = preparingEveryStatement(client);
    const make = (counter?: StatementCounter) => drizzle({ client: preparing, logger: logger(options.onStatement, counter) }) as unknown as Db;
    return {
      ...handlesFrom('postgres', options.poolSize ?? 10, make),
      kind: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  try {
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    const client = await PGlite.create(options.dataDir ? path.resolve(options.dataDir) : undefined);
    if (options.migrate) await migratePglite(client);
    const database = await wrapPglite(client, statementTimeoutMs, options.onStatement);
    return {
      ...database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function wrapPglite(client: import('@electric-sql/pglite').PGlite, statementTimeoutMs: number, onStatement?: (sql: string) => void): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  // PGlite is one session: the timeout is set once for it.
  await client.exec(`set statement_timeout = ${Math.floor(statementTimeoutMs)}`);
  const make = (counter?: StatementCounter) => drizzle({ client, logger: logger(onStatement, counter) }) as unknown as Db;
  return {
    ...handlesFrom('pglite', 1, make),
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

/** `db.execute` returns rows on postgres.js and `{ rows }` on PGlite: this is the one place that knows. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The rows of a statement's result, from either driver. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
