/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL a session advisory lock makes
 * several servers starting at once apply them exactly once.
 */
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { projectRoot } from '../paths';

export function migrationsFolder(): string {
  return path.join(projectRoot(), 'migrations');
}

const MIGRATION_LOCK = 727_001;

export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function migratePglite(client: PGlite): Promise<void> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
}
