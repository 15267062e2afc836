import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestContext } from '../helpers';
import { ASSET_FIELDS, CHANGE_STATUS, REGISTER, UPDATE, lookups, newAsset, type Lookups } from './fixtures';

describe('the asset register as a county asset office uses it', () => {
  let t: TestContext;
  let manager: string;
  let l: Lookups;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    manager = await t.token(Role.ASSET_MANAGER, '522327');
    l = await lookups(t);
  });
  afterAll(() => t.close());

  it('registers a jointly built asset (联村共建) with its funding and owners, and finds it by code', async () => {
    const input = newAsset(l, {
      code: 'ZC-JOINT-001',
      owners: [
        { partyId: l.collectives[0]!.id, shareBp: 6000 },
        { partyId: l.collectives[1]!.id, shareBp: 4000 },
      ],
    });
    const res = await t.gql(REGISTER, { input }, manager);
    expect(res.data.registerAsset.userErrors).toEqual([]);
    const asset = res.data.registerAsset.asset;
    expect(asset).toMatchObject({
      code: 'ZC-JOINT-001',
      status: 'IN_USE',
      originalValue: '1000000.00',
      fundingTotal: '1000000.00',
      quantity: 200,
      version: 1,
      region: { code: l.collectives[0]!.village },
      funding: [
        { source: 'CENTRAL_FISCAL', amount: '800000.00', project: { id: l.projectId } },
        { source: 'COUNTY_FISCAL', amount: '200000.00', project: null },
      ],
    });
    expect(asset.owners.map((o: { shareBp: number }) => o.shareBp)).toEqual([6000, 4000]);
    expect(asset.owners[0]!.validFrom).toBe('2019-11-01');

    const byCode = await t.gql(`{ asset(code: "ZC-JOINT-001") { id history { nodes { kind on statusChange { toStatus reason actorId } } } } }`, {}, manager);
    expect(byCode.data.asset.id).toBe(asset.id);
    const kinds = byCode.data.asset.history.nodes.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(['STATUS_CHANGE', 'OWNERSHIP_OPENED', 'OWNERSHIP_OPENED']);
    expect(byCode.data.asset.history.nodes[0]!.statusChange).toMatchObject({ toStatus: 'IN_USE', actorId: 'test-asset_manager-522327' });
  });

  it('updates a line at its version, replacing its funding', async () => {
    const created = (await t.gql(REGISTER, { input: newAsset(l) }, manager)).data.registerAsset.asset;
    const res = await t.gql(
      UPDATE,
      { input: { id: created.id, expectedVersion: 1, name: '改名后的电站', originalValue: '1200000.50', funding: [{ source: 'EAST_WEST_COOPERATION', amount: '1200000.50' }] } },
      manager,
    );
    expect(res.data.updateAsset.userErrors).toEqual([]);
    expect(res.data.updateAsset.asset).toMatchObject({ name: '改名后的电站', originalValue: '1200000.50', fundingTotal: '1200000.50', version: 2, funding: [{ source: 'EAST_WEST_COOPERATION' }] });
  });

  it('moves an asset along its lifecycle, recording reason, date and actor, and keeps past statuses for reports', async () => {
    const created = (await t.gql(REGISTER, { input: newAsset(l) }, manager)).data.registerAsset.asset;
    const idle = await t.gql(CHANGE_STATUS, { input: { id: created.id, expectedVersion: 1, status: 'IDLE', reason: '承租方退租', effectiveOn: '2024-03-01' } }, manager);
    expect(idle.data.changeAssetStatus).toEqual({ asset: { id: created.id, status: 'IDLE', version: 2 }, userErrors: [] });
    const back = await t.gql(CHANGE_STATUS, { input: { id: created.id, expectedVersion: 2, status: 'IN_USE', reason: '重新招租成功' } }, manager);
    expect(back.data.changeAssetStatus.asset.status).toBe('IN_USE');
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on Asset { statusChanges { fromStatus toStatus reason effectiveOn actorId } } } }`, { id: created.id }, manager);
    expect(res.data.node.statusChanges).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'IN_USE', effectiveOn: '2019-11-01' }),
      expect.objectContaining({ fromStatus: 'IN_USE', toStatus: 'IDLE', reason: '承租方退租', effectiveOn: '2024-03-01', actorId: 'test-asset_manager-522327' }),
      expect.objectContaining({ fromStatus: 'IDLE', toStatus: 'IN_USE', reason: '重新招租成功' }),
    ]);
  });

  it('registers a household asset (到户) and an unconfirmed one', async () => {
    const cow = await t.gql(
      REGISTER,
      {
        input: newAsset(l, {
          name: '能繁母牛',
          assetClass: 'HOUSEHOLD',
          category: 'LIVESTOCK',
          regionCode: l.households[0]!.village,
          originalValue: '12000.00',
          unit: '头',
          quantity: 1,
          funding: [],
          owners: [{ partyId: l.households[0]!.id, shareBp: 10000 }],
        }),
      },
      manager,
    );
    expect(cow.data.registerAsset.userErrors).toEqual([]);
    const unconfirmed = await t.gql(REGISTER, { input: newAsset(l, { owners: [] }) }, manager);
    expect(unconfirmed.data.registerAsset.asset.owners).toEqual([]);
  });

  it('filters and orders the register as a county screen does', async () => {
    const q = `query($filter: AssetFilter, $orderBy: AssetOrderBy, $first: Int) { assets(filter: $filter, orderBy: $orderBy, first: $first) { totalCount nodes { code assetClass category status originalValue builtOn region { code } } } }`;
    const run = async (filter: object, orderBy?: object, first = 200) => (await t.gql(q, { filter, orderBy, first }, manager)).data.assets;

    const byValue = await run({ assetClass: 'OPERATING', region: '522327104' }, { field: 'ORIGINAL_VALUE', direction: 'DESC' }, 20);
    const values = byValue.nodes.map((n: { originalValue: string }) => Number(n.originalValue));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(byValue.nodes.every((n: { assetClass: string; region: { code: string } }) => n.assetClass === 'OPERATING' && n.region.code.startsWith('522327104'))).toBe(true);

    const pv = await run({ category: 'PV_STATION', status: 'IN_USE', valueMin: '500000.00', valueMax: '1500000.00' });
    expect(pv.nodes.every((n: { category: string; originalValue: string }) => n.category === 'PV_STATION' && Number(n.originalValue) >= 500000 && Number(n.originalValue) <= 1500000)).toBe(true);

    const built = await run({ builtFrom: '2016-01-01', builtTo: '2016-12-31' });
    expect(built.totalCount).toBeGreaterThan(0);
    expect(built.nodes.every((n: { builtOn: string }) => n.builtOn.startsWith('2016'))).toBe(true);

    const byProject = await run({ project: l.projectId });
    const project = await t.gql(`query($id: ID!) { node(id: $id) { ... on Project { assets { totalCount } } } }`, { id: l.projectId }, manager);
    expect(byProject.totalCount).toBe(project.data.node.assets.totalCount);

    const byOwner = await run({ owner: l.collectives[0]!.id });
    expect(byOwner.totalCount).toBeGreaterThan(0);
    const text = await run({ text: 'ZC-JOINT' });
    expect(text.nodes.map((n: { code: string }) => n.code)).toEqual(['ZC-JOINT-001']);
    expect((await run({ owner: 'bm9wZTox' })).totalCount).toBe(0);
  });

  it('counts and values a region on a date', async () => {
    const res = await t.gql(
      `{ now: regionSummary(code: "522327") { assetCount originalValue ownershipConfirmedCount ownershipConfirmationRate byClass { key assetCount originalValue } byCategory { key assetCount } byStatus { key assetCount } }
      past: regionSummary(code: "522327", asOf: "2016-12-31") { assetCount byStatus { key assetCount } } }`,
      {},
      manager,
    );
    const now = res.data.now;
    const sum = (list: { assetCount: number }[]) => list.reduce((s, b) => s + b.assetCount, 0);
    expect(sum(now.byClass)).toBe(now.assetCount);
    expect(sum(now.byCategory)).toBe(now.assetCount);
    expect(sum(now.byStatus)).toBe(now.assetCount);
    const list = await t.gql(`{ assets(filter: { region: "522327" }) { totalCount } }`, {}, manager);
    expect(now.assetCount).toBe(list.data.assets.totalCount);
    expect(now.ownershipConfirmationRate).toBeCloseTo(now.ownershipConfirmedCount / now.assetCount);
    const classValue = now.byClass.reduce((s: bigint, b: { originalValue: string }) => s + BigInt(b.originalValue.replace('.', '')), 0n);
    expect(classValue).toBe(BigInt(now.originalValue.replace('.', '')));
    expect(res.data.past.assetCount).toBeLessThan(now.assetCount);
    expect(res.data.past.assetCount).toBeGreaterThan(0);
  });

  it('pages the register backwards and forwards without gaps', async () => {
    const all = (await t.gql(`{ assets(first: 200, filter: { region: "522327104" }) { nodes { id } } }`, {}, manager)).data.assets.nodes.map((n: { id: string }) => n.id);
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: any = (
        await t.gql(
          `query($before: String) { assets(last: 7, before: $before, filter: { region: "522327104" }) { edges { cursor node { id } } pageInfo { hasPreviousPage startCursor } } }`,
          { before },
          manager,
        )
      ).data.assets;
      seen.unshift(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(all);
  });

  it('reads the full line with every relation in one request', async () => {
    const res = await t.gql(`{ assets(first: 3) { nodes { ${ASSET_FIELDS} } } }`, {}, manager);
    expect(res.errors).toBeUndefined();
  });
});
