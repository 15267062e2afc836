/**
 * 对账 (income reconciliation) of a county, township or village for a period, to the fen:
 * - money earned is placed where its asset stands: expected (contract periods due in the period),
 *   received and reversed (dated in it), apportioned to owners (= received + reversed), of that
 *   unplanned and in plans (= apportioned), and arrears as of the period's end or today, whichever
 *   is earlier (periods due in it, unpaid past their grace days, by ageing bucket);
 * - plans and payments are placed where their owner is: planned (the pools of the plans approved
 *   in the period), allocated by their lines, disbursed on them by its end, carried forward (结转:
 *   their CARRY_FORWARD lines and what their lines leave of their pools, kept with the owner) and
 *   undisbursed (what is to be paid and is not: planned = disbursed + undisbursed + carriedForward);
 * - rows per asset, per owner (its parts of the region's assets, its plans) and per region of the
 *   subtree (village, township, county), each region's row the exact sum of what lies in it.
 * One statement sums it all in the database (reconciliation.store.ts); never more than a county.
 */
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { remembered as rememberedAnswers } from '../../db/remembered';
import { withReportTimeout } from '../../db/transaction';
import { AppError } from '../../graphql/errors';
import { approvedPlansPerOwnerRelation, regionsOfPlans } from '../allocation/allocation.service';
import { trailHeads, trailsOf } from '../audit/audit.service';
import { expectedPerAssetRelation } from '../contracts/contracts.service';
import { arrearsRelationOn, incomePerAssetRelation, partsPerAssetOwnerRelation, plansHoldingIncomeRelation } from '../income/income.service';
import { ARREARS_BUCKETS } from '../income/income.types';
import { rulingRegions } from '../rules/rules.service';
import { countyOf, numberToCode, significantPrefix } from '../regions/division-code';
import { reconciliationRows, type FigureRow } from './reconciliation.store';

export const FIGURES = ['expected', 'received', 'reversed', 'apportioned', 'unplanned', 'inPlans', 'arrears', 'planned', 'allocated', 'disbursed', 'carriedForward', 'undisbursed'] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, bigint>;

const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0n])) as Figures;
const figuresOf = (r: FigureRow): Figures => {
  const planned = BigInt(r.planned);
  const disbursed = BigInt(r.disbursed);
  const carriedForward = BigInt(r.carried_forward);
  return {
    expected: BigInt(r.expected),
    received: BigInt(r.received),
    reversed: BigInt(r.reversed),
    apportioned: BigInt(r.apportioned),
    unplanned: BigInt(r.unplanned),
    inPlans: BigInt(r.in_plans),
    arrears: BigInt(r.arrears),
    planned,
    allocated: BigInt(r.allocated),
    disbursed,
    carriedForward,
    undisbursed: planned - carriedForward - disbursed,
  };
};

export interface Reconciliation {
  regionCode: string;
  from: string;
  to: string;
  totals: Figures;
  arrearsByBucket: { bucket: string; unpaidFen: bigint }[];
  /** Every region of the subtree with figures, by code; a region's row is the sum of all that lies in it. */
  regions: { regionCode: string; figures: Figures }[];
  assets: { assetId: number; regionCode: number; figures: Figures }[];
  owners: { ownerPartyId: number; figures: Figures }[];
}

/** The longest period one reconciliation covers. */
const MAX_DAYS = 3660;
const COUNTY_PREFIX = 6;

export async function incomeReconciliation(db: Db, viewer: Viewer, clock: Clock, regionCode: string, from: string, to: string): Promise<Reconciliation | null> {
  assertCan(viewer, 'read');
  if (!codeInScope(regionCode, viewer)) return null;
  const prefix = significantPrefix(regionCode);
  if (prefix.length < COUNTY_PREFIX) throw new AppError('BAD_USER_INPUT', 'Reconcile one county (or a township or village of it) at a time', ['region']);
  if (to < from) throw new AppError('BAD_USER_INPUT', 'to is before from', ['to']);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new AppError('BAD_USER_INPUT', `A reconciliation covers at most ${MAX_DAYS} days`, ['to']);

  // Arrears as of the period's end or today, whichever is earlier: a period still to come is not owed.
  const arrearsOn = to < clock.today() ? to : clock.today();
  const question = JSON.stringify([viewer.scope, regionCode, from, to, arrearsOn, clock.today()]);
  const known = remembered.recall(db, question);
  if (known && (await trailHeads(db, known.trails)) === known.heads) return known.answer;
  const worked = await withReportTimeout(db, async (tx) => {
    const rows = await reconciliationRows(tx, prefix, from, {
      expected: expectedPerAssetRelation(viewer, prefix, from, to),
      unpaid: arrearsRelationOn(viewer, prefix, arrearsOn, clock.today()),
      income: incomePerAssetRelation(viewer, prefix, from, to),
      parts: partsPerAssetOwnerRelation(viewer, prefix, from, to),
      plans: approvedPlansPerOwnerRelation(viewer, prefix, from, to),
    });
    const answer = reconciliationOf(regionCode, from, to, rows);
    // What the answer was worked out from, by where each write changing it is audited: the
    // county's trail (its assets, contracts, income and plans); its city's and province's (the
    // grace days may be set there); the counties of the plans holding parts of its income (a plan
    // is audited where its owner was when it was drawn, cancelling it frees the parts) and of the
    // owners of those parts (where their next plans will be drawn). All in the rows' snapshot.
    const owners = rows.filter((r) => r.kind === 'OWNER').map((r) => Number(r.region_code));
    const plans = await regionsOfPlans(tx, plansHoldingIncomeRelation(prefix, from, to));
    // Kept as the few chains they fall in: checking them is then one probe each, nothing per owner.
    const trails = trailsOf([...rulingRegions(countyOf(prefix)!), ...owners, ...plans]);
    return { answer, trails, heads: await trailHeads(tx, trails) };
  });
  remembered.keep(db, question, worked);
  return worked.answer;
}

/**
 * Reconciliations remembered per database and question (viewer's scope, region, period, dates)
 * with where the audit trails they were worked out from stood (audit.service trailHeads): asked
 * again, one statement reads the trails, and the answer is worked out again only if one moved. A
 * county's year is about 60,000 rows summed (170–300 ms of database time); checked, 1 ms. Weighed
 * by rows: a county's year holds about 8,000 (a few MB), and a process keeps at most this many.
 */
const remembered = rememberedAnswers<{ answer: Reconciliation; trails: string[]; heads: string }>(100_000, ({ answer }) => answer.assets.length + answer.owners.length + answer.regions.length);

function reconciliationOf(regionCode: string, from: string, to: string, rows: FigureRow[]): Reconciliation {
  const regions: Reconciliation['regions'] = [];
  const assets: Reconciliation['assets'] = [];
  const owners: Reconciliation['owners'] = [];
  const buckets = new Map<string, bigint>(ARREARS_BUCKETS.map((b) => [b, 0n]));
  for (const r of rows) {
    if (r.kind === 'REGION') regions.push({ regionCode: numberToCode(Number(r.key)), figures: figuresOf(r) });
    else if (r.kind === 'ASSET') assets.push({ assetId: Number(r.key), regionCode: Number(r.region_code), figures: figuresOf(r) });
    else if (r.kind === 'OWNER') owners.push({ ownerPartyId: Number(r.key), figures: figuresOf(r) });
    else buckets.set(r.key, BigInt(r.arrears));
  }
  // The requested region's row is the sum of everything placed in its subtree.
  const totals = regions.find((x) => x.regionCode === numberToCode(Number(regionCode)))?.figures ?? zero();

  return {
    regionCode,
    from,
    to,
    totals,
    arrearsByBucket: [...buckets].map(([bucket, unpaidFen]) => ({ bucket, unpaidFen })),
    regions: regions.sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    assets: assets.sort((a, b) => a.regionCode - b.regionCode || a.assetId - b.assetId),
    owners: owners.sort((a, b) => a.ownerPartyId - b.ownerPartyId),
  };
}
