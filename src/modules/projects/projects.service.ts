/**
 * 扶贫项目 (projects) and their funding by source (DESIGN.md §3 Project). Rules: a unique code,
 * a region in the writer's scope, dates in order (started ≤ completed ≤ accepted), funding
 * amounts positive. A project's investment is the sum of its funding lines.
 */
import { requirePermission } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { uniqueViolation, withTransaction } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { UserErrorCode, UserErrors, checkDateOrder, ok, refused, requiredText, type Outcome } from '../../graphql/user-errors';
import { recordAuditEvent } from '../audit/audit.service';
import { partiesByIds } from '../parties/parties.service';
import { findRegion } from '../regions/regions.service';
import type { FUNDING_SOURCES, ProjectFundingRow, ProjectRow } from './projects.table';
import * as store from './projects.store';

export type FundingSource = (typeof FUNDING_SOURCES)[number];

export interface ProjectFields {
  code?: string;
  name?: string;
  year?: number;
  regionCode?: string;
  kind?: ProjectRow['kind'];
  implementingPartyId?: string | null;
  status?: ProjectRow['status'];
  startedOn?: string | null;
  completedOn?: string | null;
  acceptedOn?: string | null;
  funding?: { source: FundingSource; amount: bigint }[];
}

export async function projectsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(ProjectRow | null)[]> {
  requirePermission(viewer, 'read');
  return oneByKey(ids, await store.projectsByIds(db, viewer, ids), (r) => r.id);
}

export async function projectsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<(ProjectRow | null)[]> {
  requirePermission(viewer, 'read');
  return oneByKey(codes, await store.projectsByCodes(db, viewer, codes), (r) => r.code);
}

export async function fundingOfProjects(db: Db, viewer: Viewer, ids: readonly number[]): Promise<ProjectFundingRow[][]> {
  requirePermission(viewer, 'read');
  return manyByKey(ids, await store.fundingByProjectIds(db, ids), (r) => r.projectId);
}

export async function listProjects(
  db: Db,
  viewer: Viewer,
  filter: store.ProjectFilter,
  sort: { field: store.ProjectSort; direction: 'asc' | 'desc' },
  args: PageArgs,
): Promise<Connection<ProjectRow>> {
  requirePermission(viewer, 'read');
  const order = store.projectOrder(sort.field, sort.direction);
  return keysetConnection(
    args,
    order,
    (page) => store.projectsPage(db, viewer, filter, order, page),
    (r) => store.projectCursor(sort.field, r),
    () => store.projectsCount(db, viewer, filter),
  );
}

async function checkFields(db: Db, viewer: Viewer, fields: ProjectFields, before: ProjectRow | null, errors: UserErrors): Promise<Partial<store.ProjectValues>> {
  const values: Partial<store.ProjectValues> = {};
  if (fields.code !== undefined) values.code = requiredText(errors, ['input', 'code'], fields.code, 64, 'Project code');
  if (fields.name !== undefined) values.name = requiredText(errors, ['input', 'name'], fields.name, 200, 'Project name');
  if (fields.year !== undefined) {
    const thisYear = new Date().getUTCFullYear();
    if (fields.year < 1980 || fields.year > thisYear + 1) errors.add(['input', 'year'], UserErrorCode.INVALID_VALUE, `Year must be between 1980 and ${thisYear + 1}`);
    values.year = fields.year;
  }
  if (fields.regionCode !== undefined) {
    if (!codeInScope(fields.regionCode, viewer)) errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, `Region ${fields.regionCode} is outside your scope`);
    else if (!(await findRegion(db, viewer, fields.regionCode))) errors.add(['input', 'regionCode'], UserErrorCode.REGION_NOT_FOUND, `No region has code ${fields.regionCode}`);
    values.regionCode = Number(fields.regionCode);
  }
  if (fields.kind !== undefined) values.kind = fields.kind;
  if (fields.status !== undefined) values.status = fields.status;
  if (fields.implementingPartyId !== undefined) {
    if (fields.implementingPartyId === null) values.implementingPartyId = null;
    else {
      const id = tryKeyOf(fields.implementingPartyId, 'Party');
      const [party] = id === undefined ? [null] : await partiesByIds(db, viewer, [id]);
      if (!party) errors.add(['input', 'implementingPartyId'], UserErrorCode.NOT_FOUND, 'No party with this id in your scope');
      values.implementingPartyId = id ?? null;
    }
  }
  for (const key of ['startedOn', 'completedOn', 'acceptedOn'] as const) if (fields[key] !== undefined) values[key] = fields[key];
  const merged = { ...before, ...values };
  checkDateOrder(errors, [
    ['startedOn', merged.startedOn],
    ['completedOn', merged.completedOn],
    ['acceptedOn', merged.acceptedOn],
  ]);
  fields.funding?.forEach((line, i) => {
    if (line.amount <= 0n) errors.add(['input', 'funding', String(i), 'amount'], UserErrorCode.INVALID_VALUE, 'A funding amount must be positive');
  });
  return values;
}

function fundingLines(fields: ProjectFields): store.FundingLine[] {
  return (fields.funding ?? []).map((l) => ({ source: l.source, amountFen: l.amount }));
}

function duplicateCode<T>(): Outcome<T> {
  return refused(new UserErrors().add(['input', 'code'], UserErrorCode.DUPLICATE, 'Another project already has this code'));
}

export async function createProject(db: Db, viewer: Viewer, fields: ProjectFields): Promise<Outcome<ProjectRow>> {
  requirePermission(viewer, 'register:write');
  const errors = new UserErrors();
  const values = await checkFields(db, viewer, { ...fields, code: fields.code ?? '', name: fields.name ?? '' }, null, errors);
  if (errors.any) return refused(errors);
  try {
    return await withTransaction(db, async (tx) => {
      const [project] = await store.insertProjects(tx, [{ status: 'PLANNED', ...values } as store.ProjectValues]);
      const funding = await store.insertProjectFunding(tx, fundingLines(fields).map((l) => ({ ...l, projectId: project.id })));
      await recordAuditEvent(tx, viewer, {
        action: 'project.create',
        entityType: 'Project',
        entityId: toGlobalId('Project', project.id),
        regionCode: project.regionCode,
        before: null,
        after: { ...project, funding },
      });
      return ok(project);
    });
  } catch (error) {
    if (uniqueViolation(error)) return duplicateCode();
    throw error;
  }
}

export async function updateProject(db: Db, viewer: Viewer, id: number | undefined, expectedVersion: number, fields: ProjectFields): Promise<Outcome<ProjectRow>> {
  requirePermission(viewer, 'register:write');
  try {
    return await withTransaction(db, async (tx) => {
      const before = id === undefined ? undefined : await store.lockProject(tx, viewer, id);
      if (!before) return refused<ProjectRow>(new UserErrors().add(['input', 'id'], UserErrorCode.NOT_FOUND, 'No project with this id in your scope'));
      if (before.version !== expectedVersion) {
        return refused<ProjectRow>(new UserErrors().add(['input', 'expectedVersion'], UserErrorCode.VERSION_CONFLICT, `The project is at version ${before.version}, not ${expectedVersion}`));
      }
      const errors = new UserErrors();
      const values = await checkFields(tx, viewer, fields, before, errors);
      if (errors.any) return refused<ProjectRow>(errors);
      const [fundingBefore] = await fundingOfProjects(tx, viewer, [before.id]);
      const after = await store.updateProject(tx, before.id, values);
      const fundingAfter = fields.funding ? await store.replaceProjectFunding(tx, before.id, fundingLines(fields)) : fundingBefore;
      await recordAuditEvent(tx, viewer, {
        action: 'project.update',
        entityType: 'Project',
        entityId: toGlobalId('Project', before.id),
        regionCode: after.regionCode,
        before: { ...before, funding: fundingBefore },
        after: { ...after, funding: fundingAfter },
      });
      return ok(after);
    });
  } catch (error) {
    if (uniqueViolation(error)) return duplicateCode();
    throw error;
  }
}
