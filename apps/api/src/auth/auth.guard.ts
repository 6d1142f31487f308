import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from './current-user.decorator';
import { AuthDenied, Authenticator } from './authenticator';
import { IS_PUBLIC_KEY } from './public.decorator';

/** Global guard: every route needs `Authorization: Bearer <JWT>` unless marked @Public(). Who the caller is: Authenticator. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    try {
      req.user = await this.authenticator.authenticate(req.headers.authorization);
    } catch (e) {
      if (!(e instanceof AuthDenied)) throw e;
      ctx.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', e.challenge);
      throw new UnauthorizedException(e.reason);
    }
    return true;
  }
}
