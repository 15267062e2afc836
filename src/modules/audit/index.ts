/** 审计留痕 (the audit trail): every change, append-only and hash-chained; its events on asset timelines. */
import { can } from '../../auth/permissions';
import { chinaDateOf } from '../../clock';
import { toGlobalId } from '../../graphql/global-id';
import { registerTimeline } from '../assets/timeline';
import { byIntegerKey, type Module } from '../module';
import { auditEventById } from './audit.loaders';
import { AuditResolver, AuditTimelineResolver } from './audit.resolver';
import { auditEventsOfEntity } from './audit.service';

// Audit events appear on an asset's timeline for roles that may read the audit trail, on the
// China date they were recorded.
registerTimeline({ AUDIT_EVENT: { description: 'A change was recorded in the audit trail (see auditEvent; auditors and admins only).', rank: 90 } }, async (ctx, asset) =>
  can(ctx.viewer, 'audit-trail:read')
    ? (await auditEventsOfEntity(ctx.db, ctx.viewer, 'Asset', toGlobalId('Asset', asset.id))).map((e) => ({
        kind: 'AUDIT_EVENT',
        on: chinaDateOf(e.occurredAt),
        at: e.occurredAt,
        key: e.id,
        detail: e,
      }))
    : [],
);

export const audit: Module = {
  name: 'audit',
  resolvers: [AuditResolver, AuditTimelineResolver],
  nodes: { AuditEvent: byIntegerKey((ctx, id) => ctx.loaders.get(auditEventById).load(id)) },
};
