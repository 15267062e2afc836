/** An asset taken through its disposal as the workflow asks: requested by a manager, approved by the township and the county, completed. */
import { Role, type TestContext } from '../helpers';

export const DISPOSAL_FIELDS =
  'id status method appraisedValue requestedOn townshipApprovedOn countyApprovedOn rejectedOn rejectReason completedOn version asset { id status } proceeds { id amount kind parts { amount } }';
const step = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { disposal { ${DISPOSAL_FIELDS} } userErrors { field code message } } }`;
export const REQUEST_DISPOSAL = step('requestDisposal');
export const APPROVE_DISPOSAL = step('approveDisposal');
export const REJECT_DISPOSAL = step('rejectDisposal');
export const COMPLETE_DISPOSAL = step('completeDisposal');

export interface DisposalTokens {
  manager: string;
  township: string;
  county: string;
}

export async function disposalTokens(t: TestContext, township = '522327104'): Promise<DisposalTokens> {
  return {
    manager: await t.token(Role.ASSET_MANAGER, '522327'),
    township: await t.token(Role.ASSET_MANAGER, township),
    county: await t.token(Role.ADMIN, '522327'),
  };
}

/** Disposes of the asset on `requestedOn` … `completedOn` (approvals on the request's date); returns the completed disposal. */
export async function disposeAsset(t: TestContext, assetId: string, dates: { requestedOn: string; completedOn: string }, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const tokens = await disposalTokens(t);
  const run = async (document: string, input: Record<string, unknown>, token: string) => {
    const res = await t.gql(document, { input }, token);
    const payload = Object.values(res.data ?? {})[0] as { disposal: Record<string, unknown> | null; userErrors: unknown[] } | undefined;
    if (!payload?.disposal) throw new Error(`disposal step: ${JSON.stringify(res.body)}`);
    return payload.disposal;
  };
  const requested = await run(REQUEST_DISPOSAL, { assetId, method: 'SCRAP', reason: '年久失修，报废', appraisedValue: '0.00', requestedOn: dates.requestedOn }, tokens.manager);
  await run(APPROVE_DISPOSAL, { disposalId: requested.id, decidedOn: dates.requestedOn }, tokens.township);
  await run(APPROVE_DISPOSAL, { disposalId: requested.id, decidedOn: dates.requestedOn }, tokens.county);
  return run(COMPLETE_DISPOSAL, { disposalId: requested.id, completedOn: dates.completedOn, ...extra }, tokens.manager);
}
