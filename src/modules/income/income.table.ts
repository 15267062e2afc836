import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { assetChildKey } from '../assets/assets.table';
import { planTable } from '../allocation/allocation.table';
import { contractTable } from '../contracts/contracts.table';
import { partyTable } from '../parties/parties.table';

export const INCOME_KINDS = ['RENT', 'CONTRACT_FEE', 'DIVIDEND', 'ELECTRICITY_SALES', 'SALES', 'DISPOSAL_PROCEEDS', 'OTHER'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
export const ACCOUNT_TYPES = ['VILLAGE_COLLECTIVE', 'TOWNSHIP_AGENCY', 'COUNTY_FISCAL_SPECIAL', 'PERSONAL'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/**
 * 资产收益: money an asset earned, as received. Append-only: a mistake is corrected by a
 * reversal (红字冲销), a record of the negative amount that references the original; a record
 * is reversed at most once (a unique index), and a reversal is never reversed.
 */
export const incomeTable = pgTable(
  'income_record',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    contractId: bigint('contract_id', { mode: 'number' }).references(() => contractTable.id),
    kind: text('kind', { enum: INCOME_KINDS }).notNull(),
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    receivedOn: date('received_on').notNull(),
    accountType: text('account_type', { enum: ACCOUNT_TYPES }).notNull(),
    voucherNo: text('voucher_no'),
    reversesId: bigint('reverses_id', { mode: 'number' }).references((): AnyPgColumn => incomeTable.id),
    note: text('note'),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    assetChildKey('income_record_asset_fk', t.assetId, t.regionCode),
    // A receipt is positive; its reversal is negative and names it.
    check('income_record_sign', sql`(${t.reversesId} is null and ${t.amountFen} > 0) or (${t.reversesId} is not null and ${t.amountFen} < 0)`),
    check('income_record_period', sql`${t.periodFrom} is null or ${t.periodTo} is null or ${t.periodTo} >= ${t.periodFrom}`),
    uniqueIndex('income_record_reversed_once').on(t.reversesId),
    index('income_record_asset_idx').on(t.assetId, t.receivedOn),
    index('income_record_region_idx').on(t.regionCode, t.receivedOn, t.id),
    index('income_record_contract_idx').on(t.contractId, t.receivedOn),
  ],
);

/**
 * An owner's part of an income record (收益分配到权属主体): apportioned on receipt by the shares
 * in force that day. A reversal's parts mirror the original's with the opposite sign. The part
 * carries both the asset's region (it belongs to the asset) and the owner's (an owner's pool is
 * read in the owner's scope: a village's share of a jointly built station elsewhere is its own).
 */
export const incomePartTable = pgTable(
  'income_part',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    incomeId: bigint('income_id', { mode: 'number' })
      .notNull()
      .references(() => incomeTable.id),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    ownerPartyId: bigint('owner_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    ownerRegionCode: bigint('owner_region_code', { mode: 'number' }).notNull(),
    shareBp: integer('share_bp').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    receivedOn: date('received_on').notNull(),
    /** The live allocation plan that takes this part (income, part 2); null while in the pool. */
    planId: bigint('plan_id', { mode: 'number' }).references(() => planTable.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    assetChildKey('income_part_asset_fk', t.assetId, t.regionCode),
    check('income_part_share', sql`${t.shareBp} between 1 and 10000`),
    index('income_part_owner_idx').on(t.ownerPartyId, t.receivedOn, t.id),
    index('income_part_income_idx').on(t.incomeId),
    index('income_part_owner_region_idx').on(t.ownerRegionCode),
    index('income_part_plan_idx').on(t.planId),
    // The plans holding an asset's income (its timeline, Q2): only the parts in plans, so it
    // stays small; without it the lookup read every part of the viewer's scope.
    index('income_part_asset_plan_idx').on(t.assetId, t.planId).where(sql`${t.planId} is not null`),
    // A region's parts in a period (the reconciliation), by where their asset stands.
    index('income_part_region_idx').on(t.regionCode, t.receivedOn),
  ],
);

export type IncomeRow = typeof incomeTable.$inferSelect;
export type IncomePartRow = typeof incomePartTable.$inferSelect;
