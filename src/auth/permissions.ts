/**
 * Who may do what (DESIGN.md §5), in one place: `assertCan(viewer, action, resource)` answers
 * the role's permission, and for the resources that carry rules of their own, the rule:
 * - a CUSTODIAN acts only on assets its party holds in custody (管护主体) on the date;
 * - an approver sits above the asset's village and is not the one who asked (审批);
 * - a public notice (公示) is for everyone, a token or none.
 * Closed by default: no token, no permission (and, at the SQL level, a scope that matches
 * nothing: auth/scope.ts). docs/authorization.md is generated from the tables below.
 */
import { AppError } from '../graphql/errors';
import { Role, type Viewer } from './viewer';

export const PERMISSIONS = {
  read: 'Read the register in scope: regions, parties, projects, assets, custody, contracts, income, plans, disposals',
  'personal-data:read': 'See personal data in clear: household names, contact people and phones',
  'parties:write': 'Create and change parties',
  'register:write': 'Projects, assets, ownership, custody assignments and duties, contracts, disposal requests, stocktakes',
  'maintenance:write': 'Maintenance records and stocktake results',
  'finance:write': 'Income, reversals, allocation plans, disbursements, bank statements',
  'disposal:approve': "Approve or reject a disposal (from a scope above the asset's village)",
  'audit-trail:read': 'The audit trail and its verification',
  'audit:write': 'Run checks, open audit cases, add findings, close or reopen them',
  'rectification:write': 'Record rectification of findings',
  'rules:write': 'Set rule parameters (各地规则)',
} as const;

export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  [Role.ADMIN]: new Set(ALL),
  [Role.ASSET_MANAGER]: new Set<Permission>(['read', 'personal-data:read', 'parties:write', 'register:write', 'maintenance:write', 'disposal:approve', 'rectification:write']),
  [Role.CUSTODIAN]: new Set<Permission>(['read', 'maintenance:write']),
  // Finance pays households, so it sees their contact data.
  [Role.FINANCE]: new Set<Permission>(['read', 'personal-data:read', 'finance:write', 'rectification:write']),
  [Role.AUDITOR]: new Set<Permission>(['read', 'personal-data:read', 'audit-trail:read', 'audit:write']),
  [Role.VIEWER]: new Set<Permission>(['read']),
};

/** The rules a resource brings beyond the role's permission. */
export type Resource =
  /** An asset and the parties holding it in custody on the date the action concerns. */
  | { kind: 'custody'; custodianPartyIds: readonly number[] }
  /** Something to approve: the region it belongs to, and who asked. */
  | { kind: 'approval'; regionCode: number; requestedBy: string | null }
  /** A public notice: anyone may read it. */
  | { kind: 'public-notice' };

export function can(viewer: Viewer, permission: Permission): boolean {
  return viewer.role !== null && GRANTS[viewer.role].has(permission);
}

/** Why the viewer may not do this; null when it may. */
export function refusalOf(viewer: Viewer, permission: Permission, resource?: Resource): { code: 'UNAUTHENTICATED' | 'FORBIDDEN'; reason: string } | null {
  if (resource?.kind === 'public-notice') return null;
  if (viewer.role === null) return { code: 'UNAUTHENTICATED', reason: 'A valid bearer token is required' };
  if (!GRANTS[viewer.role].has(permission)) return { code: 'FORBIDDEN', reason: `Role ${viewer.role} may not do this (${permission})` };
  if (resource?.kind === 'custody' && viewer.role === Role.CUSTODIAN && (viewer.partyId === null || !resource.custodianPartyIds.includes(viewer.partyId))) {
    return { code: 'FORBIDDEN', reason: 'Your party does not hold this asset in custody on that date' };
  }
  if (resource?.kind === 'approval') {
    const village = String(resource.regionCode).padStart(12, '0');
    if (!(viewer.scope.length < 12 && village.startsWith(viewer.scope))) return { code: 'FORBIDDEN', reason: "An approver's scope must lie above the village the asset stands in" };
    if (resource.requestedBy !== null && resource.requestedBy === viewer.userId) return { code: 'FORBIDDEN', reason: 'Whoever asked may not approve' };
  }
  return null;
}

/** Throws UNAUTHENTICATED without a token, FORBIDDEN when the role or the resource's rule says no. */
export function assertCan(viewer: Viewer, permission: Permission, resource?: Resource): void {
  const refusal = refusalOf(viewer, permission, resource);
  if (refusal) throw new AppError(refusal.code, refusal.reason);
}
