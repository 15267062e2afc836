/** GraphiQL's example tabs are what a new auditor runs first: each one answers without an error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../src/http/graphiql/examples';
import { Role, startTestApp, type TestContext } from '../helpers';

describe('GraphiQL examples', () => {
  let t: TestContext;
  let auditor: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 300 });
    auditor = await t.token(Role.AUDITOR, '522327');
  });
  afterAll(() => t.close());

  it.each(EXAMPLE_OPERATIONS.map((e) => [e.title, e] as const))('%s answers an auditor without errors', async (_title, example) => {
    const [asset] = await t.rows<{ code: string }>('select code from asset order by id limit 1');
    const variables = example.variables ? JSON.parse(example.variables.replace('ZC5223270000001', asset!.code)) : {};
    const res = await t.gql(example.query, variables, auditor);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.status).toBe(200);
  });
});
