/**
 * Hostile input, derived from the schema (see generator.ts): thousands of requests with wrong
 * types, malformed scalars, out-of-range numbers, control characters, huge and odd strings,
 * unknown enum values and ids or regions of other scopes, as variables and as literals, with
 * tokens of every role and none. Whatever a client sends, the server answers in GraphQL's shape
 * and never with a 5xx or an INTERNAL_SERVER_ERROR; a refused mutation writes no row; every
 * userError names a path that exists in the mutation's input.
 */
import type { AddressInfo } from 'node:net';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { OPERATIONS } from '../../src/auth/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCountyParties } from '../../seeds/demo-county';
import { syntheticCountyCode, syntheticRegions } from '../../seeds/synthetic-county';
import { Role, startTestApp, type TestContext } from '../helpers';
import { generateCases, inputPathProblem, preview, renderRequest, type Fixtures, type HostileCase, type Token } from './generator';

/** Cases per run: every (operation, slot, kind) once, then random ones up to this count. */
const CASE_COUNT = 6_000;
const SEED = 20_240_229;
/** Bodies of 50 KB to 1.2 MB: bounded so the run stays short. */
const HUGE_BUDGET = 60;
const INLINE_SHARE = 0.2;
const OPTIONAL_SHARE = 0.25;
/** Queries run this many at a time; mutations one by one, between row-count snapshots. */
const QUERY_CONCURRENCY = 4;

const OTHER_COUNTY = syntheticCountyCode(0);

interface Violation {
  problem: string;
  hostile: HostileCase;
  status: number;
  response: string;
}

describe('hostile input derived from the schema', () => {
  let t: TestContext;
  let url: string;
  const tokens = {} as Record<Token, string | undefined>;
  let schema: GraphQLSchema;
  let fixtures: Fixtures;
  let snapshotSql: string;
  /** Ids and region codes outside the township 522327104 (not above it): what its manager may never reach. */
  let outsideTownship: Set<unknown>;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    // Every document compiled at once: compiled execution must answer as graphql-js does.
    t = await startTestApp({ demo: true, demoAssets: 40, compileAfter: 0 });
    // A listening server: keep-alive connections and concurrent requests (supertest would listen per request).
    await new Promise<void>((resolve) => t.app.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/graphql`;

    tokens.admin = await t.token(Role.ADMIN, '522327');
    tokens.manager = await t.token(Role.ASSET_MANAGER, '522327');
    tokens.townshipManager = await t.token(Role.ASSET_MANAGER, '522327104');
    tokens.finance = await t.token(Role.FINANCE, '522327');
    tokens.auditor = await t.token(Role.AUDITOR, '522327');
    tokens.viewer = await t.token(Role.VIEWER, '522327');
    tokens.custodian = await t.token(Role.CUSTODIAN, '522327', 1);
    tokens.anonymous = undefined;

    // Another county with parties, a project and an asset: ids no token of the cases may reach.
    const other = await seedCountyParties(t.db.db, t.cipher, t.clock, syntheticRegions(0), 9001, 0);
    const province = await t.token(Role.ADMIN, '52');
    const village = String(other.villages[0]!.code);
    const collective = await t.gql(`{ parties(first: 1, filter: { region: "${OTHER_COUNTY}", kind: VILLAGE_COLLECTIVE }) { nodes { id } } }`, {}, province);
    const project = await t.gql(
      `mutation { createProject(input: { code: "HOSTILE-OTHER-1", name: "邻县项目", year: 2020, regionCode: "${OTHER_COUNTY}", kind: OTHER }) { project { id } userErrors { code } } }`,
      {},
      province,
    );
    const asset = await t.gql(
      `mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { asset { id } userErrors { code field } } }`,
      {
        input: {
          code: 'HOSTILE-OTHER-A1',
          name: '邻县资产',
          assetClass: 'OPERATING',
          category: 'PV_STATION',
          regionCode: village,
          originalValue: '10.00',
          owners: [{ partyId: collective.data.parties.nodes[0].id, shareBp: 10000 }],
        },
      },
      province,
    );
    expect(project.data.createProject.userErrors).toEqual([]);
    expect(asset.data.registerAsset.userErrors).toEqual([]);

    const look = await t.gql(
      `{
        ownAssets: assets(first: 8, filter: { region: "522327104" }) { nodes { id version } }
        otherAssets: assets(first: 3, filter: { region: "522327105" }) { nodes { id } }
        ownParties: parties(first: 8, filter: { region: "522327104" }) { nodes { id version } }
        otherParties: parties(first: 3, filter: { region: "522327105" }) { nodes { id } }
        projects(first: 5) { nodes { id version } }
        auditEvents(first: 3, filter: { region: "522327104" }) { nodes { id } }
        otherEvents: auditEvents(first: 2, filter: { region: "522327105" }) { nodes { id } }
        ownRegions: regions(first: 5, filter: { within: "522327104" }) { nodes { id code level } }
        otherRegions: regions(first: 3, filter: { within: "522327105" }) { nodes { id code } }
        c1: assets(first: 1, orderBy: { field: ORIGINAL_VALUE }) { pageInfo { endCursor } }
        c2: assets(first: 1, orderBy: { field: BUILT_ON, direction: DESC }) { pageInfo { endCursor } }
        c3: assets(first: 1, orderBy: { field: CREATED_AT }) { pageInfo { endCursor } }
        c4: assets(first: 1, orderBy: { field: NAME }) { pageInfo { endCursor } }
        c5: parties(first: 1, orderBy: { field: CREATED_AT }) { pageInfo { endCursor } }
        c6: parties(first: 1) { pageInfo { endCursor } }
        c7: projects(first: 1) { pageInfo { endCursor } }
        c8: regions(first: 1) { pageInfo { endCursor } }
        c9: auditEvents(first: 1) { pageInfo { endCursor } }
      }`,
      {},
      tokens.admin,
    );
    expect(look.errors).toBeUndefined();
    const farAway = await t.gql(
      `{ parties(first: 2, filter: { region: "${OTHER_COUNTY}" }) { nodes { id } } projects(first: 5) { nodes { id code } } regions(first: 2, filter: { within: "${OTHER_COUNTY}" }) { nodes { id } } auditEvents(first: 2, filter: { region: "${OTHER_COUNTY}" }) { nodes { id } } }`,
      {},
      province,
    );
    const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);
    const d = look.data;
    for (const n of [...d.ownAssets.nodes, ...d.ownParties.nodes, ...d.projects.nodes]) versions.set(n.id, n.version);
    fixtures = {
      own: { Asset: ids(d.ownAssets.nodes), Party: ids(d.ownParties.nodes), Project: ids(d.projects.nodes), AuditEvent: ids(d.auditEvents.nodes), Region: ids(d.ownRegions.nodes) },
      otherTownship: { Asset: ids(d.otherAssets.nodes), Party: ids(d.otherParties.nodes), AuditEvent: ids(d.otherEvents.nodes), Region: ids(d.otherRegions.nodes) },
      otherCounty: {
        Asset: [asset.data.registerAsset.asset.id],
        Party: ids(farAway.data.parties.nodes),
        Project: [project.data.createProject.project.id],
        Region: ids(farAway.data.regions.nodes),
        AuditEvent: ids(farAway.data.auditEvents.nodes),
      },
      ownVillage: d.ownRegions.nodes.find((r: { level: string }) => r.level === 'VILLAGE').code,
      foreignRegions: ['522328', '522328000000', '522327105', ...d.otherRegions.nodes.map((r: { code: string }) => r.code), OTHER_COUNTY, village, '52', '5223', '522327', '522327104'],
      cursors: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'].map((k) => d[k].pageInfo.endCursor as string),
    };

    outsideTownship = new Set<unknown>([
      ...Object.values(fixtures.otherTownship).flat(),
      ...Object.values(fixtures.otherCounty).flat(),
      ...fixtures.foreignRegions.filter((code) => !'522327104'.startsWith(code) && !code.startsWith('522327104')),
    ]);

    const introspection = await t.gql(getIntrospectionQuery(), {}, tokens.admin);
    expect(introspection.errors).toBeUndefined();
    schema = buildClientSchema(introspection.data);

    const tables = (await t.rows<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.tablename);
    expect(tables.length).toBeGreaterThan(3);
    snapshotSql = `select ${tables.map((name) => `(select count(*)::int from "${name}") as "${name}"`).join(', ')}`;
  });
  afterAll(() => t?.close());

  async function snapshot(): Promise<Record<string, number>> {
    const [row] = await t.rows<Record<string, number>>(snapshotSql);
    return row!;
  }

  async function post(body: string | Uint8Array<ArrayBuffer>, token: string | undefined): Promise<{ status: number; text: string; json: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  it('knows a real input path from one that is not (the userError check is not vacuous)', () => {
    const sent = { input: { owners: [{ partyId: 'x', shareBp: 1 }] } };
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'owners', '0', 'shareBp'], sent)).toBeNull();
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'owners'], sent)).toBeNull();
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'assetId'], sent)).toBeNull();
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'owners', '1', 'shareBp'], sent)).toMatch(/names no item sent/);
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'owners', 'shareBp'], sent)).toMatch(/not an index/);
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'owner'], sent)).toMatch(/no field "owner"/);
    expect(inputPathProblem(schema, 'confirmOwnership', ['assetId'], sent)).toMatch(/not "input"/);
    expect(inputPathProblem(schema, 'confirmOwnership', ['input', 'assetId', 'x'], sent)).toMatch(/below the scalar/);
  });

  it(`answers ${CASE_COUNT} hostile requests without a 5xx, an internal error, a write when refused, or a userError path that does not exist`, async () => {
    const started = performance.now();
    const cases = generateCases(schema, fixtures, { count: CASE_COUNT, seed: SEED, hugeBudget: HUGE_BUDGET, inlineShare: INLINE_SHARE, optionalShare: OPTIONAL_SHARE });
    expect(cases.length).toBeGreaterThanOrEqual(5_000);
    const mutationFields = Object.keys(schema.getMutationType()!.getFields());
    const queryFieldsWithArgs = Object.values(schema.getQueryType()!.getFields())
      .filter((f) => f.args.length > 0)
      .map((f) => f.name);
    const covered = new Set(cases.map((c) => c.op.field.name));
    expect([...mutationFields, ...queryFieldsWithArgs].filter((name) => !covered.has(name))).toEqual([]);

    const violations: Violation[] = [];
    const stats = {
      byKind: new Map<string, number>(),
      byStatus: new Map<number, number>(),
      byCode: new Map<string, number>(),
      byOperation: new Map<string, number>(),
      mutationsSucceeded: new Map<string, number>(),
      userErrorPathsChecked: 0,
      succeeded: 0,
      refused: 0,
      inline: 0,
      slowest: [] as { ms: number; label: string }[],
    };
    const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

    const check = (hostile: HostileCase, status: number, text: string, json: any) => {
      const fail = (problem: string) => violations.push({ problem, hostile, status, response: text.length > 400 ? `${text.slice(0, 400)}…` : text });
      bump(stats.byStatus, status);
      if (status >= 500) fail(`HTTP ${status}`);
      if (!json || typeof json !== 'object' || Array.isArray(json) || !('data' in json || 'errors' in json)) {
        fail('not a GraphQL response (no data, no errors)');
        return { refused: true };
      }
      const errors: any[] = Array.isArray(json.errors) ? json.errors : [];
      for (const e of errors) bump(stats.byCode, String(e?.extensions?.code ?? '(none)'));
      if (errors.some((e) => e?.extensions?.code === 'INTERNAL_SERVER_ERROR')) fail('INTERNAL_SERVER_ERROR');
      if (hostile.rawBody !== undefined) return { refused: errors.length > 0 };
      const payload = json.data?.[hostile.op.field.name];
      // Public notices are for everyone in every region (auth/policy.ts): reading another's is no leak.
      const reachesOutside =
        hostile.token === 'townshipManager' &&
        (hostile.kind === 'foreign-id' || hostile.kind === 'foreign-region') &&
        outsideTownship.has(hostile.value) &&
        OPERATIONS[hostile.op.field.name]?.permission !== 'public';
      if (hostile.op.operation === 'query') {
        if (reachesOutside && payload != null) {
          const leaked = Array.isArray(payload) ? payload.some((n) => n != null) : typeof payload.totalCount === 'number' ? payload.totalCount > 0 : true;
          if (leaked) fail('scope leak: the township manager read something outside 522327104');
        }
        return { refused: errors.length > 0 };
      }
      const userErrors: any[] = Array.isArray(payload?.userErrors) ? payload.userErrors : [];
      for (const ue of userErrors) {
        bump(stats.byCode, `userError ${ue.code}`);
        if (ue.field == null) continue;
        stats.userErrorPathsChecked++;
        if (!Array.isArray(ue.field) || !ue.field.every((step: unknown) => typeof step === 'string')) {
          fail(`userError ${ue.code} has a field that is not a list of strings: ${JSON.stringify(ue.field)}`);
          continue;
        }
        const problem = inputPathProblem(schema, hostile.op.field.name, ue.field, renderRequest(hostile).args);
        if (problem) fail(`userError ${ue.code} names field ${JSON.stringify(ue.field)}: ${problem}`);
      }
      const refused = !payload || userErrors.length > 0;
      if (reachesOutside && !refused) fail('scope leak: the township manager changed something with an id or region outside 522327104');
      return { refused };
    };

    const run = async (hostile: HostileCase) => {
      if (hostile.versionSlot) {
        const [argName, fieldName] = hostile.versionSlot.path as [string, string];
        const input = hostile.args[argName] as Record<string, unknown>;
        const id = input[hostile.versionSlot.idPath[1] as string];
        if (typeof id === 'string' && versions.has(id)) input[fieldName] = versions.get(id);
      }
      const { body } = renderRequest(hostile);
      const began = performance.now();
      const res = await post(body, tokens[hostile.token]);
      const ms = performance.now() - began;
      if (ms > 300) stats.slowest.push({ ms, label: `${hostile.op.field.name} ${hostile.path.join('.')} ${hostile.kind} ${hostile.label}` });
      bump(stats.byKind, hostile.kind);
      bump(stats.byOperation, `${hostile.op.operation} ${hostile.op.field.name}`);
      if (hostile.inline) stats.inline++;
      const { refused } = check(hostile, res.status, res.text, res.json);
      if (refused) stats.refused++;
      else stats.succeeded++;
      if (!refused && hostile.op.operation === 'mutation') bump(stats.mutationsSucceeded, hostile.op.field.name);
      return { refused, json: res.json, status: res.status, text: res.text };
    };

    // Queries and malformed requests: several at a time.
    const reads = cases.filter((c) => c.op.operation === 'query' || c.rawBody !== undefined);
    let next = 0;
    await Promise.all(
      Array.from({ length: QUERY_CONCURRENCY }, async () => {
        while (next < reads.length) await run(reads[next++]!);
      }),
    );

    // Mutations: one at a time, the row counts of every table compared around each refused one.
    const writes = cases.filter((c) => c.op.operation === 'mutation' && c.rawBody === undefined);
    let before = await snapshot();
    for (const hostile of writes) {
      const result = await run(hostile);
      const after = await snapshot();
      if (result.refused) {
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length) {
          violations.push({
            problem: `refused, yet rows changed: ${changed.map((table) => `${table} ${before[table]}→${after[table]}`).join(', ')}`,
            hostile,
            status: result.status,
            response: result.text.slice(0, 400),
          });
        }
      } else {
        for (const object of Object.values(result.json?.data?.[hostile.op.field.name] ?? {})) {
          const node = object as { id?: unknown; version?: unknown } | null;
          if (node && typeof node.id === 'string' && typeof node.version === 'number') versions.set(node.id, node.version);
        }
      }
      before = after;
    }

    const seconds = (performance.now() - started) / 1000;
    const fivexx = [...stats.byStatus].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0);
    const sorted = <K>(map: Map<K, number>) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ');
    stats.slowest.sort((a, b) => b.ms - a.ms);
    console.log(
      [
        `hostile input: ${cases.length} cases tried in ${seconds.toFixed(1)} s (seed ${SEED}; ${reads.length} queries/raw requests, ${writes.length} mutations; ${stats.inline} as literals)`,
        `  5xx seen: ${fivexx}; INTERNAL_SERVER_ERROR seen: ${stats.byCode.get('INTERNAL_SERVER_ERROR') ?? 0}; succeeded: ${stats.succeeded}; refused: ${stats.refused}; userError paths checked: ${stats.userErrorPathsChecked}; violations: ${violations.length}`,
        `  by kind: ${sorted(stats.byKind)}`,
        `  statuses: ${sorted(stats.byStatus)}`,
        `  error codes: ${sorted(stats.byCode)}`,
        `  by operation: ${sorted(stats.byOperation)}`,
        `  mutations that succeeded anyway: ${sorted(stats.mutationsSucceeded)}`,
        `  slowest: ${
          stats.slowest
            .slice(0, 5)
            .map((s) => `${s.ms.toFixed(0)} ms ${s.label}`)
            .join('; ') || 'none over 300 ms'
        }`,
      ].join('\n'),
    );

    // One line per distinct defect (operation, argument path, kind, problem), with one example.
    const groups = new Map<string, { example: Violation; count: number }>();
    for (const v of violations) {
      const key = `${v.problem.replace(/\d+→\d+/g, '')} | ${v.hostile.op.field.name} ${v.hostile.path.join('.')} | ${v.hostile.kind}`;
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { example: v, count: 1 });
    }
    const report = [...groups.values()].map(({ example: v, count }) => {
      const h = v.hostile;
      const where = h.rawBody !== undefined ? 'raw request' : `${h.op.operation} ${h.op.field.name}(${h.path.join('.')})`;
      const rendered = renderRequest(h).body;
      const sent = (typeof rendered === 'string' ? rendered : Buffer.from(rendered).toString('latin1')).replace(/ \{ __typename .*\} \}"/, ' { … } }"');
      return `- ${v.problem} ×${count}: ${where} [${h.kind}: ${h.label}] value ${preview(h.value)} token ${h.token}${h.inline ? ' inline' : ''} (case ${h.id})\n    sent ${sent.length > 500 ? `${sent.slice(0, 500)}…` : sent}\n    → ${v.status} ${v.response}`;
    });
    expect(violations.length, `${violations.length} violations in ${groups.size} groups:\n${report.join('\n')}`).toBe(0);
  }, 600_000);
});
