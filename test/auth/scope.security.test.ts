/**
 * DESIGN.md §2: every read is confined to the viewer's subtree — lists, node(id), counts and the
 * audit trail — and nothing outside it is visible, not even its existence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { Role, startTestApp, type TestContext } from '../helpers';

describe('region scope: a township sees its own subtree and nothing else', () => {
  let t: TestContext;
  let qiaoma: string;
  let foreignParty: string;
  let foreignEvent: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    qiaoma = await t.token(Role.AUDITOR, '522327104');
    const admin = await t.token(Role.ADMIN, '522327');
    const party = await t.gql(`{ parties(first: 1, filter: { region: "522327105" }) { nodes { id } } }`, {}, admin);
    foreignParty = party.data.parties.nodes[0].id;
    const event = await t.gql(`query($id: ID!) { auditEvents(first: 1, filter: { entityId: $id }) { nodes { id } } }`, { id: foreignParty }, admin);
    foreignEvent = event.data.auditEvents.nodes[0].id;
  });
  afterAll(() => t.close());

  it('lists and counts only regions in the subtree', async () => {
    const res = await t.gql(`{ regions(first: 200) { totalCount nodes { code } } }`, {}, qiaoma);
    const codes: string[] = res.data.regions.nodes.map((n: { code: string }) => n.code);
    expect(codes.length).toBe(res.data.regions.totalCount);
    expect(codes).toContain('522327104000');
    expect(codes.every((c) => c.startsWith('522327104'))).toBe(true);
    const all = await t.gql(`{ regions(first: 200) { totalCount } }`, {}, await t.token(Role.AUDITOR, '522327'));
    expect(all.data.regions.totalCount).toBeGreaterThan(res.data.regions.totalCount);
  });

  it('answers null for a region, its parent or a node outside the subtree', async () => {
    const res = await t.gql(
      `query($county: ID!, $other: ID!) {
        other: region(code: "522327105") { code }
        county: region(code: "522327") { code }
        own: region(code: "522327104") { code parent { code } }
        countyNode: node(id: $county) { id }
        otherNode: node(id: $other) { id }
        nodes(ids: [$county, $other]) { id }
      }`,
      { county: toGlobalId('Region', '522327000000'), other: toGlobalId('Region', '522327105000') },
      qiaoma,
    );
    expect(res.data).toEqual({ other: null, county: null, own: { code: '522327104000', parent: null }, countyNode: null, otherNode: null, nodes: [null, null] });
  });

  it('hides parties of another township from lists, counts, node(id) and text search', async () => {
    const res = await t.gql(
      `query($id: ID!) {
        parties(first: 200) { totalCount nodes { region { code } } }
        search: parties(filter: { text: "秧坝" }) { totalCount }
        node(id: $id) { id }
        nodes(ids: [$id]) { id }
      }`,
      { id: foreignParty },
      qiaoma,
    );
    expect(res.data.parties.nodes.every((n: { region: { code: string } }) => n.region.code.startsWith('522327104'))).toBe(true);
    expect(res.data.parties.totalCount).toBe(res.data.parties.nodes.length);
    expect(res.data.search.totalCount).toBe(0);
    expect(res.data.node).toBeNull();
    expect(res.data.nodes).toEqual([null]);
  });

  it('hides audit events of another township from the trail, its count and node(id)', async () => {
    const res = await t.gql(
      `query($id: ID!, $event: ID!) {
        own: auditEvents(first: 200, filter: { entityType: "Party" }) { totalCount nodes { regionCode } }
        all: auditEvents { totalCount }
        foreign: auditEvents(filter: { entityId: $id }) { totalCount }
        node(id: $event) { id }
        verifyAuditChain { ok checkedCount }
      }`,
      { id: foreignParty, event: foreignEvent },
      qiaoma,
    );
    expect(res.data.own.nodes.every((n: { regionCode: string }) => n.regionCode.startsWith('522327104'))).toBe(true);
    expect(res.data.own.totalCount).toBe(res.data.own.nodes.length);
    expect(res.data.foreign.totalCount).toBe(0);
    expect(res.data.node).toBeNull();
    expect(res.data.verifyAuditChain).toEqual({ ok: true, checkedCount: res.data.all.totalCount });
  });

  it('a county scope does not reach a neighbouring county', async () => {
    const neighbour = await t.token(Role.ADMIN, '522328');
    const res = await t.gql(`{ regions { totalCount } parties { totalCount } auditEvents { totalCount } region(code: "522327") { code } }`, {}, neighbour);
    expect(res.data).toEqual({ regions: { totalCount: 0 }, parties: { totalCount: 0 }, auditEvents: { totalCount: 0 }, region: null });
  });
});
