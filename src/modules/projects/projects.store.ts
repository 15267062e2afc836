/** SQL of projects and their funding lines. */
import { and, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { inRange, inSubtree, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { parentOf } from '../regions/division-code';
import { escapeLike } from '../regions/regions.store';
import { projectFundingTable as funding, projectTable as project, type ProjectFundingRow, type ProjectRow } from './projects.table';

/**
 * Projects a viewer sees: those run in its subtree, and those run by a region above it (a
 * county's project funds assets in its townships, and projects are publicly announced, 公告公示).
 * Written once for values (lists) and for placeholders (reads built once, with `projectScopeParams`).
 */
function visibleProjects(low: unknown, high: unknown, ancestors: unknown): SQL {
  return sql`(${inRange(project.regionCode, low, high)} or ${project.regionCode} = any(${ancestors}::bigint[]))`;
}

export function projectScopeParams(viewer: Viewer): { scopeLow: number; scopeHigh: number; ancestors: number[] } {
  const ancestors: number[] = [];
  for (let code = parentOf(viewer.scope.padEnd(12, '0')); code; code = parentOf(code)) ancestors.push(Number(code));
  return { ...scopeParams(viewer), ancestors };
}

export function projectVisible(viewer: Viewer): SQL {
  const { scopeLow, scopeHigh, ancestors } = projectScopeParams(viewer);
  return visibleProjects(scopeLow, scopeHigh, sql.param(ancestors));
}

export const PROJECT_VISIBLE = visibleProjects(sql.placeholder('scopeLow'), sql.placeholder('scopeHigh'), sql.placeholder('ancestors'));

export interface ProjectFilter {
  regionPrefix?: string;
  yearFrom?: number;
  yearTo?: number;
  status?: ProjectRow['status'];
  kind?: ProjectRow['kind'];
  text?: string;
}

export type ProjectSort = 'CODE' | 'YEAR' | 'NAME';

export function projectOrder(sort: ProjectSort, direction: 'asc' | 'desc'): SortKey[] {
  const first: SortKey =
    sort === 'YEAR' ? { expr: project.year, direction, cast: 'integer' } : sort === 'NAME' ? { expr: project.name, direction } : { expr: project.code, direction };
  return [first, { expr: project.id, direction }];
}

export function projectCursor(sort: ProjectSort, row: ProjectRow): (string | number)[] {
  return [sort === 'YEAR' ? row.year : sort === 'NAME' ? row.name : row.code, row.id];
}

function filterCondition(viewer: Viewer, filter: ProjectFilter): SQL | undefined {
  return and(
    projectVisible(viewer),
    filter.regionPrefix !== undefined ? inSubtree(project.regionCode, filter.regionPrefix) : undefined,
    filter.yearFrom !== undefined ? gte(project.year, filter.yearFrom) : undefined,
    filter.yearTo !== undefined ? lte(project.year, filter.yearTo) : undefined,
    filter.status ? eq(project.status, filter.status) : undefined,
    filter.kind ? eq(project.kind, filter.kind) : undefined,
    filter.text ? or(ilike(project.name, `%${escapeLike(filter.text)}%`), ilike(project.code, `${escapeLike(filter.text)}%`)) : undefined,
  );
}

export function projectsPage(db: Db, viewer: Viewer, filter: ProjectFilter, order: SortKey[], page: PageRequest): Promise<ProjectRow[]> {
  return db
    .select()
    .from(project)
    .where(and(filterCondition(viewer, filter), keysetCondition(order, page)))
    .orderBy(...keysetOrder(order, page))
    .limit(page.limit + 1);
}

export async function projectsCount(db: Db, viewer: Viewer, filter: ProjectFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(project).where(filterCondition(viewer, filter));
  return row.n;
}

const projectsByIdsQuery = preparedRead((db) =>
  db
    .select()
    .from(project)
    .where(and(PROJECT_VISIBLE, sql`${project.id} = any(${sql.placeholder('ids')}::bigint[])`))
    .prepare('projectsByIds'),
);

export function projectsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<ProjectRow[]> {
  return projectsByIdsQuery(db, { ...projectScopeParams(viewer), ids });
}

export function projectsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<ProjectRow[]> {
  return db
    .select()
    .from(project)
    .where(and(projectVisible(viewer), sql`${project.code} = any(${sql.param(codes)}::text[])`));
}

export function fundingByProjectIds(db: Db, ids: readonly number[]): Promise<ProjectFundingRow[]> {
  return db
    .select()
    .from(funding)
    .where(sql`${funding.projectId} = any(${sql.param(ids)}::bigint[])`)
    .orderBy(funding.projectId, funding.id);
}

export async function lockProject(tx: Db, viewer: Viewer, id: number): Promise<ProjectRow | undefined> {
  const [row] = await tx
    .select()
    .from(project)
    .where(and(eq(project.id, id), inSubtree(project.regionCode, viewer.scope)))
    .for('update');
  return row;
}

export type ProjectValues = Omit<typeof project.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type FundingLine = Pick<ProjectFundingRow, 'source' | 'amountFen'>;

export async function insertProjects(tx: Db, values: ProjectValues[]): Promise<ProjectRow[]> {
  const rows: ProjectRow[] = [];
  for (let i = 0; i < values.length; i += 1000) rows.push(...(await tx.insert(project).values(values.slice(i, i + 1000)).returning()));
  return rows;
}

export async function updateProject(tx: Db, id: number, values: Partial<ProjectValues>): Promise<ProjectRow> {
  const [row] = await tx
    .update(project)
    .set({ ...values, version: sql`${project.version} + 1`, updatedAt: new Date() })
    .where(eq(project.id, id))
    .returning();
  return row;
}

export async function insertProjectFunding(tx: Db, lines: (FundingLine & { projectId: number })[]): Promise<ProjectFundingRow[]> {
  const rows: ProjectFundingRow[] = [];
  for (let i = 0; i < lines.length; i += 2000) rows.push(...(await tx.insert(funding).values(lines.slice(i, i + 2000)).returning()));
  return rows;
}

export async function replaceProjectFunding(tx: Db, projectId: number, lines: FundingLine[]): Promise<ProjectFundingRow[]> {
  await tx.delete(funding).where(eq(funding.projectId, projectId));
  return lines.length ? insertProjectFunding(tx, lines.map((l) => ({ ...l, projectId }))) : [];
}

