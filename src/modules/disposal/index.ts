/** 处置 (disposal): requests, approvals by level, rejection, completion with proceeds. */
import { registerDisposalUnderWay } from '../assets/assets.service';
import { registerTimeline } from '../assets/timeline';
import { byIntegerKey, type Module } from '../module';
import { disposalById, disposalsOfAsset } from './disposal.loaders';
import { AssetDisposalResolver, DisposalResolver, DisposalTimelineResolver } from './disposal.resolver';
import { DisposalError, disposalUnderWay } from './disposal.service';

registerDisposalUnderWay(disposalUnderWay);

registerTimeline(
  {
    DISPOSAL_REQUESTED: { description: 'A disposal was asked for (see disposal).', rank: 70 },
    DISPOSAL_REJECTED: { description: 'A disposal was rejected (see disposal).', rank: 71 },
    DISPOSAL_COMPLETED: { description: 'A disposal was carried out (see disposal).', rank: 72 },
  },
  async (ctx, asset) =>
    (await ctx.loaders.get(disposalsOfAsset).load(asset.id)).flatMap((d) => [
      { kind: 'DISPOSAL_REQUESTED', on: d.requestedOn, at: d.createdAt, key: d.id, detail: d },
      ...(d.rejectedOn ? [{ kind: 'DISPOSAL_REJECTED', on: d.rejectedOn, at: d.createdAt, key: d.id, detail: d }] : []),
      ...(d.completedOn ? [{ kind: 'DISPOSAL_COMPLETED', on: d.completedOn, at: d.createdAt, key: d.id, detail: d }] : []),
    ]),
);

export const disposal: Module = {
  name: 'disposal',
  resolvers: [DisposalResolver, AssetDisposalResolver, DisposalTimelineResolver],
  nodes: { Disposal: byIntegerKey((ctx, id) => ctx.loaders.get(disposalById).load(id)) },
  errorCodes: DisposalError,
};
