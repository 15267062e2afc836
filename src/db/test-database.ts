/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a freshly
 * created database on the PostgreSQL server named by `url` (TEST_DATABASE_URL), dropped on close.
 * Files can therefore run in parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './transaction';
import { openDatabase, wrapPglite, type Database } from './client';
import { migratePglite } from './migrate';

export interface TestDatabase extends Database {
  /** Every SQL statement sent since the last `statements.length = 0`. */
  statements: string[];
}

export async function createTestDatabase(url?: string): Promise<TestDatabase> {
  const statements: string[] = [];
  const onStatement = (sql: string) => statements.push(sql);
  if (!url) {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create();
    await migratePglite(client);
    return { ...(await wrapPglite(client, DEFAULT_STATEMENT_TIMEOUT_MS, onStatement)), statements };
  }
  const { default: postgres } = await import('postgres');
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = '/' + name;
  const database = await openDatabase({ url: target.toString(), poolSize: 5, migrate: true, onStatement });
  return {
    ...database,
    statements,
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
