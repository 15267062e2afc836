/** 对账 (income reconciliation): expected → received → apportioned → planned → allocated → disbursed, to the fen, per asset, owner and region. */
import type { Module } from '../module';
import { AssetReconciliationResolver, IncomeReconciliationResolver, OwnerReconciliationResolver, RegionReconciliationResolver } from './reconciliation.resolver';
import { AssetTraceFieldResolver, AssetTraceResolver } from './trace.resolver';

export const reconciliation: Module = {
  name: 'reconciliation',
  resolvers: [IncomeReconciliationResolver, RegionReconciliationResolver, AssetReconciliationResolver, OwnerReconciliationResolver, AssetTraceFieldResolver, AssetTraceResolver],
};
