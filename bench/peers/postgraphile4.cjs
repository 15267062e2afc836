/**
 * PostGraphile 4 over the benchmark's database: what a team would pick instead of this API for
 * "GraphQL over this PostgreSQL database", run as the benchmark's peer. Read-only (no default
 * mutations), the connection-filter plugin for the range and OR conditions Q1 and Q2 need, no
 * query log, the same pool size (DB_POOL_SIZE) and as many processes (WORKERS) as the API.
 * Plain JavaScript with its own node_modules (see package.json): not part of the API's build.
 */
const cluster = require('node:cluster');
const http = require('node:http');
const { postgraphile } = require('postgraphile');
const ConnectionFilterPlugin = require('postgraphile-plugin-connection-filter');

const workers = Number(process.env.WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const middleware = postgraphile({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) }, 'public', {
    appendPlugins: [ConnectionFilterPlugin],
    disableDefaultMutations: true,
    disableQueryLog: true,
    ignoreRBAC: true,
    setofFunctionsContainNulls: false,
    retryOnInitFail: false,
  });
  const server = http.createServer(middleware);
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
