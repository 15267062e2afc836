/** SQL of audit cases, findings and their notes; findings are read in their own region's scope. */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import { preparedRead } from '../../db/prepared';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { caseTable as auditCase, findingNoteTable as note, findingTable as finding, type CaseRow, type FindingNoteRow, type FindingRow } from './cases.table';

export async function insertCase(tx: Db, row: Omit<typeof auditCase.$inferInsert, 'id' | 'createdAt'>): Promise<CaseRow> {
  const [created] = await run('insertAuditCase', tx.insert(auditCase).values(row).returning());
  return created!;
}

export async function insertFinding(tx: Db, row: Omit<typeof finding.$inferInsert, 'id' | 'createdAt' | 'version' | 'status'>): Promise<FindingRow> {
  const [created] = await run('insertAuditFinding', tx.insert(finding).values(row).returning());
  return created!;
}

export async function insertNote(tx: Db, row: Omit<typeof note.$inferInsert, 'id' | 'createdAt'>): Promise<FindingNoteRow> {
  const [created] = await run('insertAuditFindingNote', tx.insert(note).values(row).returning());
  return created!;
}

export async function updateFinding(tx: Db, id: number, values: Pick<Partial<FindingRow>, 'status' | 'closedOn'>): Promise<FindingRow> {
  const [row] = await run(
    'updateAuditFinding',
    tx
      .update(finding)
      .set({ ...values, version: sql`${finding.version} + 1` })
      .where(eq(finding.id, id))
      .returning(),
  );
  return row!;
}

export function casesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<CaseRow[]> {
  return run(
    'auditCasesByIds',
    db
      .select()
      .from(auditCase)
      .where(and(inScope(auditCase.regionCode, viewer), sql`${auditCase.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

export async function lockFinding(tx: Db, viewer: Viewer, id: number): Promise<FindingRow | undefined> {
  const [row] = await run(
    'lockAuditFinding',
    tx
      .select()
      .from(finding)
      .where(and(eq(finding.id, id), inScope(finding.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

/** The open finding of a check's result, if there is one (any scope: one per result). */
export async function openFindingOf(tx: Db, check: string, subjectType: string, subjectId: number): Promise<FindingRow | undefined> {
  const [row] = await run(
    'openAuditFindingOf',
    tx
      .select()
      .from(finding)
      .where(and(eq(finding.check, check), eq(finding.subjectType, subjectType), eq(finding.subjectId, subjectId), sql`${finding.status} <> 'CLOSED'`)),
  );
  return row;
}

/** The latest closed finding of the same kind closed on or after `since`: a check's result, or by hand the same asset and description. */
export async function closedSince(tx: Db, same: SQL, since: string): Promise<FindingRow | undefined> {
  const [row] = await run(
    'closedAuditFindingSince',
    tx
      .select()
      .from(finding)
      .where(and(same, eq(finding.status, 'CLOSED'), gte(finding.closedOn, since)))
      .orderBy(sql`${finding.closedOn} desc`)
      .limit(1),
  );
  return row;
}

export const sameResult = (check: string, subjectType: string, subjectId: number) => and(eq(finding.check, check), eq(finding.subjectType, subjectType), eq(finding.subjectId, subjectId)) as SQL;
export const sameByHand = (assetId: number, description: string) => and(eq(finding.assetId, assetId), eq(finding.description, description)) as SQL;

export function findingsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<FindingRow[]> {
  return run(
    'auditFindingsByIds',
    db
      .select()
      .from(finding)
      .where(and(inScope(finding.regionCode, viewer), sql`${finding.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

export function findingsOfCases(db: Db, viewer: Viewer, caseIds: readonly number[]): Promise<FindingRow[]> {
  return run(
    'auditFindingsOfCases',
    db
      .select()
      .from(finding)
      .where(and(inScope(finding.regionCode, viewer), sql`${finding.caseId} = any(${sql.param(caseIds)}::bigint[])`))
      .orderBy(finding.caseId, finding.id),
  );
}

const findingsOfAssetsQuery = preparedRead('auditFindingsOfAssets', (db, keyIn) =>
  db
    .select()
    .from(finding)
    .where(and(inScopePlaceholders(finding.regionCode), keyIn(finding.assetId)))
    .orderBy(finding.assetId, finding.id),
);

export function findingsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<FindingRow[]> {
  return findingsOfAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

export function notesOfFindings(db: Db, findingIds: readonly number[]): Promise<FindingNoteRow[]> {
  return run(
    'auditFindingNotes',
    db
      .select()
      .from(note)
      .where(sql`${note.findingId} = any(${sql.param(findingIds)}::bigint[])`)
      .orderBy(note.findingId, note.id),
  );
}

export const CASE_ORDER: SortKey<CaseRow>[] = [{ name: 'case', expr: auditCase.id, direction: 'desc', type: 'id', value: (r) => r.id }];

const caseCondition = (viewer: Viewer, prefix?: string) => and(inScope(auditCase.regionCode, viewer), prefix ? inSubtree(auditCase.regionCode, prefix) : undefined);

export function casesPage(db: Db, viewer: Viewer, prefix: string | undefined, page: PageRequest): Promise<CaseRow[]> {
  return run(
    'auditCasesPage',
    db
      .select()
      .from(auditCase)
      .where(and(caseCondition(viewer, prefix), keysetCondition(CASE_ORDER, page)))
      .orderBy(...keysetOrder(CASE_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function casesCount(db: Db, viewer: Viewer, prefix: string | undefined): Promise<number> {
  const [row] = await run('auditCasesCount', db.select({ n: sql<number>`count(*)::int` }).from(auditCase).where(caseCondition(viewer, prefix)));
  return row?.n ?? 0;
}

export const OVERDUE_ORDER: SortKey<FindingRow>[] = [
  { name: 'dueOn', expr: finding.dueOn, direction: 'asc', type: 'date', value: (r) => r.dueOn },
  { name: 'finding', expr: finding.id, direction: 'asc', type: 'id', value: (r) => r.id },
];

const overdueCondition = (viewer: Viewer, prefix: string | undefined, asOf: string) =>
  and(inScope(finding.regionCode, viewer), prefix ? inSubtree(finding.regionCode, prefix) : undefined, sql`${finding.status} in ('OPEN', 'RECTIFYING')`, lt(finding.dueOn, asOf));

export function overduePage(db: Db, viewer: Viewer, prefix: string | undefined, asOf: string, page: PageRequest): Promise<FindingRow[]> {
  return run(
    'overdueRectificationsPage',
    db
      .select()
      .from(finding)
      .where(and(overdueCondition(viewer, prefix, asOf), keysetCondition(OVERDUE_ORDER, page)))
      .orderBy(...keysetOrder(OVERDUE_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function overdueCount(db: Db, viewer: Viewer, prefix: string | undefined, asOf: string): Promise<number> {
  const [row] = await run(
    'overdueRectificationsCount',
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(finding)
      .where(overdueCondition(viewer, prefix, asOf)),
  );
  return row?.n ?? 0;
}
