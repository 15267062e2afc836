/** Project rules broken: a userError with a stable code, naming the field, and nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';

const CREATE = 'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id version } userErrors { field code } } }';
const UPDATE = 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version } userErrors { field code } } }';

describe('projects refuse what breaks their rules', () => {
  let t: TestContext;
  let manager: string;
  const snapshot = () => Promise.all(['project', 'project_funding', 'audit_event'].map((table) => t.count(table)));
  const valid = { code: 'P-OK', name: '2020年道路项目', year: 2020, regionCode: '522327', kind: 'INFRASTRUCTURE', funding: [{ source: 'CENTRAL_FISCAL', amount: '100.00' }] };
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 0 });
    t.clock.set('2026-06-30');
    manager = await t.token(Role.ASSET_MANAGER, '522327');
  });
  afterAll(() => t.close());

  it.each([
    ['a year before 1980', { year: 1979 }, 'INVALID_VALUE', ['input', 'year']],
    ['a year after next year', { year: 2028 }, 'INVALID_VALUE', ['input', 'year']],
    ['started after completed', { startedOn: '2020-09-01', completedOn: '2020-06-01' }, 'DATE_ORDER', ['input', 'completedOn']],
    ['a region outside the scope', { regionCode: '522328' }, 'OUT_OF_SCOPE', ['input', 'regionCode']],
    ['a region that does not exist', { regionCode: '522327104299' }, 'REGION_NOT_FOUND', ['input', 'regionCode']],
    ['an unknown implementing party', { implementingPartyId: 'UGFydHk6OTk5OTk5' }, 'NOT_FOUND', ['input', 'implementingPartyId']],
    ['a zero funding amount', { funding: [{ source: 'CENTRAL_FISCAL', amount: '0.00' }] }, 'INVALID_VALUE', ['input', 'funding', '0', 'amount']],
    ['an empty name', { name: '  ' }, 'REQUIRED', ['input', 'name']],
  ])('createProject refuses %s', async (_label, overrides, code, field) => {
    const before = await snapshot();
    const res = await t.gql(CREATE, { input: { ...valid, code: `P-${Math.random().toString(36).slice(2, 8)}`, ...overrides } }, manager);
    expect(res.data.createProject.project).toBeNull();
    expect(res.data.createProject.userErrors).toContainEqual({ field, code });
    expect(await snapshot()).toEqual(before);
  });

  it('accepts next year (a project planned now) and refuses a duplicate code', async () => {
    expect((await t.gql(CREATE, { input: { ...valid, code: 'P-2027', year: 2027 } }, manager)).data.createProject.userErrors).toEqual([]);
    const before = await snapshot();
    expect((await t.gql(CREATE, { input: { ...valid, code: 'P-2027' } }, manager)).data.createProject.userErrors).toEqual([{ field: ['input', 'code'], code: 'DUPLICATE' }]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a stale version, and a township changing the county's project", async () => {
    const { id } = (await t.gql(CREATE, { input: { ...valid, code: 'P-VERSION' } }, manager)).data.createProject.project;
    expect((await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '改名' } }, manager)).data.updateProject.userErrors).toEqual([]);
    const before = await snapshot();
    expect((await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '再改' } }, manager)).data.updateProject.userErrors).toEqual([
      { field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' },
    ]);
    const township = await t.token(Role.ASSET_MANAGER, '522327104');
    expect((await t.gql(UPDATE, { input: { id, expectedVersion: 2, name: '乡镇改名' } }, township)).data.updateProject.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
    expect(await snapshot()).toEqual(before);
  });
});
