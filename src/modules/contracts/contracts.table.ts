import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { assetChildKey } from '../assets/assets.table';
import { partyTable } from '../parties/parties.table';

export const CONTRACT_MODES = ['SELF_OPERATED', 'LEASED', 'CONTRACTED', 'EQUITY', 'ENTRUSTED'] as const;
export type ContractMode = (typeof CONTRACT_MODES)[number];
export const PAYMENT_CYCLES = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'] as const;
export type PaymentCycle = (typeof PAYMENT_CYCLES)[number];
/** Months in one payment period. */
export const CYCLE_MONTHS: Record<PaymentCycle, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };
export const CONTRACT_STATUSES = ['ACTIVE', 'ENDED', 'TERMINATED'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/**
 * 运营合同: how an operating asset earns — leased, contracted, invested or run by its owners —
 * for a term, at an agreed income per year paid per cycle. The term runs from `starts_on` to
 * `ends_on` (both included); an ended or terminated contract stops at `ended_on`. The contracts
 * of one asset never overlap (checked under the asset's lock).
 */
export const contractTable = pgTable(
  'operating_contract',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    operatorPartyId: bigint('operator_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    mode: text('mode', { enum: CONTRACT_MODES }).notNull(),
    contractNo: text('contract_no'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    endedOn: date('ended_on'),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('ACTIVE'),
    agreedIncomeFen: bigint('agreed_income_fen', { mode: 'bigint' }).notNull(),
    paymentCycle: text('payment_cycle', { enum: PAYMENT_CYCLES }).notNull(),
    renewsContractId: bigint('renews_contract_id', { mode: 'number' }).references((): AnyPgColumn => contractTable.id),
    /**
     * What the contract has received to date, net of reversals: kept by every income write in its
     * own transaction, so today's arrears read one column instead of summing a contract's income.
     */
    receivedFen: bigint('received_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    /**
     * The due date of its first period not paid in full by `received_fen` (payments go to the
     * oldest period first); null when paid through its end, or when it agrees no income. Kept
     * with `received_fen`: today's arrears read only the contracts whose date has passed.
     */
    firstUnpaidOn: date('first_unpaid_on'),
    // The calendar of its periods as integers, kept by PostgreSQL with the row (generated): the
    // period arithmetic of arrears and expected income reads them instead of working them out of
    // the dates and the cycle's name for every contract on every request.
    /** Months per period (1, 3, 6, 12). */
    monthsPerPeriod: integer('months_per_period').generatedAlwaysAs(sql`case payment_cycle when 'MONTHLY' then 1 when 'QUARTERLY' then 3 when 'HALF_YEARLY' then 6 else 12 end`),
    /** Periods per year (12, 4, 2, 1). */
    periodsPerYear: integer('periods_per_year').generatedAlwaysAs(sql`case payment_cycle when 'MONTHLY' then 12 when 'QUARTERLY' then 4 when 'HALF_YEARLY' then 2 else 1 end`),
    /** The start's month as year × 12 + month, and its day of the month. */
    startMonth: integer('start_month').generatedAlwaysAs(sql`(extract(year from starts_on) * 12 + extract(month from starts_on))::int`),
    startDay: integer('start_day').generatedAlwaysAs(sql`extract(day from starts_on)::int`),
    /** The index of its last period (the one its effective end falls in: contracts.store `monthsTo` the end, in periods); meaningless when it ends before it starts. */
    lastPeriod: integer('last_period').generatedAlwaysAs(
      sql`((extract(year from coalesce(ended_on, ends_on)) * 12 + extract(month from coalesce(ended_on, ends_on)) - extract(year from starts_on) * 12 - extract(month from starts_on))::int
        - (case when extract(day from starts_on) > (case when extract(day from coalesce(ended_on, ends_on) + 1) = 1 then 31 else extract(day from coalesce(ended_on, ends_on)) end) then 1 else 0 end))
        / (case payment_cycle when 'MONTHLY' then 1 when 'QUARTERLY' then 3 when 'HALF_YEARLY' then 6 else 12 end)`,
    ),
    endReason: text('end_reason'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    assetChildKey('operating_contract_asset_fk', t.assetId, t.regionCode),
    check('operating_contract_term', sql`${t.endsOn} >= ${t.startsOn} and (${t.endedOn} is null or (${t.endedOn} >= ${t.startsOn} - 1 and ${t.endedOn} <= ${t.endsOn}))`),
    check('operating_contract_income_not_negative', sql`${t.agreedIncomeFen} >= 0`),
    index('operating_contract_asset_idx').on(t.assetId, t.startsOn),
    index('operating_contract_region_idx').on(t.regionCode, t.id),
    index('operating_contract_operator_idx').on(t.operatorPartyId),
    // A contract is renewed once: renewals form a chain, never a fork.
    uniqueIndex('operating_contract_renewed_once').on(t.renewsContractId),
    index('operating_contract_first_unpaid_idx').on(t.regionCode, t.firstUnpaidOn),
  ],
);

export type ContractRow = typeof contractTable.$inferSelect;
