/**
 * Deterministic generator of a believable register: projects 2013–2025 with funding, assets of
 * every class and category with their funding composition, status history and owners (village
 * collectives, joint ownership by several villages 联村共建, assets handed to households), and a
 * few deliberate faults of the kinds audits find (funding that does not add up, duplicate lines,
 * unconfirmed ownership, household assets owned by a collective, idle and damaged assets), then
 * the county's custody and stocktakes (custody-generator.ts), contracts and income
 * (income-generator.ts). Writes with multi-row inserts, one
 * transaction per county, audit events included.
 */
import { addDays, type Clock } from '../src/clock';
import type { Db } from '../src/db/client';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client';
import { withTransaction } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/global-id';
import { auditImage, insertAssets, insertFunding, insertStatusChanges, type AssetFundingValues, type AssetValues, type StatusChangeValues } from '../src/modules/assets/assets.service';
import { recordAuditEvents } from '../src/modules/audit/audit.service';
import { insertOwnerships, type NewOwnership } from '../src/modules/ownership/ownership.service';
import type { PartyRow } from '../src/modules/parties/parties.service';
import { insertProjectFunding, insertProjects } from '../src/modules/projects/projects.service';
import type { RegionRow } from '../src/modules/regions/regions.service';
import { generateCustody, generateStocktakes } from './custody-generator';
import { generateAllocation } from './allocation-generator';
import { generateAuditCase } from './case-generator';
import { generateDisposals } from './disposal-generator';
import { generateStatements } from './statement-generator';
import { generateIncome } from './income-generator';
import { Random } from './random';
import { SEED_ACTOR } from './actor';

type Category = AssetValues['category'];
type AssetClass = AssetValues['assetClass'];

interface Template {
  category: Category;
  assetClass: AssetClass;
  names: string[];
  unit: string;
  quantity: [number, number];
  /** Value range in yuan. */
  value: [number, number];
  weight: number;
}

const TEMPLATES: Template[] = [
  { category: 'PV_STATION', assetClass: 'OPERATING', names: ['村级光伏电站', '集中式光伏扶贫电站', '屋顶分布式光伏'], unit: '千瓦', quantity: [60, 300], value: [300_000, 2_400_000], weight: 10 },
  { category: 'WORKSHOP', assetClass: 'OPERATING', names: ['扶贫车间', '就业帮扶车间', '刺绣加工车间'], unit: '平方米', quantity: [300, 2000], value: [400_000, 3_000_000], weight: 6 },
  {
    category: 'PLANTING_BREEDING_BASE',
    assetClass: 'OPERATING',
    names: ['糯米蕉种植基地', '油茶示范基地', '生猪养殖场', '肉牛养殖小区', '食用菌大棚'],
    unit: '亩',
    quantity: [20, 500],
    value: [200_000, 2_000_000],
    weight: 10,
  },
  { category: 'PROCESSING_FACILITY', assetClass: 'OPERATING', names: ['农产品加工厂', '茶叶加工厂', '烘干房'], unit: '平方米', quantity: [200, 1500], value: [300_000, 2_500_000], weight: 4 },
  { category: 'COLD_CHAIN_LOGISTICS', assetClass: 'OPERATING', names: ['冷库', '产地冷藏保鲜设施'], unit: '立方米', quantity: [100, 1000], value: [200_000, 1_500_000], weight: 3 },
  { category: 'TOURISM_FACILITY', assetClass: 'OPERATING', names: ['乡村旅游接待中心', '布依民宿', '观景台'], unit: '平方米', quantity: [100, 800], value: [300_000, 2_000_000], weight: 2 },
  { category: 'ROAD_BRIDGE', assetClass: 'PUBLIC_WELFARE', names: ['通组硬化路', '产业路', '人行便桥', '联户路'], unit: '公里', quantity: [1, 12], value: [300_000, 4_000_000], weight: 12 },
  { category: 'DRINKING_WATER', assetClass: 'PUBLIC_WELFARE', names: ['安全饮水工程', '集中供水点', '高位水池'], unit: '处', quantity: [1, 3], value: [100_000, 1_200_000], weight: 8 },
  { category: 'IRRIGATION', assetClass: 'PUBLIC_WELFARE', names: ['灌溉渠道', '提灌站', '山塘整治'], unit: '米', quantity: [500, 5000], value: [150_000, 1_500_000], weight: 6 },
  { category: 'EDUCATION', assetClass: 'PUBLIC_WELFARE', names: ['村级幼儿园', '教学点校舍'], unit: '平方米', quantity: [200, 1200], value: [500_000, 3_000_000], weight: 2 },
  { category: 'HEALTH', assetClass: 'PUBLIC_WELFARE', names: ['村卫生室', '卫生室设备'], unit: '平方米', quantity: [60, 200], value: [100_000, 600_000], weight: 3 },
  { category: 'CULTURE_SPORTS', assetClass: 'PUBLIC_WELFARE', names: ['文化广场', '村级综合文化服务中心', '篮球场'], unit: '平方米', quantity: [300, 2000], value: [100_000, 900_000], weight: 4 },
  { category: 'POWER_COMMUNICATION', assetClass: 'PUBLIC_WELFARE', names: ['农网改造线路', '通信基站配套'], unit: '公里', quantity: [1, 8], value: [200_000, 1_500_000], weight: 2 },
  { category: 'HOUSING', assetClass: 'HOUSEHOLD', names: ['危房改造住房', '易地扶贫搬迁安置房'], unit: '平方米', quantity: [60, 120], value: [30_000, 150_000], weight: 8 },
  { category: 'LIVESTOCK', assetClass: 'HOUSEHOLD', names: ['能繁母牛', '黑山羊', '生猪'], unit: '头', quantity: [1, 10], value: [8_000, 60_000], weight: 12 },
  { category: 'EQUIPMENT', assetClass: 'HOUSEHOLD', names: ['微耕机', '农用三轮车', '烘干设备'], unit: '台', quantity: [1, 3], value: [5_000, 40_000], weight: 5 },
  { category: 'OTHER', assetClass: 'OPERATING', names: ['集体商铺', '农贸市场摊位'], unit: '间', quantity: [2, 30], value: [100_000, 800_000], weight: 3 },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((s, t) => s + t.weight, 0);

const SOURCES_BY_LEVEL: AssetFundingValues['source'][] = [
  'CENTRAL_FISCAL',
  'PROVINCIAL_FISCAL',
  'COUNTY_FISCAL',
  'EAST_WEST_COOPERATION',
  'DESIGNATED_ASSISTANCE',
  'GOVERNMENT_BOND',
  'SOCIAL_DONATION',
  'SELF_RAISED',
];

export interface CountyParties {
  countyCode: number;
  villages: RegionRow[];
  /** Collective of each village, by village code. */
  collectives: Map<number, PartyRow>;
  townshipGovernments: Map<number, PartyRow>;
  households: Map<number, PartyRow[]>;
  bureau: PartyRow;
  /** Cooperatives and enterprises that lease or run operating assets. */
  operators: PartyRow[];
  /** Every party's region. */
  regionOf: Map<number, number>;
}

function pickTemplate(random: Random): Template {
  let r = random.next() * TOTAL_WEIGHT;
  for (const t of TEMPLATES) {
    r -= t.weight;
    if (r <= 0) return t;
  }
  return TEMPLATES[0]!;
}

type Status = AssetValues['status'];

/** One generated register line with everything written for it. */
interface PlannedAsset {
  values: AssetValues;
  projectIndex: number;
  funding: { source: AssetFundingValues['source']; amountFen: bigint }[];
  history: { from: Status | null; to: Status; on: string; reason: string }[];
  ownersFrom: string;
  owners: { partyId: number; shareBp: number }[];
}

/**
 * Generates `assetCount` assets in one county whose regions and parties exist, in one
 * transaction. Codes carry the county's code, so they stay unique across counties.
 */
/** `lowerCashCap`: the county lowered its cash share cap this year (the demo county did). */
export async function generateCountyRegister(db: Db, clock: Clock, county: CountyParties, assetCount: number, seed: number, lowerCashCap = false): Promise<number> {
  const random = new Random(seed);
  const today = clock.today();
  const thisYear = Number(today.slice(0, 4));
  const countyTag = String(county.countyCode).slice(0, 6);
  const projectCount = Math.max(TEMPLATES.length, Math.ceil(assetCount / 20));

  return withTransaction(db, async (tx) => {
    const projects = await insertProjects(
      tx,
      Array.from({ length: projectCount }, (_, i) => {
        const year = 2013 + (i % Math.min(13, thisYear - 2012));
        const template = TEMPLATES[i % TEMPLATES.length]!;
        const finished = year < thisYear;
        return {
          code: `XM${countyTag}-${year}-${String(i + 1).padStart(4, '0')}`,
          name: `${year}年${template.names[0]}项目${i + 1}`,
          year,
          regionCode: county.countyCode,
          kind: template.assetClass === 'PUBLIC_WELFARE' ? 'INFRASTRUCTURE' : template.assetClass === 'HOUSEHOLD' ? 'HOUSING' : 'INDUSTRY',
          implementingPartyId: county.bureau.id,
          status: finished ? 'ACCEPTED' : 'IN_PROGRESS',
          startedOn: `${year}-03-01`,
          completedOn: finished ? `${year}-10-31` : null,
          acceptedOn: finished ? `${year}-12-15` : null,
        } as const;
      }),
    );

    const planned: PlannedAsset[] = [];
    for (let i = 0; i < assetCount; i++) {
      const village = random.pick(county.villages);
      const template = pickTemplate(random);
      // Project i built assets of template i mod n: an asset picks one of its template's projects.
      const t = TEMPLATES.indexOf(template);
      const projectIndex = t + TEMPLATES.length * random.int(0, Math.floor((projects.length - 1 - t) / TEMPLATES.length));
      const year = projects[projectIndex]!.year;
      const valueYuan = random.int(template.value[0], template.value[1]);
      const valueFen = BigInt(template.category === 'LIVESTOCK' ? valueYuan - (valueYuan % 100) : valueYuan) * 100n;
      const builtOn = `${year}-${String(random.int(4, 9)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const underConstruction = year >= thisYear;
      const completedOn = underConstruction ? null : addDays(builtOn, random.int(0, 60));
      const acceptedOn = completedOn && addDays(completedOn, random.int(10, 90));
      const handedOverOn = acceptedOn && addDays(acceptedOn, random.int(0, 60));
      const fault = random.next();
      // Names repeat within a village now and then, as in real ledgers (SUSPECTED_DUPLICATE).
      const name = `${village.name}${random.pick(template.names)}${template.category === 'LIVESTOCK' || template.category === 'HOUSING' ? '' : random.int(1, 3) + '号'}`;
      const values: AssetValues = {
        code: `ZC${countyTag}${String(i + 1).padStart(7, '0')}`,
        name,
        assetClass: template.assetClass,
        category: template.category,
        status: 'IN_USE',
        regionCode: village.code,
        address: `${village.name}${random.pick(['一组', '二组', '三组', '村委会旁', '产业园'])}`,
        longitude: 105.6 + random.next() * 0.4,
        latitude: 24.8 + random.next() * 0.3,
        quantity: String(random.int(template.quantity[0], template.quantity[1])),
        unit: template.unit,
        originalValueFen: valueFen,
        builtOn,
        completedOn,
        acceptedOn,
        handedOverOn: handedOverOn && handedOverOn <= today ? handedOverOn : null,
      };
      // Funding: the project's sources; ~3% do not add up to the original value (FUNDING_MISMATCH).
      const central = (valueFen * BigInt(random.int(50, 90))) / 100n;
      const funding = [
        { source: SOURCES_BY_LEVEL[0]!, amountFen: central },
        { source: random.pick(SOURCES_BY_LEVEL.slice(1)), amountFen: valueFen - central },
      ].filter((l) => l.amountFen > 0n);
      if (fault < 0.03 && funding[0]) funding[0] = { ...funding[0], amountFen: funding[0].amountFen + BigInt(random.int(1, 50_000)) * 100n };

      const since = handedOverOn && handedOverOn <= today ? handedOverOn : (acceptedOn ?? builtOn);
      const history: PlannedAsset['history'] = [];
      if (underConstruction) history.push({ from: null, to: 'UNDER_CONSTRUCTION', on: builtOn <= today ? builtOn : today, reason: '登记 registered' });
      else {
        history.push({ from: null, to: 'IN_USE', on: since, reason: '登记 registered' });
        const later = addDays(since, random.int(200, 1500));
        if (fault > 0.93 && later < today) history.push({ from: 'IN_USE', to: 'IDLE', on: later, reason: '承租方退租，暂无经营主体' });
        else if (fault > 0.9 && later < today) history.push({ from: 'IN_USE', to: 'DAMAGED', on: later, reason: '汛期水毁' });
      }
      values.status = history[history.length - 1]!.to;

      // Owners.
      const collective = county.collectives.get(village.code)!;
      let owners: PlannedAsset['owners'] = [];
      if (fault > 0.05 || underConstruction) {
        if (template.assetClass === 'HOUSEHOLD') {
          const households = county.households.get(village.code) ?? [];
          owners = fault < 0.08 || households.length === 0 ? [{ partyId: collective.id, shareBp: 10_000 }] : [{ partyId: random.pick(households).id, shareBp: 10_000 }];
        } else if (template.assetClass === 'OPERATING' && fault > 0.95) {
          // 联村共建: jointly built by several villages, shared by agreed shares.
          const others = [random.pick(county.villages), random.pick(county.villages)].map((v) => county.collectives.get(v.code)!).filter((p) => p.id !== collective.id);
          const partners = [collective, ...new Map(others.map((p) => [p.id, p])).values()];
          const base = Math.floor(10_000 / partners.length);
          owners = partners.map((p, k) => ({ partyId: p.id, shareBp: k === 0 ? 10_000 - base * (partners.length - 1) : base }));
        } else if (template.category === 'ROAD_BRIDGE' && fault > 0.85) {
          owners = [{ partyId: county.townshipGovernments.get(village.parentCode!)!.id, shareBp: 10_000 }];
        } else {
          owners = [{ partyId: collective.id, shareBp: 10_000 }];
        }
      }
      if (underConstruction) owners = [];
      values.ownershipConfirmed = owners.length > 0;
      planned.push({ values, projectIndex, funding, history, ownersFrom: acceptedOn ?? builtOn, owners });
    }

    const rows = await insertAssets(
      tx,
      planned.map((p) => p.values),
    );
    const each = <T>(make: (asset: (typeof rows)[number], plan: PlannedAsset) => T[]): T[] => rows.flatMap((asset, i) => make(asset, planned[i]!));
    const funding = await insertFunding(
      tx,
      each((asset, plan) => plan.funding.map((line) => ({ ...line, assetId: asset.id, regionCode: asset.regionCode, projectId: projects[plan.projectIndex]!.id }))),
    );
    const fundedByProject = new Map<number, bigint>();
    for (const f of funding) fundedByProject.set(f.projectId!, (fundedByProject.get(f.projectId!) ?? 0n) + f.amountFen);
    // A project's investment covers its assets; every seventh also kept money no asset shows.
    await insertProjectFunding(
      tx,
      projects.flatMap((project, i) => {
        const total = fundedByProject.get(project.id) ?? 0n;
        const amount = total > 0n ? total + (i % 7 === 0 ? 1_000_000n : 0n) : 500_000_00n;
        return [
          { projectId: project.id, source: 'CENTRAL_FISCAL' as const, amountFen: (amount * 7n) / 10n },
          { projectId: project.id, source: 'COUNTY_FISCAL' as const, amountFen: amount - (amount * 7n) / 10n },
        ];
      }),
    );
    const changes: StatusChangeValues[] = each((asset, plan) =>
      plan.history.map((h) => ({ assetId: asset.id, regionCode: asset.regionCode, fromStatus: h.from, toStatus: h.to, reason: h.reason, effectiveOn: h.on, actorId: SEED_ACTOR.userId })),
    );
    await insertStatusChanges(tx, changes);
    const ownerships: NewOwnership[] = each((asset, plan) =>
      plan.owners.map((o) => ({
        assetId: asset.id,
        regionCode: asset.regionCode,
        ownerPartyId: o.partyId,
        shareBp: o.shareBp,
        certificateNo: `确权〔${plan.ownersFrom.slice(0, 4)}〕${asset.id}号`,
        confirmedOn: plan.ownersFrom,
        validFrom: plan.ownersFrom,
        actorId: SEED_ACTOR.userId,
      })),
    );
    await insertOwnerships(tx, ownerships);
    await recordAuditEvents(tx, SEED_ACTOR, clock, [
      ...projects.map((p) => ({
        action: 'project.create' as const,
        entityType: 'Project',
        entityId: toGlobalId('Project', p.id),
        regionCode: p.regionCode,
        before: null,
        after: { code: p.code, name: p.name, year: p.year },
      })),
      ...rows.map((a, i) => ({
        action: 'asset.register' as const,
        entityType: 'Asset',
        entityId: toGlobalId('Asset', a.id),
        regionCode: a.regionCode,
        before: null,
        after: auditImage(
          a,
          planned[i]!.funding.map((l) => ({ ...l, projectId: projects[planned[i]!.projectIndex]!.id })),
        ),
      })),
    ]);
    await generateCustody(tx, clock, county, rows, seed + 1);
    await generateStocktakes(tx, clock, county, seed + 2);
    await generateIncome(
      tx,
      clock,
      county,
      rows.map((asset, i) => ({ asset, owners: planned[i]!.owners, ownersFrom: planned[i]!.ownersFrom })),
      seed + 3,
    );
    // Statistics that count this transaction's own rows: allocation and the bank statements read
    // the county's income through the services, and planned for the register as committed (empty,
    // for a shard's first county) a statement's match took 25 s instead of milliseconds.
    await queryRows(tx, sql`/* seedAnalyze */ analyze asset, ownership, income_record, income_part`);
    await generateAllocation(tx, clock, county, seed + 4, { lowerCashCap });
    await generateStatements(tx, clock, county, seed + 5);
    await generateDisposals(tx, clock, rows, county.countyCode, new Map(rows.flatMap((asset, i) => (planned[i]!.owners.length ? [[asset.id, planned[i]!.ownersFrom] as const] : []))));
    await generateAuditCase(tx, clock, county.countyCode);
    return rows.length;
  });
}
