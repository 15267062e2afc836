/**
 * The rule parameters (各地规则, DESIGN.md §3 RuleParameter): every threshold income, plans and
 * the audit checks read, with its default, unit and bounds. A province, city or county may
 * override one from a date (setRuleParameter); `rulesInForce` answers the value for a region.
 */
import { ASSET_CATEGORIES } from '../assets/assets.service';

export const RULE_UNITS = ['DAYS', 'BASIS_POINTS', 'YEARS', 'YEAR'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];

export interface RuleDefinition {
  default: number;
  unit: RuleUnit;
  min: number;
  max: number;
  zh: string;
  en: string;
  /** The subjects an override may be given for (asset categories); none: one value for all. */
  subjects?: readonly string[];
}

export const RULES = {
  MIN_PUBLICITY_DAYS: { default: 10, unit: 'DAYS', min: 1, max: 90, zh: '分配方案公示最短天数', en: 'Shortest publicity (公示) of an allocation plan' },
  CASH_SHARE_CAP_BP: { default: 3000, unit: 'BASIS_POINTS', min: 0, max: 10000, zh: '到户现金分红占方案比例上限', en: "Household cash dividends' largest share of a plan (防止一分了之)" },
  IDENTICAL_DIVIDEND_SHARE_BP: {
    default: 9000,
    unit: 'BASIS_POINTS',
    min: 0,
    max: 10000,
    zh: '分红金额相同的农户占比预警线',
    en: 'Share of paid households receiving identical amounts that counts as egalitarian hand-outs',
  },
  IDLE_DAYS: { default: 180, unit: 'DAYS', min: 1, max: 3650, zh: '资产闲置天数预警线', en: 'Days an asset may stay IDLE before it is reported' },
  NO_INCOME_DAYS: { default: 365, unit: 'DAYS', min: 1, max: 3650, zh: '经营性资产无收益天数预警线', en: 'Days an operating asset may go without income before it is reported' },
  INSPECTION_INTERVAL_DAYS: {
    default: 90,
    unit: 'DAYS',
    min: 1,
    max: 3660,
    zh: '巡查周期（默认，可按资产类型）',
    en: 'Interval of an inspection duty when none is given, by asset category',
    subjects: ASSET_CATEGORIES,
  },
  INSPECTION_OVERDUE_SHARE_BP: {
    default: 5000,
    unit: 'BASIS_POINTS',
    min: 0,
    max: 100000,
    zh: '巡查超期容忍（周期的比例）',
    en: 'How far past due, as a share of its interval, a duty may go before it is reported',
  },
  INCOME_GRACE_DAYS: { default: 30, unit: 'DAYS', min: 0, max: 365, zh: '收益到期宽限天数', en: 'Days after its due date before unpaid contract income is in arrears' },
  MAX_CONTRACT_YEARS: { default: 20, unit: 'YEARS', min: 1, max: 70, zh: '经营合同最长年限', en: 'Longest term of an operating contract' },
  SCOPE_START_YEAR: { default: 2013, unit: 'YEAR', min: 1980, max: 2100, zh: '纳入管理的项目起始年度', en: 'First project year whose assets are in scope of the checks' },
  MIN_YIELD_BP: { default: 300, unit: 'BASIS_POINTS', min: 0, max: 10000, zh: '经营性资产最低年收益率', en: "An operating asset's lowest acceptable yearly income, as a share of its value" },
  OWNERSHIP_UNCONFIRMED_DAYS: { default: 180, unit: 'DAYS', min: 1, max: 3650, zh: '验收后确权期限', en: 'Days after acceptance by which ownership must be confirmed' },
  DAMAGE_NOT_REPAIRED_DAYS: { default: 60, unit: 'DAYS', min: 1, max: 3650, zh: '损坏未修复预警天数', en: 'Days an asset may stay DAMAGED without maintenance' },
  INCOME_UNALLOCATED_DAYS: { default: 365, unit: 'DAYS', min: 1, max: 3650, zh: '收益沉淀预警天数', en: 'Days income may lie in a pool in no approved plan' },
  DISBURSEMENT_OVERDUE_DAYS: { default: 60, unit: 'DAYS', min: 1, max: 3650, zh: '方案批准后兑付期限', en: "Days after a plan's approval by which its lines must be paid" },
  DISPOSAL_PROCEEDS_DAYS: { default: 60, unit: 'DAYS', min: 1, max: 3650, zh: '处置收入到账期限', en: 'Days after a sale or auction by which its proceeds must arrive' },
  LOW_PRICE_DISPOSAL_BP: { default: 9000, unit: 'BASIS_POINTS', min: 0, max: 10000, zh: '处置价格不低于评估价比例', en: 'Proceeds below this share of the appraisal are a low-price disposal' },
  LOW_LEASE_BP: { default: 8000, unit: 'BASIS_POINTS', min: 0, max: 10000, zh: '新租金不低于原租金比例', en: 'A new lease below this share of the previous one is reported' },
  DUPLICATE_VALUE_TOLERANCE_BP: { default: 100, unit: 'BASIS_POINTS', min: 0, max: 10000, zh: '疑似重复登记的价值误差', en: 'Values this close count as the same in the duplicate check' },
  REPEAT_FINDING_DAYS: { default: 365, unit: 'DAYS', min: 1, max: 3650, zh: '问题重复发生认定天数', en: 'A finding within this many days of a closed one of the same kind is a repeat' },
} as const satisfies Record<string, RuleDefinition>;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];
