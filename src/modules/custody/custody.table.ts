import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { assetChildKey } from '../assets/assets.table';
import { partyTable } from '../parties/parties.table';
import { regionTable } from '../regions/regions.table';

export const DUTY_KINDS = ['INSPECTION', 'ROUTINE_MAINTENANCE', 'REPAIR', 'CLEANING', 'SAFETY_CHECK', 'OTHER'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];
export const MAINTENANCE_OUTCOMES = ['OK', 'ISSUE_FOUND', 'REPAIRED', 'NOT_REPAIRABLE'] as const;
export type MaintenanceOutcome = (typeof MAINTENANCE_OUTCOMES)[number];
export const STOCKTAKE_RESULTS = ['FOUND', 'NOT_FOUND', 'DAMAGED', 'USE_CHANGED'] as const;
export type StocktakeResult = (typeof STOCKTAKE_RESULTS)[number];
export const STOCKTAKE_STATUSES = ['OPEN', 'CLOSED'] as const;

/**
 * 管护责任: who looks after an asset from when to when. At most one open assignment per asset,
 * held by the database (a partial unique index), not only by the code.
 */
export const custodyTable = pgTable(
  'custody_assignment',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    custodianPartyId: bigint('custodian_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    /** 管护责任人 and phone: personal data, masked as contacts are. */
    responsiblePerson: text('responsible_person'),
    responsiblePhone: text('responsible_phone'),
    /** 管护经费: who funds the upkeep, and how. */
    fundingArrangement: text('funding_arrangement'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    note: text('note'),
    endReason: text('end_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
  },
  (t) => [
    assetChildKey('custody_assignment_asset_fk', t.assetId, t.regionCode),
    check('custody_valid_range', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    uniqueIndex('custody_one_open_per_asset').on(t.assetId).where(sql`${t.validTo} is null`),
    index('custody_asset_idx').on(t.assetId, t.validFrom),
    index('custody_custodian_idx').on(t.custodianPartyId, t.assetId),
  ],
);

/**
 * 管护内容: what must be done to an asset, how often. `last_done_on` and `next_due_on` are kept
 * by every write that moves them (custody.store recomputeNextDue): the latest record of the
 * duty's kind, or the open assignment's start, or the duty's own start, plus the interval.
 */
export const dutyTable = pgTable(
  'custody_duty',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: DUTY_KINDS }).notNull(),
    description: text('description').notNull(),
    intervalDays: integer('interval_days').notNull(),
    active: boolean('active').notNull().default(true),
    /** When the duty began (the base of its first due date when nothing else is known). */
    startsOn: date('starts_on').notNull(),
    lastDoneOn: date('last_done_on'),
    nextDueOn: date('next_due_on').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    assetChildKey('custody_duty_asset_fk', t.assetId, t.regionCode),
    check('custody_duty_interval_positive', sql`${t.intervalDays} between 1 and 3660`),
    index('custody_duty_asset_idx').on(t.assetId, t.kind),
    // Overdue lists: across a province by due date, within a township by region then due date.
    index('custody_duty_due_idx').on(t.nextDueOn, t.id).where(sql`${t.active}`),
    index('custody_duty_region_due_idx').on(t.regionCode, t.nextDueOn, t.id).where(sql`${t.active}`),
  ],
);

/** 管护/维修记录: what was done, when, by whom, at what cost, with what result. Append-only. */
export const maintenanceTable = pgTable(
  'maintenance_record',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    dutyId: bigint('duty_id', { mode: 'number' }).references(() => dutyTable.id),
    kind: text('kind', { enum: DUTY_KINDS }).notNull(),
    performedOn: date('performed_on').notNull(),
    performedBy: text('performed_by').notNull(),
    description: text('description').notNull(),
    costFen: bigint('cost_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    payerPartyId: bigint('payer_party_id', { mode: 'number' }).references(() => partyTable.id),
    outcome: text('outcome', { enum: MAINTENANCE_OUTCOMES }).notNull(),
    conditionAfter: text('condition_after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
  },
  (t) => [
    assetChildKey('maintenance_record_asset_fk', t.assetId, t.regionCode),
    check('maintenance_cost_not_negative', sql`${t.costFen} >= 0`),
    index('maintenance_asset_idx').on(t.assetId, t.kind, t.performedOn),
    index('maintenance_region_idx').on(t.regionCode, t.performedOn, t.id),
  ],
);

/** 清查盘点: a stocktake of a region's register as of a date; its items are the assets it covers. */
export const stocktakeTable = pgTable(
  'stocktake',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    regionCode: bigint('region_code', { mode: 'number' })
      .notNull()
      .references(() => regionTable.code),
    name: text('name').notNull(),
    asOf: date('as_of').notNull(),
    status: text('status', { enum: STOCKTAKE_STATUSES }).notNull().default('OPEN'),
    openedBy: text('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('stocktake_region_idx').on(t.regionCode, t.id),
    // One stocktake of a region at a time: two open ones would take results for the same assets.
    uniqueIndex('stocktake_one_open_per_region').on(t.regionCode).where(sql`${t.status} = 'OPEN'`),
  ],
);

/**
 * One line per asset the stocktake covers (the assets in its region registered by its date),
 * written when it opens; the result (null while unchecked) is recorded against it.
 */
export const stocktakeItemTable = pgTable(
  'stocktake_item',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    stocktakeId: bigint('stocktake_id', { mode: 'number' })
      .notNull()
      .references(() => stocktakeTable.id),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    result: text('result', { enum: STOCKTAKE_RESULTS }),
    note: text('note'),
    checkedOn: date('checked_on'),
    checkedBy: text('checked_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    actorId: text('actor_id'),
  },
  (t) => [
    assetChildKey('stocktake_item_asset_fk', t.assetId, t.regionCode),
    uniqueIndex('stocktake_item_key').on(t.stocktakeId, t.assetId),
    index('stocktake_item_region_idx').on(t.stocktakeId, t.regionCode),
    index('stocktake_item_asset_idx').on(t.assetId),
  ],
);

export type CustodyRow = typeof custodyTable.$inferSelect;
export type DutyRow = typeof dutyTable.$inferSelect;
export type MaintenanceRow = typeof maintenanceTable.$inferSelect;
export type StocktakeRow = typeof stocktakeTable.$inferSelect;
export type StocktakeItemRow = typeof stocktakeItemTable.$inferSelect;
