/** The asset lifecycle on its own (DESIGN.md §3): UNDER_CONSTRUCTION → IN_USE ⇄ IDLE / DAMAGED → UNDER_DISPOSAL → DISPOSED. */
import { describe, expect, it } from 'vitest';
import { ASSET_STATUSES } from '../../src/modules/assets/assets.table';
import { INITIAL_STATUSES, canTransition } from '../../src/modules/assets/lifecycle';

describe('the lifecycle', () => {
  const allowed = [
    'UNDER_CONSTRUCTION>IN_USE',
    'IN_USE>IDLE',
    'IN_USE>DAMAGED',
    'IN_USE>UNDER_DISPOSAL',
    'IDLE>IN_USE',
    'IDLE>DAMAGED',
    'IDLE>UNDER_DISPOSAL',
    'DAMAGED>IN_USE',
    'DAMAGED>IDLE',
    'DAMAGED>UNDER_DISPOSAL',
    'UNDER_DISPOSAL>DISPOSED',
    'UNDER_DISPOSAL>IN_USE',
    'UNDER_DISPOSAL>IDLE',
    'UNDER_DISPOSAL>DAMAGED',
  ];

  it('allows exactly the moves of the design, and nothing out of DISPOSED', () => {
    for (const from of ASSET_STATUSES) for (const to of ASSET_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.includes(`${from}>${to}`));
  });

  it('registers in any status but DISPOSED', () => {
    expect([...INITIAL_STATUSES].sort()).toEqual(ASSET_STATUSES.filter((s) => s !== 'DISPOSED').sort());
  });
});
