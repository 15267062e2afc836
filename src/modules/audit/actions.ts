/**
 * Every action the audit trail records, `<entity>.<verb>`: the audit trail's vocabulary, so
 * that a reader (and the `action` filter) can rely on the list, and the writer refuses a typo.
 */
export const AUDIT_ACTIONS = [
  'party.create',
  'party.update',
  'project.create',
  'project.update',
  'asset.register',
  'asset.import',
  'asset.update',
  'asset.changeStatus',
  'asset.confirmOwnership',
  'custody.assign',
  'custody.end',
  'custody.addDuty',
  'custody.updateDuty',
  'maintenance.record',
  'stocktake.open',
  'stocktake.recordResults',
  'stocktake.importResults',
  'stocktake.close',
  'rule.set',
  'contract.create',
  'contract.end',
  'income.record',
  'income.reverse',
  'plan.create',
  'plan.update',
  'plan.publicize',
  'plan.approve',
  'plan.cancel',
  'plan.complete',
  'plan.reopen',
  'disbursement.record',
  'disbursement.reverse',
  'bankStatement.import',
  'bankStatement.matchLine',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
