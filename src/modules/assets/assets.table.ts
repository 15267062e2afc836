import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, doublePrecision, foreignKey, index, integer, numeric, pgTable, text, timestamp, unique, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { FUNDING_SOURCES, projectTable } from '../projects/projects.table';
import { regionTable } from '../regions/regions.table';

export const ASSET_CLASSES = ['OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD'] as const;
export const ASSET_CATEGORIES = [
  'PV_STATION',
  'WORKSHOP',
  'PLANTING_BREEDING_BASE',
  'PROCESSING_FACILITY',
  'COLD_CHAIN_LOGISTICS',
  'TOURISM_FACILITY',
  'ROAD_BRIDGE',
  'DRINKING_WATER',
  'IRRIGATION',
  'EDUCATION',
  'HEALTH',
  'CULTURE_SPORTS',
  'POWER_COMMUNICATION',
  'HOUSING',
  'LIVESTOCK',
  'EQUIPMENT',
  'OTHER',
] as const;
export const ASSET_STATUSES = ['UNDER_CONSTRUCTION', 'IN_USE', 'IDLE', 'DAMAGED', 'UNDER_DISPOSAL', 'DISPOSED'] as const;

/** 资产台账: one register line. */
export const assetTable = pgTable(
  'asset',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /**
     * The name with case, spaces and punctuation (Chinese and Latin) dropped, what
     * SUSPECTED_DUPLICATE compares: kept with each write, not worked out again for every name of a
     * province on every run (2.4 of its 10 s at a million assets).
     */
    nameKey: text('name_key').generatedAlwaysAs(sql`regexp_replace(lower(name), '[[:space:][:punct:]（）【】、，。·—－]', '', 'g')`),
    assetClass: text('class', { enum: ASSET_CLASSES }).notNull(),
    category: text('category', { enum: ASSET_CATEGORIES }).notNull(),
    status: text('status', { enum: ASSET_STATUSES }).notNull(),
    /** The village (or higher region) where the asset stands: decides who sees it. */
    regionCode: bigint('region_code', { mode: 'number' })
      .notNull()
      .references(() => regionTable.code),
    address: text('address'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    quantity: numeric('quantity', { precision: 18, scale: 3 }),
    unit: text('unit'),
    originalValueFen: bigint('original_value_fen', { mode: 'bigint' }).notNull(),
    builtOn: date('built_on'),
    completedOn: date('completed_on'),
    acceptedOn: date('accepted_on'),
    handedOverOn: date('handed_over_on'),
    /**
     * 确权: the asset has open ownership rows. Kept with every owner-set write under the asset's
     * row lock; ownership cannot begin or change in the future, so it equals "owned today", and
     * today's summary (and its tally) needs no probe of the ownership table.
     */
    ownershipConfirmed: boolean('ownership_confirmed').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('asset_original_value_not_negative', sql`${t.originalValueFen} >= 0`),
    uniqueIndex('asset_code_key').on(t.code),
    // The target of the child tables' (asset_id, region_code) keys: a child's region is its asset's.
    unique('asset_id_region_key').on(t.id, t.regionCode),
    index('asset_region_idx').on(t.regionCode, t.id),
    index('asset_region_value_idx').on(t.regionCode, t.originalValueFen, t.id),
    index('asset_class_region_idx').on(t.assetClass, t.regionCode),
    index('asset_status_idx').on(t.status),
    index('asset_name_idx').on(t.name),
  ],
);

/**
 * A row that belongs to an asset carries the asset's region code, held equal to the asset's by a
 * foreign key on both columns that follows a move (ON UPDATE CASCADE): its reads are scoped
 * like the asset's, without a join, and a county's rows stay together when distributed by county.
 */
export function assetChildKey(name: string, assetId: AnyPgColumn, regionCode: AnyPgColumn) {
  return foreignKey({ name, columns: [assetId, regionCode], foreignColumns: [assetTable.id, assetTable.regionCode] }).onUpdate('cascade');
}

/** 资金构成: which projects and sources paid how much of the asset. */
export const assetFundingTable = pgTable(
  'asset_funding',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    projectId: bigint('project_id', { mode: 'number' }).references(() => projectTable.id),
    source: text('source', { enum: FUNDING_SOURCES }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    check('asset_funding_amount_positive', sql`${t.amountFen} > 0`),
    assetChildKey('asset_funding_asset_fk', t.assetId, t.regionCode),
    index('asset_funding_asset_idx').on(t.assetId),
    index('asset_funding_project_idx').on(t.projectId, t.assetId),
  ],
);

/** Every status change with its reason, date and actor (the first row is the registration). */
export const assetStatusChangeTable = pgTable(
  'asset_status_change',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    fromStatus: text('from_status', { enum: ASSET_STATUSES }),
    toStatus: text('to_status', { enum: ASSET_STATUSES }).notNull(),
    reason: text('reason').notNull(),
    effectiveOn: date('effective_on').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
  },
  (t) => [assetChildKey('asset_status_change_asset_fk', t.assetId, t.regionCode), index('asset_status_change_asset_idx').on(t.assetId, t.effectiveOn, t.id)],
);

export type AssetRow = typeof assetTable.$inferSelect;
export type AssetFundingRow = typeof assetFundingTable.$inferSelect;
export type AssetStatusChangeRow = typeof assetStatusChangeTable.$inferSelect;
