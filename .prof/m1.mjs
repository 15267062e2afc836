// node m1.mjs PORT SECS: drives M1 with unique codes
import autocannon from 'autocannon';
import fs from 'node:fs';
const [port, secs] = process.argv.slice(2);
const token = fs.readFileSync('/work/main/.prof/mtoken.txt', 'utf8').trim();
const url = `http://127.0.0.1:${port}/graphql`;
const gql = async (query) => (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })).json()).data;
const s = await gql('{ owners: parties(first: 2, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id } } projects(first: 1, filter: { region: "522327" }) { nodes { id } } }');
const [a, b] = s.owners.nodes.map((n) => n.id); const projectId = s.projects.nodes[0].id;
const query = fs.readFileSync('/work/main/bench/operations/m1-register-asset.graphql', 'utf8');
const run = Date.now().toString(36); let n = 0;
const body = () => JSON.stringify({ query, variables: { input: { code: `PROF-${run}-${++n}`, name: '基准测试光伏电站', assetClass: 'OPERATING', category: 'PV_STATION', regionCode: '522327104001', originalValue: '500000.00', builtOn: '2021-04-01', funding: [{ projectId, source: 'CENTRAL_FISCAL', amount: '500000.00' }], owners: [{ partyId: a, shareBp: 6000 }, { partyId: b, shareBp: 4000 }] } } });
const r = await new Promise((res) => autocannon({ url, method: 'POST', connections: 20, duration: Number(secs), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }] }, (e, x) => res(x)));
console.log(`${r.requests.average}/s p99 ${r.latency.p99} non2xx ${r.non2xx} errors ${r.errors} total ${r.requests.total}`);
