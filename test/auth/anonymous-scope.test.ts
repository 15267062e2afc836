/**
 * Closed by default: the anonymous viewer's scope matches nothing at the SQL level, so a store
 * read made for it — even one that skipped the permission check — returns no rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousViewer, Role, type Viewer } from '../../src/auth/viewer';
import { scopeRange } from '../../src/auth/scope';
import * as assetStore from '../../src/modules/assets/assets.store';
import * as partyStore from '../../src/modules/parties/parties.store';
import * as regionStore from '../../src/modules/regions/regions.store';
import { startTestApp, type TestContext } from '../helpers';

describe('the anonymous viewer', () => {
  let t: TestContext;
  const admin: Viewer = { userId: 'a', role: Role.ADMIN, scope: '522327', partyId: null, requestId: 'r' };
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 20 });
  });
  afterAll(() => t.close());

  it('has a scope that matches nothing', () => {
    expect(scopeRange(anonymousViewer('r'))).toEqual([0, 0]);
  });

  it('reads no rows through the stores, while a scoped viewer reads them', async () => {
    const anonymous = anonymousViewer('r');
    const ids = (await t.rows<{ id: number }>('select id from asset')).map((r) => Number(r.id));
    const codes = (await t.rows<{ code: number }>('select code from region')).map((r) => Number(r.code));
    const partyIds = (await t.rows<{ id: number }>('select id from party')).map((r) => Number(r.id));
    expect(ids.length).toBeGreaterThan(0);
    for (const viewer of [admin, anonymous]) {
      const found = await Promise.all([
        assetStore.assetsByIds(t.db.db, viewer, ids),
        assetStore.statusChangesByAssetIds(t.db.db, viewer, ids),
        assetStore.fundingWithProjects(t.db.db, viewer, ids),
        regionStore.regionsByCodes(t.db.db, viewer, codes),
        partyStore.partiesByIds(t.db.db, viewer, partyIds),
        assetStore.assetsCount(t.db.db, viewer, {}),
      ]);
      const sizes = found.map((rows) => (Array.isArray(rows) ? rows.length : rows));
      if (viewer === admin) expect(sizes.every((n) => n > 0)).toBe(true);
      else expect(sizes).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });
});
