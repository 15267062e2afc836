/**
 * The raw-SQL limit for Q1: a bare node:http server answering the Q1 request with the same JSON,
 * built by PostgreSQL in one statement (json_agg) through postgres.js, prepared. No GraphQL, no
 * authentication, no scope: the fastest this machine can answer the question.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import postgres from 'postgres';

// As many processes as the API runs (WORKERS), so the two are compared on equal terms.
const workers = Number(process.env.WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker!.process.kill('SIGTERM');
    process.exit(0);
  });
} else serve();

function serve(): void {
  const sql = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DB_POOL_SIZE ?? 10), onnotice: () => undefined });
  const money = (column: string) => `(${column} / 100)::text || '.' || lpad((${column} % 100)::text, 2, '0')`;
  const Q1 = `
    select json_build_object('data', json_build_object('assets', json_build_object('nodes', coalesce(json_agg(x.node order by x.v desc, x.id desc), '[]'::json)))) as body
    from (
      select a.id, a.original_value_fen as v, json_build_object(
        'code', a.code, 'name', a.name, 'originalValue', ${money('a.original_value_fen')},
        'region', json_build_object('name', village.name, 'parent', json_build_object('name', township.name)),
        'owners', coalesce((select json_agg(json_build_object('shareBp', o.share_bp, 'owner', json_build_object('name', p.name)) order by o.share_bp desc, o.id)
                            from ownership o join party p on p.id = o.owner_party_id
                            where o.asset_id = a.id and o.valid_from <= current_date and (o.valid_to is null or o.valid_to > current_date)), '[]'::json),
        'funding', coalesce((select json_agg(json_build_object('amount', ${money('f.amount_fen')}, 'project',
                                case when pr.id is null then null else json_build_object('code', pr.code, 'name', pr.name, 'year', pr.year) end) order by f.id)
                             from asset_funding f left join project pr on pr.id = f.project_id where f.asset_id = a.id), '[]'::json)
      ) as node
      from asset a
      join region village on village.code = a.region_code
      left join region township on township.code = village.parent_code
      where a.region_code >= $1 and a.region_code < $2 and a.class = 'OPERATING'
      order by a.original_value_fen desc, a.id desc
      limit 50
    ) x`;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      try {
        const { variables } = JSON.parse(raw) as { variables: { region: string } };
        // The benchmark sends the significant prefix (e.g. a county's 6 digits).
        const low = Number(variables.region.padEnd(12, '0'));
        const width = 10 ** (12 - variables.region.length);
        const [row] = await sql.unsafe(Q1, [low, low + width], { prepare: true });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(row?.body));
      } catch (error) {
        res.writeHead(500);
        res.end(String(error));
      }
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => void sql.end().then(() => process.exit(0))));
}
