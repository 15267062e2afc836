import 'reflect-metadata';
/**
 * Mints a development token: `npm run -s token -- --role AUDITOR --scope 522327 [--party ID] [--user NAME] [--expires 30d]`.
 * Prints only the token. Production tokens come from the identity provider, never from here.
 */
import { ConfigError, loadConfig } from '../config';
import { mintToken } from '../auth/token';
import { ROLES, Role } from '../auth/viewer';
import { normaliseDivisionCode } from '../modules/regions/division-code';
import { fromGlobalId } from '../graphql/global-id';
import { commandArgs, failCommand } from './args';

const USAGE = 'usage: npm run -s token -- --role ROLE --scope CODE [--party ID] [--user NAME] [--expires 30d]';

async function main(): Promise<void> {
  const { values } = commandArgs(USAGE, {
    role: { type: 'string' },
    scope: { type: 'string' },
    party: { type: 'string' },
    user: { type: 'string' },
    expires: { type: 'string', default: '30d' },
  });
  const role = values.role?.toUpperCase();
  if (!role || !ROLES.includes(role as Role)) throw new ConfigError(`--role must be one of ${Object.values(Role).join(', ')}`);
  if (!values.scope || !normaliseDivisionCode(values.scope)) throw new ConfigError('--scope must be a division code of 2, 4, 6, 9 or 12 digits');
  let partyId: number | undefined;
  if (values.party) {
    const key = /^\d+$/.test(values.party) ? values.party : fromGlobalId(values.party)?.key;
    if (!key || !/^\d+$/.test(key)) throw new ConfigError('--party must be a party id or its global ID');
    partyId = Number(key);
  }
  if (role === Role.CUSTODIAN && partyId === undefined) throw new ConfigError('a CUSTODIAN token needs --party');
  const config = loadConfig(process.env);
  const token = await mintToken(config.jwtSecret, { userId: values.user ?? `dev-${role.toLowerCase()}`, role: role as Role, scope: values.scope, partyId }, values.expires);
  process.stdout.write(token + '\n');
}

main().catch((error: unknown) => failCommand('token', error));
