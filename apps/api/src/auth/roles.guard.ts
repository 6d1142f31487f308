import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLE_LABEL } from '@eco/domain';
import type { Role } from './actor';
import { SIGN_IN_AGAIN } from './authenticator';
import type { AuthenticatedRequest } from './current-user.decorator';
import { ROLES_KEY } from './roles.decorator';

/** The 403 of a route reserved for some roles: 「无权限：仅限系统管理员、领导小组办公室或领导小组领导」. */
export function rolesNeeded(needed: readonly Role[]): string {
  const words = needed.map((r) => ROLE_LABEL[r] ?? r);
  return `无权限：仅限${words.length > 1 ? `${words.slice(0, -1).join('、')}或${words[words.length - 1]}` : words[0]}`;
}

/** Global guard (after AuthGuard): enforces @Roles(...) with a 403 naming the roles needed, in their Chinese words (ROLE_LABEL). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!needed?.length) return true;
    const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new UnauthorizedException(SIGN_IN_AGAIN);
    if (user.roles.some((r) => needed.includes(r))) return true;
    throw new ForbiddenException(rolesNeeded(needed));
  }
}
