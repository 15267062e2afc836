/**
 * The asset lifecycle (DESIGN.md §3): UNDER_CONSTRUCTION → IN_USE ⇄ IDLE / DAMAGED →
 * UNDER_DISPOSAL → DISPOSED. A disposal that is not carried out returns the asset to use.
 * A DISPOSED asset is read-only.
 */
import type { AssetRow } from './assets.table';

export type AssetStatus = AssetRow['status'];

export const STATUS_TRANSITIONS: Record<AssetStatus, readonly AssetStatus[]> = {
  UNDER_CONSTRUCTION: ['IN_USE'],
  IN_USE: ['IDLE', 'DAMAGED', 'UNDER_DISPOSAL'],
  IDLE: ['IN_USE', 'DAMAGED', 'UNDER_DISPOSAL'],
  DAMAGED: ['IN_USE', 'IDLE', 'UNDER_DISPOSAL'],
  UNDER_DISPOSAL: ['DISPOSED', 'IN_USE', 'IDLE', 'DAMAGED'],
  DISPOSED: [],
};

export function canTransition(from: AssetStatus, to: AssetStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Statuses a register line may start in (an import of a real ledger): anything not yet disposed. */
export const INITIAL_STATUSES: readonly AssetStatus[] = ['UNDER_CONSTRUCTION', 'IN_USE', 'IDLE', 'DAMAGED', 'UNDER_DISPOSAL'];
