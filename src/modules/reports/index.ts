/** Reports: the region summary (资产底数) of the register, and later of custody and income. */
import type { Module } from '../module';
import { ReportsResolver } from './reports.resolver';

export const reports: Module = { name: 'reports', resolvers: [ReportsResolver] };
