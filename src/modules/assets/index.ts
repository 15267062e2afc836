/** 资产台账 (the asset register): assets, their funding composition, status and history. */
import { byIntegerKey, type Module } from '../module';
import { AssetError } from './asset-gate';
import { assetById, assetStatusChanges } from './assets.loaders';
import { AssetFundingResolver, AssetResolver, AssetTimelineResolver, PartyAssetsResolver, ProjectAssetsResolver } from './assets.resolver';
import { registerTimeline } from './timeline';

registerTimeline({ STATUS_CHANGE: { description: 'The status changed (see statusChange).', rank: 30 } }, async (ctx, asset) =>
  (await ctx.loaders.get(assetStatusChanges).load(asset.id)).map((s) => ({ kind: 'STATUS_CHANGE', on: s.effectiveOn, at: s.changedAt, key: s.id, detail: s })),
);

export const assets: Module = {
  name: 'assets',
  resolvers: [AssetResolver, AssetFundingResolver, AssetTimelineResolver, ProjectAssetsResolver, PartyAssetsResolver],
  nodes: { Asset: byIntegerKey((ctx, id) => ctx.loaders.get(assetById).load(id)) },
  errorCodes: AssetError,
};
