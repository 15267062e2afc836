/** SQL of parties. Every read is confined to the viewer's scope. */
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { escapeLike } from '../regions/regions.store';
import { partyTable as party, type PartyRow } from './parties.table';

export interface PartyFilter {
  regionPrefix?: string;
  kind?: PartyRow['kind'];
  text?: string;
}

export type PartySort = 'NAME' | 'CREATED_AT';

export function partyOrder(sort: PartySort, direction: 'asc' | 'desc'): SortKey[] {
  const first: SortKey = sort === 'NAME' ? { expr: party.name, direction } : { expr: party.createdAt, direction, cast: 'timestamptz' };
  return [first, { expr: party.id, direction }];
}

function filterCondition(viewer: Viewer, filter: PartyFilter): SQL | undefined {
  return and(
    inScope(party.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(party.regionCode, filter.regionPrefix) : undefined,
    filter.kind ? eq(party.kind, filter.kind) : undefined,
    filter.text ? or(ilike(party.name, `%${escapeLike(filter.text)}%`), eq(party.creditCode, filter.text.toUpperCase())) : undefined,
  );
}

export function partiesPage(db: Db, viewer: Viewer, filter: PartyFilter, order: SortKey[], page: PageRequest): Promise<PartyRow[]> {
  return db
    .select()
    .from(party)
    .where(and(filterCondition(viewer, filter), keysetCondition(order, page)))
    .orderBy(...keysetOrder(order, page))
    .limit(page.limit + 1);
}

export async function partiesCount(db: Db, viewer: Viewer, filter: PartyFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(party).where(filterCondition(viewer, filter));
  return row.n;
}

/** Parties a viewer sees, those registered in its subtree, for reads built once (with `scopeParams`); other modules join on it. */
export const PARTY_VISIBLE = inScopePlaceholders(party.regionCode);

const partiesByIdsQuery = preparedRead((db) =>
  db
    .select()
    .from(party)
    .where(and(PARTY_VISIBLE, sql`${party.id} = any(${sql.placeholder('ids')}::bigint[])`))
    .prepare('partiesByIds'),
);

export function partiesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<PartyRow[]> {
  return partiesByIdsQuery(db, { ...scopeParams(viewer), ids });
}

/** Parties by credit code or by resident-ID hash (imports identify owners by them). */
export function partiesByIdentifiers(db: Db, viewer: Viewer, creditCodes: readonly string[], residentIdHashes: readonly string[]): Promise<PartyRow[]> {
  return db
    .select()
    .from(party)
    .where(
      and(
        inScope(party.regionCode, viewer),
        or(sql`${party.creditCode} = any(${sql.param(creditCodes)}::text[])`, sql`${party.residentIdHash} = any(${sql.param(residentIdHashes)}::text[])`),
      ),
    );
}

/** The party row locked for update, if it is in scope. */
export async function lockParty(tx: Db, viewer: Viewer, id: number): Promise<PartyRow | undefined> {
  const [row] = await tx
    .select()
    .from(party)
    .where(and(eq(party.id, id), inScope(party.regionCode, viewer)))
    .for('update');
  return row;
}

export type PartyValues = Omit<typeof party.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export async function insertParty(tx: Db, values: PartyValues): Promise<PartyRow> {
  const [row] = await tx.insert(party).values(values).returning();
  return row;
}

/** Bulk load (seeds, imports): multi-row inserts of 1,000. */
export async function insertParties(tx: Db, values: PartyValues[]): Promise<PartyRow[]> {
  const rows: PartyRow[] = [];
  for (let i = 0; i < values.length; i += 1000) rows.push(...(await tx.insert(party).values(values.slice(i, i + 1000)).returning()));
  return rows;
}

export async function updateParty(tx: Db, id: number, values: Partial<PartyValues>): Promise<PartyRow> {
  const [row] = await tx
    .update(party)
    .set({ ...values, version: sql`${party.version} + 1`, updatedAt: new Date() })
    .where(eq(party.id, id))
    .returning();
  return row;
}

