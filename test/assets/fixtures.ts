/** Shared GraphQL documents and lookups for the register tests. */
import { Role, type TestContext } from '../helpers';

export const ASSET_FIELDS = `id code name assetClass category status originalValue fundingTotal quantity unit version builtOn completedOn acceptedOn handedOverOn
  region { code name parent { name } }
  owners { shareBp certificateNo validFrom owner { id name } }
  funding { source amount project { id code } }`;

export const REGISTER = `mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { asset { ${ASSET_FIELDS} } userErrors { field message code } } }`;
export const UPDATE = `mutation($input: UpdateAssetInput!) { updateAsset(input: $input) { asset { ${ASSET_FIELDS} } userErrors { field message code } } }`;
export const CHANGE_STATUS = `mutation($input: ChangeAssetStatusInput!) { changeAssetStatus(input: $input) { asset { id status version } userErrors { field message code } } }`;
export const CONFIRM = `mutation($input: ConfirmOwnershipInput!) { confirmOwnership(input: $input) { asset { id version owners { shareBp owner { id name } } } userErrors { field message code } } }`;

export interface Lookups {
  /** Village collectives of township 522327104 (巧马镇), with their village codes. */
  collectives: { id: string; village: string }[];
  households: { id: string; village: string }[];
  /** A collective of another township (522327105, 秧坝镇). */
  foreignCollective: string;
  projectId: string;
}

export async function lookups(t: TestContext): Promise<Lookups> {
  const admin = await t.token(Role.ADMIN, '522327');
  const res = await t.gql(
    `{
      collectives: parties(first: 20, filter: { region: "522327104", kind: VILLAGE_COLLECTIVE }) { nodes { id region { code } } }
      households: parties(first: 5, filter: { region: "522327104", kind: HOUSEHOLD }) { nodes { id region { code } } }
      foreign: parties(first: 1, filter: { region: "522327105", kind: VILLAGE_COLLECTIVE }) { nodes { id } }
      projects(first: 1) { nodes { id } }
    }`,
    {},
    admin,
  );
  const pick = (n: { id: string; region: { code: string } }) => ({ id: n.id, village: n.region.code });
  return {
    collectives: res.data.collectives.nodes.map(pick),
    households: res.data.households.nodes.map(pick),
    foreignCollective: res.data.foreign.nodes[0]!.id,
    projectId: res.data.projects.nodes[0]!.id,
  };
}

export function newAsset(l: Lookups, overrides: Record<string, unknown> = {}) {
  return {
    code: `T-${Math.random().toString(36).slice(2, 10)}`,
    name: '测试村光伏电站',
    assetClass: 'OPERATING',
    category: 'PV_STATION',
    regionCode: l.collectives[0]!.village,
    originalValue: '1000000.00',
    quantity: 200,
    unit: '千瓦',
    builtOn: '2019-05-01',
    completedOn: '2019-08-01',
    acceptedOn: '2019-10-01',
    handedOverOn: '2019-11-01',
    funding: [
      { projectId: l.projectId, source: 'CENTRAL_FISCAL', amount: '800000.00' },
      { source: 'COUNTY_FISCAL', amount: '200000.00' },
    ],
    owners: [{ partyId: l.collectives[0]!.id, shareBp: 10000, certificateNo: '册确〔2019〕1号', confirmedOn: '2019-11-01' }],
    ...overrides,
  };
}

/** The Q1 register page (bench/operations/q1-asset-page.graphql) as a test sends it: `$first` rows of a class, by value, with owners, projects, village and township; `extra` adds fields. */
export function assetPage(assetClass: string, extra = ''): string {
  return `query($first: Int!) {
  assets(first: $first, filter: { assetClass: ${assetClass} }, orderBy: { field: ORIGINAL_VALUE, direction: DESC }) {
    totalCount
    nodes {
      code name originalValue fundingTotal
      region { name parent { name } }
      owners { shareBp owner { name kind } }
      funding { source amount project { code name year } }
      ${extra}
    }
  }
}`;
}
