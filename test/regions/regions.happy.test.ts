import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

describe('regions: the demo county as a county screen browses it', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    token = await t.token(Role.VIEWER, '52');
  });
  afterAll(() => t.close());

  it('looks a region up by full code or significant prefix, with parent and children', async () => {
    const res = await t.gql(
      `{
      county: region(code: "522327") { id code name level parent { code name level parent { name } } children(first: 50) { totalCount nodes { code level } } }
      village: region(code: "522327104201") { name level parent { name } children { totalCount } }
      missing: region(code: "522327104299") { code }
    }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const { county, village, missing } = res.data;
    expect(county).toMatchObject({
      code: '522327000000',
      name: '册亨县',
      level: 'COUNTY',
      parent: { code: '522300000000', name: '黔西南布依族苗族自治州', level: 'CITY', parent: { name: '贵州省' } },
    });
    expect(county.children.totalCount).toBe(13);
    expect(county.children.nodes.every((n: { level: string }) => n.level === 'TOWNSHIP')).toBe(true);
    expect(village).toMatchObject({ level: 'VILLAGE', parent: { name: '巧马镇' }, children: { totalCount: 0 } });
    expect(missing).toBeNull();
  });

  it('filters by level, subtree and text, and pages in code order both ways', async () => {
    const res = await t.gql(
      `{
      villages: regions(filter: { within: "522327104", level: VILLAGE }, first: 5) { totalCount nodes { code } pageInfo { hasNextPage endCursor } }
      named: regions(filter: { text: "巧马" }) { nodes { name } }
      byCode: regions(filter: { text: "5223271042" }) { totalCount }
    }`,
      {},
      token,
    );
    expect(res.data.villages.totalCount).toBe(13);
    const codes = res.data.villages.nodes.map((n: { code: string }) => n.code);
    expect([...codes].sort()).toEqual(codes);
    expect(res.data.named.nodes.map((n: { name: string }) => n.name)).toContain('巧马镇');
    expect(res.data.byCode.totalCount).toBeGreaterThan(0);

    const next = await t.gql(
      `query($after: String) { regions(filter: { within: "522327104", level: VILLAGE }, first: 5, after: $after) { nodes { code } } }`,
      { after: res.data.villages.pageInfo.endCursor },
      token,
    );
    expect(next.data.regions.nodes[0].code > codes[4]).toBe(true);
    const back = await t.gql(
      `query($before: String) { regions(filter: { within: "522327104", level: VILLAGE }, last: 2, before: $before) { nodes { code } pageInfo { hasNextPage hasPreviousPage } } }`,
      {
        before: next.data.regions.nodes[0]
          ? (await t.gql(`{ regions(filter: { within: "522327104", level: VILLAGE }, first: 6) { edges { cursor } } }`, {}, token)).data.regions.edges[5].cursor
          : null,
      },
      token,
    );
    expect(back.data.regions.nodes.map((n: { code: string }) => n.code)).toEqual(codes.slice(3, 5));
    expect(back.data.regions.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
  });

  it('needs a token to read anything but public notices', async () => {
    expect(errorCodes(await t.gql(`{ region(code: "522327") { name } }`))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(`{ regions { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(`{ node(id: "UmVnaW9uOjUyMjMyNzAwMDAwMA") { id } }`))).toEqual(['UNAUTHENTICATED']);
  });
});
