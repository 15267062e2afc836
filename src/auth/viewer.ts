/**
 * The Viewer: who is asking, in which role, over which region subtree (DESIGN.md §2, §5).
 * Every store query receives it and confines itself to `scope` at the SQL level.
 */
import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  ASSET_MANAGER = 'ASSET_MANAGER',
  CUSTODIAN = 'CUSTODIAN',
  FINANCE = 'FINANCE',
  AUDITOR = 'AUDITOR',
  VIEWER = 'VIEWER',
}

/** The closed list of roles, for checks that must not consult an object's prototype. */
export const ROLES = Object.values(Role) as [Role, ...Role[]];

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do in its region scope (角色).',
  valuesConfig: {
    ADMIN: { description: 'Everything in scope (管理员).' },
    ASSET_MANAGER: { description: 'Parties, projects, assets, ownership, custody, contracts, disposal requests, stocktakes (资产管理员).' },
    CUSTODIAN: { description: 'Maintenance records and stocktake items for assets its party has in custody (管护主体).' },
    FINANCE: { description: 'Income, reversals, allocation plans, disbursements (财务).' },
    AUDITOR: { description: 'Reads everything in scope including the audit trail; runs checks; cases and findings (审计).' },
    VIEWER: { description: 'Reads everything in scope except personal data (查看).' },
  },
});

export interface Viewer {
  /** null for an anonymous caller, who may read public notices only. */
  userId: string | null;
  role: Role | null;
  /** Significant prefix of the scope's division code ('522327' for a county). */
  scope: string;
  /** For custodians: the party whose custody they record. */
  partyId: number | null;
  /** Correlates logs and audit events of one request. */
  requestId: string;
}

export function anonymousViewer(requestId: string): Viewer {
  return { userId: null, role: null, scope: '', partyId: null, requestId };
}
