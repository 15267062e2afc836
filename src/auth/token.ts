/**
 * Bearer JWT → Viewer. The API verifies tokens (HS256 secret, or a JWKS URL) and never issues
 * production tokens; `mintToken` serves the development CLI and the demo only.
 */
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { normaliseDivisionCode, significantPrefix } from '../modules/regions/division-code';
import { AppError } from '../graphql/errors';
import { ROLES, Role, type Viewer } from './viewer';

export interface TokenClaims {
  userId: string;
  role: Role;
  /** Division code of the scope, 2 to 12 digits. */
  scope: string;
  partyId?: number;
}

/** The issuer of development tokens (the CLI and the demo). */
export const DEV_ISSUER = 'asset-register';

export interface TokenVerifier {
  verify(token: string, requestId: string): Promise<Viewer>;
}

export interface TokenOptions {
  secret?: string;
  jwksUrl?: string;
  /** When set, a token must carry exactly this issuer / this audience. */
  issuer?: string;
  audience?: string;
}

/**
 * What a token must say, checked as data rather than trusted: a role from the closed list (a
 * role named "toString" or "__proto__" is a role like any other unknown word: refused), a scope
 * that is a division code, a user id of printable text, a positive integer party id, an expiry, and no issue time in the future.
 */
const CLAIMS = z.object({
  // The user id goes into every audit event and idempotency key: printable text only (no
  // control characters, which PostgreSQL's text refuses in the case of NUL, nor lone surrogates).
  sub: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\p{Cc}\p{Cs}]+$/u, 'not printable text'),
  role: z.enum(ROLES),
  scope: z
    .string()
    .regex(/^\d{2,12}$/)
    .refine((code) => normaliseDivisionCode(code) !== null, 'not a division code'),
  party: z
    .union([
      z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      z
        .string()
        .regex(/^[1-9]\d{0,14}$/)
        .transform(Number),
    ])
    .optional(),
  exp: z.number().int(),
  iat: z.number().int().optional(),
});

/** How far ahead of our clock the identity provider's may run when it stamps `iat`. */
const CLOCK_TOLERANCE_S = 60;

/**
 * A screen sends the same token with every request: its verified claims are kept (never longer
 * than the token lives, nor than VERIFIED_TTL_MS, so a rotated JWKS key takes effect within it).
 * Verifying the signature each time cost ~3% of a mutation's CPU.
 */
const VERIFIED_TTL_MS = 5 * 60_000;

export function createTokenVerifier(options: TokenOptions): TokenVerifier {
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  const checks: JWTVerifyOptions = {
    requiredClaims: ['exp', 'sub'],
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };
  const verified = new LRUCache<string, Viewer>({ max: 10_000, ttl: VERIFIED_TTL_MS });
  return {
    async verify(token, requestId) {
      let viewer = verified.get(token);
      if (!viewer) {
        let payload: JWTPayload;
        try {
          if (jwks) ({ payload } = await jwtVerify(token, jwks, checks));
          else if (secret) ({ payload } = await jwtVerify(token, secret, { ...checks, algorithms: ['HS256'] }));
          else throw new Error('no key configured');
        } catch {
          throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
        }
        viewer = viewerFromClaims(payload);
        const lifeLeft = payload.exp! * 1000 - Date.now();
        if (lifeLeft >= 1) verified.set(token, viewer, { ttl: Math.min(VERIFIED_TTL_MS, Math.floor(lifeLeft)) });
      }
      return { ...viewer, requestId };
    },
  };
}

function viewerFromClaims(payload: JWTPayload): Viewer {
  const parsed = CLAIMS.safeParse(payload);
  if (!parsed.success) {
    const claim = String(parsed.error.issues[0]?.path[0] ?? 'claims');
    throw new AppError('UNAUTHENTICATED', `The token's ${claim} claim is missing or not valid`);
  }
  const claims = parsed.data;
  if (claims.iat !== undefined && claims.iat * 1000 > Date.now() + CLOCK_TOLERANCE_S * 1000) throw new AppError('UNAUTHENTICATED', 'The token was issued in the future');
  const partyId = claims.party ?? null;
  if (claims.role === Role.CUSTODIAN && partyId === null) throw new AppError('UNAUTHENTICATED', 'A custodian token must name its party');
  return { userId: claims.sub, role: claims.role, scope: significantPrefix(normaliseDivisionCode(claims.scope)!), partyId, requestId: '' };
}

export async function mintToken(secret: string, claims: TokenClaims, expiresIn = '30d'): Promise<string> {
  const jwt = new SignJWT({ role: claims.role, scope: claims.scope, ...(claims.partyId ? { party: claims.partyId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(DEV_ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(secret));
}
