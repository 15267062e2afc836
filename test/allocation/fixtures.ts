/** An owner with income of its own (a new collective owning a new station), and the plan workflow's documents. */
import type { TestContext } from '../helpers';
import { RECORD_INCOME, SET_RULE, incomeWorld, type IncomeWorld } from '../income/fixtures';

export const ERRORS = 'userErrors { field message code }';
export const PLAN_FIELDS =
  'id status pool allocated carriedForward paid version publicityStartsOn publicityDays publicityEndsOn resolutionNo resolutionOn lines { id position purpose amount paid unpaid } incomeParts { amount }';
const step = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { allocationPlan { ${PLAN_FIELDS} } ${ERRORS} } }`;
export const CREATE_PLAN = step('createAllocationPlan');
export const UPDATE_PLAN = step('updateAllocationPlan');
export const PUBLICIZE = step('publicizeAllocationPlan');
export const APPROVE = step('approveAllocationPlan');
export const CANCEL = step('cancelAllocationPlan');
export const DISBURSE = `mutation($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { disbursement { id amount paidOn payeeName method line { paid unpaid plan { status } } } ${ERRORS} } }`;
export const REVERSE_DISBURSEMENT = `mutation($input: ReverseDisbursementInput!) { reverseDisbursement(input: $input) { disbursement { id amount reverses { id } line { paid plan { status } } } ${ERRORS} } }`;
export const POOL = 'query($owner: ID!, $asOf: Date) { incomePool(owner: $owner, asOf: $asOf) { apportioned reversed inPlans allocated paid carriedForward balance oldestUnplannedOn } }';

export interface AllocationWorld extends IncomeWorld {
  /** A new collective in the demo village, owning a new station that received `amounts` on `dates`; returns the owner's id and the income records' ids. */
  ownerWithIncome(receipts: [amount: string, receivedOn: string][]): Promise<{ ownerId: string; assetId: string; incomeIds: string[] }>;
}

/**
 * The tests' world, on 2026-06-30. The demo county lowered its cash share cap this year (the
 * seeds say so); the tests put it back to the default 30% for 2026, to state their amounts once.
 */
export async function allocationWorld(t: TestContext): Promise<AllocationWorld> {
  const w = await incomeWorld(t);
  t.clock.set('2026-06-30');
  const reset = await t.gql(SET_RULE, { input: { name: 'CASH_SHARE_CAP_BP', regionCode: '522327', value: 3000, validFrom: '2026-01-01', note: '测试：恢复默认' } }, w.admin);
  if (reset.data.setRuleParameter.userErrors.length) throw new Error(JSON.stringify(reset.data.setRuleParameter.userErrors));
  let n = 0;
  return {
    ...w,
    async ownerWithIncome(receipts) {
      n += 1;
      const party = await t.gql(
        'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { code } } }',
        { input: { kind: 'OTHER', name: `分配测试合作社${n}`, regionCode: '522327104201' } },
        w.manager,
      );
      const ownerId = party.data.createParty.party.id as string;
      const assetId = await w.station({ owners: [{ partyId: ownerId, shareBp: 10000, confirmedOn: '2019-11-01' }] });
      const incomeIds: string[] = [];
      for (const [amount, receivedOn] of receipts) {
        const res = await t.gql(RECORD_INCOME, { input: { assetId, kind: 'RENT', amount, receivedOn, accountType: 'VILLAGE_COLLECTIVE' } }, w.finance);
        if (res.data.recordIncome.userErrors.length) throw new Error(JSON.stringify(res.data.recordIncome.userErrors));
        incomeIds.push(res.data.recordIncome.incomeRecord.id);
      }
      return { ownerId, assetId, incomeIds };
    },
  };
}
