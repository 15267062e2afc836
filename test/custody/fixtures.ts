/** GraphQL documents and set-up shared by the custody tests. */
import { Role, type TestContext } from '../helpers';
import { REGISTER, lookups, newAsset, type Lookups } from '../assets/fixtures';

export const ERRORS = 'userErrors { field message code }';
export const CUSTODY_FIELDS = 'id validFrom validTo responsiblePerson responsiblePhone fundingArrangement endReason custodian { id name }';
export const DUTY_FIELDS = 'id kind description intervalDays active startsOn lastDoneOn nextDueOn version';

export const ASSIGN = `mutation($input: AssignCustodianInput!) { assignCustodian(input: $input) { custody { ${CUSTODY_FIELDS} } asset { id version } ${ERRORS} } }`;
export const END = `mutation($input: EndCustodyInput!) { endCustody(input: $input) { custody { ${CUSTODY_FIELDS} } ${ERRORS} } }`;
export const ADD_DUTY = `mutation($input: AddCustodyDutyInput!) { addCustodyDuty(input: $input) { duty { ${DUTY_FIELDS} } ${ERRORS} } }`;
export const UPDATE_DUTY = `mutation($input: UpdateCustodyDutyInput!) { updateCustodyDuty(input: $input) { duty { ${DUTY_FIELDS} } ${ERRORS} } }`;
export const MAINTAIN = `mutation($input: RecordMaintenanceInput!) { recordMaintenance(input: $input) { maintenanceRecord { id kind performedOn cost outcome payer { id } duty { id } } asset { id status } ${ERRORS} } }`;
export const OPEN_STOCKTAKE = `mutation($input: OpenStocktakeInput!) { openStocktake(input: $input) { stocktake { id status asOf progress { total checked discrepancies } } ${ERRORS} } }`;
export const RECORD_RESULT = `mutation($input: RecordStocktakeResultInput!) { recordStocktakeResult(input: $input) { stocktakeItem { result note checkedOn asset { id } } ${ERRORS} } }`;
export const CLOSE_STOCKTAKE = `mutation($input: CloseStocktakeInput!) { closeStocktake(input: $input) { stocktake { id status progress { total checked discrepancies } } ${ERRORS} } }`;

export interface CustodyWorld {
  manager: string;
  l: Lookups;
  /** Registers a public-welfare road in the first village of 巧马镇, handed over on `handedOverOn`. */
  road(overrides?: Record<string, unknown>): Promise<string>;
  /** The numeric key of a party's global ID. */
  partyKey(id: string): number;
}

export async function custodyWorld(t: TestContext): Promise<CustodyWorld> {
  const manager = await t.token(Role.ASSET_MANAGER, '522327');
  const l = await lookups(t);
  return {
    manager,
    l,
    async road(overrides = {}) {
      const res = await t.gql(REGISTER, { input: newAsset(l, { name: '测试村通组路', assetClass: 'PUBLIC_WELFARE', category: 'ROAD_BRIDGE', unit: '公里', quantity: 3, ...overrides }) }, manager);
      if (res.data?.registerAsset?.userErrors?.length || !res.data?.registerAsset?.asset) throw new Error(JSON.stringify(res.body));
      return res.data.registerAsset.asset.id as string;
    },
    partyKey(id: string) {
      return Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);
    },
  };
}
