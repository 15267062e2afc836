import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths';
import { Role, startTestApp, type TestContext } from '../helpers';

describe('the shipped example ledger (seeds/register-example.csv)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('imports cleanly into the demo county', async () => {
    const token = await t.token(Role.ASSET_MANAGER, '522327');
    const file = fs.readFileSync(path.join(projectRoot(), 'seeds', 'register-example.csv'));
    const res = await request(t.app.server).post('/import/assets').set('authorization', `Bearer ${token}`).attach('file', file, 'register-example.csv');
    expect(res.body).toEqual({ dryRun: false, rows: 4, imported: 4, errors: [] });
    const joint = await t.gql(`{ asset(code: "EX-2020-002") { owners { shareBp owner { name } } funding { source amount project { code } } } }`, {}, token);
    expect(joint.data.asset.owners).toEqual([
      { shareBp: 6000, owner: { name: '团结社区股份经济合作社' } },
      { shareBp: 4000, owner: { name: '奋进社区股份经济合作社' } },
    ]);
    const idle = await t.gql(`{ asset(code: "EX-2020-004") { status builtOn owners { shareBp } fundingTotal originalValue } }`, {}, token);
    expect(idle.data.asset).toEqual({ status: 'IDLE', builtOn: '2020-05-01', owners: [], fundingTotal: '450000.00', originalValue: '450000.00' });
  });
});
