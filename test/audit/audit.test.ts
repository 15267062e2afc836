/**
 * DESIGN.md §3 AuditEvent: every change leaves an event in the same transaction; the table is
 * append-only in the database; the events are hash-chained and verifyAuditChain names the
 * first broken one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

const CREATE = `mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { code } } }`;
const VERIFY = `{ verifyAuditChain { ok checkedCount reason firstBrokenEvent { id seq action entityId } } }`;

describe('audit trail', () => {
  let t: TestContext;
  let auditor: string;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    auditor = await t.token(Role.AUDITOR, '522327');
    manager = await t.token(Role.ASSET_MANAGER, '522327');
  });
  afterAll(() => t.close());

  it('chains concurrent writes: every event links to the one before, with no gap in seq', async () => {
    const before = await t.count('audit_event');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.gql(CREATE, { input: { kind: 'OTHER', name: `并发 ${i}`, regionCode: i % 2 ? '522327104200' : '522327105200' } }, manager)),
    );
    expect(results.every((r) => r.data.createParty.userErrors.length === 0)).toBe(true);
    expect(await t.count('audit_event')).toBe(before + 20);
    const seqs = await t.rows<{ seq: number; prev_hash: string; previous: string | null }>(
      `select seq, prev_hash, lag(hash) over (order by seq) as previous from audit_event where chain_key = '522327' order by seq`,
    );
    seqs.forEach((row, i) => {
      expect(Number(row.seq)).toBe(i + 1);
      if (i > 0) expect(row.prev_hash).toBe(row.previous);
    });
    const res = await t.gql(VERIFY, {}, auditor);
    expect(res.data.verifyAuditChain).toEqual({ ok: true, checkedCount: before + 20, reason: null, firstBrokenEvent: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const failure = (text: string) =>
      t.rows(text).then(
        () => 'succeeded',
        (e: Error & { cause?: Error }) => (e.cause ?? e).message,
      );
    expect(await failure(`update audit_event set action = 'x' where id = 1`)).toMatch(/append-only: UPDATE refused/);
    expect(await failure(`delete from audit_event where id = 1`)).toMatch(/append-only: DELETE refused/);
    expect(await failure(`truncate audit_event`)).toMatch(/append-only: TRUNCATE refused/);
    const [first] = await t.rows(`select action from audit_event where id = 1`);
    expect(first.action).toBe('party.create');
  });

  it('seals every event inside its own commit, and lets no one seal one by hand', async () => {
    const failure = (text: string) =>
      t.rows(text).then(
        () => 'succeeded',
        (e: Error & { cause?: Error }) => (e.cause ?? e).message,
      );
    const forged = failure(`do $$ begin
      insert into audit_event (occurred_at, request_id, action, entity_type, entity_id, region_code) values (now(), 'forger', 'x.forge', 'Party', 'x', 522327104200);
      update audit_event set seq = 999999, hash = repeat('f', 64) where hash = '';
    end $$`);
    expect(await forged).toMatch(/append-only: UPDATE refused/);
    expect(await t.rows(`select id from audit_event where hash = '' or seq <= 0 or request_id = 'forger'`)).toEqual([]);
  });

  it("names an event whose content was altered behind the API's back, then one whose link was forged", async () => {
    const [target] = await t.rows<{ id: number; after: unknown }>(`select id, after from audit_event where chain_key = '522327' order by seq offset 10 limit 1`);
    await t.rows(`alter table audit_event disable trigger audit_event_no_update_delete`);
    await t.rows(`update audit_event set after = jsonb_set(after, '{name}', '"篡改"') where id = ${target!.id}`);
    const altered = await t.gql(VERIFY, {}, auditor);
    expect(altered.data.verifyAuditChain).toMatchObject({ ok: false, reason: 'CONTENT_ALTERED', firstBrokenEvent: { id: expect.any(String), seq: 11, action: 'party.create' } });

    // Recomputing the altered event's own hash does not help: the next event's link breaks.
    await t.rows(`update audit_event set hash = audit_event_digest(audit_event) where id = ${target!.id}`);
    const relinked = await t.gql(VERIFY, {}, auditor);
    expect(relinked.data.verifyAuditChain).toMatchObject({ ok: false, reason: 'LINK_BROKEN', firstBrokenEvent: { seq: 12 } });

    await t.rows(`delete from audit_event where chain_key = '522327' and seq = 20`);
    await t.rows(`alter table audit_event enable trigger audit_event_no_update_delete`);
    const res = await t.gql(`{ verifyAuditChain { ok reason firstBrokenEvent { seq } } }`, {}, auditor);
    expect(res.data.verifyAuditChain).toEqual({ ok: false, reason: 'LINK_BROKEN', firstBrokenEvent: { seq: 12 } });
  });

  it('reports a removed event as EVENT_MISSING at its successor', async () => {
    const other = await startTestApp({ demo: true });
    try {
      await other.rows(`alter table audit_event disable trigger audit_event_no_update_delete`);
      await other.rows(`delete from audit_event where chain_key = '522327' and seq = 5`);
      const res = await other.gql(`{ verifyAuditChain { ok reason firstBrokenEvent { seq } } }`, {}, await other.token(Role.ADMIN, '522327'));
      expect(res.data.verifyAuditChain).toEqual({ ok: false, reason: 'EVENT_MISSING', firstBrokenEvent: { seq: 6 } });
    } finally {
      await other.close();
    }
  });

  it('lets only auditors and admins read the trail', async () => {
    for (const role of [Role.ASSET_MANAGER, Role.FINANCE, Role.VIEWER]) {
      const res = await t.gql(`{ auditEvents { totalCount } }`, {}, await t.token(role, '522327'));
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      const verify = await t.gql(`{ verifyAuditChain { ok } }`, {}, await t.token(role, '522327'));
      expect(errorCodes(verify)).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await t.gql(`{ auditEvents { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    const admin = await t.gql(`{ auditEvents(first: 1) { nodes { action } } }`, {}, await t.token(Role.ADMIN, '522327'));
    expect(admin.data.auditEvents.nodes).toHaveLength(1);
  });

  it('filters the trail by action, actor, region and time', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const res = await t.gql(
      `query($since: DateTime!) {
        byActor: auditEvents(filter: { actorId: "test-asset_manager-522327", action: "party.create", region: "522327104", from: $since }) { totalCount nodes { actorId action regionCode } }
        future: auditEvents(filter: { from: "2150-01-01T00:00:00Z" }) { totalCount }
      }`,
      { since },
      auditor,
    );
    expect(res.data.byActor.totalCount).toBe(10);
    for (const n of res.data.byActor.nodes) expect(n).toMatchObject({ actorId: 'test-asset_manager-522327', action: 'party.create' });
    expect(res.data.future.totalCount).toBe(0);
  });
});
