/** SQL of projects and their funding lines. */
import { and, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { inRange, inScope, inSubtree, scopeAncestors, scopeParams } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { joinPiece } from '../../db/join';
import { escapeLike } from '../../db/like';
import { preparedRead } from '../../db/prepared';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
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
  return { ...scopeParams(viewer), ancestors: scopeAncestors(viewer) };
}

function projectVisible(viewer: Viewer): SQL {
  const { scopeLow, scopeHigh, ancestors } = projectScopeParams(viewer);
  return visibleProjects(scopeLow, scopeHigh, sql.param(ancestors));
}

const PROJECT_VISIBLE = visibleProjects(sql.placeholder('scopeLow'), sql.placeholder('scopeHigh'), sql.placeholder('ancestors'));

/** For other modules' reads built once: the projects the viewer sees, joinable by id (execute with `projectScopeParams`). */
export const visibleProjectJoin = (alias: string) => joinPiece(project, PROJECT_VISIBLE, alias);

export interface ProjectFilter {
  regionPrefix?: string;
  yearFrom?: number;
  yearTo?: number;
  status?: ProjectRow['status'];
  kind?: ProjectRow['kind'];
  text?: string;
}

export type ProjectSort = 'CODE' | 'YEAR' | 'NAME';

export function projectOrder(sort: ProjectSort, direction: 'asc' | 'desc'): SortKey<ProjectRow>[] {
  const first: SortKey<ProjectRow> =
    sort === 'YEAR'
      ? { name: 'year', expr: project.year, direction, type: 'integer', value: (r) => r.year }
      : sort === 'NAME'
        ? { name: 'name', expr: project.name, direction, type: 'text', value: (r) => r.name }
        : { name: 'code', expr: project.code, direction, type: 'text', value: (r) => r.code };
  return [first, { name: 'project', expr: project.id, direction, type: 'id', value: (r) => r.id }];
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

export function projectsPage(db: Db, viewer: Viewer, filter: ProjectFilter, order: SortKey<ProjectRow>[], page: PageRequest): Promise<ProjectRow[]> {
  return run(
    'projectsPage',
    db
      .select()
      .from(project)
      .where(and(filterCondition(viewer, filter), keysetCondition(order, page)))
      .orderBy(...keysetOrder(order, page))
      .limit(page.limit + 1),
  );
}

export async function projectsCount(db: Db, viewer: Viewer, filter: ProjectFilter): Promise<number> {
  const [row] = await run('projectsCount', db.select({ n: sql<number>`count(*)::int` }).from(project).where(filterCondition(viewer, filter)));
  return row?.n ?? 0;
}

const projectsByIdsQuery = preparedRead('projectsByIds', (db, keyIn) =>
  db
    .select()
    .from(project)
    .where(and(PROJECT_VISIBLE, keyIn(project.id))),
);

export function projectsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<ProjectRow[]> {
  return projectsByIdsQuery(db, { ...projectScopeParams(viewer), ids });
}

export function projectsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<ProjectRow[]> {
  return run(
    'projectsByCodes',
    db
      .select()
      .from(project)
      .where(and(projectVisible(viewer), sql`${project.code} = any(${sql.param(codes)}::text[])`)),
  );
}

/** Funding lines of the projects the viewer sees (a child read carries its parent's scope). */
const fundingByProjectIdsQuery = preparedRead('projectFundingByProjectIds', (db, keyIn) =>
  db
    .select({ line: funding })
    .from(funding)
    .innerJoin(project, eq(project.id, funding.projectId))
    .where(and(PROJECT_VISIBLE, keyIn(funding.projectId)))
    .orderBy(funding.projectId, funding.id),
);

export async function fundingByProjectIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<ProjectFundingRow[]> {
  return (await fundingByProjectIdsQuery(db, { ...projectScopeParams(viewer), ids })).map((r) => r.line);
}

/** Only the region that runs a project may change it. */
export async function lockProject(tx: Db, viewer: Viewer, id: number): Promise<ProjectRow | undefined> {
  const [row] = await run(
    'lockProject',
    tx
      .select()
      .from(project)
      .where(and(eq(project.id, id), inScope(project.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export type ProjectValues = Omit<typeof project.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type FundingLine = Pick<ProjectFundingRow, 'source' | 'amountFen'>;

export function insertProjects(tx: Db, values: ProjectValues[]): Promise<ProjectRow[]> {
  return insertInChunks(tx, 'insertProjects', project, values);
}

export async function updateProject(tx: Db, id: number, values: Partial<ProjectValues>): Promise<ProjectRow> {
  const [row] = await run(
    'updateProject',
    tx
      .update(project)
      .set({ ...values, version: sql`${project.version} + 1`, updatedAt: sql`now()` })
      .where(eq(project.id, id))
      .returning(),
  );
  return row!;
}

export function insertProjectFunding(tx: Db, lines: (FundingLine & { projectId: number })[]): Promise<ProjectFundingRow[]> {
  return insertInChunks(tx, 'insertProjectFunding', funding, lines);
}

export async function replaceProjectFunding(tx: Db, projectId: number, lines: FundingLine[]): Promise<ProjectFundingRow[]> {
  await run('deleteProjectFunding', tx.delete(funding).where(eq(funding.projectId, projectId)));
  return lines.length
    ? insertProjectFunding(
        tx,
        lines.map((l) => ({ ...l, projectId })),
      )
    : [];
}
