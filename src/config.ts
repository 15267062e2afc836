/**
 * Environment → typed, validated configuration. Only `main.ts` and the CLIs pass `process.env` in;
 * everything else receives a `Config`.
 */
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './db/transaction';

export interface Config {
  /** Production refuses the development secrets below. */
  production: boolean;
  port: number;
  host: string;
  /** postgres:// URL of a PostgreSQL server; absent → embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  dbPoolSize: number;
  /** Server processes sharing the port (node:cluster); more than one needs DATABASE_URL. */
  workers: number;
  statementTimeoutMs: number;
  /** How long the server waits for an unreachable PostgreSQL at start, retrying, before it gives up. */
  databaseWaitMs: number;
  jwtSecret: string;
  jwksUrl?: string;
  /** When set, bearer tokens must carry this issuer (`iss`) / this audience (`aud`). */
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Key for protected personal data (resident IDs): AES-256-GCM and HMAC. */
  dataKey: string;
  /** Load the demo county into an empty database and offer demo tokens in GraphiQL. */
  demo: boolean;
  /** How many generated assets the demo county gets (fewer: a quicker first start). */
  demoAssets: number;
  corsOrigins: string[];
  logLevel: string;
  bodyLimit: string;
  shutdownGraceMs: number;
  introspection: boolean;
  /** Bearer token /metrics requires; without one, /metrics is open outside production and off in it. */
  metricsToken?: string;
}

/** Development-only secrets: refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
export const DEV_DATA_KEY = 'dev-only-data-key-change-me-0123456789abcdef';

export class ConfigError extends Error {}

/**
 * Node's heap flags for a server process (README, performance):
 * - the young generation's size per semi-space, 16 MB (V8's own, written out: it was 64, then 32).
 *   A request's rows, loaders and JSON die young, and with twenty requests in flight a small one
 *   was scavenged so often that garbage collection took a fifth of a worker's CPU (Q1: 7.6–8.3 →
 *   6.0–7.0 ms of CPU per request at 64 MB). Since a page allocates a third less
 *   (graphql/resolution.ts) and the old generation is collected sooner (below), 16 MB keeps a
 *   worker under 200 MB for 5–10% more CPU per request (2026-12-03, 100,000 assets, one worker,
 *   Q1 then Q2, three rounds taking turns: peak RSS 218–224 MB at 32, 180–183 at 16; Q1 4.7–4.9
 *   → 5.2–5.3 ms, Q2 1.6–1.7 → 1.7 ms; 24 MB peaked as 32 did);
 * - the old generation collected when it has grown by 70% rather than V8's own, larger factor:
 *   what fills it under load is garbage of requests that were in flight during a scavenge (33 MB
 *   survive a full collection), and one worker under Q1 then Q2 load peaked at 303–309 MB with
 *   V8's factor and 208–214 MB with this one, at the same CPU per request (2026-12-03, three
 *   rounds taking turns).
 * `npm start` passes them (package.json: the same text), the primary passes them to its workers,
 * the benchmark to the API.
 */
export const SERVER_HEAP_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=70'] as const;

/** The demo county's generated assets when DEMO_ASSETS is not set. */
export const DEMO_ASSETS = 2000;

function int(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET || (production ? '' : DEV_JWT_SECRET);
  const dataKey = env.DATA_KEY || (production ? '' : DEV_DATA_KEY);
  if (production && !env.JWT_SECRET && !env.JWKS_URL) throw new ConfigError('JWT_SECRET or JWKS_URL is required in production');
  if (production && !dataKey) throw new ConfigError('DATA_KEY is required in production');
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if (dataKey.length < 32) throw new ConfigError('DATA_KEY must be at least 32 characters');
  if (int(env, 'WORKERS', 1) > 1 && !env.DATABASE_URL) throw new ConfigError('WORKERS above 1 needs DATABASE_URL: the embedded database lives in one process');
  return {
    production,
    port: int(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './.data',
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10),
    workers: Math.max(1, int(env, 'WORKERS', 1)),
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS),
    databaseWaitMs: int(env, 'DATABASE_WAIT_MS', 300_000),
    jwtSecret,
    jwksUrl: env.JWKS_URL || undefined,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    dataKey,
    demo: bool(env, 'DEMO', !production),
    demoAssets: int(env, 'DEMO_ASSETS', DEMO_ASSETS),
    corsOrigins: (env.CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: env.BODY_LIMIT || '1mb',
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000),
    introspection: bool(env, 'INTROSPECTION', true),
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}
