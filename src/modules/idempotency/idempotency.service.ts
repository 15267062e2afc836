/**
 * Idempotency of money-moving mutations (DESIGN.md §6), one mechanism for all of them: a call
 * with an `idempotencyKey` claims the key (per caller) in its own transaction; a retry with the
 * same key and the same input answers what the first call wrote and writes nothing; the same key
 * with other input is IDEMPOTENCY_KEY_REUSED. A refused call releases its key, so the corrected
 * retry may use it. Concurrent calls with one key queue on the key's row: one writes, the others
 * answer its result.
 */
import { createHash } from 'node:crypto';
import type { Viewer } from '../../auth/viewer';
import type { Tx } from '../../db/transaction';
import { UserErrors, defineErrorCodes, ok, refusal, text, type Outcome } from '../../graphql/user-errors';
import * as store from './idempotency.store';

export const IdempotencyError = defineErrorCodes({
  IDEMPOTENCY_KEY_REUSED: text('该幂等键已用于另一项请求', 'This idempotency key was used for a different request.'),
});

const KEY = /^[\x21-\x7e]{1,100}$/;

/** A digest of the input that ignores key order (bigints as decimal strings). */
function digest(operation: string, input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (typeof value === 'bigint') return value.toString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined && v !== null) // null and omitted mean the same in these inputs
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical(input)]))
    .digest('hex');
}

/**
 * Runs `write` once per (caller, key): inside the caller's transaction, before anything else of
 * it. `replay` reads what the first call wrote by the id `idOf` gave.
 */
export async function idempotent<T>(
  tx: Tx,
  viewer: Viewer,
  call: { operation: string; key: string | null | undefined; input: unknown },
  write: () => Promise<Outcome<T>>,
  result: { idOf: (value: T) => number; replay: (id: number) => Promise<T | null> },
): Promise<Outcome<T>> {
  if (call.key == null) return write();
  const actor = viewer.userId ?? 'anonymous';
  if (!KEY.test(call.key)) {
    return refusal(['input', 'idempotencyKey'], 'INVALID_VALUE', text('幂等键为 1 至 100 个可见 ASCII 字符', 'An idempotency key is 1 to 100 visible ASCII characters'));
  }
  const requestDigest = digest(call.operation, call.input);
  if (await store.claim(tx, { actorId: actor, key: call.key, operation: call.operation, requestDigest })) {
    const outcome = await write();
    if (outcome.value === null) await store.release(tx, actor, call.key);
    else await store.settle(tx, actor, call.key, result.idOf(outcome.value));
    return outcome;
  }
  const first = await store.find(tx, actor, call.key);
  if (!first || first.requestDigest !== requestDigest || first.resultId === null) {
    return { value: null, userErrors: new UserErrors().add(['input', 'idempotencyKey'], IdempotencyError.IDEMPOTENCY_KEY_REUSED).list };
  }
  const value = await result.replay(first.resultId);
  return value === null ? refusal(['input', 'idempotencyKey'], IdempotencyError.IDEMPOTENCY_KEY_REUSED) : ok(value);
}
