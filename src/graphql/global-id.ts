/**
 * Relay global IDs: opaque to clients, `<Type>:<key>` in base64url inside. Free of decorators,
 * so command-line tools can use it without loading the schema.
 */
import { AppError } from './errors';

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** The type and key behind a global ID, or null when it is not one of ours. */
export function fromGlobalId(id: string): { type: string; key: string } | null {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { type: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/** Decodes a global ID that must name `type` and an integer key; otherwise a NOT_FOUND. */
export function keyOf(id: string, type: string): number {
  const parsed = fromGlobalId(id);
  if (!parsed || parsed.type !== type || !/^\d{1,15}$/.test(parsed.key)) {
    throw new AppError('NOT_FOUND', `No ${type} has id "${id}"`);
  }
  return Number(parsed.key);
}

/** Like keyOf, for inputs: undefined instead of an error, so the service can report a userError. */
export function tryKeyOf(id: string, type: string): number | undefined {
  const parsed = fromGlobalId(id);
  if (!parsed || parsed.type !== type || !/^\d{1,15}$/.test(parsed.key)) return undefined;
  return Number(parsed.key);
}
