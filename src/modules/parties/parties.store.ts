/** SQL of parties. Every read is confined to the viewer's scope. */
import { and, eq, ilike, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { joinPiece } from '../../db/join';
import { escapeLike } from '../../db/like';
import { preparedRead } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { partyTable as party, type PartyRow } from './parties.table';

export interface PartyFilter {
  regionPrefix?: string;
  kind?: PartyRow['kind'];
  text?: string;
  /** Whether `text` may match a household's name: only for a viewer who sees those names in clear. */
  householdNamesSearchable?: boolean;
}

export type PartySort = 'NAME' | 'CREATED_AT';

/**
 * `namesInClear`: whether the viewer sees households' names. One who does not gets households
 * ordered by surname alone (then by id), so that no cursor carries a name it may not see.
 */
export function partyOrder(sort: PartySort, direction: 'asc' | 'desc', namesInClear: boolean): SortKey<PartyRow>[] {
  const first: SortKey<PartyRow> =
    sort === 'NAME'
      ? namesInClear
        ? { name: 'name', expr: party.name, direction, type: 'text', value: (r) => r.name }
        : {
            name: 'visibleName',
            expr: sql`(case when ${party.kind} = 'HOUSEHOLD' then left(${party.name}, 1) else ${party.name} end)`,
            direction,
            type: 'text',
            value: (r) => (r.kind === 'HOUSEHOLD' ? (Array.from(r.name)[0] ?? '') : r.name),
          }
      : { name: 'createdAt', expr: party.createdAt, direction, type: 'timestamptz', value: (r) => r.createdAt.toISOString() };
  return [first, { name: 'party', expr: party.id, direction, type: 'id', value: (r) => r.id }];
}

function filterCondition(viewer: Viewer, filter: PartyFilter): SQL | undefined {
  return and(
    inScope(party.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(party.regionCode, filter.regionPrefix) : undefined,
    filter.kind ? eq(party.kind, filter.kind) : undefined,
    filter.text
      ? or(and(filter.householdNamesSearchable ? undefined : ne(party.kind, 'HOUSEHOLD'), ilike(party.name, `%${escapeLike(filter.text)}%`)), eq(party.creditCode, filter.text.toUpperCase()))
      : undefined,
  );
}

export function partiesPage(db: Db, viewer: Viewer, filter: PartyFilter, order: SortKey<PartyRow>[], page: PageRequest): Promise<PartyRow[]> {
  return run(
    'partiesPage',
    db
      .select()
      .from(party)
      .where(and(filterCondition(viewer, filter), keysetCondition(order, page)))
      .orderBy(...keysetOrder(order, page))
      .limit(page.limit + 1),
  );
}

export async function partiesCount(db: Db, viewer: Viewer, filter: PartyFilter): Promise<number> {
  const [row] = await run('partiesCount', db.select({ n: sql<number>`count(*)::int` }).from(party).where(filterCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** Parties a viewer sees (those registered in its subtree), for reads built once with `scopeParams`. */
const PARTY_VISIBLE = inScopePlaceholders(party.regionCode);

/** A party's region code whatever the viewer's scope, as an expression over its id: where an owner's part of income is filed (no other field). */
export const partyRegionCode = (partyId: SQLWrapper) => sql<number>`(select p.region_code from party p where p.id = ${partyId})`.mapWith(Number);

/** For other modules' reads built once: the parties the viewer sees, joinable by id (execute with `scopeParams`). */
export const visiblePartyJoin = (alias: string) => joinPiece(party, PARTY_VISIBLE, alias);

const partiesByIdsQuery = preparedRead('partiesByIds', (db, keyIn) =>
  db
    .select()
    .from(party)
    .where(and(PARTY_VISIBLE, keyIn(party.id))),
);

export function partiesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<PartyRow[]> {
  return partiesByIdsQuery(db, { ...scopeParams(viewer), ids });
}

/** Parties by credit code or by resident-ID hash (imports identify owners by them). */
export function partiesByIdentifiers(db: Db, viewer: Viewer, creditCodes: readonly string[], residentIdHashes: readonly string[]): Promise<PartyRow[]> {
  return run(
    'partiesByIdentifiers',
    db
      .select()
      .from(party)
      .where(and(inScope(party.regionCode, viewer), or(sql`${party.creditCode} = any(${sql.param(creditCodes)}::text[])`, sql`${party.residentIdHash} = any(${sql.param(residentIdHashes)}::text[])`))),
  );
}

/** The party row locked for update, if it is in scope. */
export async function lockParty(tx: Db, viewer: Viewer, id: number): Promise<PartyRow | undefined> {
  const [row] = await run(
    'lockParty',
    tx
      .select()
      .from(party)
      .where(and(eq(party.id, id), inScope(party.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export type PartyValues = Omit<typeof party.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export async function insertParties(tx: Db, values: PartyValues[]): Promise<PartyRow[]> {
  return insertInChunks(tx, 'insertParties', party, values);
}

export async function updateParty(tx: Db, id: number, values: Partial<PartyValues>): Promise<PartyRow> {
  const [row] = await run(
    'updateParty',
    tx
      .update(party)
      .set({ ...values, version: sql`${party.version} + 1`, updatedAt: sql`now()` })
      .where(eq(party.id, id))
      .returning(),
  );
  return row!;
}

/** Kinds and names of parties, in no scope: what a public notice (公示) may name, masked by its reader. */
export function kindsAndNames(db: Db, ids: readonly number[]): Promise<{ id: number; kind: string; name: string }[]> {
  return run(
    'partyKindsAndNames',
    db
      .select({ id: party.id, kind: party.kind, name: party.name })
      .from(party)
      .where(sql`${party.id} = any(${sql.param(ids.map(String))}::text[]::bigint[])`),
  );
}

/** Names of the households registered in these counties (6-digit codes), in no scope: a public notice masks them in its text. */
export async function householdNamesIn(db: Db, countyCodes: readonly number[]): Promise<string[]> {
  const rows = await run(
    'householdNamesOfCounties',
    db
      .select({ name: party.name })
      .from(party)
      .where(and(eq(party.kind, 'HOUSEHOLD'), sql`${party.regionCode} / 1000000 = any(${sql.param(countyCodes.map(String))}::text[]::bigint[])`)),
  );
  return rows.map((r) => r.name);
}
