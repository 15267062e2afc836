/** Idempotency keys of money-moving mutations: a table and one mechanism, no API of its own. */
import type { Module } from '../module';
import { IdempotencyError } from './idempotency.service';

export const idempotency: Module = { name: 'idempotency', resolvers: [], errorCodes: IdempotencyError };
