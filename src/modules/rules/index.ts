/** 各地规则 (rule parameters): the thresholds income, plans and checks read, overridable by province, city or county. */
import type { Module } from '../module';
import { RulesResolver } from './rules.resolver';
import { RuleError } from './rules.service';

export const rules: Module = { name: 'rules', resolvers: [RulesResolver], errorCodes: RuleError };
