import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { toUserDto } from '../users/dto/user.dto';
import { Actor, ROLES, Role } from './actor';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { dummyHash, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';

const BAD_CREDENTIALS = 'wrong username or password / 用户名或密码错误';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
  ) {}

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    if (this.tokens.external) {
      throw new ForbiddenException('password login is disabled: JWT_JWKS_URL is set, tokens come from the identity provider / 已启用统一身份认证，请通过身份提供方登录');
    }
    const user = await this.users.findByUsername(dto.username);
    // Same work whether or not the user exists, so timing does not reveal usernames.
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) throw new UnauthorizedException(BAD_CREDENTIALS);
    const actor: Actor = {
      id: user.id,
      name: user.name,
      roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      unitId: user.unitId,
      organizationId: user.organizationId,
    };
    const token = await this.tokens.issue(actor);
    return { accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresIn, user: toUserDto(user) };
  }

  async me(actor: Actor): Promise<MeDto> {
    const local = await this.users.findById(actor.id);
    return {
      id: actor.id,
      username: local?.username ?? null,
      name: actor.name,
      roles: actor.roles,
      unitId: actor.unitId ?? null,
      organizationId: actor.organizationId ?? null,
      createdAt: local ? new Date(local.createdAt).toISOString() : null,
    };
  }
}
