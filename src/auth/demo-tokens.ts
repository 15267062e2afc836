/** Demo tokens, one per role over the demo county: printed at start and offered in GraphiQL (demo mode only). */
import type { DemoToken } from '../http/graphiql';
import { mintToken } from './token';
import { Role } from './viewer';

export async function mintDemoTokens(secret: string, county: string, township: string, custodianPartyId: number | null): Promise<DemoToken[]> {
  const grants: { role: Role; scope: string; partyId?: number }[] = [
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
      scope: g.scope,
      token: await mintToken(secret, { userId: `demo-${g.role.toLowerCase()}-${g.scope}`, role: g.role, scope: g.scope, partyId: g.partyId }),
    })),
  );
}
