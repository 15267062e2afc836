/**
 * 资产履历 (an asset's history): status, ownership, custody, maintenance, income, disposal and
 * audit events on one timeline (DESIGN.md §6). Each capability contributes its own entries: it
 * registers the kinds it adds and a source that reads them for an asset (through the request's
 * loaders), and adds a field resolver on AssetTimelineEntry for its detail. The asset module
 * merges them in order; it knows none of them.
 */
import type { Context } from '../../graphql/context';
import { registerEnumType } from 'type-graphql';
import type { MemoryKey } from '../../graphql/relay';
import type { AssetRow } from './assets.table';

export interface TimelineEntry {
  kind: string;
  /** Business date it took effect. */
  on: string;
  /** When it was recorded. */
  at: Date;
  /** Tie-breaker within a kind (the row's id). */
  key: number;
  /** The row behind the entry, for its kind's field resolver. */
  detail: unknown;
}

export type TimelineSource = (ctx: Context, asset: AssetRow) => Promise<TimelineEntry[]>;

const sources: TimelineSource[] = [];
const kinds: Record<string, string> = {};
const valuesConfig: Record<string, { description: string }> = {};
/** Order of kinds on the same day: closings before changes before openings, the audit trail last. */
const ranks: Record<string, number> = {};

registerEnumType(kinds, { name: 'TimelineEntryKind', description: "What happened at a point of an asset's history.", valuesConfig });

export function registerTimeline(entryKinds: Record<string, { description: string; rank: number }>, source: TimelineSource): void {
  for (const [kind, { description, rank }] of Object.entries(entryKinds)) {
    kinds[kind] = kind;
    valuesConfig[kind] = { description };
    ranks[kind] = rank;
  }
  sources.push(source);
}

export const TimelineEntryKind = kinds;

export async function timelineOf(ctx: Context, asset: AssetRow): Promise<TimelineEntry[]> {
  return (await Promise.all(sources.map((source) => source(ctx, asset)))).flat();
}

/** Oldest first: by business date, then kind's rank, then when recorded. */
export const TIMELINE_ORDER: MemoryKey<TimelineEntry>[] = [
  { name: 'on', type: 'date', value: (e) => e.on },
  { name: 'rank', type: 'integer', value: (e) => ranks[e.kind] ?? 50 },
  { name: 'at', type: 'timestamptz', value: (e) => e.at.toISOString() },
  // Kinds share ranks and keys come from different tables: the kind makes every entry's key its own.
  { name: 'kind', type: 'text', value: (e) => e.kind },
  { name: 'key', type: 'id', value: (e) => e.key },
];
