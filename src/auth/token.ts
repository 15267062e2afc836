/**
 * Bearer JWT → Viewer. The API verifies tokens (HS256 secret, or a JWKS URL) and never issues
 * production tokens; `mintToken` serves the development CLI and the demo only.
 */
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';
import { AppError } from '../graphql/errors';
import { Role, type Viewer } from './viewer';

export interface TokenClaims {
  userId: string;
  role: Role;
  /** Division code of the scope, 2 to 12 digits. */
  scope: string;
  partyId?: number;
}

const ISSUER = 'asset-register';

export interface TokenVerifier {
  verify(token: string, requestId: string): Promise<Viewer>;
}

export function createTokenVerifier(options: { secret?: string; jwksUrl?: string }): TokenVerifier {
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  return {
    async verify(token, requestId) {
      let payload: JWTPayload;
      try {
        if (jwks) ({ payload } = await jwtVerify(token, jwks));
        else if (secret) ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
        else throw new Error('no key configured');
      } catch {
        throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
      }
      return viewerFromClaims(payload, requestId);
    },
  };
}

function viewerFromClaims(payload: JWTPayload, requestId: string): Viewer {
  const role = payload.role;
  if (typeof role !== 'string' || !(role in Role)) throw new AppError('UNAUTHENTICATED', 'The token carries no valid role');
  const code = typeof payload.scope === 'string' ? normaliseDivisionCode(payload.scope) : null;
  if (!code) throw new AppError('UNAUTHENTICATED', 'The token carries no valid region scope');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AppError('UNAUTHENTICATED', 'The token carries no user id');
  const party = payload.party;
  const partyId = typeof party === 'number' && Number.isInteger(party) ? party : typeof party === 'string' && /^\d+$/.test(party) ? Number(party) : null;
  if (role === Role.CUSTODIAN && partyId === null) throw new AppError('UNAUTHENTICATED', 'A custodian token must name its party');
  return { userId: payload.sub, role: role as Role, scope: significantPrefix(code), partyId, requestId };
}

export async function mintToken(secret: string, claims: TokenClaims, expiresIn = '30d'): Promise<string> {
  const jwt = new SignJWT({ role: claims.role, scope: claims.scope, ...(claims.partyId ? { party: claims.partyId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(secret));
}
