/**
 * The demo county: 册亨县 (Ceheng, Guizhou, a former national poverty county) with its real
 * townships and villages, and believable parties: the county's rural-revitalisation bureau,
 * township governments, one collective per village, cooperatives, enterprises and households.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Role, type Viewer } from '../src/auth/viewer';
import type { Db } from '../src/db/client';
import { withTransaction } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/relay';
import { recordAuditEvents } from '../src/modules/audit/audit.service';
import { withCreditCodeCheck, withResidentIdCheck } from '../src/modules/parties/identifiers';
import { auditImage, listParties } from '../src/modules/parties/parties.service';
import { insertParties, type PartyValues } from '../src/modules/parties/parties.store';
import { maskResidentId, type PersonalDataCipher } from '../src/modules/parties/personal-data';
import { levelOf, parentOf } from '../src/modules/regions/division-code';
import { insertRegions } from '../src/modules/regions/regions.store';
import type { RegionRow } from '../src/modules/regions/regions.table';
import { projectRoot } from '../src/paths';
import { Random } from './random';

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
  return name.replace(/村民委员会$/, '').replace(/居民委员会$/, '').replace(/委员会$/, '');
}

export function demoRegions(): RegionRow[] {
  const file = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'seeds', 'regions-522327.json'), 'utf8')) as RegionFile;
  const entries = [
    file.province,
    file.city,
    file.county,
    ...file.townships,
    ...file.villages.map((v) => ({ code: v.code, name: shortVillageName(v.name) })),
  ];
  return entries.map(({ code, name }) => {
    const full = code.padEnd(12, '0');
    const parent = parentOf(full);
    return { code: Number(full), name, level: levelOf(full), parentCode: parent === null ? null : Number(parent) };
  });
}

/** The actor of seeded changes in the audit trail. */
export const SEED_ACTOR: Viewer = { userId: 'seed', role: Role.ADMIN, scope: '', partyId: null, requestId: 'seed' };

const SURNAMES = ['韦', '王', '岑', '罗', '黄', '陆', '杨', '李', '潘', '班', '梁', '覃'];
const GIVEN = ['国富', '明芳', '永强', '秀英', '正华', '春兰', '德林', '金花', '光荣', '玉梅', '文军', '海燕'];
const COOPERATIVE_KINDS = ['糯米蕉种植', '油茶种植', '生猪养殖', '肉牛养殖', '食用菌', '蜂蜜'];
const ENTERPRISES = ['册亨县糯米蕉产业发展有限公司', '册亨县锦绣布依文化旅游有限公司', '黔西南州光伏新能源有限公司', '册亨县冷链物流有限公司'];

export interface DemoCounty {
  regions: number;
  parties: number;
  /** A village collective that looks after assets: the demo CUSTODIAN token's party. */
  custodianPartyId: number;
}

export async function loadDemoCounty(db: Db, cipher: PersonalDataCipher): Promise<DemoCounty> {
  const random = new Random(522327);
  const regions = demoRegions();
  const villages = regions.filter((r) => r.level === 'VILLAGE');
  const townships = regions.filter((r) => r.level === 'TOWNSHIP');
  const countyCode = Number(DEMO_COUNTY.padEnd(12, '0'));
  const parties: PartyValues[] = [];
  let serial = 0;
  const creditCode = (prefix: string) => withCreditCodeCheck(prefix + DEMO_COUNTY + 'MA' + String(++serial).padStart(7, '0'));
  const phone = () => '1' + random.pick(['38', '39', '51', '58', '87']) + String(random.int(10000000, 99999999));
  const person = () => random.pick(SURNAMES) + random.pick(GIVEN);

  parties.push({ kind: 'GOVERNMENT_DEPARTMENT', name: '册亨县乡村振兴局', regionCode: countyCode, creditCode: creditCode('11'), contactPerson: person(), contactPhone: '0859-4212345' });
  for (const t of townships) {
    parties.push({ kind: 'TOWNSHIP_GOVERNMENT', name: `${t.name}人民政府`.replace('街道人民政府', '街道办事处'), regionCode: t.code, creditCode: creditCode('11'), contactPerson: person(), contactPhone: phone() });
  }
  for (const v of villages) {
    parties.push({ kind: 'VILLAGE_COLLECTIVE', name: `${v.name}股份经济合作社`, regionCode: v.code, creditCode: creditCode('N2'), contactPerson: person(), contactPhone: phone() });
  }
  villages.forEach((v, i) => {
    if (i % 6 === 0) parties.push({ kind: 'COOPERATIVE', name: `册亨县${v.name}${random.pick(COOPERATIVE_KINDS)}专业合作社`, regionCode: v.code, creditCode: creditCode('93'), contactPerson: person(), contactPhone: phone() });
  });
  ENTERPRISES.forEach((name, i) => parties.push({ kind: 'ENTERPRISE', name, regionCode: townships[i % townships.length].code, creditCode: creditCode('91'), contactPerson: person(), contactPhone: phone() }));
  for (const v of villages) {
    for (let h = 0; h < 4; h++) {
      const birth = `${random.int(1950, 1995)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
      const id = withResidentIdCheck(DEMO_COUNTY + birth + String(random.int(100, 999)));
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

  return withTransaction(db, async (tx) => {
    await insertRegions(tx, regions);
    const rows = await insertParties(tx, parties);
    await recordAuditEvents(
      tx,
      SEED_ACTOR,
      rows.map((party) => ({ action: 'party.create', entityType: 'Party', entityId: toGlobalId('Party', party.id), regionCode: party.regionCode, before: null, after: auditImage(party) })),
    );
    const custodian = rows.find((p) => p.kind === 'VILLAGE_COLLECTIVE');
    return { regions: regions.length, parties: rows.length, custodianPartyId: custodian!.id };
  });
}

/** Loads the demo county into an empty database; either way returns the demo custodian party. */
export async function ensureDemoCounty(db: Db, cipher: PersonalDataCipher): Promise<{ loaded: boolean; custodianPartyId: number | null }> {
  const countyViewer: Viewer = { ...SEED_ACTOR, scope: DEMO_COUNTY };
  const existing = await listParties(db, countyViewer, { kind: 'VILLAGE_COLLECTIVE' }, { field: 'CREATED_AT', direction: 'asc' }, { first: 1 });
  if (existing.nodes.length > 0) return { loaded: false, custodianPartyId: existing.nodes[0].id };
  const demo = await loadDemoCounty(db, cipher);
  return { loaded: true, custodianPartyId: demo.custodianPartyId };
}
