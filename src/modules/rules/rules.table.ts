import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { regionTable } from '../regions/regions.table';

/**
 * 各地规则: an override of a named rule parameter for a province, city or county, in force from
 * a date. The defaults live in the code (rules.catalog.ts); an override applies to its region's
 * subtree from `valid_from` until a later override of the same rule and region replaces it.
 */
export const ruleParameterTable = pgTable(
  'rule_parameter',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** What the value is for, for rules that vary by it (an asset category); '' for all. */
    subject: text('subject').notNull().default(''),
    regionCode: bigint('region_code', { mode: 'number' })
      .notNull()
      .references(() => regionTable.code),
    value: integer('value').notNull(),
    validFrom: date('valid_from').notNull(),
    note: text('note'),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rule_parameter_key').on(t.name, t.subject, t.regionCode, t.validFrom),
    index('rule_parameter_region_idx').on(t.regionCode),
    check('rule_parameter_value_not_negative', sql`${t.value} >= 0`),
  ],
);

export type RuleParameterRow = typeof ruleParameterTable.$inferSelect;
