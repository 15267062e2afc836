/** An audit event's change, field by field: what auditors read first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldChanges } from '../../src/modules/audit/field-changes';
import { Role, startTestApp, type TestContext } from '../helpers';

describe('the field changes of an audit event', () => {
  it('names each altered field by its dotted path, lists whole, and nothing unchanged', () => {
    expect(fieldChanges({ status: 'IN_USE', version: 1, owner: { id: 'a', share: 1 }, lines: [1, 2] }, { status: 'IDLE', version: 2, owner: { id: 'a', share: 2 }, lines: [1, 2] })).toEqual([
      { field: 'status', before: 'IN_USE', after: 'IDLE' },
      { field: 'version', before: 1, after: 2 },
      { field: 'owner.share', before: 1, after: 2 },
    ]);
    expect(fieldChanges(null, { name: 'x' })).toEqual([{ field: 'name', before: null, after: 'x' }]);
    expect(fieldChanges({ lines: [1] }, { lines: [1, 2] })).toEqual([{ field: 'lines', before: [1], after: [1, 2] }]);
    expect(fieldChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });

  describe('through GraphQL', () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await startTestApp({ demo: true, demoAssets: 10 });
    });
    afterAll(() => t.close());

    it("gives a status change's fields, filtered by action", async () => {
      const auditor = await t.token(Role.AUDITOR, '522327');
      const res = await t.gql('{ auditEvents(first: 1, filter: { action: "asset.changeStatus" }) { nodes { action changes { field before after } } } }', {}, auditor);
      const [event] = res.data.auditEvents.nodes;
      expect(event.action).toBe('asset.changeStatus');
      expect(event.changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['status', 'version']));
      const status = event.changes.find((c: { field: string }) => c.field === 'status');
      expect(status.before).not.toEqual(status.after);
    });
  });
});
