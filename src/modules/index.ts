/** Every capability of the API: a new one adds its entry here, and nothing else outside its folder. */
import { allocation } from './allocation';
import { assets } from './assets';
import { audit } from './audit';
import { cases } from './cases';
import { checks } from './checks';
import { contracts } from './contracts';
import { custody } from './custody';
import { disposal } from './disposal';
import { idempotency } from './idempotency';
import { income } from './income';
import type { Module } from './module';
import { ownership } from './ownership';
import { parties } from './parties';
import { projects } from './projects';
import { reconciliation } from './reconciliation';
import { regions } from './regions';
import { reports } from './reports';
import { rules } from './rules';
import { statements } from './statements';

export const MODULES: Module[] = [
  regions,
  rules,
  idempotency,
  parties,
  projects,
  assets,
  ownership,
  custody,
  contracts,
  income,
  allocation,
  reconciliation,
  statements,
  disposal,
  reports,
  audit,
  checks,
  cases,
];
