import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCreditCodeCheck, withResidentIdCheck } from '../../src/modules/parties/identifiers';
import { Role, startTestApp, type TestContext } from '../helpers';

const CREATE = `mutation($input: CreatePartyInput!) {
  createParty(input: $input) {
    party { id kind name creditCode residentIdMasked contactPerson contactPhone version region { code name } }
    userErrors { field message code }
  }
}`;
const UPDATE = `mutation($input: UpdatePartyInput!) {
  updateParty(input: $input) {
    party { id name contactPhone version region { code } }
    userErrors { field message code }
  }
}`;

describe('parties: create, update, list as an asset office does', () => {
  let t: TestContext;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
  });
  afterAll(() => t.close());

  it('registers a cooperative with a valid credit code, and the audit trail records it', async () => {
    const creditCode = withCreditCodeCheck('93522327MA6XYW123');
    const res = await t.gql(
      CREATE,
      { input: { kind: 'COOPERATIVE', name: ' 巧马镇油茶专业合作社 ', regionCode: '522327104201', creditCode: creditCode.toLowerCase(), contactPerson: '韦国富', contactPhone: '13812345678' } },
      manager,
    );
    expect(res.errors).toBeUndefined();
    const { party, userErrors } = res.data.createParty;
    expect(userErrors).toEqual([]);
    expect(party).toMatchObject({ kind: 'COOPERATIVE', name: '巧马镇油茶专业合作社', creditCode, contactPerson: '韦国富', contactPhone: '13812345678', version: 1, region: { code: '522327104201' } });

    const auditor = await t.token(Role.AUDITOR, '522327');
    const trail = await t.gql(`query($id: ID!) { auditEvents(filter: { entityId: $id }) { nodes { action actorId actorRole entityType before after } } }`, { id: party.id }, auditor);
    expect(trail.data.auditEvents.nodes).toHaveLength(1);
    expect(trail.data.auditEvents.nodes[0]).toMatchObject({ action: 'party.create', actorId: 'test-asset_manager-522327', actorRole: 'ASSET_MANAGER', entityType: 'Party', before: null });
    expect(trail.data.auditEvents.nodes[0].after.name).toBe('巧马镇油茶专业合作社');
  });

  it('registers a household: the resident ID is stored encrypted and only ever shown masked', async () => {
    const residentId = withResidentIdCheck('52232719850312123');
    const res = await t.gql(CREATE, { input: { kind: 'HOUSEHOLD', name: '岑秀英', regionCode: '522327104202', residentId } }, manager);
    expect(res.data.createParty.userErrors).toEqual([]);
    expect(res.data.createParty.party.residentIdMasked).toBe(`522327********${residentId.slice(14)}`);
    const stored = await t.rows(`select * from party where resident_id_masked like '%${residentId.slice(14)}'`);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(residentId);
    expect(t.cipher.decrypt(stored[0].resident_id_cipher)).toBe(residentId);
    expect(JSON.stringify(await t.rows('select after from audit_event'))).not.toContain(residentId);
  });

  it('updates a party at its version and bumps the version', async () => {
    const created = await t.gql(CREATE, { input: { kind: 'ENTERPRISE', name: '册亨县测试公司', regionCode: '522327', creditCode: withCreditCodeCheck('91522327MA7ABC001') } }, manager);
    const { id } = created.data.createParty.party;
    const res = await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '册亨县测试有限公司', contactPhone: '0859-4212345', regionCode: '522327104' } }, manager);
    expect(res.data.updateParty.userErrors).toEqual([]);
    expect(res.data.updateParty.party).toMatchObject({ id, name: '册亨县测试有限公司', contactPhone: '0859-4212345', version: 2, region: { code: '522327104000' } });
    const again = await t.gql(UPDATE, { input: { id, expectedVersion: 2, contactPhone: null } }, manager);
    expect(again.data.updateParty.party).toMatchObject({ contactPhone: null, version: 3, name: '册亨县测试有限公司' });
  });

  it('lists parties by filter and order, page by page with cursors, with a total count', async () => {
    const first = await t.gql(
      `{ parties(first: 5, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { totalCount edges { cursor node { name region { code } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
      {},
      manager,
    );
    const connection = first.data.parties;
    expect(connection.totalCount).toBeGreaterThan(5);
    expect(connection.edges).toHaveLength(5);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    for (const edge of connection.edges) expect(edge.node.region.code.startsWith('522327104')).toBe(true);
    const names = connection.edges.map((e: { node: { name: string } }) => e.node.name);
    expect([...names].sort()).toEqual(names);

    const all: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await t.gql(
        `query($after: String) { parties(first: 4, after: $after, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
        manager,
      );
      all.push(...page.data.parties.nodes.map((n: { id: string }) => n.id));
      after = page.data.parties.pageInfo.hasNextPage ? page.data.parties.pageInfo.endCursor : null;
    } while (after);
    expect(all).toHaveLength(connection.totalCount);
    expect(new Set(all).size).toBe(all.length);

    const last = await t.gql(`{ parties(last: 3, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id } pageInfo { hasPreviousPage hasNextPage } } }`, {}, manager);
    expect(last.data.parties.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(-3));
    expect(last.data.parties.pageInfo.hasPreviousPage).toBe(true);

    const byNewest = await t.gql(`{ parties(first: 3, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { name } } }`, {}, manager);
    expect(byNewest.data.parties.nodes).toHaveLength(3);
  });

  it('finds a party by text and fetches it again through node(id)', async () => {
    const found = await t.gql(`{ parties(first: 1, filter: { text: "乡村振兴局" }) { nodes { id name } } }`, {}, manager);
    const party = found.data.parties.nodes[0];
    expect(party.name).toBe('册亨县乡村振兴局');
    const node = await t.gql(`query($id: ID!) { node(id: $id) { __typename id ... on Party { name kind } } }`, { id: party.id }, manager);
    expect(node.data.node).toEqual({ __typename: 'Party', id: party.id, name: '册亨县乡村振兴局', kind: 'GOVERNMENT_DEPARTMENT' });
  });

  it('masks contact data for roles that may not read personal data, and shows it to those that may', async () => {
    const q = `{ parties(first: 1, filter: { text: "乡村振兴局" }) { nodes { contactPerson contactPhone } } }`;
    const viewer = await t.gql(q, {}, await t.token(Role.VIEWER, '522327'));
    const finance = await t.gql(q, {}, await t.token(Role.FINANCE, '522327'));
    const clear = finance.data.parties.nodes[0];
    const masked = viewer.data.parties.nodes[0];
    expect(masked.contactPerson).toBe(Array.from(clear.contactPerson as string)[0] + '*'.repeat(Array.from(clear.contactPerson as string).length - 1));
    expect(masked.contactPhone).not.toBe(clear.contactPhone);
    expect(masked.contactPhone.endsWith(clear.contactPhone.slice(-2))).toBe(true);
    const me = await t.gql(`{ viewer { role canReadPersonalData } }`, {}, await t.token(Role.VIEWER, '522327'));
    expect(me.data.viewer).toEqual({ role: 'VIEWER', canReadPersonalData: false });
  });

  it("does not let a role that sees households' names masked find out by searching whether a full name is registered", async () => {
    const [household] = await t.rows<{ name: string }>(`select name from party where kind = 'HOUSEHOLD' and region_code / 1000000 = 522327 order by id limit 1`);
    const q = 'query($text: String) { parties(first: 5, filter: { text: $text }) { totalCount nodes { name } } }';
    const seenBy = async (role: Role) => (await t.gql(q, { text: household!.name }, await t.token(role, '522327'))).data.parties;
    expect((await seenBy(Role.FINANCE)).totalCount).toBeGreaterThan(0);
    expect(await seenBy(Role.VIEWER)).toEqual({ totalCount: 0, nodes: [] });
    // Organisations are found by name as before.
    expect((await t.gql(q, { text: '乡村振兴局' }, await t.token(Role.VIEWER, '522327'))).data.parties.totalCount).toBe(1);
  });

  it("puts no household's name in the cursors of a list in name order for a role that sees them masked", async () => {
    const q = 'query($after: String) { parties(first: 200, after: $after, filter: { kind: HOUSEHOLD }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }';
    const names = (await t.rows<{ name: string }>(`select name from party where kind = 'HOUSEHOLD' and region_code / 1000000 = 522327`)).map((r) => r.name);
    const viewer = await t.token(Role.VIEWER, '522327');
    let after: string | null = null;
    let seen = 0;
    do {
      const page: { data: { parties: { edges: { cursor: string; node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } = await t.gql(q, { after }, viewer);
      for (const edge of page.data.parties.edges) {
        const decoded = Buffer.from(edge.cursor, 'base64url').toString('utf8');
        for (const name of names) expect(decoded.includes(name)).toBe(false);
      }
      seen += page.data.parties.edges.length;
      after = page.data.parties.pageInfo.hasNextPage ? page.data.parties.pageInfo.endCursor : null;
    } while (after);
    // Every household is listed all the same, by surname.
    expect(seen).toBe(names.length);
  });
});
