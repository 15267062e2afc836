/** The gate's rules on their own (src/auth/permissions.ts): role, and the resources that bring rules. */
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../src/auth/permissions';
import { Role, anonymousViewer, type Viewer } from '../../src/auth/viewer';

const viewer = (role: Role, scope: string, extra: Partial<Viewer> = {}): Viewer => ({ userId: `${role}-${scope}`, role, scope, partyId: null, requestId: 'r', ...extra });
const code = (refusal: ReturnType<typeof refusalOf>) => refusal?.code ?? null;

describe('assertCan', () => {
  it('answers by role', () => {
    expect(code(refusalOf(anonymousViewer('r'), 'read'))).toBe('UNAUTHENTICATED');
    expect(code(refusalOf(viewer(Role.VIEWER, '522327'), 'read'))).toBeNull();
    expect(code(refusalOf(viewer(Role.VIEWER, '522327'), 'register:write'))).toBe('FORBIDDEN');
    expect(code(refusalOf(viewer(Role.FINANCE, '522327'), 'finance:write'))).toBeNull();
    expect(code(refusalOf(viewer(Role.AUDITOR, '522327'), 'finance:write'))).toBe('FORBIDDEN');
  });

  it('lets a custodian act only on assets its party holds in custody; others by role', () => {
    const custody = { kind: 'custody', custodianPartyIds: [7, 9] } as const;
    expect(code(refusalOf(viewer(Role.CUSTODIAN, '522327', { partyId: 7 }), 'maintenance:write', custody))).toBeNull();
    expect(code(refusalOf(viewer(Role.CUSTODIAN, '522327', { partyId: 8 }), 'maintenance:write', custody))).toBe('FORBIDDEN');
    expect(code(refusalOf(viewer(Role.CUSTODIAN, '522327', { partyId: 7 }), 'maintenance:write', { kind: 'custody', custodianPartyIds: [] }))).toBe('FORBIDDEN');
    expect(code(refusalOf(viewer(Role.ASSET_MANAGER, '522327'), 'maintenance:write', { kind: 'custody', custodianPartyIds: [] }))).toBeNull();
  });

  it('wants an approver above the village who did not ask', () => {
    const approval = { kind: 'approval', regionCode: 522327104201, requestedBy: 'ASSET_MANAGER-522327104' } as const;
    expect(code(refusalOf(viewer(Role.ASSET_MANAGER, '522327'), 'disposal:approve', approval))).toBeNull();
    expect(code(refusalOf(viewer(Role.ASSET_MANAGER, '522327104'), 'disposal:approve', approval))).toBe('FORBIDDEN'); // it asked
    expect(code(refusalOf(viewer(Role.ADMIN, '522327104'), 'disposal:approve', approval))).toBeNull();
    expect(code(refusalOf(viewer(Role.ADMIN, '522327104201'), 'disposal:approve', approval))).toBe('FORBIDDEN'); // the village itself
    expect(code(refusalOf(viewer(Role.ADMIN, '522327105'), 'disposal:approve', approval))).toBe('FORBIDDEN'); // another township
    expect(code(refusalOf(viewer(Role.FINANCE, '522327'), 'disposal:approve', approval))).toBe('FORBIDDEN');
  });

  it('lets anyone read a public notice, a token or none', () => {
    expect(code(refusalOf(anonymousViewer('r'), 'read', { kind: 'public-notice' }))).toBeNull();
  });
});
