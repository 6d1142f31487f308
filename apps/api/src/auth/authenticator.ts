import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ROLES, type Actor, type Role } from './actor';
import { JwksUnavailableError } from './jwks-key-store';
import { SessionCache } from './session-cache';
import { TokenError, TokenService } from './token.service';

/** What a request without a valid sign-in is told (401): no token, a token expired, malformed or not ours. */
export const SIGN_IN_AGAIN = '未登录或登录已过期，请重新登录';

/**
 * A request without a valid bearer token (→ 401 with `WWW-Authenticate: Bearer[ error="…"[, error_description="…"]]`):
 * `reason` is what people read (Chinese only); `description`, for clients and integrators, says what was wrong with
 * the token (expired, bad signature, algorithm…) in the header, RFC 6750's error_description.
 */
export class AuthDenied extends Error {
  constructor(
    readonly reason: string,
    readonly error?: 'invalid_request' | 'invalid_token',
    readonly description?: string,
  ) {
    super(reason);
    this.name = 'AuthDenied';
  }

  /** The WWW-Authenticate header's value. */
  get challenge(): string {
    if (!this.error) return 'Bearer';
    const description = this.description ? `, error_description="${this.description.replace(/[^\x20-\x7e]|["\\]/g, ' ').slice(0, 200)}"` : '';
    return `Bearer error="${this.error}"${description}`;
  }
}

/**
 * Who sends a request, from its Authorization header: the token verified (TokenService), then — for a local account —
 * its current session row (SessionCache: deactivation and password changes cut tokens off at once, in every API
 * process) decides roles, unit and organization. One place for the global AuthGuard and the early read path
 * (campaigns/fast-reads.ts), so both accept and refuse exactly the same requests.
 */
@Injectable()
export class Authenticator {
  private readonly log = new Logger('AuthGuard');

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionCache,
  ) {}

  /** The caller; throws AuthDenied (401), ServiceUnavailableException (JWKS keys unavailable: 503) or what the database throws. */
  async authenticate(header: string | undefined): Promise<Actor> {
    // the reasons people read are Chinese only (the screens show them); a client tells them apart by the status and
    // the WWW-Authenticate header's error (invalid_request / invalid_token)
    if (!header) throw new AuthDenied(SIGN_IN_AGAIN);
    const m = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!m) throw new AuthDenied('登录凭证格式不正确，请重新登录', 'invalid_request', 'the Authorization header must be "Bearer <token>"');
    let verified;
    try {
      verified = await this.tokens.verifyToken(m[1]);
    } catch (e) {
      if (e instanceof TokenError) throw new AuthDenied(SIGN_IN_AGAIN, 'invalid_token', e.message);
      if (e instanceof JwksUnavailableError) {
        this.log.warn(e.message);
        throw new ServiceUnavailableException('暂时无法验证登录状态，请稍后重试');
      }
      throw e;
    }
    // A local account's current row decides (session cache: every change of the row drops it at once, in every API
    // process): deactivation and password changes cut its tokens off at once, and its roles, unit and organization are
    // the current ones. Subjects without a local account (identity-provider users) keep the token's claims.
    const { actor, issuedAtMs } = verified;
    const session = await this.sessions.get(actor.id);
    if (!session) return actor;
    if (!session.active) throw new AuthDenied('账号已停用，请联系领导小组办公室', 'invalid_token', 'this account has been deactivated');
    if (session.tokensValidAfter && (issuedAtMs ?? 0) < session.tokensValidAfter.getTime()) {
      throw new AuthDenied('密码已修改或重置，登录已失效，请重新登录', 'invalid_token', 'token revoked: the password was changed or reset since it was issued');
    }
    return {
      id: session.id, name: session.name, roles: session.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      unitId: session.unitId, organizationId: session.organizationId,
    };
  }
}
