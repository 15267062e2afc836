/** 管护 (custody and maintenance): custodians and their duties, maintenance records, stocktakes (清查盘点). */
import { registerTimeline } from '../assets/timeline';
import { byIntegerKey, type Module } from '../module';
import { custodyById, custodyHistory, dutiesOfAsset, dutyById, maintenanceById, maintenanceOfAsset, stocktakeById, stocktakeItemsOfAsset } from './custody.loaders';
import {
  AssetCustodyResolver,
  CustodyDutyResolver,
  CustodyResolver,
  CustodySummaryResolver,
  CustodyTimelineResolver,
  MaintenanceResolver,
  MaintenanceTotalResolver,
  MaintenanceTotalsResolver,
  OverdueDutyResolver,
  PartyCustodyResolver,
  RegionCustodySummaryResolver,
  StocktakeItemResolver,
  StocktakeResolver,
  TownshipProgressResolver,
} from './custody.resolver';
import { CustodyError } from './custody.service';

registerTimeline(
  {
    CUSTODY_ENDED: { description: 'A custody assignment ended (see custody).', rank: 12 },
    MAINTENANCE: { description: 'Maintenance was recorded (see maintenanceRecord).', rank: 40 },
    STOCKTAKE_RESULT: { description: 'A stocktake recorded what it found (see stocktakeResult).', rank: 45 },
    CUSTODY_ASSIGNED: { description: 'A custodian took the asset over (see custody).', rank: 62 },
    DUTY_ADDED: { description: 'A duty of care was set (see duty).', rank: 65 },
  },
  async (ctx, asset) => {
    const [custody, duties, maintenance, results] = await Promise.all([
      ctx.loaders.get(custodyHistory).load(asset.id),
      ctx.loaders.get(dutiesOfAsset).load(asset.id),
      ctx.loaders.get(maintenanceOfAsset).load(asset.id),
      ctx.loaders.get(stocktakeItemsOfAsset).load(asset.id),
    ]);
    return [
      ...custody.flatMap((c) => [
        { kind: 'CUSTODY_ASSIGNED', on: c.validFrom, at: c.createdAt, key: c.id, detail: c },
        ...(c.validTo ? [{ kind: 'CUSTODY_ENDED', on: c.validTo, at: c.createdAt, key: c.id, detail: c }] : []),
      ]),
      ...duties.map((d) => ({ kind: 'DUTY_ADDED', on: d.startsOn, at: d.createdAt, key: d.id, detail: d })),
      ...maintenance.map((m) => ({ kind: 'MAINTENANCE', on: m.performedOn, at: m.createdAt, key: m.id, detail: m })),
      ...results.flatMap((r) => (r.result && r.checkedOn && r.recordedAt ? [{ kind: 'STOCKTAKE_RESULT', on: r.checkedOn, at: r.recordedAt, key: r.id, detail: r }] : [])),
    ];
  },
);

export const custody: Module = {
  name: 'custody',
  resolvers: [
    CustodyResolver,
    CustodyDutyResolver,
    OverdueDutyResolver,
    MaintenanceResolver,
    MaintenanceTotalsResolver,
    MaintenanceTotalResolver,
    StocktakeResolver,
    StocktakeItemResolver,
    TownshipProgressResolver,
    AssetCustodyResolver,
    PartyCustodyResolver,
    RegionCustodySummaryResolver,
    CustodySummaryResolver,
    CustodyTimelineResolver,
  ],
  nodes: {
    CustodyAssignment: byIntegerKey((ctx, id) => ctx.loaders.get(custodyById).load(id)),
    CustodyDuty: byIntegerKey((ctx, id) => ctx.loaders.get(dutyById).load(id)),
    MaintenanceRecord: byIntegerKey((ctx, id) => ctx.loaders.get(maintenanceById).load(id)),
    Stocktake: byIntegerKey((ctx, id) => ctx.loaders.get(stocktakeById).load(id)),
  },
  errorCodes: CustodyError,
};
