/**
 * 扶贫项目 (projects) and their funding by source (DESIGN.md §3 Project). Rules: a unique code,
 * a region in the writer's scope, dates in order (started ≤ completed ≤ accepted), funding
 * amounts positive. A project's investment is the sum of its funding lines. Projects are
 * visible to the region that runs them and every region below it (公告公示); only the region
 * that runs a project may change it.
 */
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { savepoint, withTransaction, type Tx } from '../../db/transaction';
import { manyByKey, oneByKey } from '../../graphql/batch';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { formatMoney } from '../../graphql/scalars';
import { UserErrorCode, UserErrors, checkDateOrder, ok, refusal, refused, requiredLine, text, versionConflict, type Outcome } from '../../graphql/user-errors';
import { recordAuditEvent } from '../audit/audit.service';
import { partiesByIds } from '../parties/parties.service';
import { numberToCode } from '../regions/division-code';
import { findRegion } from '../regions/regions.service';
import type { FundingSource, ProjectFundingRow, ProjectRow } from './projects.table';
import * as store from './projects.store';

export type { FundingSource, ProjectFundingRow, ProjectRow } from './projects.table';
export { FUNDING_SOURCES } from './projects.table';
export { insertProjectFunding, insertProjects, projectScopeParams, visibleProjectJoin } from './projects.store';

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

const FIRST_YEAR = 1980;

export async function projectsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(ProjectRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.projectsByIds(db, viewer, ids), (r) => r.id);
}

export async function projectsByCodes(db: Db, viewer: Viewer, codes: readonly string[]): Promise<(ProjectRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(codes, await store.projectsByCodes(db, viewer, codes), (r) => r.code);
}

export async function fundingOfProjects(db: Db, viewer: Viewer, ids: readonly number[]): Promise<ProjectFundingRow[][]> {
  assertCan(viewer, 'read');
  return manyByKey(ids, await store.fundingByProjectIds(db, viewer, ids), (r) => r.projectId);
}

export function listProjects(db: Db, viewer: Viewer, filter: store.ProjectFilter, sort: { field: store.ProjectSort; direction: 'asc' | 'desc' }, args: PageArgs): Promise<Connection<ProjectRow>> {
  assertCan(viewer, 'read');
  const order = store.projectOrder(sort.field, sort.direction);
  return keysetConnection(
    args,
    order,
    (page) => store.projectsPage(db, viewer, filter, order, page),
    () => store.projectsCount(db, viewer, filter),
  );
}

async function checkFields(tx: Tx, viewer: Viewer, clock: Clock, fields: ProjectFields, before: ProjectRow | null, errors: UserErrors): Promise<Partial<store.ProjectValues>> {
  const values: Partial<store.ProjectValues> = {};
  if (fields.code != null) values.code = requiredLine(errors, ['input', 'code'], fields.code, 64, text('项目编号', 'Project code'));
  if (fields.name != null) values.name = requiredLine(errors, ['input', 'name'], fields.name, 200, text('项目名称', 'Project name'));
  if (fields.year != null) {
    const lastYear = Number(clock.today().slice(0, 4)) + 1;
    if (fields.year < FIRST_YEAR || fields.year > lastYear)
      errors.add(['input', 'year'], UserErrorCode.INVALID_VALUE, text(`年度须在 ${FIRST_YEAR} 至 ${lastYear} 之间`, `Year must be between ${FIRST_YEAR} and ${lastYear}`));
    values.year = fields.year;
  }
  if (fields.regionCode != null) {
    if (!codeInScope(fields.regionCode, viewer))
      errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, text(`区划 ${fields.regionCode} 不在您的范围内`, `Region ${fields.regionCode} is outside your scope`));
    else if (!(await findRegion(tx, viewer, fields.regionCode)))
      errors.add(['input', 'regionCode'], UserErrorCode.REGION_NOT_FOUND, text(`没有区划代码 ${fields.regionCode}`, `No region has code ${fields.regionCode}`));
    values.regionCode = Number(fields.regionCode);
  }
  if (fields.kind != null) values.kind = fields.kind;
  if (fields.status != null) values.status = fields.status;
  if (fields.implementingPartyId !== undefined) {
    if (fields.implementingPartyId === null) values.implementingPartyId = null;
    else {
      const id = tryKeyOf(fields.implementingPartyId, 'Party');
      const [party] = id === undefined ? [null] : await partiesByIds(tx, viewer, [id]);
      if (!party) errors.add(['input', 'implementingPartyId'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
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
    if (line.amount <= 0n) errors.add(['input', 'funding', String(i), 'amount'], UserErrorCode.INVALID_VALUE, text('资金金额必须大于零', 'A funding amount must be positive'));
  });
  return values;
}

function fundingLines(fields: ProjectFields): store.FundingLine[] {
  return (fields.funding ?? []).map((l) => ({ source: l.source, amountFen: l.amount }));
}

/** What the audit trail keeps of a project, in the API's terms. */
function auditImage(project: ProjectRow, funding: store.FundingLine[]) {
  return {
    id: toGlobalId('Project', project.id),
    code: project.code,
    name: project.name,
    year: project.year,
    regionCode: numberToCode(project.regionCode),
    kind: project.kind,
    implementingPartyId: project.implementingPartyId === null ? null : toGlobalId('Party', project.implementingPartyId),
    status: project.status,
    startedOn: project.startedOn,
    completedOn: project.completedOn,
    acceptedOn: project.acceptedOn,
    version: project.version,
    funding: funding.map((line) => ({ source: line.source, amount: formatMoney(line.amountFen) })),
  };
}

const duplicateCode = <T>(): Outcome<T> => refusal(['input', 'code'], UserErrorCode.DUPLICATE, text('已有项目使用此编号', 'Another project already has this code'));

export async function createProjectIn(tx: Tx, viewer: Viewer, clock: Clock, fields: ProjectFields): Promise<Outcome<ProjectRow>> {
  assertCan(viewer, 'register:write');
  const errors = new UserErrors();
  const values = await checkFields(tx, viewer, clock, { ...fields, code: fields.code ?? '', name: fields.name ?? '' }, null, errors);
  if (errors.any) return refused(errors);
  const inserted = await savepoint(tx, (sp) => store.insertProjects(sp, [{ ...values, status: values.status ?? 'PLANNED' } as store.ProjectValues]));
  if ('duplicate' in inserted) return duplicateCode();
  const project = inserted.value[0]!;
  const funding = await store.insertProjectFunding(
    tx,
    fundingLines(fields).map((l) => ({ ...l, projectId: project.id })),
  );
  await recordAuditEvent(tx, viewer, clock, {
    action: 'project.create',
    entityType: 'Project',
    entityId: toGlobalId('Project', project.id),
    regionCode: project.regionCode,
    before: null,
    after: auditImage(project, funding),
  });
  return ok(project);
}

export function createProject(db: Db, viewer: Viewer, clock: Clock, fields: ProjectFields): Promise<Outcome<ProjectRow>> {
  return withTransaction(db, (tx) => createProjectIn(tx, viewer, clock, fields));
}

export async function updateProjectIn(tx: Tx, viewer: Viewer, clock: Clock, id: number | undefined, expectedVersion: number, fields: ProjectFields): Promise<Outcome<ProjectRow>> {
  assertCan(viewer, 'register:write');
  const before = id === undefined ? undefined : await store.lockProject(tx, viewer, id);
  if (!before) return refusal(['input', 'id'], UserErrorCode.NOT_FOUND, text('您的范围内没有此项目', 'No project with this id in your scope'));
  const stale = versionConflict(before, expectedVersion, ['input', 'expectedVersion'], text('项目', 'The project'));
  if (stale) return refused([stale]);
  const errors = new UserErrors();
  const values = await checkFields(tx, viewer, clock, fields, before, errors);
  if (errors.any) return refused(errors);
  const [fundingBefore = []] = await fundingOfProjects(tx, viewer, [before.id]);
  const updated = await savepoint(tx, (sp) => store.updateProject(sp, before.id, values));
  if ('duplicate' in updated) return duplicateCode();
  const after = updated.value;
  const fundingAfter = fields.funding ? await store.replaceProjectFunding(tx, before.id, fundingLines(fields)) : fundingBefore;
  await recordAuditEvent(tx, viewer, clock, {
    action: 'project.update',
    entityType: 'Project',
    entityId: toGlobalId('Project', before.id),
    regionCode: after.regionCode,
    before: auditImage(before, fundingBefore),
    after: auditImage(after, fundingAfter),
  });
  return ok(after);
}

export function updateProject(db: Db, viewer: Viewer, clock: Clock, id: number | undefined, expectedVersion: number, fields: ProjectFields): Promise<Outcome<ProjectRow>> {
  return withTransaction(db, (tx) => updateProjectIn(tx, viewer, clock, id, expectedVersion, fields));
}
