/** Custody as the township office and the auditor use it: who holds what, what is due, what was done. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { ADD_DUTY, ASSIGN, END, MAINTAIN, UPDATE_DUTY, custodyWorld, type CustodyWorld } from './fixtures';

describe('custody, duties and maintenance', () => {
  let t: TestContext;
  let w: CustodyWorld;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    w = await custodyWorld(t);
    t.clock.set('2026-06-15');
  });
  afterAll(() => t.close());

  it('assigns a custodian, and a new one closes the old assignment on the day it begins', async () => {
    const assetId = await w.road();
    const [village, other] = [w.l.collectives[0]!.id, w.l.collectives[1]!.id];
    const first = await t.gql(
      ASSIGN,
      { input: { assetId, custodianId: village, responsiblePerson: '韦国强', responsiblePhone: '13812345678', fundingArrangement: '村集体经济收益列支', startsOn: '2020-01-01' } },
      w.manager,
    );
    expect(first.data.assignCustodian.userErrors).toEqual([]);
    expect(first.data.assignCustodian.custody).toMatchObject({ validFrom: '2020-01-01', validTo: null, responsiblePerson: '韦国强', custodian: { id: village } });

    const second = await t.gql(ASSIGN, { input: { assetId, custodianId: other, responsiblePerson: '王明华', fundingArrangement: '县级管护补助资金', startsOn: '2025-03-01' } }, w.manager);
    expect(second.data.assignCustodian.userErrors).toEqual([]);

    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Asset {
        now: custody { custodian { id } validFrom }
        then: custody(asOf: "2024-12-31") { custodian { id } validTo endReason }
        before: custody(asOf: "2019-12-31") { id }
        custodyHistory { validFrom validTo custodian { id } }
      } } }`,
      { id: assetId },
      w.manager,
    );
    const asset = res.data.node;
    expect(asset.now).toEqual({ custodian: { id: other }, validFrom: '2025-03-01' });
    expect(asset.then).toMatchObject({ custodian: { id: village }, validTo: '2025-03-01' });
    expect(asset.before).toBeNull();
    expect(asset.custodyHistory).toEqual([
      { validFrom: '2020-01-01', validTo: '2025-03-01', custodian: { id: village } },
      { validFrom: '2025-03-01', validTo: null, custodian: { id: other } },
    ]);
    const open = await t.rows(`select count(*)::int as n from custody_assignment where asset_id = ${Buffer.from(assetId, 'base64url').toString().split(':')[1]} and valid_to is null`);
    expect(open[0].n).toBe(1);
    const events = await t.rows(`select action, before is not null as closed from audit_event where action = 'custody.assign' and entity_id = '${assetId}' order by id`);
    expect(events).toEqual([
      { action: 'custody.assign', closed: false },
      { action: 'custody.assign', closed: true },
    ]);
  });

  it("lists a party's assets in custody and filters the register by custodian, on a date", async () => {
    const assetId = await w.road();
    const custodian = w.l.collectives[2]!.id;
    await t.gql(ASSIGN, { input: { assetId, custodianId: custodian, startsOn: '2024-01-01' } }, w.manager);
    await t.gql(END, { input: { assetId, endsOn: '2026-01-01', reason: '道路移交交通部门' } }, w.manager);
    const q = `query($p: ID!, $d: Date) {
      held: node(id: $p) { ... on Party { now: assetsInCustody { nodes { id } } then: assetsInCustody(asOf: "2025-06-01") { nodes { id } } } }
      filtered: assets(filter: { custodian: $p, custodyOn: $d }) { totalCount nodes { id } }
    }`;
    const res = await t.gql(q, { p: custodian, d: '2025-06-01' }, w.manager);
    expect(res.data.held.then.nodes.map((n: { id: string }) => n.id)).toContain(assetId);
    expect(res.data.held.now.nodes.map((n: { id: string }) => n.id)).not.toContain(assetId);
    expect(res.data.filtered.nodes.map((n: { id: string }) => n.id)).toContain(assetId);
  });

  it('masks the responsible person and phone for roles without personal data', async () => {
    const assetId = await w.road();
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, responsiblePerson: '岑德全', responsiblePhone: '13912345678' } }, w.manager);
    const q = 'query($id: ID!) { node(id: $id) { ... on Asset { custody { responsiblePerson responsiblePhone } } } }';
    expect((await t.gql(q, { id: assetId }, w.manager)).data.node.custody).toEqual({ responsiblePerson: '岑德全', responsiblePhone: '13912345678' });
    for (const role of [Role.VIEWER, Role.CUSTODIAN]) {
      const token = await t.token(role, '522327', role === Role.CUSTODIAN ? w.partyKey(w.l.collectives[0]!.id) : undefined);
      expect((await t.gql(q, { id: assetId }, token)).data.node.custody, role).toEqual({ responsiblePerson: '岑**', responsiblePhone: '139****5678' });
    }
  });

  it('derives the next due date from the custody start, then from the latest record of the kind', async () => {
    const assetId = await w.road();
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, startsOn: '2026-01-10' } }, w.manager);
    const inspection = (await t.gql(ADD_DUTY, { input: { assetId, kind: 'INSPECTION', description: '每月巡查', intervalDays: 30, startsOn: '2025-12-01' } }, w.manager)).data.addCustodyDuty.duty;
    const cleaning = (await t.gql(ADD_DUTY, { input: { assetId, kind: 'CLEANING', description: '季度保洁', intervalDays: 90, startsOn: '2026-02-01' } }, w.manager)).data.addCustodyDuty.duty;
    // The later of the custody start and the duty start, plus the interval.
    expect(inspection.nextDueOn).toBe('2026-02-09');
    expect(cleaning.nextDueOn).toBe('2026-05-02');

    const done = await t.gql(
      MAINTAIN,
      { input: { assetId, dutyId: inspection.id, kind: 'INSPECTION', performedOn: '2026-06-01', performedBy: '韦国强', description: '巡查路面', outcome: 'OK' } },
      w.manager,
    );
    expect(done.data.recordMaintenance.userErrors).toEqual([]);
    // An older record of the kind does not move the date back.
    await t.gql(MAINTAIN, { input: { assetId, kind: 'INSPECTION', performedOn: '2026-04-01', performedBy: '韦国强', description: '补录巡查', outcome: 'OK' } }, w.manager);
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on Asset { duties { kind lastDoneOn nextDueOn } nextDuty { kind nextDueOn } } } }`, { id: assetId }, w.manager);
    expect(res.data.node.duties).toEqual([
      { kind: 'CLEANING', lastDoneOn: null, nextDueOn: '2026-05-02' },
      { kind: 'INSPECTION', lastDoneOn: '2026-06-01', nextDueOn: '2026-07-01' },
    ]);
    expect(res.data.node.nextDuty).toEqual({ kind: 'CLEANING', nextDueOn: '2026-05-02' });

    // A new interval moves the date; an inactive duty is never next.
    const changed = await t.gql(UPDATE_DUTY, { input: { dutyId: cleaning.id, expectedVersion: 1, intervalDays: 200 } }, w.manager);
    expect(changed.data.updateCustodyDuty.duty).toMatchObject({ nextDueOn: '2026-08-20', version: 2 });
    await t.gql(UPDATE_DUTY, { input: { dutyId: cleaning.id, expectedVersion: 2, active: false } }, w.manager);
    const next = await t.gql(`query($id: ID!) { node(id: $id) { ... on Asset { nextDuty { kind } } } }`, { id: assetId }, w.manager);
    expect(next.data.node.nextDuty).toEqual({ kind: 'INSPECTION' });
  });

  it('moves the asset to DAMAGED and back to IN_USE with the maintenance that found and fixed it', async () => {
    const assetId = await w.road();
    await t.gql(ASSIGN, { input: { assetId, custodianId: w.l.collectives[0]!.id, startsOn: '2025-01-01' } }, w.manager);
    const found = await t.gql(
      MAINTAIN,
      { input: { assetId, kind: 'INSPECTION', performedOn: '2026-05-20', performedBy: '韦国强', description: '汛后巡查发现路基塌方', outcome: 'ISSUE_FOUND', assetStatusAfter: 'DAMAGED' } },
      w.manager,
    );
    expect(found.data.recordMaintenance).toMatchObject({ asset: { status: 'DAMAGED' }, userErrors: [] });
    const fixed = await t.gql(
      MAINTAIN,
      {
        input: {
          assetId,
          kind: 'REPAIR',
          performedOn: '2026-06-10',
          performedBy: '册亨县某建筑公司',
          description: '路基修复',
          cost: '18500.00',
          payerId: w.l.collectives[0]!.id,
          outcome: 'REPAIRED',
          assetStatusAfter: 'IN_USE',
        },
      },
      w.manager,
    );
    expect(fixed.data.recordMaintenance).toMatchObject({ maintenanceRecord: { cost: '18500.00', payer: { id: w.l.collectives[0]!.id } }, asset: { status: 'IN_USE' }, userErrors: [] });
    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Asset { statusChanges { toStatus effectiveOn reason } history(first: 50) { nodes { kind on maintenanceRecord { outcome } custody { validFrom } } } } } }`,
      { id: assetId },
      await t.token(Role.AUDITOR, '522327'),
    );
    expect(res.data.node.statusChanges.slice(-2)).toEqual([
      expect.objectContaining({ toStatus: 'DAMAGED', effectiveOn: '2026-05-20' }),
      expect.objectContaining({ toStatus: 'IN_USE', effectiveOn: '2026-06-10' }),
    ]);
    const kinds = res.data.node.history.nodes.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['CUSTODY_ASSIGNED', 'MAINTENANCE', 'STATUS_CHANGE', 'AUDIT_EVENT']));
    // The status changes and the records were written with their audit events, in the same transactions.
    const events = await t.rows(`select action from audit_event where entity_id = '${assetId}' and action in ('maintenance.record', 'asset.changeStatus') order by id`);
    expect(events.map((e) => e.action)).toEqual(['asset.changeStatus', 'maintenance.record', 'asset.changeStatus', 'maintenance.record']);
  });

  it('lists overdue duties across the region, most overdue first, with asset, village and custodian', async () => {
    const auditor = await t.token(Role.AUDITOR, '522327');
    const q = `query($after: String, $asOf: Date) { overdueDuties(first: 20, after: $after, asOf: $asOf, filter: { region: "522327" }) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { dueOn daysOverdue duty { id kind nextDueOn } asset { id } village { code level } custodian { id } }
    } }`;
    const first = (await t.gql(q, {}, auditor)).data.overdueDuties;
    expect(first.totalCount).toBeGreaterThan(0);
    const days = first.nodes.map((n: { daysOverdue: number }) => n.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    for (const n of first.nodes) {
      expect(n.dueOn < '2026-06-15').toBe(true);
      expect(n.village.level).toBe('VILLAGE');
      expect(n.asset.id).toBeTruthy();
    }
    if (first.pageInfo.hasNextPage) {
      const next = (await t.gql(q, { after: first.pageInfo.endCursor }, auditor)).data.overdueDuties;
      expect(next.nodes[0].daysOverdue).toBeLessThanOrEqual(days.at(-1));
    }
    const [expected] = await t.rows(`select count(*)::int as n from custody_duty d join asset a on a.id = d.asset_id where d.active and d.next_due_on < '2026-06-15' and a.status <> 'DISPOSED'`);
    expect(first.totalCount).toBe(expected.n);
    // The custodian is whoever held the asset on the date asked.
    for (const n of first.nodes) {
      const key = Buffer.from(n.asset.id, 'base64url').toString().split(':')[1];
      const [held] = await t.rows(
        `select custodian_party_id as party from custody_assignment where asset_id = ${key} and valid_from <= '2026-06-15' and (valid_to is null or valid_to > '2026-06-15')`,
      );
      expect(n.custodian?.id ?? null).toBe(held ? Buffer.from(`Party:${held.party}`).toString('base64url') : null);
    }
  });

  it('totals maintenance cost by payer and year across the filtered records', async () => {
    const res = await t.gql(
      `{ maintenanceRecords(first: 5, filter: { region: "522327" }) { totalCount nodes { performedOn cost } totals { year records cost payer { id } } } }`,
      {},
      await t.token(Role.AUDITOR, '522327'),
    );
    const { totalCount, nodes, totals } = res.data.maintenanceRecords;
    expect(nodes.map((n: { performedOn: string }) => n.performedOn)).toEqual([...nodes.map((n: { performedOn: string }) => n.performedOn)].sort().reverse());
    expect(totals.reduce((n: number, r: { records: number }) => n + r.records, 0)).toBe(totalCount);
    const [sum] = await t.rows(`select (sum(cost_fen) / 100.0)::numeric(20,2)::text as total from maintenance_record`);
    const yuan = totals.reduce((s: bigint, r: { cost: string }) => s + BigInt(r.cost.replace('.', '')), 0n);
    expect(`${yuan / 100n}.${String(yuan % 100n).padStart(2, '0')}`).toBe(sum.total);
  });

  it('reports custody coverage and overdue duties in the region summary', async () => {
    const res = await t.gql(`{ regionSummary(code: "522327") { custody { publicWelfareInUseCount withCustodianCount coverage overdueDutyCount } } }`, {}, await t.token(Role.VIEWER, '522327'));
    const custody = res.data.regionSummary.custody;
    const [inUse] = await t.rows(`select count(*)::int as n from asset where class = 'PUBLIC_WELFARE' and status = 'IN_USE'`);
    const [covered] = await t.rows(
      `select count(*)::int as n from asset a where class = 'PUBLIC_WELFARE' and status = 'IN_USE' and exists (select 1 from custody_assignment c where c.asset_id = a.id and c.valid_from <= '2026-06-15' and (c.valid_to is null or c.valid_to > '2026-06-15'))`,
    );
    expect(custody.publicWelfareInUseCount).toBe(inUse.n);
    expect(custody.withCustodianCount).toBe(covered.n);
    expect(custody.coverage).toBeCloseTo(covered.n / inUse.n, 10);
    expect(custody.withCustodianCount).toBeLessThan(custody.publicWelfareInUseCount); // the demo leaves some without
    expect(custody.overdueDutyCount).toBeGreaterThan(0);
  });
});
