/** Role → permissions (DESIGN.md §5). Services ask `require(viewer, permission)` before a read or write. */
import { AppError } from '../graphql/errors';
import { Role, type Viewer } from './viewer';

export type Permission =
  | 'read'
  | 'personal-data:read'
  | 'parties:write'
  | 'register:write'
  | 'maintenance:write'
  | 'finance:write'
  | 'audit-trail:read'
  | 'audit:write'
  | 'rules:write';

const ALL: Permission[] = [
  'read',
  'personal-data:read',
  'parties:write',
  'register:write',
  'maintenance:write',
  'finance:write',
  'audit-trail:read',
  'audit:write',
  'rules:write',
];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  [Role.ADMIN]: new Set(ALL),
  [Role.ASSET_MANAGER]: new Set<Permission>(['read', 'personal-data:read', 'parties:write', 'register:write']),
  [Role.CUSTODIAN]: new Set<Permission>(['read', 'maintenance:write']),
  // Finance pays households, so it sees their contact data.
  [Role.FINANCE]: new Set<Permission>(['read', 'personal-data:read', 'finance:write']),
  [Role.AUDITOR]: new Set<Permission>(['read', 'personal-data:read', 'audit-trail:read', 'audit:write']),
  [Role.VIEWER]: new Set<Permission>(['read']),
};

export function can(viewer: Viewer, permission: Permission): boolean {
  return viewer.role !== null && GRANTS[viewer.role].has(permission);
}

/** Throws UNAUTHENTICATED without a token, FORBIDDEN when the role lacks the permission. */
export function requirePermission(viewer: Viewer, permission: Permission): void {
  if (viewer.role === null) throw new AppError('UNAUTHENTICATED', 'A valid bearer token is required');
  if (!GRANTS[viewer.role].has(permission)) {
    throw new AppError('FORBIDDEN', `Role ${viewer.role} may not do this (${permission})`);
  }
}
