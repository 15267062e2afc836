/** Which projects a scope sees: its own and those run above it (公告公示), never another county's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { toGlobalId } from '../../src/graphql/global-id';

describe('projects across scopes', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
    await t.rows(`insert into region (code, name, level, parent_code) values (522328000000, '望谟县', 'COUNTY', 522300000000)`);
  });
  afterAll(() => t.close());

  it("shows a township the county's projects that fund it, but no other county's", async () => {
    const other = await t.gql(
      `mutation { createProject(input: { code: "NEIGHBOUR-1", name: "邻县项目", year: 2020, regionCode: "522328", kind: OTHER }) { userErrors { code } } }`,
      {},
      await t.token(Role.ADMIN, '5223'),
    );
    expect(other.data.createProject.userErrors).toEqual([]);
    const township = await t.token(Role.VIEWER, '522327104');
    const res = await t.gql(`{ projects(first: 1) { totalCount } neighbour: project(code: "NEIGHBOUR-1") { id } county: projects(filter: { region: "522327" }) { totalCount } }`, {}, township);
    expect(res.data.projects.totalCount).toBeGreaterThan(0);
    expect(res.data.neighbour).toBeNull();
    const node = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId('Project', 999999) }, township);
    expect(node.data.node).toBeNull();
  });
});
