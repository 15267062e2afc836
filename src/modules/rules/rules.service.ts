/**
 * 各地规则 (rule parameters, DESIGN.md §3 RuleParameter): the value of a named parameter for a
 * region on a date is the latest override in force of the most specific region that has one —
 * county, then city, then province (for a subject, its own override before the rule's general
 * one at each level) — else the default. Income, plans and the audit checks read every threshold
 * through `rulesInForce`; ADMIN overrides a value for a province, city or county from a date.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withTransaction, type Tx } from '../../db/transaction';
import { UserErrorCode, UserErrors, defineErrorCodes, ok, optionalText, refused, text, type Outcome } from '../../graphql/user-errors';
import { recordAuditEvent } from '../audit/audit.service';
import { ancestorsOf, levelOf, numberToCode, significantPrefix } from '../regions/division-code';
import { findRegion } from '../regions/regions.service';
import { RULES, type RuleDefinition, type RuleName } from './rules.catalog';
import type { RuleParameterRow } from './rules.table';
import * as store from './rules.store';

export { RULES, RULE_NAMES, RULE_UNITS, type RuleName, type RuleUnit } from './rules.catalog';

export const RuleError = defineErrorCodes({
  RULE_REGION_LEVEL: text('规则只能按省、市、县设置', 'A rule parameter is set for a province, city or county.'),
  RULE_SUBJECT_NOT_ALLOWED: text('该规则不能按此对象分别设置', 'This rule does not vary by that subject.'),
});

/** A rule's value for a region, and where it comes from. */
export interface RuleValue {
  name: RuleName;
  /** The subject it is for ('' for all). */
  subject: string;
  value: number;
  definition: RuleDefinition;
  /** The override behind it; null for the default. */
  override: RuleParameterRow | null;
}

/** A region and the regions above it, most specific first (village → … → province). */
function chainOf(regionCode: number): number[] {
  return [regionCode, ...ancestorsOf(regionCode)];
}

/** The regions whose overrides may be in force in a region: it and every region above it (where its county's, city's and province's are set). */
export const rulingRegions = (regionCode: number): number[] => chainOf(regionCode);

/** The rules in force for one region on a date. */
export class RuleSet {
  constructor(
    private readonly chain: number[],
    /** The latest override in force per (name, subject, region). */
    private readonly overrides: Map<string, RuleParameterRow>,
  ) {}

  /** The value of a rule (for a subject, e.g. an asset category) with where it comes from. */
  lookup(name: RuleName, subject = ''): RuleValue {
    const definition: RuleDefinition = RULES[name];
    for (const region of this.chain) {
      for (const s of subject ? [subject, ''] : ['']) {
        const override = this.overrides.get(`${name}|${s}|${region}`);
        if (override) return { name, subject: s, value: override.value, definition, override };
      }
    }
    return { name, subject: '', value: definition.default, definition, override: null };
  }

  get(name: RuleName, subject = ''): number {
    return this.lookup(name, subject).value;
  }

  /** Every rule's value, with one line more for each subject an override exists for. */
  all(): RuleValue[] {
    const subjects = new Set([...this.overrides.values()].filter((o) => o.subject).map((o) => `${o.name}|${o.subject}`));
    return [
      ...(Object.keys(RULES) as RuleName[]).map((name) => this.lookup(name)),
      ...[...subjects].sort().map((key) => {
        const [name, subject] = key.split('|') as [RuleName, string];
        return this.lookup(name, subject);
      }),
    ];
  }
}

/** The rules in force for each of these regions on a date, from one statement. */
export async function rulesForRegions(db: Db, regionCodes: readonly number[], asOf: string): Promise<Map<number, RuleSet>> {
  const chains = new Map(regionCodes.map((code) => [code, chainOf(code)]));
  const rows = await store.overridesFor(db, [...new Set([...chains.values()].flat())], asOf);
  const latest = new Map<string, RuleParameterRow>();
  for (const row of rows) latest.set(`${row.name}|${row.subject}|${row.regionCode}`, row); // ordered by valid_from
  return new Map([...chains].map(([code, chain]) => [code, new RuleSet(chain, latest)]));
}

/** The rules in force for a region (an asset's village, an owner's region) on a date: the one way every rule is read. */
export async function rulesInForce(db: Db, regionCode: number, asOf: string): Promise<RuleSet> {
  return (await rulesForRegions(db, [regionCode], asOf)).get(regionCode)!;
}

/**
 * The same answer as `rulesInForce(…).get(name)`, as SQL over a region-code column: for lists
 * that span many counties (arrears across a province), each row gets its own county's value.
 * Overrides sit on a province, city or county, so a row's candidates are its three ancestors
 * (the most specific has the largest code).
 */
export function ruleValueSql(name: RuleName, regionCode: SQLWrapper, asOf: string | SQLWrapper): SQL<number> {
  // The overrides in force on the date, one per region, as a jsonb map built once per statement
  // (an uncorrelated subquery is an InitPlan): a row then costs three lookups, not a subquery of
  // its own. A province's check reads millions of rows.
  const inForce = sql`(select jsonb_object_agg(t.region_code::text, t.value) from (
    select distinct on (r.region_code) r.region_code, r.value from rule_parameter r
    where r.name = ${name} and r.subject = '' and r.valid_from <= ${asOf}
    order by r.region_code, r.valid_from desc, r.id desc) t)`;
  const at = (level: SQL) => sql`(${inForce} ->> (${level})::text)::int`;
  return sql<number>`coalesce(${at(sql`${regionCode} / 1000000 * 1000000`)}, ${at(sql`${regionCode} / 100000000 * 100000000`)}, ${at(sql`${regionCode} / 10000000000 * 10000000000`)}, ${RULES[name].default})`;
}

/** The smallest value a rule has anywhere on a date, as SQL: a bound that holds for every region (a prefilter before the exact rule per row). */
export function ruleMinimumSql(name: RuleName, asOf: string | SQLWrapper): SQL<number> {
  return sql<number>`(select least(${RULES[name].default}, coalesce(min(r.value), ${RULES[name].default})) from rule_parameter r where r.name = ${name} and r.valid_from <= ${asOf})`;
}

/** `ruleParameters(region, asOf)`: for a region in the viewer's scope or above it; empty otherwise. */
export async function ruleParameters(db: Db, viewer: Viewer, regionCode: string, asOf: string): Promise<RuleValue[]> {
  assertCan(viewer, 'read');
  // Rules are policy: a county sees its province's too.
  const inView = codeInScope(regionCode, viewer) || (viewer.role !== null && viewer.scope.startsWith(significantPrefix(regionCode)));
  if (!inView) return [];
  return (await rulesInForce(db, Number(regionCode), asOf)).all();
}

export interface SetRule {
  name: RuleName;
  regionCode: string;
  subject?: string | null;
  value: number;
  /** From when; today when omitted (a later date plans a change). */
  validFrom?: string | null;
  note?: string | null;
}

/** Sets an override of a rule for a province, city or county from a date (ADMIN). Returns the value then in force there. */
export async function setRuleParameterIn(tx: Tx, viewer: Viewer, clock: Clock, input: SetRule): Promise<Outcome<RuleValue>> {
  assertCan(viewer, 'rules:write');
  const errors = new UserErrors();
  const definition: RuleDefinition = RULES[input.name];
  const subject = input.subject?.trim() ?? '';
  if (subject && !definition.subjects?.includes(subject))
    errors.add(['input', 'subject'], RuleError.RULE_SUBJECT_NOT_ALLOWED, text(`${input.name} 不能按 ${subject} 分别设置`, `${input.name} does not vary by ${subject}`));
  if (!Number.isInteger(input.value) || input.value < definition.min || input.value > definition.max)
    errors.add(['input', 'value'], UserErrorCode.INVALID_VALUE, text(`${input.name} 的取值为 ${definition.min} 至 ${definition.max}`, `${input.name} takes ${definition.min} to ${definition.max}`));
  const level = levelOf(input.regionCode);
  if (!codeInScope(input.regionCode, viewer))
    errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, text(`区划 ${input.regionCode} 不在您的范围内`, `Region ${input.regionCode} is outside your scope`));
  else if (!['PROVINCE', 'CITY', 'COUNTY'].includes(level)) errors.add(['input', 'regionCode'], RuleError.RULE_REGION_LEVEL);
  else if (!(await findRegion(tx, viewer, input.regionCode)))
    errors.add(['input', 'regionCode'], UserErrorCode.REGION_NOT_FOUND, text(`没有区划代码 ${input.regionCode}`, `No region has code ${input.regionCode}`));
  const note = optionalText(errors, ['input', 'note'], input.note, 500, text('说明', 'Note'));
  if (errors.any) return refused(errors);
  const validFrom = input.validFrom ?? clock.today();
  const { row, replaced } = await store.upsertOverride(tx, { name: input.name, subject, regionCode: Number(input.regionCode), value: input.value, validFrom, note, actorId: viewer.userId });
  const image = (r: RuleParameterRow) => ({ name: r.name, subject: r.subject || null, regionCode: numberToCode(r.regionCode), value: r.value, validFrom: r.validFrom, note: r.note });
  await recordAuditEvent(tx, viewer, clock, {
    action: 'rule.set',
    entityType: 'RuleParameter',
    entityId: `${row.name}${row.subject ? `/${row.subject}` : ''}@${numberToCode(row.regionCode)}`,
    regionCode: row.regionCode,
    before: replaced ? image(replaced) : null,
    after: image(row),
  });
  return ok((await rulesInForce(tx, row.regionCode, validFrom)).lookup(input.name, subject));
}

export const setRuleParameter = (db: Db, viewer: Viewer, clock: Clock, input: SetRule) => withTransaction(db, (tx) => setRuleParameterIn(tx, viewer, clock, input));
