/** Custody rules broken: a userError (or FORBIDDEN for the custodian rule) and nothing written. */
import { disposeAsset } from '../support/disposal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';
import { ADD_DUTY, ASSIGN, END, MAINTAIN, UPDATE_DUTY, custodyWorld, type CustodyWorld } from './fixtures';

const TABLES = ['custody_assignment', 'custody_duty', 'maintenance_record', 'asset_status_change', 'audit_event'];

describe('custody refuses what breaks its rules', () => {
  let t: TestContext;
  let w: CustodyWorld;
  const snapshot = async () => Promise.all(TABLES.map((table) => t.count(table)));
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    w = await custodyWorld(t);
    t.clock.set('2026-06-15');
  });
  afterAll(() => t.close());

  it('refuses bad custody assignments, naming the field', async () => {
    const assetId = await w.road();
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, startsOn: '2024-05-01' } }, w.manager);
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ startsOn: '2026-07-01' }, 'startsOn', 'INVALID_VALUE'],
      [{ startsOn: '2024-04-30' }, 'startsOn', 'DATE_ORDER'],
      [{ responsiblePhone: '138<script>' }, 'responsiblePhone', 'INVALID_VALUE'],
      [{ responsiblePerson: '韦'.repeat(51) }, 'responsiblePerson', 'TOO_LONG'],
      [{ custodianId: w.l.foreignCollective.replace(/./, 'x') }, 'custodianId', 'NOT_FOUND'],
    ];
    for (const [overrides, field, code] of cases) {
      const res = await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[1]!.id, ...overrides } }, w.manager);
      expect(res.data.assignCustodian.userErrors, JSON.stringify(overrides)).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    }
    // A custodian outside the scope is not there for a township manager.
    const township = await t.token(Role.ASSET_MANAGER, '522327104');
    const foreign = await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.foreignCollective } }, township);
    expect(foreign.data.assignCustodian.userErrors).toEqual([expect.objectContaining({ field: ['input', 'custodianId'], code: 'NOT_FOUND' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an assignment that would overlap the history, even after the last one ended', async () => {
    const assetId = await w.road();
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, startsOn: '2020-01-01' } }, w.manager);
    await t.gql(END, { input: { assetId, endsOn: '2024-06-01', reason: '移交' } }, w.manager);
    const before = await snapshot();
    const res = await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[1]!.id, startsOn: '2023-01-01' } }, w.manager);
    expect(res.data.assignCustodian.userErrors).toEqual([expect.objectContaining({ field: ['input', 'startsOn'], code: 'DATE_ORDER' })]);
    expect(await snapshot()).toEqual(before);
    const later = await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[1]!.id, startsOn: '2024-06-01' } }, w.manager);
    expect(later.data.assignCustodian.userErrors).toEqual([]);
  });

  it("moves the asset's version on with its custodian: a second assignment from the same version is a VERSION_CONFLICT", async () => {
    const assetId = await w.road();
    const version = async () => (await t.gql('query($id: ID!) { node(id: $id) { ... on Asset { version } } }', { id: assetId }, w.manager)).data.node.version as number;
    const read = await version();
    const first = await t.gql(ASSIGN, { input: { assetId, expectedVersion: read, custodianId: w.l.collectives[0]!.id, startsOn: '2026-01-01' } }, w.manager);
    expect(first.data.assignCustodian.userErrors).toEqual([]);
    expect(await version()).toBe(read + 1);
    const before = await snapshot();
    const second = await t.gql(ASSIGN, { input: { assetId, expectedVersion: read, custodianId: w.l.collectives[1]!.id, startsOn: '2026-02-01' } }, w.manager);
    expect(second.data.assignCustodian.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to end custody that is not there, or before it began', async () => {
    const assetId = await w.road();
    const before = await snapshot();
    expect((await t.gql(END, { input: { assetId, reason: '无' } }, w.manager)).data.endCustody.userErrors).toEqual([expect.objectContaining({ code: 'NO_OPEN_CUSTODY' })]);
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, startsOn: '2025-01-01' } }, w.manager);
    const mid = await snapshot();
    expect(mid).not.toEqual(before);
    const early = await t.gql(END, { input: { assetId, endsOn: '2024-12-31', reason: '移交' } }, w.manager);
    expect(early.data.endCustody.userErrors).toEqual([expect.objectContaining({ field: ['input', 'endsOn'], code: 'DATE_ORDER' })]);
    const noReason = await t.gql(END, { input: { assetId, reason: '  ' } }, w.manager);
    expect(noReason.data.endCustody.userErrors).toEqual([expect.objectContaining({ field: ['input', 'reason'], code: 'REQUIRED' })]);
    expect(await snapshot()).toEqual(mid);
  });

  it('refuses bad duties and stale duty versions', async () => {
    const assetId = await w.road();
    const before = await snapshot();
    for (const intervalDays of [0, -1, 3661]) {
      const res = await t.gql(ADD_DUTY, { input: { assetId, kind: 'INSPECTION', description: '巡查', intervalDays } }, w.manager);
      expect(res.data.addCustodyDuty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'intervalDays'], code: 'INVALID_VALUE' })]);
    }
    expect(await snapshot()).toEqual(before);
    const duty = (await t.gql(ADD_DUTY, { input: { assetId, kind: 'INSPECTION', description: '巡查', intervalDays: 30 } }, w.manager)).data.addCustodyDuty.duty;
    await t.gql(UPDATE_DUTY, { input: { dutyId: duty.id, expectedVersion: 1, description: '每月巡查' } }, w.manager);
    const stale = await t.gql(UPDATE_DUTY, { input: { dutyId: duty.id, expectedVersion: 1, intervalDays: 60 } }, w.manager);
    expect(stale.data.updateCustodyDuty.userErrors).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
    const unknown = await t.gql(UPDATE_DUTY, { input: { dutyId: toGlobalId('CustodyDuty', 999999), expectedVersion: 1, active: false } }, w.manager);
    expect(unknown.data.updateCustodyDuty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'dutyId'], code: 'NOT_FOUND' })]);
  });

  it('refuses maintenance that does not fit: future dates, a duty of another asset, a status the outcome cannot bring', async () => {
    const assetId = await w.road();
    const otherId = await w.road();
    const otherDuty = (await t.gql(ADD_DUTY, { input: { assetId: otherId, kind: 'INSPECTION', description: '巡查', intervalDays: 30 } }, w.manager)).data.addCustodyDuty.duty;
    const base = { assetId, kind: 'INSPECTION', performedOn: '2026-06-01', performedBy: '韦国强', description: '巡查', outcome: 'OK' };
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ performedOn: '2026-06-16' }, 'performedOn', 'INVALID_VALUE'],
      [{ dutyId: otherDuty.id }, 'dutyId', 'DUTY_OF_ANOTHER_ASSET'],
      [{ assetStatusAfter: 'DAMAGED' }, 'assetStatusAfter', 'STATUS_NOT_FOR_OUTCOME'],
      [{ outcome: 'REPAIRED', assetStatusAfter: 'DAMAGED' }, 'assetStatusAfter', 'STATUS_NOT_FOR_OUTCOME'],
      [{ cost: '-1.00' }, 'cost', 'INVALID_VALUE'],
      [{ performedBy: '' }, 'performedBy', 'REQUIRED'],
    ];
    for (const [overrides, field, code] of cases) {
      const res = await t.gql(MAINTAIN, { input: { ...base, ...overrides } }, w.manager);
      expect(res.data.recordMaintenance.userErrors, JSON.stringify(overrides)).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets a custodian record maintenance only on assets its party holds on that date', async () => {
    const held = await w.road();
    const formerly = await w.road();
    const never = await w.road();
    const party = w.l.collectives[0]!.id;
    await t.gql(ASSIGN, { input: { assetId: held, custodianId: party, startsOn: '2025-01-01' } }, w.manager);
    // Held last year, handed to another village this year.
    await t.gql(ASSIGN, { input: { assetId: formerly, custodianId: party, startsOn: '2024-01-01' } }, w.manager);
    await t.gql(ASSIGN, { input: { assetId: formerly, custodianId: w.l.collectives[1]!.id, startsOn: '2026-01-01' } }, w.manager);
    await t.gql(ASSIGN, { input: { assetId: never, custodianId: w.l.collectives[1]!.id, startsOn: '2024-01-01' } }, w.manager);
    const custodian = await t.token(Role.CUSTODIAN, '522327', w.partyKey(party));
    const record = (assetId: string, performedOn: string) =>
      t.gql(MAINTAIN, { input: { assetId, kind: 'INSPECTION', performedOn, performedBy: '韦国强', description: '巡查', outcome: 'OK' } }, custodian);

    const before = await snapshot();
    for (const [assetId, on] of [
      [never, '2026-06-01'],
      [formerly, '2026-06-01'],
      [held, '2024-12-31'],
    ] as const) {
      expect(errorCodes(await record(assetId, on)), `${assetId} on ${on}`).toEqual(['FORBIDDEN']);
    }
    expect(await snapshot()).toEqual(before);
    // What it held on the day is its to record, last year's work on last year's asset included.
    expect((await record(held, '2026-06-01')).data.recordMaintenance.userErrors).toEqual([]);
    expect((await record(formerly, '2025-06-01')).data.recordMaintenance.userErrors).toEqual([]);
    // A custodian token without a party is not a valid token at all.
    const partyless = await t.token(Role.CUSTODIAN, '522327');
    expect(errorCodes(await t.gql(MAINTAIN, { input: { assetId: held, kind: 'INSPECTION', performedOn: '2026-06-01', performedBy: 'x', description: 'x', outcome: 'OK' } }, partyless))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it("refuses a duty of another county's asset as not found, and lets a disposed asset's duties be switched off", async () => {
    const assetId = await w.road();
    const duty = (await t.gql(ADD_DUTY, { input: { assetId, kind: 'INSPECTION', description: '巡查', intervalDays: 30, startsOn: '2025-01-01' } }, w.manager)).data.addCustodyDuty.duty;
    const abroad = await t.token(Role.ADMIN, '522328');
    const foreign = await t.gql(UPDATE_DUTY, { input: { dutyId: duty.id, expectedVersion: 1, active: false } }, abroad);
    expect(foreign.data.updateCustodyDuty.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await disposeAsset(t, assetId, { requestedOn: '2026-06-01', completedOn: '2026-06-01' });
    // A disposed asset owes no duty: it is not overdue, and its duty can be switched off.
    const overdue = await t.gql(`{ overdueDuties(first: 200, filter: { region: "${w.l.collectives[0]!.village}" }) { nodes { duty { id } } } }`, {}, w.manager);
    expect(overdue.data.overdueDuties.nodes.map((n: { duty: { id: string } }) => n.duty.id)).not.toContain(duty.id);
    const off = await t.gql(UPDATE_DUTY, { input: { dutyId: duty.id, expectedVersion: 1, active: false } }, w.manager);
    expect(off.data.updateCustodyDuty).toMatchObject({ duty: { active: false }, userErrors: [] });
  });

  it('holds at most one open custody per asset in the database itself', async () => {
    const assetId = await w.road();
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id } }, w.manager);
    const key = Buffer.from(assetId, 'base64url').toString().split(':')[1];
    const insert = `insert into custody_assignment (asset_id, region_code, custodian_party_id, valid_from)
      select id, region_code, ${w.partyKey(w.l.collectives[1]!.id)}, '2026-06-01' from asset where id = ${key}`;
    const refused = await t.rows(insert).then(
      () => null,
      (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
    );
    expect(refused).toMatch(/custody_one_open_per_asset/);
  });
});
