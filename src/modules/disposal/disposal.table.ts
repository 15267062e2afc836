import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { assetChildKey } from '../assets/assets.table';
import { incomeTable } from '../income/income.table';

export const DISPOSAL_METHODS = ['TRANSFER', 'AUCTION', 'SCRAP', 'WRITE_OFF', 'DEMOLITION'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];
export const DISPOSAL_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'COMPLETED'] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];

/**
 * 处置: an asset's disposal, from the request (the asset goes UNDER_DISPOSAL) through the
 * township's then the county's approval to completion (DISPOSED, proceeds as income), or a
 * rejection (the asset returns to the status it had). One open disposal per asset (an index).
 */
export const disposalTable = pgTable(
  'disposal',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    method: text('method', { enum: DISPOSAL_METHODS }).notNull(),
    reason: text('reason').notNull(),
    appraisedValueFen: bigint('appraised_value_fen', { mode: 'bigint' }).notNull(),
    /** The asset's status before the request: a rejection returns it there. */
    previousStatus: text('previous_status').notNull(),
    status: text('status', { enum: DISPOSAL_STATUSES }).notNull().default('REQUESTED'),
    requestedBy: text('requested_by'),
    requestedOn: date('requested_on').notNull(),
    townshipApprovedBy: text('township_approved_by'),
    townshipApprovedOn: date('township_approved_on'),
    countyApprovedBy: text('county_approved_by'),
    countyApprovedOn: date('county_approved_on'),
    rejectedBy: text('rejected_by'),
    rejectedOn: date('rejected_on'),
    rejectReason: text('reject_reason'),
    completedOn: date('completed_on'),
    buyer: text('buyer'),
    /** The DISPOSAL_PROCEEDS income record received with the completion, if any. */
    proceedsIncomeId: bigint('proceeds_income_id', { mode: 'number' }).references(() => incomeTable.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    assetChildKey('disposal_asset_fk', t.assetId, t.regionCode),
    check('disposal_appraisal', sql`${t.appraisedValueFen} >= 0`),
    uniqueIndex('disposal_one_open_per_asset').on(t.assetId).where(sql`${t.status} in ('REQUESTED', 'APPROVED')`),
    index('disposal_asset_idx').on(t.assetId, t.id),
    index('disposal_region_idx').on(t.regionCode, t.id),
  ],
);

export type DisposalRow = typeof disposalTable.$inferSelect;
