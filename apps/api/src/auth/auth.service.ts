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
  /**
   * Per client address, the times of its sign-ins within the last minute that did not succeed — counted when the
   * attempt starts (a burst sent at once is counted as it arrives) and taken back when it succeeds. At most the limit
   * kept per address; per process.
   */
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
    const attempt = this.throttle(ip); // counted from here on: a burst sent at once sees its own attempts
    const user = await this.users.findByUsername(username); // as typed on a phone: "Sx-tjj " is sx-tjj
    const lock = await this.events.lockState(username);
    if (lock.lockedUntil && lock.lockedUntil.getTime() > Date.now()) {
      await this.events.record({ username, subjectUserId: user?.id ?? null, organizationId: user?.organizationId ?? null, action: 'login', outcome: 'refused', ip, detail: { reason: 'locked', lockedUntil: lock.lockedUntil.toISOString() } });
      throw tooMany(lock.lockedUntil, 'locked');
    }
    // Same work whether or not the user exists, so timing does not reveal usernames.
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
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
    this.succeeded(ip, attempt); // a successful sign-in does not count against its address
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

  /**
   * Refuses an address with LOGIN_RATE_PER_MINUTE sign-ins that did not succeed within the last minute (until the oldest
   * of them is a minute old); otherwise counts this attempt — synchronously, before any await — and returns its time.
   */
  private throttle(ip: string | null): number | null {
    if (!ip) return null;
    const now = Date.now();
    const limit = this.config.LOGIN_RATE_PER_MINUTE;
    const recent = this.recentFailures(ip, now);
    if (recent.length >= limit) throw tooMany(new Date(recent[recent.length - limit] + 60000), 'throttled');
    recent.push(now);
    this.perAddress.set(ip, recent);
    if (this.perAddress.size > 10000) for (const [k, v] of this.perAddress) if (!v.length || now - v[v.length - 1] >= 60000) this.perAddress.delete(k);
    return now;
  }

  /** The attempt `at` succeeded: it no longer counts against its address. */
  private succeeded(ip: string | null, at: number | null): void {
    if (!ip || at === null) return;
    const recent = this.perAddress.get(ip);
    const i = recent?.lastIndexOf(at) ?? -1;
    if (recent && i >= 0) recent.splice(i, 1);
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

/** A wait as people read it, in one unit in both languages: seconds under two minutes, else minutes (「请 1 分钟后再试」 beside 「retry in 3 s」 disagreed). */
function waitText(seconds: number, lang: 'zh' | 'en' = 'zh'): string {
  if (seconds < 120) return lang === 'zh' ? `${seconds} 秒` : `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
}

function tooMany(until: Date, code: LoginRefusal): HttpException {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const e = new HttpException(
    { statusCode: 429, error: 'Too Many Requests', message: `登录失败次数过多，请 ${waitText(seconds)}后再试 (too many failed sign-ins${code === 'throttled' ? ' from this address' : ''}; retry in ${waitText(seconds, 'en')})`, retryAfter: seconds, code },
    429,
  );
  return e;
}
