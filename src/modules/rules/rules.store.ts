/** SQL of rule parameter overrides. Rules are policy, read for a region and the regions above it whatever the viewer's scope. */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { run } from '../../db/queries';
import { ruleParameterTable as rule, type RuleParameterRow } from './rules.table';

/** The overrides set for any of these regions that are in force by a date (a later one of the same key replaces an earlier one). */
export function overridesFor(db: Db, regionCodes: readonly number[], asOf: string): Promise<RuleParameterRow[]> {
  return run(
    'ruleOverrides',
    db
      .select()
      .from(rule)
      .where(and(sql`${rule.regionCode} = any(${sql.param(regionCodes)}::bigint[])`, lte(rule.validFrom, asOf)))
      .orderBy(rule.validFrom, rule.id),
  );
}

export type NewOverride = Omit<typeof rule.$inferInsert, 'id' | 'createdAt'>;

/** Sets an override, replacing one of the same rule, subject, region and start date. Returns it and what it replaced. */
export async function upsertOverride(tx: Db, values: NewOverride): Promise<{ row: RuleParameterRow; replaced: RuleParameterRow | undefined }> {
  const [replaced] = await run(
    'lockRuleOverride',
    tx
      .select()
      .from(rule)
      .where(and(eq(rule.name, values.name), eq(rule.subject, values.subject ?? ''), eq(rule.regionCode, values.regionCode), eq(rule.validFrom, values.validFrom)))
      .for('update'),
  );
  if (replaced) {
    const [row] = await run('updateRuleOverride', tx.update(rule).set({ value: values.value, note: values.note, actorId: values.actorId }).where(eq(rule.id, replaced.id)).returning());
    return { row: row!, replaced };
  }
  const [inserted] = await run('insertRuleOverride', tx.insert(rule).values(values).onConflictDoNothing().returning());
  // Nothing inserted: a concurrent call committed the same override first; it is there now to replace.
  return inserted ? { row: inserted, replaced: undefined } : upsertOverride(tx, values);
}
