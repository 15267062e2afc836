/**
 * The test harness: a fresh database per file, the app over it, and GraphQL through HTTP as a
 * client sends it.
 */
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { expect } from 'vitest';
import pino, { type Logger } from 'pino';
import { createApp, type App } from '../src/app';
import { mintToken } from '../src/auth/token';
import { Role } from '../src/auth/viewer';
import { SettableClock } from '../src/clock';
import { loadConfig, type Config } from '../src/config';
import { queryRows } from '../src/db/client';
import { createTestDatabase, type TestDatabase } from '../src/db/test-database';
import { PersonalDataCipher } from '../src/modules/parties/personal-data';
import { demoTemplate, type DemoTemplates } from './support/demo-template';

export { Role };

/** Who may write the register (parties, projects, assets): the security table of DESIGN.md §5. */
export const REGISTER_WRITERS: [Role | null, string | null][] = [
  [Role.ADMIN, null],
  [Role.ASSET_MANAGER, null],
  [Role.CUSTODIAN, 'FORBIDDEN'],
  [Role.FINANCE, 'FORBIDDEN'],
  [Role.AUDITOR, 'FORBIDDEN'],
  [Role.VIEWER, 'FORBIDDEN'],
  [null, 'UNAUTHENTICATED'],
];

export interface GraphQLResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  body: any;
}

export interface TestContext {
  app: App;
  db: TestDatabase;
  config: Config;
  cipher: PersonalDataCipher;
  /** "Today" for the app: the system's, until a test sets it (`t.clock.set('2026-03-01')`). */
  clock: SettableClock;
  token(role: Role, scope: string, partyId?: number): Promise<string>;
  /** A token for the role (custodians get party 1), or none for null: anonymous. */
  tokenOrNone(role: Role | null, scope: string): Promise<string | undefined>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Raw SQL behind the API's back, for checking what was (not) written. */
  rows<T = any>(text: string): Promise<T[]>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * `demo` gives the demo county's regions and parties and `demoAssets` generated assets (300 by
 * default: enough for every rule), copied from the run's template of that size.
 */
export async function startTestApp(options: { demo?: boolean; demoAssets?: number; env?: Record<string, string>; logger?: Logger; compileAfter?: number } = {}): Promise<TestContext> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO: 'false', ...options.env });
  const url = process.env.TEST_DATABASE_URL || undefined;
  // Both set by test/global-setup.ts: the migrated template, and where the demo county's seeded copies are kept.
  const migrated = process.env.TEST_DB_TEMPLATE!;
  const templates = JSON.parse(process.env.TEST_DEMO_TEMPLATES!) as DemoTemplates;
  const db = await createTestDatabase(url, options.demo ? await demoTemplate(url, migrated, options.demoAssets ?? 300, config.dataKey, templates) : migrated);
  const cipher = new PersonalDataCipher(config.dataKey);
  const clock = new SettableClock();
  const app = await createApp(config, db, { logger: options.logger ?? pino({ level: 'silent' }), clock, compileAfter: options.compileAfter });
  const agent = request(app.server);
  const token = (role: Role, scope: string, partyId?: number) => mintToken(config.jwtSecret, { userId: `test-${role.toLowerCase()}-${scope}`, role, scope, partyId });
  return {
    app,
    db,
    config,
    cipher,
    clock,
    token,
    tokenOrNone: async (role, scope) => (role ? token(role, scope, role === Role.CUSTODIAN ? 1 : undefined) : undefined),
    async gql(query, variables, token) {
      const req = agent.post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body.data, errors: res.body.errors, body: res.body };
    },
    rows: (text) => queryRows(db.db, sql.raw(`/* test */ ${text}`)),
    async count(table) {
      const [row] = await queryRows<{ n: number }>(db.db, sql.raw(`/* testCount */ select count(*)::int as n from ${table}`));
      return Number(row?.n ?? 0);
    },
    async close() {
      await app.shutdown();
      // Every statement the application sent carries its name (db/queries.ts); transaction control aside.
      const unlabelled = [...new Set(db.statements.filter((s) => !/^\s*(\/\*|begin|commit|rollback|savepoint|release)/i.test(s)).map((s) => s.slice(0, 120)))];
      await db.close();
      expect(unlabelled, 'statements without a /* name */ label').toEqual([]);
    },
  };
}

/** The extension codes of a response's errors. */
export function errorCodes(res: GraphQLResponse): (string | undefined)[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}
