/**
 * Ids drawn before their rows are written: a row's audit image names its id, and drawing it
 * first lets the row, its children and its audit event go to the database together (one
 * statement, or one pipelined round trip) instead of each waiting for the one before.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './client';

/** The next id of `table`'s identity column, as an expression (its row is then inserted with OVERRIDING SYSTEM VALUE). */
export function nextIdOf(table: string): SQL<string> {
  return sql<string>`nextval(pg_get_serial_sequence(${table}, 'id'))::text`;
}

export async function drawId(db: Db, table: string): Promise<number> {
  const [row] = await queryRows<{ id: string }>(db, sql`/* drawId */ select ${nextIdOf(table)} as id`);
  return Number(row!.id);
}
