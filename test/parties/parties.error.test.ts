import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCreditCodeCheck, withResidentIdCheck } from '../../src/modules/parties/identifiers';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

const CREATE = `mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id version } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { party { id version name } userErrors { field message code } } }`;

describe('parties: bad input is refused with a stable code and writes nothing', () => {
  let t: TestContext;
  let manager: string;
  const partyCount = () => t.count('party');
  const auditCount = () => t.count('audit_event');

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
  });
  afterAll(() => t.close());

  const valid = { kind: 'COOPERATIVE', name: '测试合作社', regionCode: '522327104201' };
  const cases: [string, Record<string, unknown>, string, string[]][] = [
    ['an empty name', { name: '   ' }, 'REQUIRED', ['input', 'name']],
    ['a name over 200 characters', { name: '名'.repeat(201) }, 'TOO_LONG', ['input', 'name']],
    ['a region that does not exist', { regionCode: '522327104299' }, 'REGION_NOT_FOUND', ['input', 'regionCode']],
    ['a region outside the scope', { regionCode: '522328000000' }, 'OUT_OF_SCOPE', ['input', 'regionCode']],
    ['a credit code with a wrong check character', { creditCode: withCreditCodeCheck('93522327MA6XYW123').slice(0, 17) + '0' }, 'INVALID_CREDIT_CODE', ['input', 'creditCode']],
    ['a credit code with a forbidden letter', { creditCode: '93522327MA6XYZ1230' }, 'INVALID_CREDIT_CODE', ['input', 'creditCode']],
    ['a resident ID on an organisation', { residentId: withResidentIdCheck('52232719850312123') }, 'IDENTIFIER_NOT_ALLOWED', ['input', 'residentId']],
    ['a credit code on a household', { kind: 'HOUSEHOLD', creditCode: withCreditCodeCheck('93522327MA6XYW123') }, 'IDENTIFIER_NOT_ALLOWED', ['input', 'creditCode']],
    [
      'a resident ID with a wrong check digit',
      { kind: 'HOUSEHOLD', residentId: '522327198503121230'.slice(0, 17) + (withResidentIdCheck('52232719850312123').endsWith('1') ? '2' : '1') },
      'INVALID_RESIDENT_ID',
      ['input', 'residentId'],
    ],
    ['a resident ID with an impossible birth date', { kind: 'HOUSEHOLD', residentId: withResidentIdCheck('52232719850230123') }, 'INVALID_RESIDENT_ID', ['input', 'residentId']],
    ['a phone number with letters', { contactPhone: 'call me' }, 'INVALID_VALUE', ['input', 'contactPhone']],
  ];

  it.each(cases)('refuses %s', async (_label, change, code, field) => {
    const before = [await partyCount(), await auditCount()];
    const res = await t.gql(CREATE, { input: { ...valid, ...change } }, manager);
    expect(res.errors).toBeUndefined();
    expect(res.data.createParty.party).toBeNull();
    expect(res.data.createParty.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect([await partyCount(), await auditCount()]).toEqual(before);
  });

  it('refuses a second party with the same credit code or resident ID', async () => {
    const creditCode = withCreditCodeCheck('93522327MA6DUP001');
    const first = await t.gql(CREATE, { input: { ...valid, creditCode } }, manager);
    expect(first.data.createParty.userErrors).toEqual([]);
    const before = [await partyCount(), await auditCount()];
    const second = await t.gql(CREATE, { input: { ...valid, name: '另一个', creditCode } }, manager);
    expect(second.data.createParty.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'creditCode'] })]);

    const residentId = withResidentIdCheck('52232719900101555');
    await t.gql(CREATE, { input: { kind: 'HOUSEHOLD', name: '甲', regionCode: '522327104201', residentId } }, manager);
    const dup = await t.gql(CREATE, { input: { kind: 'HOUSEHOLD', name: '乙', regionCode: '522327104201', residentId } }, manager);
    expect(dup.data.createParty.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'residentId'] })]);
    expect([await partyCount(), await auditCount()]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('refuses a stale version and keeps the party as it was', async () => {
    const created = await t.gql(CREATE, { input: { ...valid, name: '版本测试' } }, manager);
    const id = created.data.createParty.party.id;
    await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '第一次修改' } }, manager);
    const stale = await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '过期修改' } }, manager);
    expect(stale.data.updateParty).toEqual({ party: null, userErrors: [expect.objectContaining({ code: 'VERSION_CONFLICT', field: ['input', 'expectedVersion'] })] });
    const now = await t.gql(`query($id: ID!) { node(id: $id) { ... on Party { name version } } }`, { id }, manager);
    expect(now.data.node).toEqual({ name: '第一次修改', version: 2 });
  });

  it('refuses a kind change that no longer fits the identifier the party carries', async () => {
    const created = await t.gql(CREATE, { input: { ...valid, name: '改类型', creditCode: withCreditCodeCheck('93522327MA6KND001') } }, manager);
    const res = await t.gql(UPDATE, { input: { id: created.data.createParty.party.id, expectedVersion: 1, kind: 'HOUSEHOLD' } }, manager);
    expect(res.data.updateParty.userErrors).toEqual([expect.objectContaining({ code: 'IDENTIFIER_NOT_ALLOWED', field: ['input', 'kind'] })]);
  });

  it('answers an unknown or malformed party id with NOT_FOUND as a userError', async () => {
    for (const id of ['UGFydHk6OTk5OTk5', 'not-an-id', 'UmVnaW9uOjUyMjMyNzAwMDAwMA']) {
      const res = await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: 'x' } }, manager);
      expect(res.data.updateParty.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    }
  });

  it('refuses malformed scalars before any resolver runs', async () => {
    const badCode = await t.gql(CREATE, { input: { ...valid, regionCode: '52232710420' } }, manager);
    expect(badCode.status).toBe(400);
    expect(errorCodes(badCode)).toEqual(['BAD_USER_INPUT']);
    expect(badCode.errors![0]!.message).toMatch(/division code/);
    const badKind = await t.gql(CREATE, { input: { ...valid, kind: 'PALACE' } }, manager);
    expect(errorCodes(badKind)).toEqual(['BAD_USER_INPUT']);
    const inline = await t.gql(`mutation { createParty(input: { kind: COOPERATIVE, name: "x", regionCode: "12345" }) { userErrors { code } } }`, {}, manager);
    expect(inline.status).toBe(400);
    expect(errorCodes(inline)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
