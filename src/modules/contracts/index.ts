/** 运营合同 (operating contracts): how operating assets earn, and what they should bring in. */
import { registerTimeline } from '../assets/timeline';
import { byIntegerKey, type Module } from '../module';
import { contractById, contractsOfAsset } from './contracts.loaders';
import { AssetContractsResolver, ContractResolver, ContractTimelineResolver } from './contracts.resolver';
import { ContractError } from './contracts.service';

registerTimeline(
  {
    CONTRACT_ENDED: { description: 'An operating contract ended (see contract).', rank: 14 },
    CONTRACT_STARTED: { description: 'An operating contract began (see contract).', rank: 64 },
  },
  async (ctx, asset) =>
    (await ctx.loaders.get(contractsOfAsset).load(asset.id)).flatMap((c) => [
      { kind: 'CONTRACT_STARTED', on: c.startsOn, at: c.createdAt, key: c.id, detail: c },
      ...(c.endedOn ? [{ kind: 'CONTRACT_ENDED', on: c.endedOn, at: c.createdAt, key: c.id, detail: c }] : []),
    ]),
);

export const contracts: Module = {
  name: 'contracts',
  resolvers: [ContractResolver, AssetContractsResolver, ContractTimelineResolver],
  nodes: { OperatingContract: byIntegerKey((ctx, id) => ctx.loaders.get(contractById).load(id)) },
  errorCodes: ContractError,
};
