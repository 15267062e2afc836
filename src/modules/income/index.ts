/** 资产收益 (income): receipts apportioned to owners to the fen, reversals, owners' pools, arrears. */
import { registerTimeline } from '../assets/timeline';
import { byIntegerKey, type Module } from '../module';
import { incomeById, incomeOfAsset } from './income.loaders';
import {
  ArrearsItemResolver,
  ArrearsTotalsResolver,
  IncomePartResolver,
  IncomePoolResolver,
  IncomeResolver,
  IncomeTimelineResolver,
  PartyIncomeResolver,
  RegionIncomeSummaryResolver,
} from './income.resolver';
import { IncomeError } from './income.service';

registerTimeline(
  {
    INCOME_RECEIVED: { description: 'Income was received (see incomeRecord).', rank: 50 },
    INCOME_REVERSED: { description: 'An income record was reversed (see incomeRecord).', rank: 52 },
  },
  async (ctx, asset) =>
    (await ctx.loaders.get(incomeOfAsset).load(asset.id)).map((r) => ({
      kind: r.reversesId === null ? 'INCOME_RECEIVED' : 'INCOME_REVERSED',
      on: r.receivedOn,
      at: r.createdAt,
      key: r.id,
      detail: r,
    })),
);

export const income: Module = {
  name: 'income',
  resolvers: [IncomeResolver, IncomePartResolver, IncomePoolResolver, ArrearsTotalsResolver, ArrearsItemResolver, PartyIncomeResolver, RegionIncomeSummaryResolver, IncomeTimelineResolver],
  nodes: { IncomeRecord: byIntegerKey((ctx, id) => ctx.loaders.get(incomeById).load(id)) },
  errorCodes: IncomeError,
};
