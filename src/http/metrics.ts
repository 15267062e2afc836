/**
 * Prometheus metrics at /metrics: GraphQL requests and latencies by operation name, SQL
 * statements per request, in-flight requests and the configured pool size. One registry per
 * app instance, so tests can build many apps in one process.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import cluster from 'node:cluster';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** The exposition text: this process's, or with WORKERS > 1 every worker's, summed by the primary. */
  text(): Promise<string>;
  apolloPlugin: ApolloServerPlugin;
  observeStatements(count: number): void;
}

/** Client-chosen names become labels: keep them short and tame. */
function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
}

export function createMetrics(poolSize: number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL operation latency by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'graphql_requests_in_flight', help: 'GraphQL operations being executed', registers: [registry] });
  const statements = new Histogram({
    name: 'sql_statements_per_request',
    help: 'SQL statements one HTTP request sent to the database',
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50, 100],
    registers: [registry],
  });
  new Gauge({ name: 'db_pool_size', help: 'Configured database connections per server', registers: [registry] }).set(poolSize);

  const apolloPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      inFlight.inc();
      return {
        async willSendResponse(ctx) {
          inFlight.dec();
          const operation = operationLabel(ctx.operationName);
          const failed = ctx.errors?.length || (ctx.response.body.kind === 'single' && ctx.response.body.singleResult.errors?.length);
          requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
  if (cluster.isWorker) {
    new AggregatorRegistry(); // answers the primary's requests for this worker's figures
    AggregatorRegistry.setRegistries([registry]);
  }
  return {
    registry,
    text: () => (cluster.isWorker ? clusterText() : registry.metrics()),
    apolloPlugin,
    observeStatements: (count) => statements.observe(count),
  };
}

const METRICS_REQUEST = 'asset-register:metrics';
let requestCount = 0;

/** A worker asks the primary, which collects every worker's registry (prom-client's aggregation). */
function clusterText(): Promise<string> {
  const id = ++requestCount;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer with the metrics'));
    }, 5000);
    const onMessage = (message: { type?: string; id?: number; text?: string }) => {
      if (message.type !== METRICS_REQUEST || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(message.text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, id });
  });
}

/** In the primary: answers workers' /metrics requests with the whole cluster's figures. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_REQUEST, id: message.id, text }),
      (error: Error) => worker.send({ type: METRICS_REQUEST, id: message.id, text: `# metrics unavailable: ${error.message}\n` }),
    );
  });
}
