/**
 * Region scope at the SQL level (DESIGN.md §2): every store query over a scoped table adds
 * `inScope(table.regionCode, viewer)`. Codes are bigint, so a subtree is one index range scan.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { subtreeRange } from '../modules/regions/division-code';
import type { Viewer } from './viewer';

export function inScope(regionCode: SQLWrapper, viewer: Viewer): SQL {
  return inSubtree(regionCode, viewer.scope);
}

/** `code >= low and code < high`: the one shape of every subtree condition (values or placeholders). */
export function inRange(regionCode: SQLWrapper, low: unknown, high: unknown): SQL {
  return sql`(${regionCode} >= ${low} and ${regionCode} < ${high})`;
}

/** Codes in the subtree of a significant prefix. */
export function inSubtree(regionCode: SQLWrapper, prefix: string): SQL {
  const [low, high] = subtreeRange(prefix);
  return inRange(regionCode, low, high);
}

/** Whether a 12-digit code lies in the viewer's scope (for checks before a write). */
export function codeInScope(code: string, viewer: Viewer): boolean {
  return viewer.role !== null && code.startsWith(viewer.scope);
}

/**
 * The scope condition with placeholders, for reads built once (db/prepared.ts); execute them
 * with `scopeParams(viewer)`.
 */
export function inScopePlaceholders(regionCode: SQLWrapper): SQL {
  return inRange(regionCode, sql.placeholder('scopeLow'), sql.placeholder('scopeHigh'));
}

export function scopeParams(viewer: Viewer): { scopeLow: number; scopeHigh: number } {
  const [scopeLow, scopeHigh] = subtreeRange(viewer.scope);
  return { scopeLow, scopeHigh };
}
