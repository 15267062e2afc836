/**
 * 对账 (income reconciliation) of a county, township or village for a period, to the fen:
 * - money earned is placed where its asset stands: expected (contract periods due in the period),
 *   received and reversed (dated in it), apportioned to owners (= received + reversed), of that
 *   unplanned and in plans (= apportioned), and arrears as of the period's end or today, whichever
 *   is earlier (periods due in it, unpaid past their grace days, by ageing bucket);
 * - plans and payments are placed where their owner is: allocated by the plans approved in the
 *   period, disbursed on them by its end, undisbursed (= allocated − disbursed);
 * - rows per asset, per owner (its parts of the region's assets, its plans) and per region of the
 *   subtree (village, township, county), each region's row the exact sum of what lies in it.
 * Read in one report transaction; never loads more than a county's rows.
 */
import { assertCan } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { withReportTimeout } from '../../db/transaction';
import { AppError } from '../../graphql/errors';
import { approvedPlansByOwner } from '../allocation/allocation.service';
import { expectedByAsset } from '../contracts/contracts.service';
import { arrears, incomeByAsset, partsByAssetAndOwner } from '../income/income.service';
import { numberToCode, parentOf, significantPrefix } from '../regions/division-code';

export const FIGURES = ['expected', 'received', 'reversed', 'apportioned', 'unplanned', 'inPlans', 'arrears', 'allocated', 'disbursed', 'undisbursed'] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, bigint>;
export const ARREARS_BUCKETS = ['DAYS_0_90', 'DAYS_91_180', 'DAYS_181_365', 'OVER_365'] as const;

const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0n])) as Figures;
const add = (target: Figures, delta: Partial<Figures>) => {
  for (const [k, v] of Object.entries(delta) as [Figure, bigint][]) target[k] += v;
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

  const [expected, unpaid, income, parts, plans] = await withReportTimeout(db, (tx) =>
    Promise.all([
      expectedByAsset(tx, viewer, prefix, from, to),
      // Not yet due is not owed: a period still to come is counted as of today.
      arrears(tx, viewer, { regionPrefix: prefix }, to < clock.today() ? to : clock.today(), clock.today()).byAsset(from),
      incomeByAsset(tx, viewer, prefix, from, to),
      partsByAssetAndOwner(tx, viewer, prefix, from, to),
      approvedPlansByOwner(tx, viewer, prefix, from, to),
    ]),
  );

  const assets = new Map<number, { assetId: number; regionCode: number; figures: Figures }>();
  const owners = new Map<number, { ownerPartyId: number; figures: Figures }>();
  const regions = new Map<string, Figures>();
  const totals = zero();
  const buckets = new Map<string, bigint>(ARREARS_BUCKETS.map((b) => [b, 0n]));
  const asset = (assetId: number, code: number) => assets.get(assetId) ?? assets.set(assetId, { assetId, regionCode: code, figures: zero() }).get(assetId)!;
  const owner = (partyId: number) => owners.get(partyId) ?? owners.set(partyId, { ownerPartyId: partyId, figures: zero() }).get(partyId)!;
  /** Adds to the region of `code` and every region above it inside the subtree, and to the totals. */
  const place = (code: number, delta: Partial<Figures>) => {
    add(totals, delta);
    for (let c: string | null = numberToCode(code); c && significantPrefix(c).startsWith(prefix); c = parentOf(c)) {
      add(regions.get(c) ?? regions.set(c, zero()).get(c)!, delta);
    }
  };

  for (const e of expected) {
    add(asset(e.assetId, e.regionCode).figures, { expected: e.amountFen });
    place(e.regionCode, { expected: e.amountFen });
  }
  for (const u of unpaid) {
    add(asset(u.assetId, u.regionCode).figures, { arrears: u.unpaidFen });
    place(u.regionCode, { arrears: u.unpaidFen });
    buckets.set(u.bucket, buckets.get(u.bucket)! + u.unpaidFen);
  }
  for (const r of income) {
    const delta = { received: r.receivedFen, reversed: r.reversedFen };
    add(asset(r.assetId, r.regionCode).figures, delta);
    place(r.regionCode, delta);
  }
  for (const p of parts) {
    const delta = { apportioned: p.apportionedFen, unplanned: p.unplannedFen, inPlans: p.inPlansFen };
    add(asset(p.assetId, p.regionCode).figures, delta);
    add(owner(p.ownerPartyId).figures, delta);
    place(p.regionCode, delta);
  }
  for (const p of plans) {
    const delta = { allocated: p.allocatedFen, disbursed: p.disbursedFen, undisbursed: p.allocatedFen - p.disbursedFen };
    add(owner(p.ownerPartyId).figures, delta);
    place(p.regionCode, delta);
  }

  return {
    regionCode,
    from,
    to,
    totals,
    arrearsByBucket: [...buckets].map(([bucket, unpaidFen]) => ({ bucket, unpaidFen })),
    regions: [...regions].sort(([a], [b]) => a.localeCompare(b)).map(([code, figures]) => ({ regionCode: code, figures })),
    assets: [...assets.values()].sort((a, b) => a.regionCode - b.regionCode || a.assetId - b.assetId),
    owners: [...owners.values()].sort((a, b) => a.ownerPartyId - b.ownerPartyId),
  };
}
