/**
 * createApp(config, database) → an HTTP server, not yet listening (tests drive it directly).
 * Routes: /graphql (GET and POST), /graphiql, /healthz, /readyz, /metrics.
 */
import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import helmet from 'helmet';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { createLogger, safeError, safeRequest } from './http/logger';
import { pinoHttp } from 'pino-http';
import { createTokenVerifier } from './auth/token';
import { anonymousViewer, type Viewer } from './auth/viewer';
import type { Config } from './config';
import type { Database, StatementCounter } from './db/client';
import { systemClock, type Clock } from './clock';
import { createContext, type Context } from './graphql/context';
import { localeOf } from './graphql/user-errors';
import { AppError, formatError } from './graphql/errors';
import { errorResponse } from './http/error-response';
import { inputGuardPlugin } from './graphql/input-guard';
import { MAX_TOKENS, armorLimits, costLimitPlugin } from './graphql/limits';
import { createSchema } from './graphql/schema';
import { compiledExecution } from './graphql/executor';
import { graphiqlRouter, type DemoToken } from './http/graphiql';
import { createMetrics } from './http/metrics';
import { registerFilesRouter } from './http/register-files';
import { reconciliationFilesRouter } from './http/reconciliation-files';
import { checkFilesRouter } from './http/check-files';
import { statementFilesRouter } from './http/statement-files';
import { stocktakeFilesRouter } from './http/stocktake-files';
import { PersonalDataCipher } from './modules/parties/personal-data';

export interface App {
  server: http.Server;
  logger: Logger;
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), stops Apollo. */
  shutdown(): Promise<void>;
  setDemoTokens(tokens: DemoToken[]): void;
}

/** How long an idle kept-alive connection may still bring a request after shutdown begins. */
const IDLE_CONNECTION_GRACE_MS = 500;

/** A request that failed only because the database went away answers 503, so proxies and clients retry it. */
const retryableStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (errors?.some((e) => e.extensions?.retryable === true)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '1');
        }
      },
    };
  },
};

export interface AppOptions {
  logger?: Logger;
  /** "Today" for every request (tests set it); the system clock otherwise. */
  clock?: Clock;
  /** How many times a document runs through graphql-js before it is compiled (graphql/executor.ts); the hostile suite compiles at once. */
  compileAfter?: number;
}

export async function createApp(config: Config, database: Database, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics(config.dbPoolSize);
  const verifier = createTokenVerifier({ secret: config.jwtSecret, jwksUrl: config.jwksUrl, issuer: config.jwtIssuer, audience: config.jwtAudience });
  const cipher = new PersonalDataCipher(config.dataKey);
  const clock = options.clock ?? systemClock;
  const armor = armorLimits();
  const schema = await createSchema();

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema, options.compileAfter), // graphql-jit runs the operations (graphql/executor.ts)
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    // main.ts owns SIGTERM: it drains HTTP first, then stops Apollo, then closes the database.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    formatError: (formatted, error) => formatError(formatted, error, (err) => logger.error({ err }, 'unexpected error in a resolver')),
    plugins: [
      ...armor.plugins,
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      inputGuardPlugin,
      costLimitPlugin(() => schema),
      metrics.apolloPlugin,
      retryableStatusPlugin,
    ],
  });
  await apollo.start();

  let shuttingDown = false;
  let demoTokens: DemoToken[] = [];
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: { req: safeRequest, err: safeError },
      customProps: (_req, res) => ({ sqlStatements: (res as Response).locals?.statements?.statements }),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    }),
  );
  // Graceful shutdown: requests in flight finish and close their connection; a request that
  // arrives on a kept-alive connection after shutdown began is turned away (503, retry
  // elsewhere) instead of being served and then cut when the grace period ends.
  const inFlight = new Set<Response>();
  app.use((_req, res, next) => {
    if (shuttingDown) {
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', '1');
      res.status(503).json({ errors: [{ message: 'The server is shutting down; retry the request', extensions: { code: 'SHUTTING_DOWN', retryable: true } }] });
      return;
    }
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
    next();
  });
  app.use(cors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: false }));
  // A page of ours may not be framed or fed another origin's script; GraphiQL runs on its own files.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: 'deny' },
      strictTransportSecurity: config.production,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await database.ping();
      res.json({ status: 'ready', database: database.kind });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  // Metrics tell an outsider how busy the service is and what it runs: with METRICS_TOKEN set
  // they need it as a bearer token; in production they are off without one.
  app.get('/metrics', async (req, res) => {
    if (config.metricsToken ? req.headers.authorization !== `Bearer ${config.metricsToken}` : config.production) {
      res
        .status(config.metricsToken ? 401 : 404)
        .json({ errors: [{ message: config.metricsToken ? 'The metrics token is required' : 'Not found', extensions: { code: config.metricsToken ? 'UNAUTHENTICATED' : 'NOT_FOUND' } }] });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.text());
  });
  app.use(graphiqlRouter(() => demoTokens));

  app.use(
    '/graphql',
    (_req, res, next) => {
      const counter: StatementCounter = { statements: 0 };
      res.locals.statements = counter;
      res.on('finish', () => metrics.observeStatements(counter.statements));
      next();
    },
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          return createContext({ db: database.counting(res.locals.statements), cipher, clock }, await authenticate(req), localeOf(req.headers['accept-language']));
        } catch (error) {
          throw new GraphQLError((error as Error).message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    }),
  );
  app.use(registerFilesRouter({ db: database.db, cipher, clock }, authenticate));
  app.use(stocktakeFilesRouter({ db: database.db, cipher, clock }, authenticate));
  app.use(reconciliationFilesRouter({ db: database.db, cipher, clock }, authenticate));
  app.use(statementFilesRouter({ db: database.db, cipher, clock }, authenticate));
  app.use(checkFilesRouter({ db: database.db, cipher, clock }, authenticate));

  /** The bearer token → the Viewer; no header → anonymous; a bad one → UNAUTHENTICATED. */
  async function authenticate(req: Request): Promise<Viewer> {
    const requestId = String(req.id);
    const header = req.headers.authorization;
    if (!header) return anonymousViewer(requestId);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    return verifier.verify(match[1]!, requestId);
  }

  // HTTP-level failures (body parser, uploads, exports) answer in GraphQL's error shape, never as a 500 page.
  app.use((error: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      req.log.error({ err: error }, 'response failed after it started');
      res.destroy();
      return;
    }
    const response = errorResponse(error);
    if (response.unexpected) req.log.error({ err: error }, 'request failed');
    res.status(response.status).set(response.headers).json(response.body);
  });

  const server = http.createServer(app);
  return {
    server,
    logger,
    setDemoTokens: (tokens) => {
      demoTokens = tokens;
    },
    async shutdown() {
      shuttingDown = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      // Stop listening, but do not yet drop idle kept-alive connections as http.Server#close
      // would: a request may already sit unread in one while the event loop was busy. It is
      // answered (503, Connection: close) instead of reset. Connections still idle after a
      // moment are closed; whatever remains when the grace period ends is cut.
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      // Each sweep runs after the loop's poll phase (setImmediate), never straight from a timer:
      // after a busy stretch the timers fire before the poll reads what arrived meanwhile, and a
      // request waiting unread would have its connection taken for idle and reset.
      const closeIdle = () => setImmediate(() => server.closeIdleConnections());
      let sweep: NodeJS.Timeout | undefined;
      const startSweeping = setTimeout(() => {
        closeIdle();
        sweep = setInterval(closeIdle, 100);
      }, IDLE_CONNECTION_GRACE_MS);
      const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(startSweeping);
      clearInterval(sweep);
      clearTimeout(grace);
      await apollo.stop();
    },
  };
}
