import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_WRITERS, Role, errorCodes, startTestApp, type TestContext } from '../helpers';

const CREATE = `mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { field code } } }`;
const UPDATE = `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { party { id } userErrors { field code } } }`;

describe('parties: who may write, and only in their scope', () => {
  let t: TestContext;
  let partyIn105: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    const list = await t.gql(`{ parties(first: 1, filter: { region: "522327105", kind: VILLAGE_COLLECTIVE }) { nodes { id } } }`, {}, await t.token(Role.ADMIN, '522327'));
    partyIn105 = list.data.parties.nodes[0].id;
  });
  afterAll(() => t.close());

  const roles = REGISTER_WRITERS;

  it.each(roles)('createParty as %s → %s', async (role, code) => {
    const token = await t.tokenOrNone(role, '522327');
    const before = await t.count('party');
    const res = await t.gql(CREATE, { input: { kind: 'OTHER', name: `by ${role}`, regionCode: '522327105200' } }, token);
    if (code) {
      expect(errorCodes(res)).toEqual([code]);
      expect(await t.count('party')).toBe(before);
    } else {
      expect(res.data.createParty.userErrors).toEqual([]);
    }
  });

  it.each(roles)('updateParty as %s → %s', async (role, code) => {
    const token = await t.tokenOrNone(role, '522327');
    const current = await t.gql(`query($id: ID!) { node(id: $id) { ... on Party { version } } }`, { id: partyIn105 }, await t.token(Role.ADMIN, '522327'));
    const res = await t.gql(UPDATE, { input: { id: partyIn105, expectedVersion: current.data.node.version, contactPerson: `by ${role}` } }, token);
    if (code) expect(errorCodes(res)).toEqual([code]);
    else expect(res.data.updateParty.userErrors).toEqual([]);
  });

  it('a township manager cannot create in, move to, or touch another township', async () => {
    const township = await t.token(Role.ASSET_MANAGER, '522327104');
    const created = await t.gql(CREATE, { input: { kind: 'OTHER', name: '越权', regionCode: '522327105200' } }, township);
    expect(created.data.createParty.userErrors).toEqual([{ field: ['input', 'regionCode'], code: 'OUT_OF_SCOPE' }]);

    const touched = await t.gql(UPDATE, { input: { id: partyIn105, expectedVersion: 1, name: '越权' } }, township);
    expect(touched.data.updateParty.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);

    const own = await t.gql(CREATE, { input: { kind: 'OTHER', name: '本镇', regionCode: '522327104200' } }, township);
    const moved = await t.gql(UPDATE, { input: { id: own.data.createParty.party.id, expectedVersion: 1, regionCode: '522327105200' } }, township);
    expect(moved.data.updateParty.userErrors).toEqual([{ field: ['input', 'regionCode'], code: 'OUT_OF_SCOPE' }]);
  });

  it('a custodian token without a party is refused at the door', async () => {
    const res = await t.gql(`{ viewer { role } }`, {}, await t.token(Role.CUSTODIAN, '522327'));
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });
});
