/** SQL of the audit trail. Every read is confined to the viewer's region scope. */
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, type Db } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { insertRows, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { auditEventTable as audit, type AuditEventRow } from './audit.table';

export interface NewAuditEvent {
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  requestId: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: number;
  before: unknown;
  after: unknown;
}

/** chain_key, seq, prev_hash and hash are set by the database (sealed at commit). */
export async function insertAuditEvents(tx: Db, events: NewAuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) await insertRows(tx, 'insertAuditEvents', audit, events.slice(i, i + 1000), false);
}

/** The last sealed seq of each chain, 0 for a chain with no event: one backward probe of the chain index each. */
export async function chainHeads(db: Db, chainKeys: readonly string[]): Promise<Map<string, string>> {
  const rows = await queryRows<{ chain_key: string; seq: string }>(
    db,
    sql`/* auditChainHeads */ select k.chain_key, coalesce((select max(e.seq) from audit_event e where e.chain_key = k.chain_key), 0)::text as seq
      from unnest(${sql.param(chainKeys)}::text[]) as k(chain_key)`,
  );
  return new Map(rows.map((r) => [r.chain_key, r.seq]));
}

/** An INSERT ... SELECT of one event for each row of `source` (a CTE of the caller's statement). */
export function auditEventInsertFrom(event: NewAuditEvent, source: SQL): SQL {
  const json = (value: unknown) => (value === null ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`);
  return sql`insert into audit_event (occurred_at, actor_id, actor_role, request_id, action, entity_type, entity_id, region_code, before, after)
    select ${event.occurredAt.toISOString()}::timestamptz, ${event.actorId}::text, ${event.actorRole}::text, ${event.requestId}::text, ${event.action}::text,
      ${event.entityType}::text, ${event.entityId}::text, ${event.regionCode}::bigint, ${json(event.before)}, ${json(event.after)}
    from ${source}`;
}

export interface AuditEventFilter {
  regionPrefix?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

export const AUDIT_ORDER: SortKey<AuditEventRow>[] = [{ name: 'auditEvent', expr: audit.id, direction: 'desc', type: 'id', value: (r) => r.id }];

function filterCondition(viewer: Viewer, filter: AuditEventFilter): SQL | undefined {
  return and(
    inScope(audit.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(audit.regionCode, filter.regionPrefix) : undefined,
    filter.entityType ? eq(audit.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(audit.entityId, filter.entityId) : undefined,
    filter.action ? eq(audit.action, filter.action) : undefined,
    filter.actorId ? eq(audit.actorId, filter.actorId) : undefined,
    filter.from ? gte(audit.occurredAt, filter.from) : undefined,
    filter.to ? lte(audit.occurredAt, filter.to) : undefined,
  );
}

export function auditEventsPage(db: Db, viewer: Viewer, filter: AuditEventFilter, page: PageRequest): Promise<AuditEventRow[]> {
  return run(
    'auditEventsPage',
    db
      .select()
      .from(audit)
      .where(and(filterCondition(viewer, filter), keysetCondition(AUDIT_ORDER, page)))
      .orderBy(...keysetOrder(AUDIT_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function auditEventsCount(db: Db, viewer: Viewer, filter: AuditEventFilter): Promise<number> {
  const [row] = await run('auditEventsCount', db.select({ n: sql<number>`count(*)::int` }).from(audit).where(filterCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** The newest events of one entity (a timeline), at most `limit`. */
const eventsOfEntityQuery = preparedRead('auditEventsOfEntity', (db) =>
  db
    .select()
    .from(audit)
    .where(and(inScopePlaceholders(audit.regionCode), eq(audit.entityType, sql.placeholder('entityType')), eq(audit.entityId, sql.placeholder('entityId'))))
    .orderBy(sql`${audit.id} desc`)
    .limit(sql.placeholder('limit')),
);

export function auditEventsOfEntity(db: Db, viewer: Viewer, entityType: string, entityId: string, limit: number): Promise<AuditEventRow[]> {
  return eventsOfEntityQuery(db, { ...scopeParams(viewer), entityType, entityId, limit });
}

export function auditEventsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<AuditEventRow[]> {
  return run(
    'auditEventsByIds',
    db
      .select()
      .from(audit)
      .where(and(inScope(audit.regionCode, viewer), sql`${audit.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

export interface ChainCheck {
  checked: number;
  brokenId: number | null;
  reason: string | null;
}

/**
 * Recomputes every in-scope event's digest and checks its link to its chain predecessor
 * (which may lie outside the scope: only its hash is compared, nothing of it is returned).
 * The first broken event in id order is reported.
 */
export async function verifyChains(db: Db, viewer: Viewer): Promise<ChainCheck> {
  const scope = viewer.scope;
  const chainFilter = scope.length >= 6 ? sql`e.chain_key = ${scope.slice(0, 6)}` : sql`e.chain_key like ${scope + '%'}`;
  const rows = await queryRows<{ checked: number; broken_id: string | number | null; reason: string | null }>(
    db,
    sql`/* verifyAuditChain */
      with linked as (
        select e.id, e.region_code, e.hash, e.prev_hash, e.seq, audit_event_digest(e) as digest,
               lag(e.hash) over w as previous_hash, lag(e.seq) over w as previous_seq
        from audit_event e where ${chainFilter}
        window w as (partition by e.chain_key order by e.seq)
      ), judged as (
        select id,
          case
            when hash <> digest then 'CONTENT_ALTERED'
            when seq <> coalesce(previous_seq, 0) + 1 then 'EVENT_MISSING'
            when prev_hash <> coalesce(previous_hash, repeat('0', 64)) then 'LINK_BROKEN'
          end as reason
        from linked where ${inSubtree(sql`region_code`, scope)}
      )
      select (select count(*)::int from judged) as checked, b.id as broken_id, b.reason
      from (select 1) one left join lateral (
        select id, reason from judged where reason is not null order by id limit 1
      ) b on true`,
  );
  const row = rows[0]!;
  return { checked: Number(row.checked), brokenId: row.broken_id === null ? null : Number(row.broken_id), reason: row.reason };
}
