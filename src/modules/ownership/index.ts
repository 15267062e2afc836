/** 确权 (ownership): who owns each asset, by share, over time. */
import { registerTimeline } from '../assets/timeline';
import type { Module } from '../module';
import { ownershipHistory } from './ownership.loaders';
import { AssetOwnershipResolver, OwnershipResolver, OwnershipTimelineResolver } from './ownership.resolver';
import { OwnershipError } from './ownership.service';

registerTimeline(
  {
    OWNERSHIP_CLOSED: { description: "An owner's share ended (see ownership).", rank: 10 },
    OWNERSHIP_OPENED: { description: "An owner's share began (see ownership).", rank: 60 },
  },
  async (ctx, asset) =>
    (await ctx.loaders.get(ownershipHistory).load(asset.id)).flatMap((o) => [
      { kind: 'OWNERSHIP_OPENED', on: o.validFrom, at: o.createdAt, key: o.id, detail: o },
      ...(o.validTo ? [{ kind: 'OWNERSHIP_CLOSED', on: o.validTo, at: o.createdAt, key: o.id, detail: o }] : []),
    ]),
);

export const ownership: Module = {
  name: 'ownership',
  resolvers: [OwnershipResolver, AssetOwnershipResolver, OwnershipTimelineResolver],
  errorCodes: OwnershipError,
};
