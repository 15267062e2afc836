/**
 * Every rule of the register, broken: a userError with a stable code, and nothing written
 * (no asset, funding, status, ownership row or audit event).
 */
import { disposeAsset } from '../support/disposal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { CHANGE_STATUS, CONFIRM, REGISTER, UPDATE, lookups, newAsset, type Lookups } from './fixtures';

const TABLES = ['asset', 'asset_funding', 'asset_status_change', 'ownership', 'audit_event'];

describe('the register refuses what breaks its rules and writes nothing', () => {
  let t: TestContext;
  let manager: string;
  let l: Lookups;
  const snapshot = async () => Promise.all(TABLES.map((table) => t.count(table)));
  const register = async (overrides: Record<string, unknown>) => (await t.gql(REGISTER, { input: newAsset(l, overrides) }, manager)).data.registerAsset;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
    l = await lookups(t);
  });
  afterAll(() => t.close());

  const cases: [string, () => Record<string, unknown>, string, string[]][] = [
    [
      'shares summing to 9999',
      () => ({
        owners: [
          { partyId: l.collectives[0]!.id, shareBp: 5000 },
          { partyId: l.collectives[1]!.id, shareBp: 4999 },
        ],
      }),
      'SHARES_NOT_10000',
      ['input', 'owners'],
    ],
    [
      'shares summing to 10001',
      () => ({
        owners: [
          { partyId: l.collectives[0]!.id, shareBp: 5001 },
          { partyId: l.collectives[1]!.id, shareBp: 5000 },
        ],
      }),
      'SHARES_NOT_10000',
      ['input', 'owners'],
    ],
    [
      'the same owner twice',
      () => ({
        owners: [
          { partyId: l.collectives[0]!.id, shareBp: 5000 },
          { partyId: l.collectives[0]!.id, shareBp: 5000 },
        ],
      }),
      'DUPLICATE_OWNER',
      ['input', 'owners', '1', 'partyId'],
    ],
    [
      'a zero share',
      () => ({
        owners: [
          { partyId: l.collectives[0]!.id, shareBp: 10000 },
          { partyId: l.collectives[1]!.id, shareBp: 0 },
        ],
      }),
      'INVALID_VALUE',
      ['input', 'owners', '1', 'shareBp'],
    ],
    ['an unknown owner', () => ({ owners: [{ partyId: 'UGFydHk6OTk5OTk5', shareBp: 10000 }] }), 'NOT_FOUND', ['input', 'owners', '0', 'partyId']],
    ['built after completed', () => ({ builtOn: '2019-09-01' }), 'DATE_ORDER', ['input', 'completedOn']],
    ['handed over before accepted', () => ({ handedOverOn: '2019-09-30' }), 'DATE_ORDER', ['input', 'handedOverOn']],
    ['a negative value', () => ({ originalValue: '-1.00' }), 'INVALID_VALUE', ['input', 'originalValue']],
    ['a zero funding amount', () => ({ funding: [{ source: 'CENTRAL_FISCAL', amount: '0.00' }] }), 'INVALID_VALUE', ['input', 'funding', '0', 'amount']],
    ['an unknown project', () => ({ funding: [{ projectId: 'UHJvamVjdDo5OTk5OQ', source: 'CENTRAL_FISCAL', amount: '1.00' }] }), 'NOT_FOUND', ['input', 'funding', '0', 'projectId']],
    ['an empty code', () => ({ code: ' ' }), 'REQUIRED', ['input', 'code']],
    ['a region outside the scope', () => ({ regionCode: '522328001001' }), 'OUT_OF_SCOPE', ['input', 'regionCode']],
    ['a region that does not exist', () => ({ regionCode: '522327104299' }), 'REGION_NOT_FOUND', ['input', 'regionCode']],
    ['registration as DISPOSED', () => ({ status: 'DISPOSED' }), 'ILLEGAL_STATUS_TRANSITION', ['input', 'status']],
    ['a latitude without longitude', () => ({ latitude: 25 }), 'REQUIRED', ['input', 'latitude']],
    ['a status beginning in the future', () => ({ statusSince: '2150-01-01' }), 'INVALID_VALUE', ['input', 'statusSince']],
  ];

  it.each(cases)('registerAsset refuses %s', async (_label, overrides, code, field) => {
    const before = await snapshot();
    const res = await register(overrides());
    expect(res.asset).toBeNull();
    expect(res.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a duplicate asset code', async () => {
    await register({ code: 'DUP-1' });
    const before = await snapshot();
    expect((await register({ code: 'DUP-1' })).userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'code'] })]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses stale versions on update, status change and ownership', async () => {
    const { id } = (await register({})).asset;
    await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '新名' } }, manager);
    const before = await snapshot();
    const update = await t.gql(UPDATE, { input: { id, expectedVersion: 1, name: '旧版本' } }, manager);
    const status = await t.gql(CHANGE_STATUS, { input: { id, expectedVersion: 1, status: 'IDLE', reason: 'x' } }, manager);
    const owners = await t.gql(CONFIRM, { input: { assetId: id, expectedVersion: 1, owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, manager);
    for (const payload of [update.data.updateAsset, status.data.changeAssetStatus, owners.data.confirmOwnership]) {
      expect(payload).toEqual({ asset: null, userErrors: [expect.objectContaining({ code: 'VERSION_CONFLICT', field: ['input', 'expectedVersion'] })] });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses transitions the lifecycle does not allow, and a change without a reason or dated before the current status', async () => {
    const { id } = (await register({})).asset;
    const before = await snapshot();
    const cases: [object, string, string][] = [
      [{ status: 'UNDER_CONSTRUCTION', reason: '回退' }, 'ILLEGAL_STATUS_TRANSITION', 'status'],
      [{ status: 'DISPOSED', reason: '直接报废' }, 'DISPOSAL_WORKFLOW', 'status'],
      [{ status: 'UNDER_DISPOSAL', reason: '直接处置' }, 'DISPOSAL_WORKFLOW', 'status'],
      [{ status: 'IDLE', reason: '  ' }, 'REQUIRED', 'reason'],
      [{ status: 'IDLE', reason: '闲置', effectiveOn: '2019-01-01' }, 'DATE_ORDER', 'effectiveOn'],
      [{ status: 'IDLE', reason: '闲置', effectiveOn: '2150-01-01' }, 'INVALID_VALUE', 'effectiveOn'],
    ];
    for (const [change, code, field] of cases) {
      const res = await t.gql(CHANGE_STATUS, { input: { id, expectedVersion: 1, ...change } }, manager);
      expect(res.data.changeAssetStatus.userErrors).toContainEqual(expect.objectContaining({ code, field: ['input', field] }));
    }
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a DISPOSED asset read-only', async () => {
    const { id } = (await register({})).asset;
    const today = t.clock.today();
    const disposed = await disposeAsset(t, id, { requestedOn: today, completedOn: today });
    expect(disposed.asset).toEqual({ id, status: 'DISPOSED' });
    const before = await snapshot();
    const update = await t.gql(UPDATE, { input: { id, expectedVersion: 3, name: '再改' } }, manager);
    const status = await t.gql(CHANGE_STATUS, { input: { id, expectedVersion: 3, status: 'IN_USE', reason: '复活' } }, manager);
    const owners = await t.gql(CONFIRM, { input: { assetId: id, expectedVersion: 3, owners: [{ partyId: l.collectives[1]!.id, shareBp: 10000 }] } }, manager);
    // Each userError names the input field the caller sent: `id`, or `assetId` for confirmOwnership.
    for (const [payload, field] of [
      [update.data.updateAsset, 'id'],
      [status.data.changeAssetStatus, 'id'],
      [owners.data.confirmOwnership, 'assetId'],
    ] as const) {
      expect(payload).toEqual({ asset: null, userErrors: [expect.objectContaining({ code: 'ASSET_DISPOSED', field: ['input', field] })] });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers malformed arguments with BAD_USER_INPUT, not a 500', async () => {
    expect(errorCodes(await t.gql(REGISTER, { input: { ...newAsset(l), originalValue: 1000 } }, manager))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(REGISTER, { input: { ...newAsset(l), builtOn: '2019-02-30' } }, manager))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(`{ asset { id } }`, {}, manager))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(`{ asset(id: "bad") { id } }`, {}, manager))).toEqual(['NOT_FOUND']);
    const unknown = await t.gql(UPDATE, { input: { id: 'QXNzZXQ6OTk5OTk5', expectedVersion: 1, name: 'x' } }, manager);
    expect(unknown.data.updateAsset.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });
});
