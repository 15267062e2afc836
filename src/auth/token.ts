/**
 * Bearer JWT → Viewer. The API verifies tokens (HS256 secret, or a JWKS URL) and never issues
 * production tokens; `mintToken` serves the development CLI and the demo only.
 */
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
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

/**
 * A screen sends the same token with every request: its verified claims are kept (never longer
 * than the token lives, nor than VERIFIED_TTL_MS, so a rotated JWKS key takes effect within it).
 * Verifying the signature each time cost ~3% of a mutation's CPU.
 */
const VERIFIED_TTL_MS = 5 * 60_000;

export function createTokenVerifier(options: { secret?: string; jwksUrl?: string }): TokenVerifier {
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  const verified = new LRUCache<string, JWTPayload>({ max: 10_000, ttl: VERIFIED_TTL_MS });
  return {
    async verify(token, requestId) {
      let payload = verified.get(token);
      if (!payload) {
        try {
          if (jwks) ({ payload } = await jwtVerify(token, jwks));
          else if (secret) ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
          else throw new Error('no key configured');
        } catch {
          throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
        }
        const lifeLeft = payload.exp === undefined ? 0 : payload.exp * 1000 - Date.now();
        if (lifeLeft >= 1) verified.set(token, payload, { ttl: Math.min(VERIFIED_TTL_MS, Math.floor(lifeLeft)) });
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
