/** 行政区划 (regions): the tree of division codes every scope hangs from. */
import type { Module } from '../module';
import { normaliseDivisionCode } from './division-code';
import { regionByCode } from './regions.loaders';
import { RegionResolver } from './regions.resolver';

export const regions: Module = {
  name: 'regions',
  resolvers: [RegionResolver],
  nodes: {
    Region: (ctx, key) => {
      const code = key.length === 12 ? normaliseDivisionCode(key) : null;
      return code ? ctx.loaders.get(regionByCode).load(Number(code)) : null;
    },
  },
};
