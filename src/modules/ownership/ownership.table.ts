import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { assetChildKey } from '../assets/assets.table';
import { partyTable } from '../parties/parties.table';

/**
 * 确权: dated ownership rows. The open rows of an asset (valid_to null) are its owners now;
 * a change closes them and opens new ones, so history is never deleted.
 */
export const ownershipTable = pgTable(
  'ownership',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assetId: bigint('asset_id', { mode: 'number' }).notNull(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    ownerPartyId: bigint('owner_party_id', { mode: 'number' })
      .notNull()
      .references(() => partyTable.id),
    shareBp: integer('share_bp').notNull(),
    certificateNo: text('certificate_no'),
    confirmedOn: date('confirmed_on'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
  },
  (t) => [
    check('ownership_share_bp_range', sql`${t.shareBp} between 1 and 10000`),
    check('ownership_valid_range', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    assetChildKey('ownership_asset_fk', t.assetId, t.regionCode),
    index('ownership_asset_idx').on(t.assetId, t.validFrom),
    index('ownership_owner_idx').on(t.ownerPartyId, t.assetId),
  ],
);

export type OwnershipRow = typeof ownershipTable.$inferSelect;
