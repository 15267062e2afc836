/**
 * What a check is: one read-only SQL statement over the register, confined to the caller's scope
 * and region, as of a date, with its thresholds from the rule parameters in force for each row's
 * county unless the caller overrides them. It yields one row per problem:
 *   subject_type, subject_id — what the finding is about (Asset, OperatingContract, …);
 *   asset_id — the asset it concerns, when there is one;
 *   region_code — where it stands (the caller's scope applies to it);
 *   amount_fen — the money involved (an asset's value when no money moves);
 *   evidence — the measured facts, as jsonb; message_zh, message_en — what is wrong, in words.
 * Its result is a function of the data, the parameters and the date only.
 */
import { sql, type SQL } from 'drizzle-orm';
import { inScope, inSubtree } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { ruleValueSql, type RuleName } from '../rules/rules.service';
import { statusOnSql } from '../assets/assets.service';
import type { AuditCheck } from './checks.catalog';

export interface CheckContext {
  viewer: Viewer;
  regionPrefix: string;
  asOf: string;
  /** The business date today (some figures are kept for today and recomputed for other dates). */
  today: string;
  /** Rules the caller set for this run. */
  overrides: ReadonlyMap<RuleName, number>;
  /** The caller's scope and the region asked for, over a region-code column. */
  within(regionCode: SQL): SQL;
  /** The rule in force on the date for the row's county, or the caller's override. */
  rule(name: RuleName, regionCode: SQL): SQL;
  /**
   * The status on the date of the asset aliased `asset`: the register's own as of today or later
   * (no status change takes effect in the future, so the last one is the register's status), else
   * from its status changes (none before its registration: no status, so no check holds it). Read
   * per asset, the changes cost an index probe an asset: seconds over a province, for the date
   * most runs ask.
   */
  statusOn(asset: string): SQL;
}

export interface CheckDefinition {
  name: AuditCheck;
  /** The rule parameters it reads (an override of another is refused). */
  rules: readonly RuleName[];
  sql(c: CheckContext): SQL;
}

export function checkContext(viewer: Viewer, regionPrefix: string, asOf: string, today: string, overrides: ReadonlyMap<RuleName, number>): CheckContext {
  return {
    viewer,
    regionPrefix,
    asOf,
    today,
    overrides,
    within: (regionCode) => sql`(${inScope(regionCode, viewer)} and ${inSubtree(regionCode, regionPrefix)})`,
    rule: (name, regionCode) => {
      const value = overrides.get(name);
      return value === undefined ? sql`(${ruleValueSql(name, regionCode, asOf)})` : sql`(${value}::int)`;
    },
    statusOn: (asset) => (asOf >= today ? sql.raw(`${asset}.status`) : statusOnSql(sql.raw(`${asset}.id`), asOf)),
  };
}

/** Yuan, as messages write it. */
export const yuan = (fen: SQL) => sql`to_char((${fen})::numeric / 100, 'FM999,999,999,990.00')`;
