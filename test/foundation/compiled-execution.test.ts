/**
 * Compiled execution (graphql/executor.ts) answers what graphql-js answers. The app runs each
 * document through graphql-jit; the same document runs here through graphql-js's `execute` on
 * the same schema, database and viewer, and the answers must be equal to the last character.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execute, getIntrospectionQuery, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/graphql/context';
import { createSchema } from '../../src/graphql/schema';
import request from 'supertest';
import { Role, errorCodes, startTestApp, type TestContext } from '../helpers';

const COUNTY = '522327';
const operation = (name: string) => fs.readFileSync(path.join(__dirname, '../../bench/operations', `${name}.graphql`), 'utf8');

const DOCUMENTS: [string, string, Record<string, unknown>][] = [
  ['Q1 asset page', operation('q1-asset-page'), { region: COUNTY }],
  ['Q2 asset detail with its timeline', operation('q2-asset-detail'), { code: 'ZC5223270000001' }],
  ['Q3 region summary', operation('q3-region-summary'), { code: COUNTY }],
  ['Q4 text search', operation('q4-text-search'), { text: '光伏' }],
  ['Q5 overdue duties', operation('q5-overdue-duties'), { region: COUNTY }],
  ['Q6 asset page with custody', operation('q6-asset-page-custody'), { region: COUNTY }],
  ['Q7 arrears', operation('q7-arrears'), { region: COUNTY }],
  ['Q9 reconciliation', operation('q9-reconciliation'), { region: COUNTY, from: '2025-01-01', to: '2025-12-31' }],
  ['Q10 audit check summary', operation('q10-audit-check-summary'), { region: COUNTY }],
  ['Q11 audit findings', operation('q11-audit-findings'), { region: COUNTY }],
  [
    'fragments, aliases, @include and @skip',
    `query($yes: Boolean!) { a: assets(first: 3) { totalCount nodes { ...F } } b: assets(first: 2, filter: { assetClass: OPERATING }) { nodes { code @skip(if: $yes) name @include(if: $yes) } } } fragment F on Asset { id code region { name } }`,
    { yes: true },
  ],
  ['node(id) of every type it meets', `{ assets(first: 2) { nodes { id } } parties(first: 2) { nodes { id } } }`, {}],
  ['introspection, as GraphiQL asks it', getIntrospectionQuery({ descriptions: true }), {}],
];

describe('compiled execution', () => {
  let t: TestContext;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    token = await t.token(Role.AUDITOR, COUNTY);
  });
  afterAll(() => t.close());

  /** The same document through graphql-js, as the auditor, on the app's database. */
  async function byGraphqlJs(query: string, variables: Record<string, unknown>) {
    const viewer = { userId: 'test-auditor', role: Role.AUDITOR, scope: COUNTY, partyId: null, requestId: 'graphql-js' };
    const contextValue = createContext({ db: t.db.db, cipher: t.cipher, clock: t.clock }, viewer, 'zh');
    return JSON.parse(JSON.stringify(await execute({ schema: await createSchema(), document: parse(query), variableValues: variables, contextValue })));
  }

  /** A document is compiled when it comes back (executor.ts): the first answer is graphql-js's, the second the compiled one's. */
  async function twice(query: string, variables: Record<string, unknown>, as = token) {
    return [await t.gql(query, variables, as), await t.gql(query, variables, as)] as const;
  }

  it.each(DOCUMENTS)('answers %s as graphql-js does', async (_name, query, variables) => {
    const [first, compiled] = await twice(query, variables);
    expect(compiled.errors).toBeUndefined();
    const expected = await byGraphqlJs(query, variables);
    expect(expected.errors).toBeUndefined();
    expect(JSON.stringify(compiled.data)).toBe(JSON.stringify(expected.data));
    expect(JSON.stringify(first.data)).toBe(JSON.stringify(expected.data));
  });

  it('reads node(id) for the ids a page gave, each as its own type', async () => {
    const ids = await t.gql(`{ assets(first: 2) { nodes { id } } parties(first: 2) { nodes { id } } }`, {}, token);
    const all = [...ids.data.assets.nodes, ...ids.data.parties.nodes].map((n: { id: string }) => n.id);
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Asset { code } ... on Party { name } } }`;
    const [, compiled] = await twice(query, { ids: all });
    expect(compiled.data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Asset', 'Asset', 'Party', 'Party']);
    expect(JSON.stringify(compiled.data)).toBe(JSON.stringify((await byGraphqlJs(query, { ids: all })).data));
  });

  it.each(DOCUMENTS)('compiles %s (not left to graphql-js)', async (_name, query) => {
    expect(isCompiledQuery(compileQuery(await createSchema(), parse(query)))).toBe(true);
  });

  // jit inlines literal arguments as JSON and cannot write a bigint: such a document runs through graphql-js.
  it('passes a literal Money argument to the resolver exact, as it passes a variable', async () => {
    const admin = await t.token(Role.ADMIN, COUNTY);
    const create = `mutation($code: String!) { createProject(input: { code: $code, name: "字面量金额", year: 2024, regionCode: "${COUNTY}", kind: INDUSTRY, funding: [{ source: CENTRAL_FISCAL, amount: "89999999999999.99" }] }) { project { funding { amount } } userErrors { code } } }`;
    for (const code of ['LIT-2024-01', 'LIT-2024-02']) {
      const literal = await t.gql(create, { code }, admin);
      expect(literal.errors).toBeUndefined();
      expect(literal.data.createProject).toEqual({ project: { funding: [{ amount: '89999999999999.99' }] }, userErrors: [] });
    }
  });

  // jit writes a variable's default into its code as JSON: a DateTime default would reach the resolver as a string.
  it('passes a DateTime default of a variable as a date, as graphql-js does', async () => {
    const query = `query($from: DateTime = "2020-01-01T00:00:00Z") { auditEvents(first: 3, filter: { from: $from }) { nodes { action } } }`;
    const [first, second] = await twice(query, {});
    expect(second.errors).toBeUndefined();
    expect(second.data.auditEvents.nodes.length).toBeGreaterThan(0);
    expect(second.data).toEqual(first.data);
    expect(JSON.stringify(second.data)).toBe(JSON.stringify((await byGraphqlJs(query, {})).data));
  });

  it('waits for a payload field that holds a promise (a loader read) before answering its fields', async () => {
    const manager = await t.token(Role.ASSET_MANAGER, COUNTY);
    const assets = (await t.gql(`{ assets(first: 2, filter: { assetClass: PUBLIC_WELFARE, status: IN_USE }) { nodes { id version } } }`, {}, manager)).data.assets.nodes;
    const party = (await t.gql(`{ parties(first: 1, filter: { kind: VILLAGE_COLLECTIVE }) { nodes { id } } }`, {}, manager)).data.parties.nodes[0];
    for (const asset of assets) {
      const res = await t.gql(
        `mutation($input: AssignCustodianInput!) { assignCustodian(input: $input) { asset { id version } userErrors { code } } }`,
        { input: { assetId: asset.id, custodianId: party.id, startsOn: '2025-01-01' } },
        manager,
      );
      expect(res.errors).toBeUndefined();
      // The payload's asset as it is after the write: a new custodian moves its version on.
      expect(res.data.assignCustodian).toEqual({ asset: { id: asset.id, version: asset.version + 1 }, userErrors: [] });
    }
    expect(assets).toHaveLength(2);
  });

  it('answers what it cannot compile as graphql-js does: a subscription, an operation name the document lacks', async () => {
    const subscription = await t.gql('subscription { viewer { role } }', {}, token);
    expect(errorCodes(subscription)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(subscription.errors?.[0]?.message).toBe('Schema is not configured to execute subscription operation.');
    const misnamed = await request(t.app.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send({ query: 'query A { viewer { role } }', operationName: 'B' });
    expect(misnamed.status).toBe(400);
    expect(misnamed.body.errors.map((e: { message: string }) => e.message)).toEqual(['Unknown operation named "B".']);
  });
});
