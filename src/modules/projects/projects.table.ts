import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { partyTable } from '../parties/parties.table';
import { regionTable } from '../regions/regions.table';

export const PROJECT_KINDS = ['INDUSTRY', 'INFRASTRUCTURE', 'PUBLIC_SERVICE', 'HOUSING', 'EMPLOYMENT', 'OTHER'] as const;
export const PROJECT_STATUSES = ['PLANNED', 'IN_PROGRESS', 'COMPLETED', 'ACCEPTED'] as const;
export const FUNDING_SOURCES = [
  'CENTRAL_FISCAL',
  'PROVINCIAL_FISCAL',
  'CITY_FISCAL',
  'COUNTY_FISCAL',
  'GOVERNMENT_BOND',
  'EAST_WEST_COOPERATION',
  'DESIGNATED_ASSISTANCE',
  'SOCIAL_DONATION',
  'SELF_RAISED',
  'OTHER',
] as const;

/** 扶贫项目: the project whose money formed assets; scoped by its county. */
export const projectTable = pgTable(
  'project',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    /** The county (or any region) that runs the project: decides who sees it. */
    regionCode: bigint('region_code', { mode: 'number' })
      .notNull()
      .references(() => regionTable.code),
    kind: text('kind', { enum: PROJECT_KINDS }).notNull(),
    implementingPartyId: bigint('implementing_party_id', { mode: 'number' }).references(() => partyTable.id),
    status: text('status', { enum: PROJECT_STATUSES }).notNull(),
    startedOn: date('started_on'),
    completedOn: date('completed_on'),
    acceptedOn: date('accepted_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_code_key').on(t.code),
    index('project_region_idx').on(t.regionCode, t.id),
    index('project_year_idx').on(t.year),
    index('project_implementing_party_idx').on(t.implementingPartyId),
  ],
);

/** 资金来源: the project's investment by source. */
export const projectFundingTable = pgTable(
  'project_funding',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => projectTable.id),
    source: text('source', { enum: FUNDING_SOURCES }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [check('project_funding_amount_positive', sql`${t.amountFen} > 0`), index('project_funding_project_idx').on(t.projectId)],
);

export type ProjectRow = typeof projectTable.$inferSelect;
export type ProjectFundingRow = typeof projectFundingTable.$inferSelect;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
