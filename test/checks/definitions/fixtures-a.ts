/**
 * A small county for the per-check tests (group A): 册亨县 with one township (巧马镇) and two of its
 * villages, a village collective in each, and a poverty-alleviation project, all through the API
 * except the regions (the API has no way to create a division: they come with the code table).
 * The business date is fixed; `ago(n)` is the day n days before it.
 */
import { addDays } from '../../../src/clock';
import { CHANGE_STATUS, REGISTER, newAsset, type Lookups } from '../../assets/fixtures';
import { Role, type TestContext } from '../../helpers';
import { SET_RULE } from '../../income/fixtures';
import { findingsOf, type Finding, type RunOptions } from './findings';

export const TODAY = '2026-06-30';
export const COUNTY = '522327';
export const TOWNSHIP = '522327104';
export const VILLAGE = '522327104201';
export const OTHER_VILLAGE = '522327104202';

/** The day `days` before the business date. */
export const ago = (days: number) => addDays(TODAY, -days);

export interface WorldA {
  manager: string;
  finance: string;
  admin: string;
  auditor: string;
  /** The village collective of VILLAGE, and that of OTHER_VILLAGE. */
  collective: string;
  otherCollective: string;
  /** A project of the county with 10 million yuan of investment. */
  projectId: string;
  /** The lookups the register fixtures take (newAsset). */
  l: Lookups;
  /** Registers an asset (by default an operating PV station of VILLAGE accepted in 2019, owned by its collective); returns its id. */
  asset(overrides?: Record<string, unknown>): Promise<string>;
  /** Registers an asset and returns its code too. */
  assetWithCode(overrides?: Record<string, unknown>): Promise<{ id: string; code: string }>;
  /** A project of the county investing this (yuan, as Money: all central funds), or these funding lines. */
  project(investment: string | { source: string; amount: string }[]): Promise<string>;
  /** Moves an asset to a status from a date, as the asset office does. */
  setStatus(assetId: string, status: string, effectiveOn: string): Promise<void>;
  /** Overrides a rule for the whole county from a date, as the county's administrator does. */
  setRule(name: string, value: number, validFrom?: string): Promise<void>;
  /** The findings of one check over a region (VILLAGE by default), as the county's auditor asks. */
  findings(check: string, options?: RunOptions): Promise<Finding[]>;
  /** The subject ids one check finds. */
  subjects(check: string, options?: RunOptions): Promise<string[]>;
}

/** Sets the business date to TODAY and builds the county. */
export async function worldA(t: TestContext): Promise<WorldA> {
  t.clock.set(TODAY);
  await t.rows(`insert into region (code, name, level, parent_code) values
    (520000000000, '贵州省', 'PROVINCE', null), (522300000000, '黔西南布依族苗族自治州', 'CITY', 520000000000),
    (522327000000, '册亨县', 'COUNTY', 522300000000), (522327104000, '巧马镇', 'TOWNSHIP', 522327000000),
    (522327104201, '巧马村', 'VILLAGE', 522327104000), (522327104202, '板坝村', 'VILLAGE', 522327104000)`);
  const manager = await t.token(Role.ASSET_MANAGER, COUNTY);
  const admin = await t.token(Role.ADMIN, COUNTY);
  const ok = (res: { data: any; body: unknown }, name: string) => {
    const payload = res.data?.[name];
    if (!payload || payload.userErrors?.length) throw new Error(`${name}: ${JSON.stringify(res.body)}`);
    return payload;
  };
  const party = async (regionCode: string, name: string) =>
    ok(
      await t.gql(
        'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { field code message } } }',
        { input: { kind: 'VILLAGE_COLLECTIVE', name, regionCode } },
        manager,
      ),
      'createParty',
    ).party.id as string;
  const project = async (investment: string | { source: string; amount: string }[]) =>
    ok(
      await t.gql(
        'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { field code message } } }',
        {
          input: {
            code: `XM-${Math.random().toString(36).slice(2, 10)}`,
            name: '巧马镇光伏扶贫项目',
            kind: 'INDUSTRY',
            year: 2019,
            regionCode: COUNTY,
            funding: typeof investment === 'string' ? [{ source: 'CENTRAL_FISCAL', amount: investment }] : investment,
          },
        },
        manager,
      ),
      'createProject',
    ).project.id as string;
  const collective = await party(VILLAGE, '巧马村股份经济合作社');
  const otherCollective = await party(OTHER_VILLAGE, '板坝村股份经济合作社');
  const projectId = await project('10000000.00');
  const l: Lookups = { collectives: [{ id: collective, village: VILLAGE }], households: [], foreignCollective: otherCollective, projectId };
  const auditor = await t.token(Role.AUDITOR, COUNTY);
  const assetWithCode = async (overrides: Record<string, unknown> = {}) => {
    const asset = ok(await t.gql(REGISTER, { input: newAsset(l, overrides) }, manager), 'registerAsset').asset;
    return { id: asset.id as string, code: asset.code as string };
  };
  const findings = (check: string, options?: RunOptions) => findingsOf(t, auditor, VILLAGE, check, options);
  return {
    manager,
    finance: await t.token(Role.FINANCE, COUNTY),
    admin,
    auditor,
    collective,
    otherCollective,
    projectId,
    l,
    asset: async (overrides) => (await assetWithCode(overrides)).id,
    assetWithCode,
    project,
    async setStatus(assetId, status, effectiveOn) {
      const { version } = (await t.gql('query($id: ID!) { node(id: $id) { ... on Asset { version } } }', { id: assetId }, manager)).data.node;
      ok(await t.gql(CHANGE_STATUS, { input: { id: assetId, expectedVersion: version, status, reason: '测试：状态变更', effectiveOn } }, manager), 'changeAssetStatus');
    },
    async setRule(name, value, validFrom = TODAY) {
      ok(await t.gql(SET_RULE, { input: { name, regionCode: COUNTY, value, validFrom, note: '县级调整' } }, admin), 'setRuleParameter');
    },
    findings,
    subjects: async (check, variables) => (await findings(check, variables)).map((f) => f.subjectId),
  };
}
