/**
 * The demo county: 册亨县 (Ceheng, Guizhou, a former national poverty county) with its real
 * townships and villages, believable parties (the county's rural-revitalisation bureau, township
 * governments, one collective per village, cooperatives, enterprises, households) and a register
 * of about 2,000 assets. Synthetic counties for large benchmarks are built the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Viewer } from '../src/auth/viewer';
import type { Clock } from '../src/clock';
import type { Db } from '../src/db/client';
import { withTransaction } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/global-id';
import { recordAuditEvents } from '../src/modules/audit/audit.service';
import { withCreditCodeCheck, withResidentIdCheck } from '../src/modules/parties/identifiers';
import { auditImage, insertParties, listParties, type PartyRow, type PartyValues } from '../src/modules/parties/parties.service';
import { maskResidentId, type PersonalDataCipher } from '../src/modules/parties/personal-data';
import { levelOf, parentOf } from '../src/modules/regions/division-code';
import { insertRegions, type RegionRow } from '../src/modules/regions/regions.service';
import { DEMO_ASSETS } from '../src/config';
import { projectRoot } from '../src/paths';
import { SEED_ACTOR } from './actor';
import { Random } from './random';
import { generateCountyRegister, type CountyParties } from './register-generator';

export const DEMO_COUNTY = '522327';

interface RegionFile {
  province: { code: string; name: string };
  city: { code: string; name: string };
  county: { code: string; name: string };
  townships: { code: string; name: string }[];
  villages: { code: string; name: string }[];
}

/** 东风村村民委员会 → 东风村; 东风社区居民委员会 → 东风社区 */
function shortVillageName(name: string): string {
  return name
    .replace(/村民委员会$/, '')
    .replace(/居民委员会$/, '')
    .replace(/委员会$/, '');
}

export function regionRow(code: string, name: string): RegionRow {
  const full = code.padEnd(12, '0');
  const parent = parentOf(full);
  return { code: Number(full), name, level: levelOf(full), parentCode: parent === null ? null : Number(parent) };
}

export function demoRegions(): RegionRow[] {
  const file = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'seeds', 'regions-522327.json'), 'utf8')) as RegionFile;
  return [
    regionRow(file.province.code, file.province.name),
    regionRow(file.city.code, file.city.name),
    regionRow(file.county.code, file.county.name),
    ...file.townships.map((t) => regionRow(t.code, t.name)),
    ...file.villages.map((v) => regionRow(v.code, shortVillageName(v.name))),
  ];
}

const SURNAMES = ['韦', '王', '岑', '罗', '黄', '陆', '杨', '李', '潘', '班', '梁', '覃'];
const GIVEN = ['国富', '明芳', '永强', '秀英', '正华', '春兰', '德林', '金花', '光荣', '玉梅', '文军', '海燕'];
const COOPERATIVE_KINDS = ['糯米蕉种植', '油茶种植', '生猪养殖', '肉牛养殖', '食用菌', '蜂蜜'];
const ENTERPRISES = ['糯米蕉产业发展有限公司', '锦绣布依文化旅游有限公司', '光伏新能源有限公司', '冷链物流有限公司'];

/**
 * Inserts a county's regions (those not there yet) and its parties, with their audit events.
 * `householdsPerVillage` households get valid, encrypted resident IDs.
 */
export async function seedCountyParties(db: Db, cipher: PersonalDataCipher, clock: Clock, regions: RegionRow[], seed: number, householdsPerVillage: number): Promise<CountyParties> {
  const random = new Random(seed);
  const county = regions.find((r) => r.level === 'COUNTY')!;
  const countyTag = String(county.code).slice(0, 6);
  const countyName = county.name;
  const villages = regions.filter((r) => r.level === 'VILLAGE');
  const townships = regions.filter((r) => r.level === 'TOWNSHIP');
  const parties: PartyValues[] = [];
  let serial = 0;
  const creditCode = (prefix: string) => withCreditCodeCheck(prefix + countyTag + 'MA' + String(++serial).padStart(7, '0'));
  const phone = () => '1' + random.pick(['38', '39', '51', '58', '87']) + String(random.int(10000000, 99999999));
  const person = () => random.pick(SURNAMES) + random.pick(GIVEN);

  parties.push({ kind: 'GOVERNMENT_DEPARTMENT', name: `${countyName}乡村振兴局`, regionCode: county.code, creditCode: creditCode('11'), contactPerson: person(), contactPhone: '0859-4212345' });
  for (const t of townships) {
    parties.push({
      kind: 'TOWNSHIP_GOVERNMENT',
      name: t.name.endsWith('街道') ? `${t.name}办事处` : `${t.name}人民政府`,
      regionCode: t.code,
      creditCode: creditCode('11'),
      contactPerson: person(),
      contactPhone: phone(),
    });
  }
  for (const v of villages) {
    parties.push({ kind: 'VILLAGE_COLLECTIVE', name: `${v.name}股份经济合作社`, regionCode: v.code, creditCode: creditCode('N2'), contactPerson: person(), contactPhone: phone() });
  }
  villages.forEach((v, i) => {
    if (i % 6 === 0)
      parties.push({
        kind: 'COOPERATIVE',
        name: `${countyName}${v.name}${random.pick(COOPERATIVE_KINDS)}专业合作社`,
        regionCode: v.code,
        creditCode: creditCode('93'),
        contactPerson: person(),
        contactPhone: phone(),
      });
  });
  ENTERPRISES.forEach((name, i) => {
    parties.push({ kind: 'ENTERPRISE', name: countyName + name, regionCode: townships[i % townships.length]!.code, creditCode: creditCode('91'), contactPerson: person(), contactPhone: phone() });
  });
  for (const v of villages) {
    for (let h = 0; h < householdsPerVillage; h++) {
      const birth = `${random.int(1950, 1995)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
      const id = withResidentIdCheck(countyTag + birth + String(random.int(100, 999)));
      parties.push({
        kind: 'HOUSEHOLD',
        name: person(),
        regionCode: v.code,
        residentIdCipher: cipher.encrypt(id),
        residentIdHash: cipher.hash(id),
        residentIdMasked: maskResidentId(id),
        contactPerson: null,
        contactPhone: phone(),
      });
    }
  }

  const rows = await withTransaction(db, async (tx) => {
    await insertRegions(tx, regions);
    const inserted = await insertParties(tx, parties);
    await recordAuditEvents(
      tx,
      SEED_ACTOR,
      clock,
      inserted.map((party) => ({ action: 'party.create', entityType: 'Party', entityId: toGlobalId('Party', party.id), regionCode: party.regionCode, before: null, after: auditImage(party) })),
    );
    return inserted;
  });
  const byKind = (kind: PartyRow['kind']) => rows.filter((p) => p.kind === kind);
  const households = new Map<number, PartyRow[]>();
  for (const h of byKind('HOUSEHOLD')) households.set(h.regionCode, [...(households.get(h.regionCode) ?? []), h]);
  return {
    countyCode: county.code,
    villages,
    collectives: new Map(byKind('VILLAGE_COLLECTIVE').map((p) => [p.regionCode, p])),
    townshipGovernments: new Map(byKind('TOWNSHIP_GOVERNMENT').map((p) => [p.regionCode, p])),
    households,
    bureau: byKind('GOVERNMENT_DEPARTMENT')[0]!,
    operators: [...byKind('COOPERATIVE'), ...byKind('ENTERPRISE')],
    regionOf: new Map(rows.map((p) => [p.id, p.regionCode])),
  };
}

export interface DemoCounty {
  assets: number;
  /** A village collective that looks after assets: the demo CUSTODIAN token's party. */
  custodianPartyId: number;
}

/**
 * The faults planted for the automated checks (DESIGN.md §4), each with the check that must find
 * it. test/checks/checks.test.ts holds every check to at least one finding in this county;
 * test/checks/planted-faults.test.ts holds the checks to exactly these, subject by subject, for
 * the county of 300 assets seeded as of one date (a fault written here and not found, or found and
 * not written here, fails it):
 * - FUNDING_MISMATCH: a funding line off by up to 50,000 yuan on 3% of assets (register-generator);
 * - SUSPECTED_DUPLICATE: names that repeat within a village, category and year (register-generator);
 * - OWNERSHIP_UNCONFIRMED: 5% of assets accepted without owners (register-generator);
 * - OWNER_KIND_MISMATCH: household-class assets owned by the village collective (register-generator;
 *   the roads some townships own are no fault);
 * - PUBLIC_WELFARE_WITHOUT_CUSTODIAN, CUSTODY_INCOMPLETE, INSPECTION_OVERDUE: public-welfare assets nobody looks after, custody
 *   without a responsible person or funding, custodians who stopped their rounds months ago (custody-generator);
 * - DAMAGE_NOT_REPAIRED, ASSET_IDLE: assets gone DAMAGED (汛期水毁) or IDLE (承租方退租) years ago with nothing done since (register-generator);
 * - ASSET_IDLE also: operating assets with no income for a year, those with no contract or no owners, and those whose contract
 *   stopped paying more than a year ago (income-generator);
 * - STOCKTAKE_DISCREPANCY, NOT_STOCKTAKEN: the missing, damaged and repurposed results of the closed stocktake and of the one
 *   in progress, and the closed one's first asset never checked (custody-generator);
 * - OPERATING_WITHOUT_CONTRACT, CONTRACT_TOO_LONG, CONTRACT_EXPIRED_NOT_RENEWED, LOW_PRICE_DISPOSAL (a cheaper new lease): operating
 *   assets with no contract (and those with no owners, which no one can lease), 25-year contracts, contracts run out and never
 *   renewed, leases a third below the one before (income-generator);
 * - INCOME_ARREARS: contracts that stopped paying, and those that missed or short-paid a period their later payments have not
 *   made up, the earlier leases before a cheaper one among them (income-generator);
 * - LOW_YIELD: agreed yields from 2% (below MIN_YIELD_BP's 3%), and assets whose contracts fell behind (INCOME_ARREARS) so far
 *   that the year's income is below 3% (income-generator);
 * - INCOME_TO_PERSONAL_ACCOUNT: every receipt of a contract paid into a personal account (income-generator);
 * - INCOME_UNALLOCATED: every collective with income, the year before the two the plans cover lying unplanned in its pool, and
 *   the collectives that plan nothing or whose last plan is still a draft or publicized (allocation-generator);
 * - CASH_SHARE_EXCEEDED, DISBURSEMENT_OVERDUE: plans paying 25% in dividends under a cap lowered to 20% this year, and a fifth
 *   of the approved plans' last line left partly unpaid (allocation-generator);
 * - DISPOSAL_PROCEEDS_MISSING, LOW_PRICE_DISPOSAL: an auction with no proceeds, a transfer at 60% of its appraisal (disposal-generator);
 * - RECTIFICATION_OVERDUE: the audit case's findings past their due date and not rectified (open, being rectified, sent back),
 *   and a repeat of the closed one (case-generator).
 */
export async function loadDemoCounty(db: Db, cipher: PersonalDataCipher, clock: Clock, assets = DEMO_ASSETS): Promise<DemoCounty> {
  const county = await seedCountyParties(db, cipher, clock, demoRegions(), 522327, 4);
  const count = assets > 0 ? await generateCountyRegister(db, clock, county, assets, 522327, true) : 0;
  return { assets: count, custodianPartyId: county.collectives.values().next().value!.id };
}

/** Loads the demo county into an empty database; either way returns the demo custodian party. */
export async function ensureDemoCounty(db: Db, cipher: PersonalDataCipher, clock: Clock, assets = DEMO_ASSETS): Promise<{ loaded: boolean; custodianPartyId: number | null }> {
  const countyViewer: Viewer = { ...SEED_ACTOR, scope: DEMO_COUNTY };
  const existing = await listParties(db, countyViewer, { kind: 'VILLAGE_COLLECTIVE' }, { field: 'CREATED_AT', direction: 'asc' }, { first: 1 });
  if (existing.nodes.length > 0) return { loaded: false, custodianPartyId: existing.nodes[0]!.id };
  const demo = await loadDemoCounty(db, cipher, clock, assets);
  return { loaded: true, custodianPartyId: demo.custodianPartyId };
}
