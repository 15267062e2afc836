/**
 * Writes compose: the forms that run in a transaction the caller holds put several writes (and
 * their audit events) in one transaction. When a later write fails, nothing of the earlier ones
 * is left — no status change, no asset update, no audit event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type Viewer } from '../../src/auth/viewer';
import { withTransaction } from '../../src/db/transaction';
import { changeAssetStatusIn, updateAssetIn } from '../../src/modules/assets/assets.service';
import { startTestApp, type TestContext } from '../helpers';

describe('writes in a caller-held transaction', () => {
  let t: TestContext;
  const manager: Viewer = { userId: 'compose', role: Role.ASSET_MANAGER, scope: '522327', partyId: null, requestId: 'compose-test' };
  const counts = () => Promise.all(['asset_status_change', 'audit_event'].map((table) => t.count(table)));
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 5 });
  });
  afterAll(() => t.close());

  it('keeps both writes when both succeed', async () => {
    const [asset] = await t.rows<{ id: number; version: number }>(`select id, version from asset where status = 'IN_USE' order by id limit 1`);
    const before = await counts();
    await withTransaction(t.db.db, async (tx) => {
      const moved = await changeAssetStatusIn(tx, manager, t.clock, Number(asset!.id), asset!.version, { status: 'IDLE', reason: '暂停经营' });
      expect(moved.userErrors).toEqual([]);
      const renamed = await updateAssetIn(tx, manager, t.clock, Number(asset!.id), asset!.version + 1, { name: '闲置的车间' });
      expect(renamed.userErrors).toEqual([]);
    });
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
  });

  it('leaves nothing of either when the second fails', async () => {
    const [asset] = await t.rows<{ id: number; version: number; status: string; name: string }>(`select id, version, status, name from asset where status = 'IN_USE' order by id limit 1`);
    const before = await counts();
    const failure = new Error('the second write failed');
    await expect(
      withTransaction(t.db.db, async (tx) => {
        const moved = await changeAssetStatusIn(tx, manager, t.clock, Number(asset!.id), asset!.version, { status: 'DAMAGED', reason: '水毁' });
        expect(moved.userErrors).toEqual([]);
        // The second write is refused: the caller abandons the whole transaction.
        const stale = await updateAssetIn(tx, manager, t.clock, Number(asset!.id), asset!.version, { name: '改名' });
        expect(stale.userErrors.map((e) => e.code)).toEqual(['VERSION_CONFLICT']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await counts()).toEqual(before);
    const [after] = await t.rows<{ version: number; status: string; name: string }>(`select version, status, name from asset where id = ${asset!.id}`);
    expect(after).toEqual({ version: asset!.version, status: asset!.status, name: asset!.name });
  });
});
