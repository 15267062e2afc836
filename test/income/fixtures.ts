/** GraphQL documents and set-up shared by the contract and income tests. */
import { addDays, addMonths, daysBetween } from '../../src/clock';
import { Role, type TestContext } from '../helpers';
import { REGISTER, lookups, newAsset, type Lookups } from '../assets/fixtures';

export const ERRORS = 'userErrors { field message code }';
export const INCOME_FIELDS = 'id kind amount receivedOn accountType toPersonalAccount voucherNo reverses { id } parts { shareBp amount receivedOn owner { id } }';
export const RECORD_INCOME = `mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { incomeRecord { ${INCOME_FIELDS} } ${ERRORS} } }`;
export const REVERSE_INCOME = `mutation($input: ReverseIncomeInput!) { reverseIncome(input: $input) { incomeRecord { ${INCOME_FIELDS} } ${ERRORS} } }`;
export const CREATE_CONTRACT = `mutation($input: CreateOperatingContractInput!) { createOperatingContract(input: $input) { contract { id status startsOn endsOn endedOn agreedIncomePerYear paymentCycle renews { id status endedOn } } ${ERRORS} } }`;
export const END_CONTRACT = `mutation($input: EndOperatingContractInput!) { endOperatingContract(input: $input) { contract { id status endedOn endReason } ${ERRORS} } }`;
export const SET_RULE = `mutation($input: SetRuleParameterInput!) { setRuleParameter(input: $input) { ruleParameter { name subject value sourceRegionCode validFrom } ${ERRORS} } }`;
export const CONFIRM = `mutation($input: ConfirmOwnershipInput!) { confirmOwnership(input: $input) { asset { id } ${ERRORS} } }`;

export interface IncomeWorld {
  manager: string;
  finance: string;
  admin: string;
  l: Lookups;
  /** Registers an operating asset handed over in 2019, owned by `owners` (collective 0 alone by default). */
  station(overrides?: Record<string, unknown>): Promise<string>;
  key(id: string): number;
}

export async function incomeWorld(t: TestContext): Promise<IncomeWorld> {
  const manager = await t.token(Role.ASSET_MANAGER, '522327');
  const l = await lookups(t);
  return {
    manager,
    finance: await t.token(Role.FINANCE, '522327'),
    admin: await t.token(Role.ADMIN, '522327'),
    l,
    async station(overrides = {}) {
      const res = await t.gql(REGISTER, { input: newAsset(l, overrides) }, manager);
      if (res.data?.registerAsset?.userErrors?.length || !res.data?.registerAsset?.asset) throw new Error(JSON.stringify(res.body));
      return res.data.registerAsset.asset.id as string;
    },
    key: (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]),
  };
}

/** The owners as confirmOwnership takes them: collectives i, j, k … with these shares. */
export function ownersOf(l: Lookups, shares: [index: number, bp: number][]) {
  return shares.map(([i, bp]) => ({ partyId: l.collectives[i]!.id, shareBp: bp, confirmedOn: '2019-11-01' }));
}

/** The oracle: every period of a contract with its due date and amount in fen. */
export function schedule(start: string, lastDay: string, yearlyFen: bigint, months: number): { dueOn: string; amount: bigint }[] {
  const n = BigInt(12 / months);
  const periods: { dueOn: string; amount: bigint }[] = [];
  for (let k = 0; ; k++) {
    const from = addMonths(start, k * months);
    if (from > lastDay) return periods;
    const next = addMonths(start, (k + 1) * months);
    const i = BigInt(k) % n;
    const full = (yearlyFen * (i + 1n)) / n - (yearlyFen * i) / n;
    const end = addDays(next, -1) <= lastDay ? addDays(next, -1) : lastDay;
    const amount = end === addDays(next, -1) ? full : (full * BigInt(daysBetween(from, end) + 1)) / BigInt(daysBetween(from, next));
    periods.push({ dueOn: from, amount });
  }
}
