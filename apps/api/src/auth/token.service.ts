/**
 * Bearer tokens: issues HS256 tokens signed with JWT_SECRET (for /api/auth/login) and verifies
 * incoming ones — HS256 with JWT_SECRET, or, when JWT_JWKS_URL is set, only RS256 tokens signed
 * by a key of that JWKS (tokens then come from the identity provider).
 * Claims: sub, name, roles ⊂ ROLES, unitId (required for role unit), organizationId (the tenant), exp (required).
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, verify as verifySignature } from 'crypto';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { Actor, ROLES, Role } from './actor';
import { JwksKeyStore } from './jwks-key-store';

/** Why a token was refused (the text goes into the 401 answer). */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export const JWKS_KEY_STORE = Symbol('JWKS_KEY_STORE');
/** Accepted clock difference between the token issuer and this server, in seconds. */
const CLOCK_TOLERANCE_S = 30;
/** Verified HS256 tokens remembered (oldest dropped first). */
const VERIFIED_MAX = 10000;

export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds. */
  expiresIn: number;
}

function b64json(part: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new TokenError(`malformed token ${what}`);
}

/** Turn verified claims into an Actor, or say which claim is wrong. */
export function actorFromClaims(c: Record<string, unknown>): Actor {
  if (typeof c.sub !== 'string' || !c.sub) throw new TokenError('token has no subject (sub)');
  if (typeof c.name !== 'string' || !c.name) throw new TokenError('token has no name claim');
  if (!Array.isArray(c.roles) || c.roles.some((r) => typeof r !== 'string')) throw new TokenError('token roles claim must be an array of strings');
  const unknown = c.roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new TokenError(`unknown role(s) in token: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  if (c.unitId !== undefined && c.unitId !== null && (typeof c.unitId !== 'string' || !c.unitId)) throw new TokenError('token unitId claim must be a string');
  if (c.organizationId !== undefined && c.organizationId !== null && (typeof c.organizationId !== 'string' || !c.organizationId)) throw new TokenError('token organizationId claim must be a string');
  const roles = [...new Set(c.roles as Role[])];
  const unitId = (c.unitId as string | null | undefined) ?? null;
  if (roles.includes('unit') && !unitId) throw new TokenError('a token with role unit needs a unitId claim');
  return { id: c.sub, name: c.name, roles, unitId, organizationId: (c.organizationId as string | null | undefined) ?? null };
}

/** A verified token: its actor and when it was issued (epoch ms; from our `iatMs` claim, else iat; undefined when neither). */
export interface VerifiedToken {
  actor: Actor;
  issuedAtMs?: number;
}

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /** HS256 tokens already verified (by the whole token text), with their expiry: see verifyToken. */
  private readonly verified = new Map<string, { actor: Actor; issuedAtMs: number | undefined; exp: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(JWKS_KEY_STORE) private readonly jwks: JwksKeyStore | null = null,
  ) {
    // The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public key
    // (and fails) on every verification — a tenth of an authenticated read's CPU (issue 15, read paths).
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string });
    try {
      this.jwt.sign({}, { algorithm: 'HS256', expiresIn: this.expiresIn() });
    } catch {
      throw new Error(`JWT_EXPIRES_IN "${config.JWT_EXPIRES_IN}" is not a lifetime such as 8h, 30m or 3600 (seconds)`);
    }
  }

  private expiresIn(): number {
    const raw = this.config.JWT_EXPIRES_IN;
    // jsonwebtoken takes seconds as a number or a vercel/ms string ("8h", "30m").
    return (/^\d+$/.test(raw) ? Number(raw) : raw) as number;
  }

  /** True when tokens come from an external identity provider (JWT_JWKS_URL): /api/auth/login is then off. */
  get external(): boolean {
    return !!this.config.JWT_JWKS_URL;
  }

  /** An HS256 token for `actor`, valid for JWT_EXPIRES_IN. */
  async issue(actor: Actor): Promise<IssuedToken> {
    const claims: Record<string, unknown> = { name: actor.name, roles: actor.roles };
    if (actor.unitId) claims.unitId = actor.unitId;
    if (actor.organizationId) claims.organizationId = actor.organizationId;
    claims.iatMs = Date.now(); // millisecond issue time: a password change or deactivation cuts off tokens issued before it exactly
    const accessToken = await this.jwt.signAsync(claims, { algorithm: 'HS256', subject: actor.id, expiresIn: this.expiresIn() });
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, expiresIn: exp - iat };
  }

  /** Verify a bearer token and return its Actor. Throws TokenError (→ 401) or JwksUnavailableError (→ 503). */
  async verify(token: string): Promise<Actor> {
    return (await this.verifyToken(token)).actor;
  }

  /** Like verify, with the token's issue time (the auth guard refuses tokens issued before a password change). */
  async verifyToken(token: string): Promise<VerifiedToken> {
    // HS256 (a secret this process holds, never rotated while it runs): a token verified once verifies again until it
    // expires — only its expiry is checked again. Not for JWKS keys, which can be rotated away.
    const memo = this.jwks ? undefined : this.verified.get(token);
    if (memo) {
      if (Math.floor(Date.now() / 1000) >= memo.exp + CLOCK_TOLERANCE_S) {
        this.verified.delete(token);
        throw new TokenError('token expired');
      }
      return { actor: { ...memo.actor, roles: [...memo.actor.roles] }, issuedAtMs: memo.issuedAtMs };
    }
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new TokenError('malformed token (expected a JWT: header.payload.signature)');
    const header = b64json(parts[0], 'header');
    const claims = this.jwks ? await this.verifyRs256(parts, header, this.jwks) : await this.verifyHs256(token, header);
    if (typeof claims.exp !== 'number') throw new TokenError('token has no expiry (exp)');
    const issuedAtMs = typeof claims.iatMs === 'number' ? claims.iatMs : typeof claims.iat === 'number' ? claims.iat * 1000 : undefined;
    const actor = actorFromClaims(claims);
    if (!this.jwks) {
      this.verified.set(token, { actor: { ...actor, roles: [...actor.roles] }, issuedAtMs, exp: claims.exp });
      if (this.verified.size > VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    }
    return { actor, issuedAtMs };
  }

  private async verifyHs256(token: string, header: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (header.alg !== 'HS256') throw new TokenError(`token algorithm ${String(header.alg)} not accepted (expected HS256)`);
    try {
      return await this.jwt.verifyAsync<Record<string, unknown>>(token, { algorithms: ['HS256'], clockTolerance: CLOCK_TOLERANCE_S });
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'TokenExpiredError') throw new TokenError('token expired');
      if (name === 'NotBeforeError') throw new TokenError('token not yet valid (nbf)');
      throw new TokenError(`invalid token: ${(e as Error).message}`);
    }
  }

  private async verifyRs256(parts: string[], header: Record<string, unknown>, jwks: JwksKeyStore): Promise<Record<string, unknown>> {
    if (header.alg !== 'RS256') throw new TokenError(`token algorithm ${String(header.alg)} not accepted (expected RS256)`);
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const key = await jwks.key(kid);
    if (!key) throw new TokenError(kid ? `token key id "${kid}" is not in the JWKS` : 'token names no key id (kid) and the JWKS has several keys');
    const ok = verifySignature('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
    if (!ok) throw new TokenError('invalid token: invalid signature');
    const claims = b64json(parts[1], 'payload');
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp === 'number' && claims.exp + CLOCK_TOLERANCE_S <= now) throw new TokenError('token expired');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_S > now) throw new TokenError('token not yet valid (nbf)');
    return claims;
  }
}
