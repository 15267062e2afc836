/**
 * One database handle for both drivers: postgres.js against a PostgreSQL server, PGlite embedded.
 * Both extend drizzle's PgDatabase, so every store is written once and runs on either.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { migratePglite, migratePostgres } from './migrate';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';

export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
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
}

/** Per-request statement counter: logs and metrics report SQL statements per request. */
export const statementCounter = new AsyncLocalStorage<{ statements: number }>();

function logger(onStatement?: (sql: string) => void): Logger {
  return {
    logQuery(query: string) {
      const store = statementCounter.getStore();
      if (store) store.statements += 1;
      onStatement?.(query);
    },
  };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 15_000;
  if (options.url) {
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
    const db = drizzle({ client, logger: logger(options.onStatement) }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir ? path.resolve(options.dataDir) : undefined);
  if (options.migrate) await migratePglite(client);
  return wrapPglite(client, statementTimeoutMs, options.onStatement);
}

export async function wrapPglite(
  client: import('@electric-sql/pglite').PGlite,
  statementTimeoutMs: number,
  onStatement?: (sql: string) => void,
): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  // PGlite is one session: the timeout is set once for it.
  await client.exec(`set statement_timeout = ${Math.floor(statementTimeoutMs)}`);
  const db = drizzle({ client, logger: logger(onStatement) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

/** `db.execute` returns rows on postgres.js and `{ rows }` on PGlite: this is the one place that knows. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
