/**
 * Set-up of the tests of the income, allocation, disposal and case checks (INCOME_UNALLOCATED,
 * CASH_SHARE_EXCEEDED, DISBURSEMENT_OVERDUE, LOW_PRICE_DISPOSAL, DISPOSAL_PROCEEDS_MISSING,
 * RECTIFICATION_OVERDUE): an empty register with one county's regions, every party, asset,
 * contract, receipt, plan, payment, disposal and finding made through the API as its users make
 * them, and the checks run over the county as an auditor.
 */
import { Role, type TestContext } from '../../helpers';
import { CREATE_CONTRACT, RECORD_INCOME, REVERSE_INCOME, SET_RULE } from '../../income/fixtures';
import { APPROVE, CREATE_PLAN, DISBURSE, PUBLICIZE } from '../../allocation/fixtures';
import { APPROVE_DISPOSAL, COMPLETE_DISPOSAL, REQUEST_DISPOSAL } from '../../support/disposal';
import { REGISTER, newAsset } from '../../assets/fixtures';
import { findingsOf, type Finding, type RunOptions } from './findings';

export const COUNTY = '522327';
/** A village of 巧马镇, and the township. */
export const VILLAGE = '522327104201';
export const TOWNSHIP = '522327104';

export interface Line {
  id: string;
  purpose: string;
  amount: string;
}

export interface CWorld {
  admin: string;
  manager: string;
  finance: string;
  auditor: string;
  /** An enterprise that leases assets. */
  operatorId: string;
  /** One check's findings over the county, every page. */
  findings(check: string, options?: RunOptions): Promise<Finding[]>;
  /** The subjects one check finds. */
  subjects(check: string, options?: RunOptions): Promise<string[]>;
  /** Overrides a rule for the county (ADMIN) from a date. */
  setRule(name: string, value: number, validFrom: string): Promise<void>;
  /** A new village collective owning a new operating asset (handed over in 2019) alone. */
  ownedAsset(name: string): Promise<{ ownerId: string; assetId: string }>;
  /** Records income received by an asset (FINANCE); returns the record. */
  income(assetId: string, amount: string, receivedOn: string, extra?: Record<string, unknown>): Promise<string>;
  reverseIncome(incomeId: string, reversedOn: string): Promise<void>;
  /** Draws up a plan of an owner's income in a period (FINANCE), publicized from `publicizedOn` for 10 days; approved on `approvedOn` if given. */
  plan(
    ownerId: string,
    period: [from: string, to: string],
    lines: { purpose: string; amount: string }[],
    dates: { publicizedOn: string; approvedOn?: string },
  ): Promise<{ planId: string; lines: Line[] }>;
  /** Approves a publicized plan on a date. */
  approve(planId: string, resolutionOn: string): Promise<void>;
  /** Pays part of a line (FINANCE) to a payee named by name. */
  pay(lineId: string, amount: string, paidOn: string, payeeName?: string): Promise<string>;
  /** An operating contract of an asset (ASSET_MANAGER); returns its id. */
  contract(assetId: string, input: Record<string, unknown>): Promise<string>;
  /**
   * Takes an asset through its disposal as the workflow asks (asked by the county's manager,
   * approved by the township's and the county's administrator on the day it was asked), completed
   * on `completedOn` with the proceeds given, if any; returns the disposal.
   */
  dispose(assetId: string, input: { method: string; appraisedValue: string; requestedOn: string; completedOn: string; proceeds?: string }): Promise<string>;
}

async function mutate(t: TestContext, document: string, input: Record<string, unknown>, token: string): Promise<Record<string, any>> {
  const res = await t.gql(document, { input }, token);
  const payload = Object.values(res.data ?? {})[0] as { userErrors?: unknown[] } | undefined;
  if (!payload || payload.userErrors?.length) throw new Error(`${document.slice(0, 60)}…: ${JSON.stringify(res.body)}`);
  return payload as Record<string, any>;
}

let serial = 0;

export async function cWorld(t: TestContext): Promise<CWorld> {
  // The API adds no regions (they are loaded with a county, seeds/demo-county.ts): the few the
  // tests need, behind its back.
  await t.rows(`insert into region (code, name, level, parent_code) values (520000000000, '贵州省', 'PROVINCE', null),
    (522300000000, '黔西南布依族苗族自治州', 'CITY', 520000000000), (522327000000, '册亨县', 'COUNTY', 522300000000),
    (522327104000, '巧马镇', 'TOWNSHIP', 522327000000), (522327104201, '巧马村', 'VILLAGE', 522327104000)`);
  const [admin, manager, finance, auditor, townshipManager] = await Promise.all([
    t.token(Role.ADMIN, COUNTY),
    t.token(Role.ASSET_MANAGER, COUNTY),
    t.token(Role.FINANCE, COUNTY),
    t.token(Role.AUDITOR, COUNTY),
    t.token(Role.ASSET_MANAGER, TOWNSHIP),
  ]);
  const party = async (kind: string, name: string) =>
    (await mutate(t, 'mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id } userErrors { code } } }', { kind, name, regionCode: VILLAGE }, manager)).party.id as string;
  const operatorId = await party('ENTERPRISE', '册亨县检查测试经营有限公司');

  const findings = (check: string, options?: RunOptions) => findingsOf(t, auditor, COUNTY, check, options);

  return {
    admin,
    manager,
    finance,
    auditor,
    operatorId,
    findings,
    subjects: async (check, options) => (await findings(check, options)).map((f) => f.subjectId),
    async setRule(name, value, validFrom) {
      await mutate(t, SET_RULE, { name, regionCode: COUNTY, value, validFrom, note: '检查测试' }, admin);
    },
    async ownedAsset(name) {
      serial += 1;
      const ownerId = await party('VILLAGE_COLLECTIVE', `${name}股份经济合作社${serial}`);
      const registered = await mutate(
        t,
        REGISTER,
        // The register tests' PV station, owned by its own collective and paid for by central funds alone.
        newAsset(
          { collectives: [{ id: ownerId, village: VILLAGE }], households: [], foreignCollective: '', projectId: '' },
          { code: `C-${serial}`, name, funding: [{ source: 'CENTRAL_FISCAL', amount: '1000000.00' }], owners: [{ partyId: ownerId, shareBp: 10000, confirmedOn: '2019-11-01' }] },
        ),
        manager,
      );
      return { ownerId, assetId: registered.asset.id as string };
    },
    async income(assetId, amount, receivedOn, extra = {}) {
      return (await mutate(t, RECORD_INCOME, { assetId, kind: 'RENT', amount, receivedOn, accountType: 'VILLAGE_COLLECTIVE', ...extra }, finance)).incomeRecord.id as string;
    },
    async reverseIncome(incomeId, reversedOn) {
      await mutate(t, REVERSE_INCOME, { incomeId, reason: '误录，红字冲销', reversedOn }, finance);
    },
    async plan(ownerId, [periodFrom, periodTo], lines, dates) {
      serial += 1;
      const created = await mutate(t, CREATE_PLAN, { ownerId, title: `检查测试分配方案${serial}`, periodFrom, periodTo, lines }, finance);
      const planId = created.allocationPlan.id as string;
      await mutate(t, PUBLICIZE, { planId, startsOn: dates.publicizedOn, days: 10 }, finance);
      if (dates.approvedOn) await mutate(t, APPROVE, { planId, resolutionNo: `村民会议决议〔${serial}〕号`, resolutionOn: dates.approvedOn }, finance);
      return { planId, lines: created.allocationPlan.lines as Line[] };
    },
    async approve(planId, resolutionOn) {
      await mutate(t, APPROVE, { planId, resolutionNo: '村民会议决议', resolutionOn }, finance);
    },
    async pay(lineId, amount, paidOn, payeeName = '受益农户') {
      return (await mutate(t, DISBURSE, { lineId, amount, paidOn, payeeName, method: 'ONE_CARD' }, finance)).disbursement.id as string;
    },
    async contract(assetId, input) {
      return (await mutate(t, CREATE_CONTRACT, { assetId, operatorId, mode: 'LEASED', paymentCycle: 'YEARLY', ...input }, manager)).contract.id as string;
    },
    async dispose(assetId, { method, appraisedValue, requestedOn, completedOn, proceeds }) {
      const requested = await mutate(t, REQUEST_DISPOSAL, { assetId, method, reason: '长期闲置，公开处置盘活', appraisedValue, requestedOn }, manager);
      const disposalId = requested.disposal.id as string;
      await mutate(t, APPROVE_DISPOSAL, { disposalId, decidedOn: requestedOn }, townshipManager);
      await mutate(t, APPROVE_DISPOSAL, { disposalId, decidedOn: requestedOn }, admin);
      await mutate(
        t,
        COMPLETE_DISPOSAL,
        { disposalId, completedOn, buyer: proceeds ? '本县某建材公司' : null, proceeds: proceeds ? { amount: proceeds, accountType: 'VILLAGE_COLLECTIVE' } : null },
        manager,
      );
      return disposalId;
    },
  };
}
