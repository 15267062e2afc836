/** 自动核查 (the automated audit checks of DESIGN.md §4): findings and their summary over a region on a date. */
import type { Module } from '../module';
import { CheckFindingResolver } from './checks.resolver';

export const checks: Module = { name: 'checks', resolvers: [CheckFindingResolver] };
