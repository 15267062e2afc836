/**
 * A small world for the per-check tests of group B (ownership, contracts, income): the demo
 * county's regions around one township (巧马镇), a collective, households, an enterprise and a
 * cooperative of one village, made through the API, and the business date fixed at TODAY. Helpers
 * register assets, contracts and receipts as the county's staff would, and ask the checks as an
 * auditor, scoped to that village.
 */
import { CHANGE_STATUS, REGISTER } from '../../assets/fixtures';
import { Role, startTestApp, type TestContext } from '../../helpers';
import { CONFIRM, CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, SET_RULE } from '../../income/fixtures';
import { insertRegions } from '../../../src/modules/regions/regions.service';
import { demoRegions } from '../../../seeds/demo-county';
import { addDays } from '../../../src/clock';
import { findingsOf, type Finding, type RunOptions } from './findings';

/** The business date of every test here. */
export const TODAY = '2026-06-30';
export const COUNTY = '522327';
/** 巧马村, where everything is registered and what the checks are asked about. */
export const VILLAGE = '522327104201';

const CREATE_PARTY = 'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { field code } } }';
const VERSION = 'query($id: ID!) { asset(id: $id) { version } }';

/** A date `n` days after (before, when negative) `date`. */
export const days = addDays;

export interface WorldB {
  t: TestContext;
  manager: string;
  finance: string;
  admin: string;
  auditor: string;
  parties: { collective: string; household: string; household2: string; enterprise: string; cooperative: string };
  /** Registers an asset in VILLAGE: an operating PV station worth 1,000,000.00, handed over in 2019, owned by the collective; `overrides` replace any field. */
  asset(overrides?: Record<string, unknown>): Promise<string>;
  /** Records a contract of the asset (a yearly lease at 12,000.00 by default); returns its id. */
  contract(assetId: string, input: Record<string, unknown>): Promise<string>;
  /** Records a receipt (rent into the collective's account by default); returns its id. */
  income(assetId: string, input: Record<string, unknown>): Promise<string>;
  reverse(incomeId: string, reversedOn: string): Promise<void>;
  /** Moves the asset to a status from a day. */
  status(assetId: string, status: string, effectiveOn: string): Promise<void>;
  confirm(assetId: string, owners: { partyId: string; shareBp: number }[], effectiveOn: string): Promise<void>;
  /** A county override of a rule (ADMIN), in force from `validFrom`. */
  setRule(name: string, value: number, validFrom: string): Promise<void>;
  findings(check: string, options?: RunOptions): Promise<Finding[]>;
  /** The subject ids a check finds in VILLAGE. */
  subjects(check: string, options?: RunOptions): Promise<string[]>;
}

export async function worldB(): Promise<WorldB> {
  const t = await startTestApp();
  t.clock.set(TODAY);
  // Regions are reference data loaded with a county (the seed's national division codes); the
  // API never writes them.
  // The demo county's own rows (province, city, county), and one township with its villages.
  await insertRegions(
    t.db.db,
    demoRegions().filter((r) => r.code % 1000000 === 0 || String(r.code).startsWith('522327104')),
  );
  const [manager, finance, admin, auditor] = await Promise.all([t.token(Role.ASSET_MANAGER, COUNTY), t.token(Role.FINANCE, COUNTY), t.token(Role.ADMIN, COUNTY), t.token(Role.AUDITOR, COUNTY)]);
  const party = async (kind: string, name: string) => {
    const res = await t.gql(CREATE_PARTY, { input: { kind, name, regionCode: VILLAGE } }, manager);
    if (!res.data?.createParty?.party) throw new Error(JSON.stringify(res.body));
    return res.data.createParty.party.id as string;
  };
  const parties = {
    collective: await party('VILLAGE_COLLECTIVE', '巧马村股份经济合作社'),
    household: await party('HOUSEHOLD', '韦国富'),
    household2: await party('HOUSEHOLD', '岑秀英'),
    enterprise: await party('ENTERPRISE', '册亨县光伏新能源有限公司'),
    cooperative: await party('COOPERATIVE', '巧马村油茶种植专业合作社'),
  };
  const ok = (res: { data: Record<string, { userErrors?: unknown[] } | null>; body: unknown }, field: string) => {
    const payload = res.data?.[field];
    if (!payload || payload.userErrors?.length) throw new Error(`${field}: ${JSON.stringify(res.body)}`);
    return payload as Record<string, any>;
  };
  let serial = 0;

  const w: WorldB = {
    t,
    manager,
    finance,
    admin,
    auditor,
    parties,
    async asset(overrides = {}) {
      const input = {
        code: `B-${++serial}`,
        name: `巧马村光伏电站${serial}号`,
        assetClass: 'OPERATING',
        category: 'PV_STATION',
        regionCode: VILLAGE,
        originalValue: '1000000.00',
        builtOn: '2019-05-01',
        completedOn: '2019-08-01',
        acceptedOn: '2019-10-01',
        handedOverOn: '2019-11-01',
        funding: [{ source: 'CENTRAL_FISCAL', amount: '1000000.00' }],
        owners: [{ partyId: parties.collective, shareBp: 10000, confirmedOn: '2019-11-01' }],
        ...overrides,
      };
      return ok(await t.gql(REGISTER, { input }, manager), 'registerAsset').asset.id as string;
    },
    async contract(assetId, input) {
      const res = await t.gql(CREATE_CONTRACT, { input: { assetId, operatorId: parties.enterprise, mode: 'LEASED', agreedIncomePerYear: '12000.00', paymentCycle: 'YEARLY', ...input } }, manager);
      return ok(res, 'createOperatingContract').contract.id as string;
    },
    async income(assetId, input) {
      const res = await t.gql(RECORD_INCOME, { input: { assetId, kind: 'RENT', accountType: 'VILLAGE_COLLECTIVE', ...input } }, finance);
      return ok(res, 'recordIncome').incomeRecord.id as string;
    },
    async reverse(incomeId, reversedOn) {
      ok(await t.gql(REVERSE_INCOME, { input: { incomeId, reason: '误入个人账户，冲销后重新入账', reversedOn } }, finance), 'reverseIncome');
    },
    async status(assetId, status, effectiveOn) {
      const { version } = (await t.gql(VERSION, { id: assetId }, manager)).data.asset;
      ok(await t.gql(CHANGE_STATUS, { input: { id: assetId, expectedVersion: version, status, reason: '核查测试', effectiveOn } }, manager), 'changeAssetStatus');
    },
    async confirm(assetId, owners, effectiveOn) {
      ok(await t.gql(CONFIRM, { input: { assetId, effectiveOn, owners: owners.map((o) => ({ ...o, confirmedOn: effectiveOn })) } }, manager), 'confirmOwnership');
    },
    async setRule(name, value, validFrom) {
      ok(await t.gql(SET_RULE, { input: { name, regionCode: COUNTY, value, validFrom } }, admin), 'setRuleParameter');
    },
    findings: (check, options) => findingsOf(t, auditor, VILLAGE, check, options),
    async subjects(check, options) {
      return (await w.findings(check, options)).map((f) => f.subjectId);
    },
  };
  return w;
}
