import fs from 'node:fs';
export async function make(url) {
  const token = fs.readFileSync('/work/main/.prof/mtoken.txt', 'utf8').trim();
  const gql = async (query) => (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })).json()).data;
  const s = await gql('{ owners: parties(first: 2, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id } } projects(first: 1, filter: { region: "522327" }) { nodes { id } } }');
  const [a, b] = s.owners.nodes.map((n) => n.id); const projectId = s.projects.nodes[0].id;
  const query = fs.readFileSync('/work/main/bench/operations/m1-register-asset.graphql', 'utf8');
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6); let n = 0;
  return () => JSON.stringify({ query, variables: { input: { code: `AB-${run}-${++n}`, name: '基准测试光伏电站', assetClass: 'OPERATING', category: 'PV_STATION', regionCode: '522327104001', originalValue: '500000.00', builtOn: '2021-04-01', funding: [{ projectId, source: 'CENTRAL_FISCAL', amount: '500000.00' }], owners: [{ partyId: a, shareBp: 6000 }, { partyId: b, shareBp: 4000 }] } } });
}
