/**
 * How a module lets others join its rows without touching its table: it hands out the rows the
 * viewer may see as a subquery (the scope condition baked in, with placeholders or values), the
 * subquery's columns to select, and the join condition. PostgreSQL pulls such a subquery up
 * into the join, so the plan is the same as a join on the table itself.
 */
import { eq, getTableColumns, type SQL, type SQLWrapper, type Subquery } from 'drizzle-orm';
import { QueryBuilder, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

export interface JoinPiece<Row> {
  /** The visible rows, to join: `.leftJoin(piece.source, piece.on(column))`. */
  source: Subquery;
  /** The row's columns, to select: `{ owner: piece.fields }` (null when no visible row matched). */
  fields: Record<string, PgColumn>;
  /** Join condition on the visible row's id. */
  on(column: SQLWrapper): SQL;
  /** Only for the result's type. */
  readonly row?: Row;
}

export function joinPiece<T extends PgTable>(table: T, visible: SQL, alias: string): JoinPiece<T['$inferSelect']> {
  const source = new QueryBuilder()
    .select()
    .from(table as PgTable)
    .where(visible)
    .as(alias);
  const columns = source as unknown as Record<string, SQLWrapper>;
  const fields = Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, columns[key]! as PgColumn]));
  return { source: source as unknown as Subquery, fields, on: (column) => eq(columns.id!, column) };
}
