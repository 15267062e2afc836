import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { partyTable } from '../parties/parties.table';

/** The purposes income may be spent on (DESIGN.md §3 AllocationPlan); a forbidden use has no code. */
export const PURPOSES = [
  'OPERATION_MAINTENANCE',
  'PUBLIC_WELFARE_POST_WAGES',
  'VILLAGE_PUBLIC_WELFARE',
  'AWARD_SUBSIDY',
  'RELIEF_NO_LABOR',
  'HOUSEHOLD_DIVIDEND',
  'INDUSTRY_UPGRADE',
  'COLLECTIVE_ECONOMY',
  'CARRY_FORWARD',
] as const;
export type Purpose = (typeof PURPOSES)[number];
export const PLAN_STATUSES = ['DRAFT', 'PUBLICIZED', 'APPROVED', 'COMPLETED', 'CANCELLED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PAYMENT_METHODS = ['BANK', 'ONE_CARD', 'CASH', 'INTERNAL'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * 收益分配方案: how one owner's income (the parts of its pool received in a period) is to be
 * used. The parts it takes carry its id (income_part.plan_id) until it is cancelled; `pool_fen`
 * is their sum when it was drawn up. DRAFT → PUBLICIZED (公示) → APPROVED (村民会议决议) →
 * COMPLETED when every line is paid; CANCELLED from DRAFT or PUBLICIZED.
 */
export const planTable = pgTable(
  'allocation_plan',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerPartyId: bigint('owner_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    /** The owner's region: who sees and works the plan. */
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('DRAFT'),
    poolFen: bigint('pool_fen', { mode: 'bigint' }).notNull(),
    publicityStartsOn: date('publicity_starts_on'),
    publicityDays: integer('publicity_days'),
    resolutionNo: text('resolution_no'),
    resolutionOn: date('resolution_on'),
    townshipReviewRef: text('township_review_ref'),
    cancelReason: text('cancel_reason'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('allocation_plan_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('allocation_plan_pool_positive', sql`${t.poolFen} > 0`),
    index('allocation_plan_owner_idx').on(t.ownerPartyId, t.id),
    index('allocation_plan_region_idx').on(t.regionCode, t.id),
  ],
);

/** A line of a plan: a purpose, an amount, who benefits; `paid_fen` is what its disbursements paid, net of reversals. */
export const lineTable = pgTable(
  'allocation_line',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: bigint('plan_id', { mode: 'number' })
      .notNull()
      .references(() => planTable.id),
    position: integer('position').notNull(),
    purpose: text('purpose', { enum: PURPOSES }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    beneficiaryRule: text('beneficiary_rule'),
    paidFen: bigint('paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [
    check('allocation_line_amount_positive', sql`${t.amountFen} > 0`),
    // Σ disbursements of a line ≤ the line, kept by the database too.
    check('allocation_line_paid_within', sql`${t.paidFen} >= 0 and ${t.paidFen} <= ${t.amountFen}`),
    uniqueIndex('allocation_line_position').on(t.planId, t.position),
  ],
);

/** A party a line names as its beneficiary (受益对象), e.g. the households of a dividend: shown masked on the public notice. */
export const beneficiaryTable = pgTable(
  'allocation_beneficiary',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lineId: bigint('line_id', { mode: 'number' })
      .notNull()
      .references(() => lineTable.id),
    partyId: bigint('party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
  },
  (t) => [uniqueIndex('allocation_beneficiary_line_party').on(t.lineId, t.partyId)],
);

/** 兑付: money paid against a line of an APPROVED plan. Append-only: a mistake is reversed (negative, naming the original, once). */
export const disbursementTable = pgTable(
  'disbursement',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lineId: bigint('line_id', { mode: 'number' })
      .notNull()
      .references(() => lineTable.id),
    planId: bigint('plan_id', { mode: 'number' })
      .notNull()
      .references(() => planTable.id),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on').notNull(),
    payeePartyId: bigint('payee_party_id', { mode: 'number' }).references(() => partyTable.id),
    /** A payee that is no party of the register (a person): personal data, masked for roles that may not read it. */
    payeeName: text('payee_name'),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    voucherNo: text('voucher_no'),
    reversesId: bigint('reverses_id', { mode: 'number' }).references((): AnyPgColumn => disbursementTable.id),
    note: text('note'),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('disbursement_sign', sql`(${t.reversesId} is null and ${t.amountFen} > 0) or (${t.reversesId} is not null and ${t.amountFen} < 0)`),
    check('disbursement_payee', sql`${t.payeePartyId} is not null or ${t.payeeName} is not null`),
    uniqueIndex('disbursement_reversed_once').on(t.reversesId),
    index('disbursement_line_idx').on(t.lineId, t.id),
    index('disbursement_plan_idx').on(t.planId, t.id),
  ],
);

export type PlanRow = typeof planTable.$inferSelect;
export type LineRow = typeof lineTable.$inferSelect;
export type DisbursementRow = typeof disbursementTable.$inferSelect;
export type BeneficiaryRow = typeof beneficiaryTable.$inferSelect;
