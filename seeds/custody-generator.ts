/**
 * Custody for a generated county (管护): most public-welfare assets get a custodian (the village
 * collective, or the township for roads it owns; a tenth changed hands once), duties (quarterly
 * inspection for all, half-yearly upkeep for some) and two years of maintenance records; and
 * the faults audits find — assets nobody looks after, custody without a responsible person or
 * funding, custodians who stopped their rounds months ago (overdue duties), damage found and
 * repaired. Then two stocktakes of the county: one closed a year ago with discrepancies and a few
 * assets never checked, one in progress. Written in the register's transaction, audit events included.
 */
import { addDays, type Clock } from '../src/clock';
import type { Tx } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/global-id';
import type { AssetRow } from '../src/modules/assets/assets.service';
import { recordAuditEvents, type AuditedChange } from '../src/modules/audit/audit.service';
import {
  closeStocktakeIn,
  custodyImage,
  dutyImage,
  insertCustody,
  insertDuties,
  insertMaintenance,
  maintenanceImage,
  openStocktakeIn,
  recomputeNextDue,
  recordStocktakeResultsIn,
  stocktakeAssetIds,
  type DutyKind,
  type MaintenanceOutcome,
  type NewCustody,
  type NewDuty,
  type NewMaintenance,
  type StocktakeResult,
} from '../src/modules/custody/custody.service';
import { numberToCode } from '../src/modules/regions/division-code';
import { SEED_ACTOR } from './actor';
import { Random } from './random';
import type { CountyParties } from './register-generator';

const SURNAMES = ['韦', '王', '岑', '罗', '黄', '陆', '杨'];
const GIVEN = ['国强', '明华', '德全', '秀珍', '永福', '春燕'];
const FUNDING = ['村集体经济收益列支', '县级管护补助资金', '乡镇统筹管护经费', '受益群众投工投劳'];
const WORK: Record<DutyKind, string[]> = {
  INSPECTION: ['例行巡查，设施完好', '巡查沿线，清理杂物', '汛前巡查'],
  ROUTINE_MAINTENANCE: ['清淤疏通', '更换损坏部件', '路面坑槽修补', '管网冲洗消毒'],
  REPAIR: ['水毁修复', '破损处维修'],
  CLEANING: ['环境保洁'],
  SAFETY_CHECK: ['安全隐患排查'],
  OTHER: ['其他管护工作'],
};

interface PlannedDuty {
  values: NewDuty;
  records: NewMaintenance[];
}

/** A custodian's record of a duty from `from` to `until`, every interval give or take a week. */
function rounds(random: Random, assetId: number, regionCode: number, kind: DutyKind, intervalDays: number, from: string, until: string, payer: number, performer: string): NewMaintenance[] {
  const records: NewMaintenance[] = [];
  for (let on = addDays(from, intervalDays + random.int(-7, 7)); on <= until; on = addDays(on, intervalDays + random.int(-7, 7))) {
    const r = random.next();
    const outcome: MaintenanceOutcome = kind === 'INSPECTION' ? (r < 0.05 ? 'ISSUE_FOUND' : 'OK') : r < 0.1 ? 'REPAIRED' : 'OK';
    const cost = kind === 'INSPECTION' ? 0n : BigInt(random.int(200, 5000)) * 100n;
    records.push({
      assetId,
      regionCode,
      kind,
      performedOn: on,
      performedBy: performer,
      description: random.pick(WORK[kind]),
      costFen: cost,
      payerPartyId: cost > 0n ? payer : null,
      outcome,
      conditionAfter: outcome === 'ISSUE_FOUND' ? '发现局部破损，待维修' : '良好',
      actorId: SEED_ACTOR.userId,
    });
  }
  return records;
}

/** Custody, duties and maintenance of a county's public-welfare assets; returns the custody rows written. */
export async function generateCustody(tx: Tx, clock: Clock, county: CountyParties, assets: AssetRow[], seed: number): Promise<number> {
  const random = new Random(seed);
  const today = clock.today();
  const twoYearsAgo = addDays(today, -730);
  const custody: NewCustody[] = [];
  const duties: PlannedDuty[] = [];
  for (const asset of assets) {
    if (asset.assetClass !== 'PUBLIC_WELFARE' || asset.status === 'UNDER_CONSTRUCTION' || asset.status === 'DISPOSED') continue;
    const r = random.next();
    if (r < 0.12) continue; // nobody looks after it (PUBLIC_WELFARE_WITHOUT_CUSTODIAN)
    const since = asset.handedOverOn ?? asset.acceptedOn ?? asset.builtOn ?? twoYearsAgo;
    const village = county.villages.find((v) => v.code === asset.regionCode);
    const collective = county.collectives.get(asset.regionCode)!;
    const township = village?.parentCode ? county.townshipGovernments.get(village.parentCode) : undefined;
    const person = random.pick(SURNAMES) + random.pick(GIVEN);
    const incomplete = random.chance(0.05); // CUSTODY_INCOMPLETE
    const terms = {
      assetId: asset.id,
      regionCode: asset.regionCode,
      responsiblePerson: incomplete && random.chance(0.5) ? null : person,
      responsiblePhone: `1${random.pick(['38', '39', '58', '87'])}${random.int(10000000, 99999999)}`,
      fundingArrangement: incomplete ? null : random.pick(FUNDING),
      actorId: SEED_ACTOR.userId,
    };
    // A tenth were first looked after by the township and handed to the village later.
    const handedOn = township && random.chance(0.1) ? addDays(since, random.int(180, 900)) : null;
    let custodian = collective;
    let start = since;
    if (handedOn && handedOn < today) {
      custody.push({ ...terms, custodianPartyId: township!.id, validFrom: since, validTo: handedOn, endReason: '移交村集体管护', note: '移交前由乡镇代管' });
      start = handedOn;
    } else if (asset.category === 'ROAD_BRIDGE' && township && random.chance(0.2)) {
      custodian = township;
    }
    custody.push({ ...terms, custodianPartyId: custodian.id, validFrom: start, note: null });

    // Most custodians keep their rounds; some stopped months ago (INSPECTION_OVERDUE).
    const stoppedOn = random.chance(0.15) ? addDays(today, -random.int(120, 300)) : today;
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text; Math.max would make them NaN
    const first = start > twoYearsAgo ? start : twoYearsAgo;
    const planDuty = (kind: DutyKind, intervalDays: number, description: string) => {
      const records = rounds(random, asset.id, asset.regionCode, kind, intervalDays, first, stoppedOn < today ? stoppedOn : addDays(today, -1), custodian.id, person);
      duties.push({ values: { assetId: asset.id, regionCode: asset.regionCode, kind, description, intervalDays, startsOn: start }, records });
    };
    planDuty('INSPECTION', 90, '每季度巡查一次，汛期加密');
    if (random.chance(0.3)) planDuty('ROUTINE_MAINTENANCE', 180, '每半年维护保养一次');
  }

  const written = await insertCustody(tx, custody);
  const dutyRows = await insertDuties(
    tx,
    duties.map((d) => d.values),
  );
  const records = await insertMaintenance(
    tx,
    duties.flatMap((d, i) => d.records.map((r) => ({ ...r, dutyId: dutyRows[i]!.id }))),
  );
  await recomputeNextDue(tx, [...new Set(dutyRows.map((d) => d.assetId))]);

  const events: AuditedChange[] = [
    ...written.map((c) => ({ action: 'custody.assign' as const, entityType: 'Asset', entityId: toGlobalId('Asset', c.assetId), regionCode: c.regionCode, before: null, after: custodyImage(c) })),
    ...dutyRows.map((d) => ({ action: 'custody.addDuty' as const, entityType: 'Asset', entityId: toGlobalId('Asset', d.assetId), regionCode: d.regionCode, before: null, after: dutyImage(d) })),
    ...records.map((m) => ({
      action: 'maintenance.record' as const,
      entityType: 'Asset',
      entityId: toGlobalId('Asset', m.assetId),
      regionCode: m.regionCode,
      before: null,
      after: maintenanceImage(m),
    })),
  ];
  await recordAuditEvents(tx, SEED_ACTOR, clock, events);
  return written.length;
}

const FINDINGS: Record<Exclude<StocktakeResult, 'FOUND'>, string[]> = {
  NOT_FOUND: ['现场未找到该资产', '牲畜已死亡未报损', '设备去向不明'],
  DAMAGED: ['设施损毁严重', '房屋漏雨墙体开裂'],
  USE_CHANGED: ['被改作村委会办公用房', '被个人占用堆放杂物'],
};

/**
 * Two stocktakes of the county, through the services (their rules and audit events): one of
 * the first township as of a year ago, checked and closed, with some discrepancies and a few
 * assets never checked (NOT_STOCKTAKEN); one of the second township as of a month ago, in progress.
 */
export async function generateStocktakes(tx: Tx, clock: Clock, county: CountyParties, seed: number): Promise<void> {
  const random = new Random(seed);
  const viewer = { ...SEED_ACTOR, scope: numberToCode(county.countyCode).slice(0, 6) };
  const today = clock.today();
  const townships = [...county.townshipGovernments.keys()].sort((a, b) => a - b);
  const plans = [
    { township: townships[0], asOf: addDays(today, -365), share: 0.97, close: true },
    { township: townships[1], asOf: addDays(today, -30), share: 0.4, close: false },
  ];
  for (const plan of plans) {
    if (plan.township === undefined) continue;
    const code = numberToCode(plan.township);
    const opened = await openStocktakeIn(tx, viewer, clock, { regionCode: code, name: `${plan.asOf.slice(0, 4)}年度扶贫项目资产清查`, asOf: plan.asOf });
    const stocktake = opened.value!;
    const lines = await stocktakeAssetIds(tx, stocktake.id);
    // The first asset of the closed one is never checked, whatever the draw (NOT_STOCKTAKEN).
    const results = lines
      .filter((_, i) => random.chance(plan.share) && !(plan.close && i === 0))
      .map((assetId) => {
        const r = random.next();
        const result: StocktakeResult = r < 0.02 ? 'NOT_FOUND' : r < 0.05 ? 'DAMAGED' : r < 0.07 ? 'USE_CHANGED' : 'FOUND';
        return {
          input: {
            assetId,
            result,
            note: result === 'FOUND' ? null : random.pick(FINDINGS[result]),
            checkedOn: addDays(plan.asOf, random.int(1, 25)),
            checkedBy: `${random.pick(SURNAMES)}${random.pick(GIVEN)}（清查组）`,
          },
          at: ['seed'],
        };
      });
    const recorded = await recordStocktakeResultsIn(tx, viewer, clock, stocktake.id, results);
    if (recorded.userErrors.length) throw new Error(`seed stocktake: ${recorded.userErrors[0]!.message.en}`);
    if (plan.close) await closeStocktakeIn(tx, viewer, clock, stocktake.id);
  }
}
