/**
 * The reconciliation as the finance office files it: one sheet, Chinese headers, the totals
 * first, then every region, asset and owner row, with names as the caller may see them.
 */
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { AppError } from '../../graphql/errors';
import { formatMoney } from '../../graphql/scalars';
import { assetsByIds } from '../assets/assets.service';
import { partiesByIds, visibleParty } from '../parties/parties.service';
import { numberToCode } from '../regions/division-code';
import { regionsByCodes } from '../regions/regions.service';
import { FIGURES, incomeReconciliation, type Figure, type Figures } from './reconciliation.service';

const FIGURE_HEADERS: Record<Figure, string> = {
  expected: '应收',
  received: '实收',
  reversed: '冲销',
  apportioned: '分配到权属主体',
  unplanned: '未列入分配方案',
  inPlans: '已列入分配方案',
  arrears: '欠收',
  planned: '已批准方案收益',
  allocated: '已批准分配',
  disbursed: '已兑付',
  carriedForward: '结转',
  undisbursed: '未兑付',
};

export const RECONCILIATION_HEADERS = ['行类型', '代码', '名称', ...FIGURES.map((f) => FIGURE_HEADERS[f])];

const BATCH = 500;
const line = (kind: string, code: string, name: string, figures: Figures) => [kind, code, name, ...FIGURES.map((f) => formatMoney(figures[f]))];

/** The rows of the sheet, in batches. NOT_FOUND for a region outside the caller's scope. */
export async function* reconciliationSheet(db: Db, viewer: Viewer, clock: Clock, regionCode: string, from: string, to: string): AsyncGenerator<string[][]> {
  const r = await incomeReconciliation(db, viewer, clock, regionCode, from, to);
  if (!r) throw new AppError('NOT_FOUND', 'No region with this code in your scope');
  const regionNames = new Map(
    (
      await regionsByCodes(
        db,
        viewer,
        r.regions.map((x) => Number(x.regionCode)),
      )
    ).flatMap((x) => (x ? [[numberToCode(x.code), x.name] as const] : [])),
  );
  yield [
    line('合计', numberToCode(regionCode), regionNames.get(numberToCode(regionCode)) ?? '', r.totals),
    ...r.regions.map((x) => line('区域', x.regionCode, regionNames.get(x.regionCode) ?? '', x.figures)),
  ];
  for (let i = 0; i < r.assets.length; i += BATCH) {
    const batch = r.assets.slice(i, i + BATCH);
    const assets = await assetsByIds(
      db,
      viewer,
      batch.map((a) => a.assetId),
    );
    yield batch.map((a, k) => line('资产', assets[k]?.code ?? '', assets[k]?.name ?? '', a.figures));
  }
  for (let i = 0; i < r.owners.length; i += BATCH) {
    const batch = r.owners.slice(i, i + BATCH);
    const parties = await partiesByIds(
      db,
      viewer,
      batch.map((o) => o.ownerPartyId),
    );
    yield batch.map((o, k) => {
      const party = parties[k];
      // A village of another county owning part of an asset here: its figures, not its name.
      return line('权属主体', party ? String(party.id) : '', party ? visibleParty(viewer, party).name : '（范围外主体）', o.figures);
    });
  }
}
