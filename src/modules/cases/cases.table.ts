import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { assetChildKey } from '../assets/assets.table';

export const FINDING_STATUSES = ['OPEN', 'RECTIFYING', 'RECTIFIED', 'CLOSED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const NOTE_KINDS = ['RECTIFICATION', 'RECTIFIED', 'SENT_BACK', 'CLOSED'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** 审计/检查: an audit or inspection of a region, opened by an auditor; its findings are followed until closed. */
export const caseTable = pgTable(
  'audit_case',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    openedOn: date('opened_on').notNull(),
    note: text('note'),
    actorId: text('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_case_region_idx').on(t.regionCode, t.id)],
);

/**
 * A finding (问题) of a case: by hand, or from an automated check's result (its check and subject
 * kept, so the same one is not added twice while open); followed OPEN → RECTIFYING → RECTIFIED →
 * CLOSED, closed only by an auditor, who may send it back. A finding within REPEAT_FINDING_DAYS of
 * a closed one of the same kind names it (`repeat_of_id`).
 */
export const findingTable = pgTable(
  'audit_finding',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => caseTable.id),
    /** Where it stands: the asset's region when tied to an asset, else the case's. */
    regionCode: bigint('region_code', { mode: 'number' }).notNull(),
    assetId: bigint('asset_id', { mode: 'number' }),
    check: text('check'),
    subjectType: text('subject_type'),
    subjectId: bigint('subject_id', { mode: 'number' }),
    severity: text('severity', { enum: FINDING_SEVERITIES }).notNull(),
    description: text('description').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    evidence: jsonb('evidence'),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: FINDING_STATUSES }).notNull().default('OPEN'),
    closedOn: date('closed_on'),
    repeatOfId: bigint('repeat_of_id', { mode: 'number' }).references((): AnyPgColumn => findingTable.id),
    version: integer('version').notNull().default(1),
    actorId: text('actor_id'),
    createdOn: date('created_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    assetChildKey('audit_finding_asset_fk', t.assetId, t.regionCode),
    // One open finding per check result: adding it again finds the open one.
    uniqueIndex('audit_finding_open_check_subject').on(t.check, t.subjectType, t.subjectId).where(sql`${t.check} is not null and ${t.status} <> 'CLOSED'`),
    index('audit_finding_case_idx').on(t.caseId, t.id),
    index('audit_finding_region_due_idx').on(t.regionCode, t.dueOn, t.id),
    index('audit_finding_asset_idx').on(t.assetId),
  ],
);

/** 整改记录: what was done about a finding, and each step of it, in order. */
export const findingNoteTable = pgTable(
  'audit_finding_note',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    findingId: bigint('finding_id', { mode: 'number' })
      .notNull()
      .references(() => findingTable.id),
    kind: text('kind', { enum: NOTE_KINDS }).notNull(),
    text: text('text').notNull(),
    on: date('on').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_finding_note_finding_idx').on(t.findingId, t.id)],
);

export type CaseRow = typeof caseTable.$inferSelect;
export type FindingRow = typeof findingTable.$inferSelect;
export type FindingNoteRow = typeof findingNoteTable.$inferSelect;
