/**
 * The automated audit checks (自动核查, DESIGN.md §4): their names, severity and titles. Each
 * check's one SQL statement lives in definitions/, in the file named after it.
 */
export const AUDIT_CHECKS = [
  'FUNDING_MISMATCH',
  'SUSPECTED_DUPLICATE',
  'OWNERSHIP_UNCONFIRMED',
  'OWNER_KIND_MISMATCH',
  'PUBLIC_WELFARE_WITHOUT_CUSTODIAN',
  'CUSTODY_INCOMPLETE',
  'INSPECTION_OVERDUE',
  'DAMAGE_NOT_REPAIRED',
  'OPERATING_WITHOUT_CONTRACT',
  'CONTRACT_EXPIRED_NOT_RENEWED',
  'CONTRACT_TOO_LONG',
  'ASSET_IDLE',
  'INCOME_ARREARS',
  'LOW_YIELD',
  'INCOME_TO_PERSONAL_ACCOUNT',
  'INCOME_UNALLOCATED',
  'CASH_SHARE_EXCEEDED',
  'DISBURSEMENT_OVERDUE',
  'DISPOSAL_PROCEEDS_MISSING',
  'LOW_PRICE_DISPOSAL',
  'STOCKTAKE_DISCREPANCY',
  'NOT_STOCKTAKEN',
  'RECTIFICATION_OVERDUE',
] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

export const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECK_TITLES: Record<AuditCheck, { zh: string; en: string; severity: Severity }> = {
  FUNDING_MISMATCH: { zh: '资金构成不平', en: "Funding does not add up to the asset's value, or a project's assets exceed its investment", severity: 'HIGH' },
  SUSPECTED_DUPLICATE: { zh: '疑似重复登记', en: 'Registered twice, by the look of it', severity: 'MEDIUM' },
  OWNERSHIP_UNCONFIRMED: { zh: '未确权', en: 'Ownership not confirmed in time after acceptance', severity: 'HIGH' },
  OWNER_KIND_MISMATCH: { zh: '权属主体不符', en: "The owner's kind does not fit the asset's class", severity: 'MEDIUM' },
  PUBLIC_WELFARE_WITHOUT_CUSTODIAN: { zh: '公益性资产无管护主体', en: 'A public-welfare asset in use with no custodian', severity: 'HIGH' },
  CUSTODY_INCOMPLETE: { zh: '管护要素不全', en: 'Custody without a responsible person or a funding arrangement', severity: 'MEDIUM' },
  INSPECTION_OVERDUE: { zh: '巡查超期', en: 'A duty far past its due date', severity: 'MEDIUM' },
  DAMAGE_NOT_REPAIRED: { zh: '损坏未修复', en: 'Damaged and not repaired', severity: 'HIGH' },
  OPERATING_WITHOUT_CONTRACT: { zh: '有资产无合同', en: 'An operating asset in use with no contract', severity: 'HIGH' },
  CONTRACT_EXPIRED_NOT_RENEWED: { zh: '到期未续签', en: 'The contract ended, the asset is still operated or still pays', severity: 'MEDIUM' },
  CONTRACT_TOO_LONG: { zh: '合同期限过长', en: 'A contract longer than the longest term allowed', severity: 'LOW' },
  ASSET_IDLE: { zh: '资产闲置', en: 'Idle, or an operating asset without income', severity: 'MEDIUM' },
  INCOME_ARREARS: { zh: '收益未收缴', en: 'Contract income due and not received', severity: 'HIGH' },
  LOW_YIELD: { zh: '收益率偏低', en: "Last twelve months' income below the lowest yield of the asset's value", severity: 'LOW' },
  INCOME_TO_PERSONAL_ACCOUNT: { zh: '收益未入规定账户', en: 'Income received into a personal account', severity: 'HIGH' },
  INCOME_UNALLOCATED: { zh: '收益长期沉淀', en: "Income lying in an owner's pool in no approved plan", severity: 'MEDIUM' },
  CASH_SHARE_EXCEEDED: { zh: '一分了之', en: 'Household dividends over the cash share cap, or nearly all households paid the same', severity: 'HIGH' },
  DISBURSEMENT_OVERDUE: { zh: '兑付未完成', en: "An approved line not paid in full long after the plan's approval", severity: 'MEDIUM' },
  DISPOSAL_PROCEEDS_MISSING: { zh: '处置收入未到账', en: 'A sale or auction completed with no proceeds in time', severity: 'HIGH' },
  LOW_PRICE_DISPOSAL: { zh: '低价处置', en: 'Sold below the appraisal, or leased again well below the previous lease', severity: 'HIGH' },
  STOCKTAKE_DISCREPANCY: { zh: '账实不符', en: 'The last stocktake found the asset missing, damaged or used otherwise than the register says', severity: 'HIGH' },
  NOT_STOCKTAKEN: { zh: '未盘点', en: 'Left without a result in a closed stocktake', severity: 'MEDIUM' },
  RECTIFICATION_OVERDUE: { zh: '整改逾期', en: 'A finding past its rectification date, or found again within a year of closing', severity: 'HIGH' },
};
