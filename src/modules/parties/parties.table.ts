import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { regionTable } from '../regions/regions.table';

export const PARTY_KINDS = ['VILLAGE_COLLECTIVE', 'TOWNSHIP_GOVERNMENT', 'GOVERNMENT_DEPARTMENT', 'HOUSEHOLD', 'COOPERATIVE', 'ENTERPRISE', 'OTHER'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** 主体: who owns, looks after, operates, pays or is paid. */
export const partyTable = pgTable(
  'party',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: PARTY_KINDS }).notNull(),
    name: text('name').notNull(),
    regionCode: bigint('region_code', { mode: 'number' })
      .notNull()
      .references(() => regionTable.code),
    /** 统一社会信用代码 of an organisation. */
    creditCode: text('credit_code'),
    /** Resident ID (GB 11643), AES-256-GCM: never stored in clear. */
    residentIdCipher: text('resident_id_cipher'),
    /** Keyed hash of the resident ID: uniqueness and lookup without decrypting. */
    residentIdHash: text('resident_id_hash'),
    residentIdMasked: text('resident_id_masked'),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('party_region_idx').on(t.regionCode, t.id),
    uniqueIndex('party_credit_code_key').on(t.creditCode),
    uniqueIndex('party_resident_id_key').on(t.residentIdHash),
    index('party_name_idx').on(t.name),
  ],
);

export type PartyRow = typeof partyTable.$inferSelect;
