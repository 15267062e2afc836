/**
 * 审计留痕 (the audit trail): one writer that every mutation calls inside its transaction, the
 * scoped trail for auditors, and the chain verification (DESIGN.md §3 AuditEvent).
 */
import { requirePermission } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { withReportTimeout, type Tx } from '../../db/transaction';
import { oneByKey } from '../../graphql/batch';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import type { AuditEventRow } from './audit.table';
import * as store from './audit.store';

export interface AuditedChange {
  /** `<entity>.<verb>`, e.g. `party.create`. */
  action: string;
  entityType: string;
  /** The entity's global ID, as clients know it. */
  entityId: string;
  /** The region the entity belongs to: it decides who may read the event. */
  regionCode: number | string;
  before: unknown;
  after: unknown;
}

/** JSON for the trail: bigint as decimal strings, dates as ISO strings, undefined dropped. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** The one audit-event writer. Call it last in the transaction: it takes the county chain's lock. */
export function recordAuditEvent(tx: Tx, viewer: Viewer, change: AuditedChange): Promise<void> {
  return recordAuditEvents(tx, viewer, [change]);
}

/** Many events in one statement (bulk loads and imports). */
export async function recordAuditEvents(tx: Tx, viewer: Viewer, changes: AuditedChange[]): Promise<void> {
  const occurredAt = new Date();
  await store.insertAuditEvents(
    tx,
    changes.map((change) => ({
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
    })),
  );
}

export function listAuditEvents(db: Db, viewer: Viewer, filter: store.AuditEventFilter, args: PageArgs): Promise<Connection<AuditEventRow>> {
  requirePermission(viewer, 'audit-trail:read');
  return keysetConnection(args, store.AUDIT_ORDER, (page) => store.auditEventsPage(db, viewer, filter, page), (r) => [r.id], () => store.auditEventsCount(db, viewer, filter));
}

export async function auditEventsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(AuditEventRow | null)[]> {
  requirePermission(viewer, 'audit-trail:read');
  return oneByKey(ids, await store.auditEventsByIds(db, viewer, ids), (r) => r.id);
}

/** The events of one entity, newest 1,000, for its timeline. */
export function auditEventsOfEntity(db: Db, viewer: Viewer, entityType: string, entityId: string): Promise<AuditEventRow[]> {
  requirePermission(viewer, 'audit-trail:read');
  return store.auditEventsOfEntity(db, viewer, entityType, entityId, 1000);
}

export function verifyAuditChain(db: Db, viewer: Viewer): Promise<store.ChainCheck> {
  requirePermission(viewer, 'audit-trail:read');
  return withReportTimeout(db, (tx) => store.verifyChains(tx, viewer));
}
