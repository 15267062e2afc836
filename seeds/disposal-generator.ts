/**
 * Disposals of a generated county (处置), through the services, each decided by other people
 * than the one who asked (a township's asset manager, then the county's administrator): among
 * its public-welfare assets (the idle and damaged first), one scrapped (COMPLETED), one rejected (back to
 * its status), one auctioned 100 days ago whose proceeds never came (DISPOSAL_PROCEEDS_MISSING),
 * one transferred at 60% of its appraisal (LOW_PRICE_DISPOSAL), and one still waiting for the
 * county (REQUESTED).
 */
import { Role, type Viewer } from '../src/auth/viewer';
import { addDays, type Clock } from '../src/clock';
import type { Tx } from '../src/db/transaction';
import type { Outcome } from '../src/graphql/user-errors';
import type { AssetRow } from '../src/modules/assets/assets.service';
import { approveDisposal, completeDisposal, rejectDisposal, requestDisposal, type DisposalMethod, type DisposalRow } from '../src/modules/disposal/disposal.service';
import { numberToCode } from '../src/modules/regions/division-code';
import { SEED_ACTOR } from './actor';

type Outcomes = 'COMPLETED' | 'REJECTED' | 'NO_PROCEEDS' | 'LOW_PRICE' | 'REQUESTED';
const PLAN: [Outcomes, DisposalMethod][] = [
  ['COMPLETED', 'SCRAP'],
  ['REJECTED', 'TRANSFER'],
  ['NO_PROCEEDS', 'AUCTION'],
  ['LOW_PRICE', 'TRANSFER'],
  ['REQUESTED', 'DEMOLITION'],
];

export async function generateDisposals(tx: Tx, clock: Clock, assets: AssetRow[], countyCode: number, ownedOn: Map<number, string>): Promise<void> {
  const today = clock.today();
  const county: Viewer = { userId: 'seed-county-admin', role: Role.ADMIN, scope: numberToCode(countyCode).slice(0, 6), partyId: null, requestId: 'seed' };
  const on = (days: number) => addDays(today, -days);
  // Public-welfare assets with owners (proceeds are apportioned to them), the idle and damaged first.
  const usable = assets.filter((a) => a.assetClass === 'PUBLIC_WELFARE' && ['IDLE', 'DAMAGED', 'IN_USE'].includes(a.status) && (ownedOn.get(a.id) ?? today) < on(140));
  const candidates = [...usable.filter((a) => a.status !== 'IN_USE'), ...usable.filter((a) => a.status === 'IN_USE')];
  let next = 0;
  for (const [outcome, method] of PLAN) {
    for (; next < candidates.length; next++) {
      const asset = candidates[next]!;
      const township: Viewer = { userId: 'seed-township-manager', role: Role.ASSET_MANAGER, scope: numberToCode(asset.regionCode).slice(0, 9), partyId: null, requestId: 'seed' };
      const appraisal = (asset.originalValueFen / 1000n) * 100n; // a tenth of its value, whole yuan
      const requested = await requestDisposal(tx, SEED_ACTOR, clock, {
        assetId: asset.id,
        method,
        reason: method === 'SCRAP' || method === 'DEMOLITION' ? '损毁严重，无修复价值' : '长期闲置，公开处置盘活',
        appraisedValue: appraisal,
        requestedOn: on(130),
      });
      if (requested.value === null) continue; // its status changed later than that: the next one
      const id = requested.value.id;
      next++;
      must(await approveDisposal(tx, township, clock, { disposalId: id, decidedOn: on(125) }), 'a township approval');
      if (outcome === 'REQUESTED') break;
      if (outcome === 'REJECTED') {
        must(await rejectDisposal(tx, county, clock, { disposalId: id, reason: '评估报告不全，请补充后重新申请', decidedOn: on(120) }), 'a rejection');
        break;
      }
      must(await approveDisposal(tx, county, clock, { disposalId: id, decidedOn: on(120) }), 'a county approval');
      const proceeds = outcome === 'LOW_PRICE' ? { amount: (appraisal * 6n) / 10n, accountType: 'VILLAGE_COLLECTIVE' as const, voucherNo: `处置-${asset.id}` } : null;
      must(await completeDisposal(tx, SEED_ACTOR, clock, { disposalId: id, completedOn: on(100), buyer: proceeds ? '本县某建材公司' : null, proceeds }), 'a completion');
      break;
    }
  }
}

function must(outcome: Outcome<DisposalRow>, what: string): DisposalRow {
  if (outcome.value === null) throw new Error(`seeding ${what}: ${JSON.stringify(outcome.userErrors)}`);
  return outcome.value;
}
