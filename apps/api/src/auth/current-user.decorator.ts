import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Actor } from './actor';
import { SIGN_IN_AGAIN } from './authenticator';

/** The request after the auth guard: the verified caller. */
export interface AuthenticatedRequest {
  user?: Actor;
}

/** The verified caller of the current request (`Actor`). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new UnauthorizedException(SIGN_IN_AGAIN);
  return user;
});
