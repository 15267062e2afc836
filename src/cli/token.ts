import 'reflect-metadata';
/**
 * Mints a development token: `npm run -s token -- --role AUDITOR --scope 522327 [--party ID] [--user NAME] [--expires 30d]`.
 * Prints only the token. Production tokens come from the identity provider, never from here.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { mintToken } from '../auth/token';
import { ROLES, Role } from '../auth/viewer';
import { normaliseDivisionCode } from '../modules/regions/division-code';
import { fromGlobalId } from '../graphql/global-id';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, scope: { type: 'string' }, party: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string', default: '30d' } },
  });
  const role = values.role?.toUpperCase();
  if (!role || !ROLES.includes(role as Role)) throw new Error(`--role must be one of ${Object.values(Role).join(', ')}`);
  if (!values.scope || !normaliseDivisionCode(values.scope)) throw new Error('--scope must be a division code of 2, 4, 6, 9 or 12 digits');
  let partyId: number | undefined;
  if (values.party) {
    const key = /^\d+$/.test(values.party) ? values.party : fromGlobalId(values.party)?.key;
    if (!key || !/^\d+$/.test(key)) throw new Error('--party must be a party id or its global ID');
    partyId = Number(key);
  }
  if (role === Role.CUSTODIAN && partyId === undefined) throw new Error('a CUSTODIAN token needs --party');
  const config = loadConfig(process.env);
  const token = await mintToken(config.jwtSecret, { userId: values.user ?? `dev-${role.toLowerCase()}`, role: role as Role, scope: values.scope, partyId }, values.expires);
  process.stdout.write(token + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
