import { BadRequestException, ForbiddenException, HttpException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import type { LoginRefusal } from '@eco/domain';
import { AccountEventRepository, OrganizationRepository, UserRepository } from '@eco/persistence';
import { toUserDto } from '../users/dto/user.dto';
import { Actor, ROLES, Role } from './actor';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { dummyHash, hashPassword, verifyPassword } from './password-hasher';
import { passwordProblems } from './password-policy';
import { TokenService } from './token.service';

const BAD_CREDENTIALS = 'wrong username or password / 用户名或密码错误';

@Injectable()
export class AuthService {
  /** Sign-in attempts per client address in the current minute (throttling, per process). */
  /** Sign-in attempt times per client address within the last minute (sliding window, at most limit + 1 kept). */
  private readonly perAddress = new Map<string, number[]>();

  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly events: AccountEventRepository,
    private readonly organizations: OrganizationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Password sign-in with throttling (LOGIN_RATE_PER_MINUTE failed sign-ins per client address a minute → 429: a county
   * office behind one address signing in at nine is not held back by its own successful sign-ins) and lockout (LOGIN_MAX_FAILURES
   * failures for a username within LOGIN_WINDOW_SECONDS lock it for LOGIN_LOCK_SECONDS → 429, whether or not the
   * username exists, so a lockout reveals nothing). Failures, lockouts and sign-ins are recorded in account_events.
   */
  async login(dto: LoginDto, ip: string | null = null): Promise<LoginResponseDto> {
    if (this.tokens.external) {
      throw new ForbiddenException('password login is disabled: JWT_JWKS_URL is set, tokens come from the identity provider / 已启用统一身份认证，请通过身份提供方登录');
    }
    const username = dto.username.trim().toLowerCase();
    this.throttle(ip);
    const user = await this.users.findByUsername(username); // as typed on a phone: "Sx-tjj " is sx-tjj
    const lock = await this.events.lockState(username);
    if (lock.lockedUntil && lock.lockedUntil.getTime() > Date.now()) {
      await this.events.record({ username, subjectUserId: user?.id ?? null, organizationId: user?.organizationId ?? null, action: 'login', outcome: 'refused', ip, detail: { reason: 'locked', lockedUntil: lock.lockedUntil.toISOString() } });
      throw tooMany(lock.lockedUntil, 'locked');
    }
    // Same work whether or not the user exists, so timing does not reveal usernames.
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
      this.noteFailure(ip);
      const after = await this.events.registerFailure(username, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_WINDOW_SECONDS * 1000, this.config.LOGIN_LOCK_SECONDS * 1000);
      await this.events.record({ username, subjectUserId: user?.id ?? null, organizationId: user?.organizationId ?? null, action: 'login', outcome: 'refused', ip, detail: { reason: 'bad-credentials', failures: after.failures } });
      if (after.lockedNow && after.lockedUntil) {
        await this.events.record({ username, subjectUserId: user?.id ?? null, organizationId: user?.organizationId ?? null, action: 'account-locked', outcome: 'accepted', ip, detail: { failures: after.failures, lockedUntil: after.lockedUntil.toISOString() } });
        throw tooMany(after.lockedUntil, 'locked');
      }
      throw refused(BAD_CREDENTIALS, 'bad-credentials');
    }
    if (!user.active) {
      await this.events.record({ username, subjectUserId: user.id, organizationId: user.organizationId, action: 'login', outcome: 'refused', ip, detail: { reason: 'deactivated' } });
      throw refused('this account has been deactivated / 账号已停用，请联系领导小组办公室', 'disabled');
    }
    await this.events.clearFailures(username);
    await this.events.record({ username, subjectUserId: user.id, organizationId: user.organizationId, action: 'login', outcome: 'accepted', ip });
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

  /** Every user changes their own password: the current one, then a new one that meets the policy. Old tokens stop working. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user) throw new ForbiddenException('this account is managed by the identity provider / 该账号由统一身份认证管理，不能在此修改密码');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.events.record({ username: user.username, actorId: user.id, subjectUserId: user.id, organizationId: user.organizationId, action: 'password-change', outcome: 'refused', detail: { reason: 'wrong current password' } });
      throw new BadRequestException({ message: ['当前密码不正确 (current password is wrong)'], error: 'Bad Request' });
    }
    const problems = passwordProblems(newPassword, user.username);
    if (newPassword === currentPassword) problems.push('新密码不能与当前密码相同 (the new password must differ from the current one)');
    if (problems.length) throw new BadRequestException({ message: problems, error: 'Bad Request' });
    await this.users.setPassword(user.id, await hashPassword(newPassword));
    await this.events.record({ username: user.username, actorId: user.id, subjectUserId: user.id, organizationId: user.organizationId, action: 'password-change', outcome: 'accepted' });
  }

  /** Refuses an address that failed LOGIN_RATE_PER_MINUTE sign-ins within the last minute (until the oldest is a minute old). */
  private throttle(ip: string | null): void {
    if (!ip) return;
    const recent = this.recentFailures(ip, Date.now());
    if (recent.length >= this.config.LOGIN_RATE_PER_MINUTE) throw tooMany(new Date(recent[recent.length - this.config.LOGIN_RATE_PER_MINUTE] + 60000), 'throttled');
  }

  private noteFailure(ip: string | null): void {
    if (!ip) return;
    const now = Date.now();
    const recent = this.recentFailures(ip, now);
    recent.push(now);
    if (recent.length > this.config.LOGIN_RATE_PER_MINUTE) recent.splice(0, recent.length - this.config.LOGIN_RATE_PER_MINUTE);
    this.perAddress.set(ip, recent);
    if (this.perAddress.size > 10000) for (const [k, v] of this.perAddress) if (now - v[v.length - 1] >= 60000) this.perAddress.delete(k);
  }

  private recentFailures(ip: string, now: number): number[] {
    return (this.perAddress.get(ip) ?? []).filter((t) => now - t < 60000);
  }


  async me(actor: Actor): Promise<MeDto> {
    const local = await this.users.findById(actor.id);
    const org = actor.organizationId ? await this.organizations.get(actor.organizationId) : null;
    return {
      id: actor.id,
      username: local?.username ?? null,
      name: actor.name,
      roles: actor.roles,
      unitId: actor.unitId ?? null,
      organizationId: actor.organizationId ?? null,
      organizationName: org?.name ?? null,
      organizationLevel: org?.level ?? null,
      createdAt: local ? new Date(local.createdAt).toISOString() : null,
      // set by someone else and never changed by its holder (users.password_changed_at stays empty until they do)
      initialPassword: local ? local.passwordChangedAt === null : false,
    };
  }
}

/** A refused sign-in (401) with its code: the screen tells a mistyped password from a stopped account by it. */
function refused(message: string, code: LoginRefusal): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message, code });
}

/** A wait as people read it: seconds under two minutes (「请 1 分钟后再试」 beside 「retry in 3 s」 disagreed), else minutes. */
function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

function tooMany(until: Date, code: LoginRefusal): HttpException {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const e = new HttpException(
    { statusCode: 429, error: 'Too Many Requests', message: `登录失败次数过多，请 ${waitText(seconds)}后再试 (too many failed sign-ins${code === 'throttled' ? ' from this address' : ''}; retry in ${seconds} s)`, retryAfter: seconds, code },
    429,
  );
  return e;
}
