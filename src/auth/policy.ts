/**
 * Who may call each operation, as data: the permission each root field asks `assertCan` for,
 * and the rule of the resource when there is one. docs/authorization.md is generated from this
 * table and the role grants (npm run docs:emit), and test/auth/authorization-matrix.test.ts
 * calls every operation with every role, a foreign scope and no token, and holds the answers
 * to it — an operation missing here fails that test.
 */
import { GRANTS, PERMISSIONS, type Permission } from './permissions';
import { ROLES, type Role } from './viewer';

export interface OperationPolicy {
  kind: 'query' | 'mutation';
  /** What assertCan is asked; 'none' for `viewer`, which answers anyone; 'public' for public notices. */
  permission: Permission | 'none' | 'public';
  /** A rule of the resource beyond the role (custodian of the asset, approver above the village…). */
  rule?: string;
}

/** Every list and lookup confines itself to the caller's region subtree (DESIGN.md §2). */
export const SCOPE_RULE = "Only rows in the caller's region subtree exist for it (lists, lookups, node(id), counts, exports).";

/** The CUSTODIAN's rule (管护主体), for maintenance and stocktake results. */
const CUSTODY_RULE =
  "A CUSTODIAN only for assets its party holds in custody on the date of the work or check (the token's party); the spreadsheet import of results reports other rows as NOT_YOUR_CUSTODY.";

export const OPERATIONS: Record<string, OperationPolicy> = {
  viewer: { kind: 'query', permission: 'none', rule: 'Answers who the caller is, with or without a token.' },
  node: { kind: 'query', permission: 'read' },
  nodes: { kind: 'query', permission: 'read' },
  region: { kind: 'query', permission: 'read' },
  regions: { kind: 'query', permission: 'read' },
  parties: {
    kind: 'query',
    permission: 'read',
    rule: 'Household names, contact people and phones are masked unless the role has personal-data:read; without it, a text filter does not match household names.',
  },
  project: { kind: 'query', permission: 'read', rule: 'Projects run by a region above the scope are visible too (公告公示).' },
  projects: { kind: 'query', permission: 'read', rule: 'Projects run by a region above the scope are visible too (公告公示).' },
  asset: { kind: 'query', permission: 'read' },
  assets: { kind: 'query', permission: 'read' },
  regionSummary: { kind: 'query', permission: 'read' },
  auditEvents: { kind: 'query', permission: 'audit-trail:read' },
  verifyAuditChain: { kind: 'query', permission: 'audit-trail:read' },
  createParty: { kind: 'mutation', permission: 'parties:write', rule: "The party's region must lie in the scope." },
  updateParty: { kind: 'mutation', permission: 'parties:write' },
  createProject: { kind: 'mutation', permission: 'register:write', rule: "The project's region must lie in the scope." },
  updateProject: { kind: 'mutation', permission: 'register:write', rule: 'Only the region that runs a project may change it.' },
  registerAsset: { kind: 'mutation', permission: 'register:write', rule: "The asset's village must lie in the scope." },
  updateAsset: { kind: 'mutation', permission: 'register:write' },
  changeAssetStatus: { kind: 'mutation', permission: 'register:write' },
  confirmOwnership: { kind: 'mutation', permission: 'register:write', rule: 'Owners must be parties in the scope.' },
  overdueDuties: { kind: 'query', permission: 'read' },
  maintenanceRecords: { kind: 'query', permission: 'read' },
  stocktakes: { kind: 'query', permission: 'read' },
  assignCustodian: { kind: 'mutation', permission: 'register:write', rule: 'The custodian must be a party in the scope.' },
  endCustody: { kind: 'mutation', permission: 'register:write' },
  addCustodyDuty: { kind: 'mutation', permission: 'register:write' },
  updateCustodyDuty: { kind: 'mutation', permission: 'register:write' },
  recordMaintenance: { kind: 'mutation', permission: 'maintenance:write', rule: CUSTODY_RULE },
  openStocktake: { kind: 'mutation', permission: 'register:write', rule: "The stocktake's region must lie in the scope." },
  recordStocktakeResult: { kind: 'mutation', permission: 'maintenance:write', rule: CUSTODY_RULE },
  closeStocktake: { kind: 'mutation', permission: 'register:write' },
  ruleParameters: { kind: 'query', permission: 'read', rule: "A region in the scope or above it: a county reads the province's rules too." },
  setRuleParameter: { kind: 'mutation', permission: 'rules:write', rule: 'For a province, city or county in the scope.' },
  operatingContracts: { kind: 'query', permission: 'read' },
  expectedIncome: { kind: 'query', permission: 'read' },
  createOperatingContract: { kind: 'mutation', permission: 'register:write', rule: 'Only for an operating asset; the operator must be a party in the scope.' },
  endOperatingContract: { kind: 'mutation', permission: 'register:write' },
  incomeRecords: { kind: 'query', permission: 'read' },
  incomePool: { kind: 'query', permission: 'read', rule: "An owner's pool is read in the owner's scope (its parts of assets elsewhere included)." },
  arrears: { kind: 'query', permission: 'read' },
  recordIncome: { kind: 'mutation', permission: 'finance:write', rule: 'Idempotent per caller and idempotencyKey.' },
  reverseIncome: { kind: 'mutation', permission: 'finance:write', rule: 'Idempotent per caller and idempotencyKey.' },
  allocationPlans: { kind: 'query', permission: 'read', rule: "A plan is seen in its owner's scope." },
  createAllocationPlan: { kind: 'mutation', permission: 'finance:write', rule: 'The owner must be a party in the scope. Idempotent per caller and idempotencyKey.' },
  updateAllocationPlan: { kind: 'mutation', permission: 'finance:write' },
  publicizeAllocationPlan: { kind: 'mutation', permission: 'finance:write' },
  approveAllocationPlan: { kind: 'mutation', permission: 'finance:write' },
  cancelAllocationPlan: { kind: 'mutation', permission: 'finance:write' },
  recordDisbursement: { kind: 'mutation', permission: 'finance:write', rule: 'A party payee must be in the scope. Idempotent per caller and idempotencyKey.' },
  reverseDisbursement: { kind: 'mutation', permission: 'finance:write', rule: 'Idempotent per caller and idempotencyKey.' },
  incomeReconciliation: { kind: 'query', permission: 'read', rule: 'A county, township or village in the scope; null outside it.' },
  matchStatementLine: {
    kind: 'mutation',
    permission: 'finance:write',
    rule: 'The line must be of an account held in the scope, the income record in the scope. Bank statements are uploaded to POST /import/bank-statements with the same permission.',
  },
  unmatchedStatementLines: { kind: 'query', permission: 'read', rule: 'Lines of accounts held in the scope.' },
  incomeWithoutStatementLine: { kind: 'query', permission: 'read' },
  disposals: { kind: 'query', permission: 'read' },
  requestDisposal: { kind: 'mutation', permission: 'register:write', rule: 'The asset must be in the scope and not disposed; one disposal under way per asset.' },
  approveDisposal: {
    kind: 'mutation',
    permission: 'disposal:approve',
    rule: "The approver's scope lies above the asset's village (the county's approval: the county or above); never whoever asked; not one person at both levels.",
  },
  rejectDisposal: { kind: 'mutation', permission: 'disposal:approve', rule: 'As approveDisposal, at the level the disposal waits for.' },
  completeDisposal: { kind: 'mutation', permission: 'register:write', rule: "Only an APPROVED disposal; proceeds given are recorded as income under the completer's right." },
  auditCases: { kind: 'query', permission: 'read' },
  overdueRectifications: { kind: 'query', permission: 'read' },
  openAuditCase: { kind: 'mutation', permission: 'audit:write', rule: 'For a region in the scope.' },
  addFinding: { kind: 'mutation', permission: 'audit:write', rule: "To a case in the scope; a check's result as the check finds it in the case's region today." },
  recordRectification: { kind: 'mutation', permission: 'rectification:write', rule: 'A finding in the scope, OPEN or RECTIFYING.' },
  markFindingRectified: { kind: 'mutation', permission: 'rectification:write', rule: 'A finding in the scope, OPEN or RECTIFYING.' },
  closeFinding: { kind: 'mutation', permission: 'audit:write', rule: 'Only a RECTIFIED finding; only an auditor (or administrator) closes.' },
  sendBackFinding: { kind: 'mutation', permission: 'audit:write', rule: 'Only a RECTIFIED finding.' },
  auditFindings: { kind: 'query', permission: 'audit:write', rule: 'Findings of subjects in the scope only.' },
  auditCheckSummary: { kind: 'query', permission: 'audit:write', rule: 'Counts over the scope only.' },
  publicNotices: {
    kind: 'query',
    permission: 'public',
    rule: 'Anyone, with or without a token, in any region: plans from their publicity on; households as surname + 某, no ID or phone numbers, nothing else of the register.',
  },
};

/** The roles that hold a permission ('none' and 'public': everyone, a token or none). */
export function rolesAllowed(permission: OperationPolicy['permission']): Role[] | 'everyone' {
  if (permission === 'none' || permission === 'public') return 'everyone';
  return ROLES.filter((role) => GRANTS[role].has(permission));
}

/** docs/authorization.md, generated. */
export function authorizationDoc(): string {
  const lines = [
    '# Authorization (generated: `npm run docs:emit`; checked by `test/auth/authorization-matrix.test.ts`)',
    '',
    `Roles (DESIGN.md §5) and what they hold. ${SCOPE_RULE} Without a token, every operation but \`viewer\` (and public notices) answers UNAUTHENTICATED; a role without the permission gets FORBIDDEN.`,
    '',
    '| permission | meaning | roles |',
    '|---|---|---|',
    ...(Object.entries(PERMISSIONS) as [Permission, string][]).map(([permission, meaning]) => `| \`${permission}\` | ${meaning} | ${(rolesAllowed(permission) as Role[]).join(', ')} |`),
    '',
    '| operation | kind | permission | roles | rule |',
    '|---|---|---|---|---|',
    ...Object.entries(OPERATIONS)
      .sort(([a, pa], [b, pb]) => pa.kind.localeCompare(pb.kind) || a.localeCompare(b))
      .map(([name, p]) => {
        const roles = rolesAllowed(p.permission);
        return `| \`${name}\` | ${p.kind} | ${p.permission === 'none' || p.permission === 'public' ? '—' : `\`${p.permission}\``} | ${roles === 'everyone' ? 'everyone' : roles.join(', ')} | ${p.rule ?? ''} |`;
      }),
    '',
  ];
  return lines.join('\n');
}
