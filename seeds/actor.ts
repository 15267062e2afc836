import { Role, type Viewer } from '../src/auth/viewer';

/** The actor of seeded changes in the audit trail. */
export const SEED_ACTOR: Viewer = { userId: 'seed', role: Role.ADMIN, scope: '', partyId: null, requestId: 'seed' };
