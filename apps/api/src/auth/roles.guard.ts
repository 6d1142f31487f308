import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './actor';
import type { AuthenticatedRequest } from './current-user.decorator';
import { ROLES_KEY } from './roles.decorator';

/** Global guard (after AuthGuard): enforces @Roles(...) with a 403 naming the roles needed. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!needed?.length) return true;
    const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new UnauthorizedException('not signed in / 未登录');
    if (user.roles.some((r) => needed.includes(r))) return true;
    throw new ForbiddenException(
      `requires role ${needed.join(' or ')} (you have: ${user.roles.join(', ') || 'no role'}) / 需要角色：${needed.join('或')}`,
    );
  }
}
