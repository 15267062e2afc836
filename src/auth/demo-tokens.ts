/** Demo tokens, one per role over the demo county: printed at start and offered in GraphiQL (demo mode only). */
import type { DemoToken } from '../http/graphiql';
import { mintToken } from './token';
import { Role } from './viewer';

export interface DemoScope {
  /** The significant prefix of the division code, e.g. '522327'. */
  code: string;
  name: string;
}

export async function mintDemoTokens(secret: string, county: DemoScope, township: DemoScope, custodianPartyId: number | null): Promise<DemoToken[]> {
  const grants: { role: Role; scope: DemoScope; partyId?: number }[] = [
    { role: Role.ADMIN, scope: county },
    { role: Role.ASSET_MANAGER, scope: county },
    { role: Role.ASSET_MANAGER, scope: township },
    { role: Role.FINANCE, scope: county },
    { role: Role.AUDITOR, scope: county },
    { role: Role.VIEWER, scope: county },
  ];
  if (custodianPartyId !== null) grants.push({ role: Role.CUSTODIAN, scope: county, partyId: custodianPartyId });
  return Promise.all(
    grants.map(async (g) => ({
      role: g.role,
      scope: g.scope.code,
      scopeName: g.scope.name,
      token: await mintToken(secret, { userId: `demo-${g.role.toLowerCase()}-${g.scope.code}`, role: g.role, scope: g.scope.code, partyId: g.partyId }),
    })),
  );
}
