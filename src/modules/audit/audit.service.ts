/**
 * 审计留痕 (the audit trail): one writer that every mutation calls inside its transaction, the
 * scoped trail for auditors, and the chain verification (DESIGN.md §3 AuditEvent).
 */
import { assertCan } from '../../auth/permissions';
import type { SQL } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withReportTimeout, type Tx } from '../../db/transaction';
import { oneByKey } from '../../graphql/batch';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { numberToCode } from '../regions/division-code';
import type { AuditAction } from './actions';
import type { AuditEventRow } from './audit.table';
import * as store from './audit.store';

export type { AuditEventRow } from './audit.table';
export { AUDIT_ACTIONS, type AuditAction } from './actions';

export interface AuditedChange {
  /** `<entity>.<verb>`, e.g. `party.create`. */
  action: AuditAction;
  entityType: string;
  /** The entity's global ID, as clients know it. */
  entityId: string;
  /** The region the entity belongs to: it decides who may read the event. */
  regionCode: number | string;
  /** The entity before and after, in the API's own terms (Money strings, 12-digit codes, global IDs). */
  before: unknown;
  after: unknown;
}

/**
 * A change that moves its entity to another county, recorded in both counties' chains: the trail
 * of the county it leaves records that it left (`moveOut`, with the same images), and what was
 * worked out about that county from its chain (trailHeads) is worked out again. The events go in
 * chain order, so two moves crossing between the same counties seal their chains in one order.
 */
export function recordedWhereItWas(change: AuditedChange, before: number | string, moveOut: AuditAction): AuditedChange[] {
  if (chainKeyOf(before) === chainKeyOf(change.regionCode)) return [change];
  const left: AuditedChange = { ...change, action: moveOut, regionCode: before };
  return chainKeyOf(before) < chainKeyOf(change.regionCode) ? [left, change] : [change, left];
}

/** The chain an event of this region is sealed into: its county's, the code's first six digits (as the sealing trigger takes them). */
const chainKeyOf = (regionCode: number | string): string => numberToCode(regionCode).slice(0, 6);

/** The chains (counties) of these regions, each once and in order: what trailHeads reads. */
export const trailsOf = (regionCodes: Iterable<number | string>): string[] => [...new Set([...regionCodes].map(chainKeyOf))].sort();

/**
 * Where these audit trails (trailsOf) stand, as one string. A county's chain is
 * sealed in commit order (migration 0004), so its last seq moves exactly when a transaction that
 * left an event in it commits. An answer worked out from a snapshot no older than the heads of
 * every chain a write changing it leaves its event in (the caller names them: a plan's steps are
 * audited in the plan's county, a move in both counties, a rule where it is set) therefore still
 * holds while those heads stand: what a remembered report checks before it answers again. Writes
 * made outside the API (a migration, SQL by hand) leave no event: restart the servers after them.
 * (The sealing trigger reads a chain's last seal after taking its lock, so writers run in READ
 * COMMITTED, as every transaction here does; under REPEATABLE READ a seal would collide, not skip.)
 */
export async function trailHeads(db: Db, chains: readonly string[]): Promise<string> {
  const heads = await store.chainHeads(db, chains);
  return chains.map((c) => `${c}:${heads.get(c) ?? 0}`).join(' ');
}

/** JSON for the trail: bigint as decimal strings, dates as ISO strings, undefined dropped. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** The one audit-event writer, inside the transaction of the change it records (sealed into its county's chain at commit). */
export function recordAuditEvent(tx: Tx, viewer: Viewer, clock: Clock, change: AuditedChange): Promise<void> {
  return recordAuditEvents(tx, viewer, clock, [change]);
}

/** Many events in few statements (bulk loads and imports). */
export async function recordAuditEvents(tx: Tx, viewer: Viewer, clock: Clock, changes: AuditedChange[]): Promise<void> {
  const occurredAt = clock.now();
  await store.insertAuditEvents(
    tx,
    changes.map((change) => eventOf(viewer, occurredAt, change)),
  );
}

/**
 * The event as a clause of the one statement that makes the change it records (a write whose
 * locks must not wait on a round trip): inserted once for each row `source` yields, so a
 * change that the statement refuses leaves no event.
 */
export function auditEventClause(viewer: Viewer, clock: Clock, change: AuditedChange): (source: SQL) => SQL {
  const event = eventOf(viewer, clock.now(), change);
  return (source) => store.auditEventInsertFrom(event, source);
}

function eventOf(viewer: Viewer, occurredAt: Date, change: AuditedChange): store.NewAuditEvent {
  return {
    occurredAt,
    actorId: viewer.userId,
    actorRole: viewer.role,
    requestId: viewer.requestId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    regionCode: Number(change.regionCode),
    before: toAuditJson(change.before),
    after: toAuditJson(change.after),
  };
}

export function listAuditEvents(db: Db, viewer: Viewer, filter: store.AuditEventFilter, args: PageArgs): Promise<Connection<AuditEventRow>> {
  assertCan(viewer, 'audit-trail:read');
  return keysetConnection(
    args,
    store.AUDIT_ORDER,
    (page) => store.auditEventsPage(db, viewer, filter, page),
    () => store.auditEventsCount(db, viewer, filter),
  );
}

export async function auditEventsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(AuditEventRow | null)[]> {
  assertCan(viewer, 'audit-trail:read');
  return oneByKey(ids, await store.auditEventsByIds(db, viewer, ids), (r) => r.id);
}

/** The events of one entity, newest 1,000, for its timeline. */
export function auditEventsOfEntity(db: Db, viewer: Viewer, entityType: string, entityId: string): Promise<AuditEventRow[]> {
  assertCan(viewer, 'audit-trail:read');
  return store.auditEventsOfEntity(db, viewer, entityType, entityId, 1000);
}

export function verifyAuditChain(db: Db, viewer: Viewer): Promise<store.ChainCheck> {
  assertCan(viewer, 'audit-trail:read');
  return withReportTimeout(db, (tx) => store.verifyChains(tx, viewer));
}
