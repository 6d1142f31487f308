import { CanActivate, ExecutionContext, Injectable, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ROLES, type Role } from './actor';
import type { AuthenticatedRequest } from './current-user.decorator';
import { JwksUnavailableError } from './jwks-key-store';
import { IS_PUBLIC_KEY } from './public.decorator';
import { SessionCache } from './session-cache';
import { TokenError, TokenService } from './token.service';

/** Global guard: every route needs `Authorization: Bearer <JWT>` unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionCache,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const deny = (reason: string, error?: string): never => {
      res.setHeader('WWW-Authenticate', error ? `Bearer error="${error}"` : 'Bearer');
      throw new UnauthorizedException(reason);
    };
    const header = req.headers.authorization;
    if (!header) return deny('missing bearer token: send "Authorization: Bearer <token>" (POST /api/auth/login gives one) / 未登录');
    const m = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!m) return deny('the Authorization header must be "Bearer <token>" / 令牌格式错误', 'invalid_request');
    let verified;
    try {
      verified = await this.tokens.verifyToken(m[1]);
    } catch (e) {
      if (e instanceof TokenError) return deny(`${e.message} / 令牌无效`, 'invalid_token');
      if (e instanceof JwksUnavailableError) {
        this.log.warn(e.message);
        throw new ServiceUnavailableException('cannot verify the token now: the identity provider keys (JWKS) are unavailable / 暂时无法验证令牌');
      }
      throw e;
    }
    // A local account's current row decides (session cache: every change of the row drops it at once, in every API
    // process): deactivation and password changes cut its tokens off at once, and its roles, unit and organization are
    // the current ones. Subjects without a local account (identity-provider users) keep the token's claims.
    const { actor, issuedAtMs } = verified;
    const session = await this.sessions.get(actor.id);
    if (session) {
      if (!session.active) return deny('this account has been deactivated / 账号已停用', 'invalid_token');
      if (session.tokensValidAfter && (issuedAtMs ?? 0) < session.tokensValidAfter.getTime()) {
        return deny('token revoked: the password was changed or reset since it was issued; sign in again / 令牌已失效，请重新登录', 'invalid_token');
      }
      req.user = {
        id: session.id, name: session.name, roles: session.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
        unitId: session.unitId, organizationId: session.organizationId,
      };
    } else {
      req.user = actor;
    }
    return true;
  }
}
