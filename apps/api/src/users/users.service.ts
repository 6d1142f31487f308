import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { authorize, UNIT_DUTY_LABELS, type AccountFacts, type UnitDuty } from '@eco/domain';
import { type UserEntity, AccountEventRepository, CampaignRepository, OrganizationRepository, UserRepository } from '@eco/persistence';
import type { Actor, Role } from '../auth/actor';
import { hashPassword } from '../auth/password-hasher';
import { passwordProblems } from '../auth/password-policy';
import { CreateUserDto, UnitDutiesDto } from './dto/create-user.dto';
import { refusalToHttp } from '../campaigns/refusals';
import { toUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { AwaitedTasksDto, toAwaitedTaskDto } from './dto/awaited.dto';
import { DirectorySyncService } from './directory-sync.service';

const isAdmin = (a: Actor) => a.roles.includes('admin');
const bad = (message: string[]) => new BadRequestException({ message, error: 'Bad Request' });
/** May the actor manage (create, deactivate, reset) this account? The access policy's manage-account (no campaign). */
const mayManage = (actor: Actor, target: AccountFacts) => authorize({ units: [], separationOfDuties: true }, actor, { kind: 'manage-account', target });

/**
 * Accounts. Who manages which account is the access policy's (manage-account, libs/domain/src/policy/accounts.ts): the
 * admin every account; the office (领导小组办公室) its own organization's unit users — creates them, deactivates/reactivates
 * them, resets their passwords. The office also designates each unit's liaisons (联络员) and responsible leaders
 * (分管负责人). Accounts outside the caller's reach answer 404. Every change is an account event.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly orgs: OrganizationRepository,
    private readonly events: AccountEventRepository,
    private readonly directorySync: DirectorySyncService,
    private readonly campaigns: CampaignRepository,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    // the organization named, else the office's own (an administrator names it: it belongs to none)
    const organizationId = isAdmin(actor) ? (dto.organizationId ?? null) : dto.organizationId || (actor.organizationId ?? null);
    const may = mayManage(actor, { roles: dto.roles, organizationId });
    if (!may.allowed) throw refusalToHttp({ code: may.code, message: may.reason });
    if (!dto.roles.includes('admin') && !organizationId) throw bad(['请指定所属组织：除系统管理员外，每个账号都须属于一个组织 (organizationId is required for every role but admin)']);
    const problems = passwordProblems(dto.password, dto.username);
    if (organizationId && !(await this.orgs.get(organizationId))) problems.push(`组织不存在 (organization ${organizationId} does not exist)`);
    if (organizationId && dto.unitId && !(await this.orgs.unit(organizationId, dto.unitId))) problems.push(`本组织没有单位 ${dto.unitId} (unit ${dto.unitId} is not a unit of ${organizationId})`);
    if (problems.length) throw bad(problems);
    if (await this.users.findByUsername(dto.username)) throw this.taken(dto.username);
    const created = await this.users.create({
      id: dto.username,
      username: dto.username,
      passwordHash: await hashPassword(dto.password),
      name: dto.name.trim(),
      roles: [...dto.roles],
      unitId: dto.unitId ?? null,
      organizationId,
      email: dto.email ?? null,
      phone: dto.phone ?? null,
    });
    if (!created) throw this.taken(dto.username); // lost a race with a concurrent create
    await this.event(actor, created, 'user-created', { roles: created.roles, unitId: created.unitId });
    this.directorySync.kick(created.organizationId); // running campaigns of the organization get the new person
    return toUserDto(created);
  }

  /** Admin: every account; office (and leaders): their organization's accounts — filtered and paged by the database. */
  async list(actor: Actor, q: UserQueryDto): Promise<UserPageDto> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    if (!isAdmin(actor) && !actor.organizationId) return { total: 0, limit, offset, items: [] };
    const page = await this.users.search({
      organizationId: isAdmin(actor) ? undefined : actor.organizationId!,
      unitId: q.unitId || undefined,
      role: q.role,
      q: q.q?.trim() || undefined,
      active: q.active === undefined ? undefined : q.active === 'true',
      limit,
      offset,
    });
    return { total: page.total, limit, offset, items: page.rows.map((u) => ({ ...toUserDto(u), manageable: mayManage(actor, { roles: u.roles as Role[], organizationId: u.organizationId }).allowed })) };
  }

  async setActive(actor: Actor, id: string, active: boolean): Promise<UserDto> {
    const target = await this.managed(actor, id);
    if (target.id === actor.id && !active) throw new ConflictException({ message: '不能停用自己的账号 (you cannot deactivate your own account)' });
    const updated = (await this.users.setActive(target.id, active))!;
    await this.event(actor, updated, active ? 'user-activated' : 'user-deactivated');
    this.directorySync.kick(updated.organizationId);
    return toUserDto(updated);
  }

  /**
   * The live tasks of running campaigns (active or paused) waiting for this account's own signature (`user:<id>`), by
   * due date — the first `limit` and how many in all: what the office hands over (转交) before or after stopping it.
   */
  async awaited(actor: Actor, id: string, limit = 50): Promise<AwaitedTasksDto> {
    const target = await this.managed(actor, id);
    const { total, rows } = await this.campaigns.awaitedBy(`user:${target.id}`, target.organizationId, limit);
    return { total, items: rows.map(toAwaitedTaskDto) };
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    const target = await this.managed(actor, id);
    const problems = passwordProblems(password, target.username);
    if (problems.length) throw bad(problems);
    await this.users.setPassword(target.id, await hashPassword(password), false); // set by the office: to be changed by its holder
    await this.event(actor, target, 'password-reset');
  }

  /** The units of the caller's organization with their members, liaisons and responsible leaders (named). */
  async units(actor: Actor) {
    const orgId = this.ownOrganization(actor);
    const dir = await this.orgs.directory(orgId);
    if (!dir) throw new NotFoundException({ message: `组织不存在 (organization ${orgId} not found)` });
    const byId = new Map(dir.users.map((u) => [u.id, u]));
    const person = (id: string) => ({ id, name: byId.get(id)?.name ?? id, email: byId.get(id)?.email ?? null, phone: byId.get(id)?.phone ?? null });
    return {
      organization: dir.organization,
      units: dir.units.map((u) => ({
        unitId: u.unitId, name: u.name, members: u.members.map(person).map((p) => ({ ...p, active: byId.get(p.id)?.active ?? false })),
        liaisons: u.liaisons.map(person), responsibleLeaders: u.responsibleLeaders.map(person),
      })),
    };
  }

  /** Designate a unit's liaisons and/or responsible leaders: active users of that unit in the caller's organization. */
  async setDuties(actor: Actor, unitId: string, dto: UnitDutiesDto) {
    const orgId = this.ownOrganization(actor);
    if (!(await this.orgs.unit(orgId, unitId))) throw new NotFoundException({ message: `本组织没有单位 ${unitId} (unit ${unitId} not found)` });
    if (dto.liaisons === undefined && dto.responsibleLeaders === undefined) throw bad(['请指定联络员或分管负责人 (send liaisons and/or responsibleLeaders)']);
    const duties: [UnitDuty, string[] | undefined][] = [['liaison', dto.liaisons], ['responsible-leader', dto.responsibleLeaders]];
    const ids = [...new Set(duties.flatMap(([, list]) => list ?? []))];
    const found = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u]));
    const problems: string[] = [];
    for (const [duty, list] of duties) {
      for (const id of list ?? []) {
        const u = found.get(id);
        if (!u || u.organizationId !== orgId) problems.push(`${UNIT_DUTY_LABELS[duty]}：用户 ${id} 不存在 (unknown user ${id})`);
        else if (u.unitId !== unitId) problems.push(`${UNIT_DUTY_LABELS[duty]}：${u.name} 不是 ${unitId} 的用户 (${id} is not a user of unit ${unitId})`);
        else if (!u.active) problems.push(`${UNIT_DUTY_LABELS[duty]}：${u.name} 已停用 (${id} is deactivated)`);
      }
    }
    if (problems.length) throw bad(problems);
    for (const [duty, list] of duties) if (list !== undefined) await this.orgs.setDuty(orgId, unitId, duty, list, actor.id);
    await this.events.record({ organizationId: orgId, actorId: actor.id, action: 'unit-duties-set', outcome: 'accepted', detail: { unitId, liaisons: dto.liaisons, responsibleLeaders: dto.responsibleLeaders } });
    this.directorySync.kick(orgId); // liaisons sign for their unit (responsible leaders are read at delivery time)
    return (await this.units(actor)).units.find((u) => u.unitId === unitId);
  }

  /** Account events of the caller's organization (newest first). */
  async accountEvents(actor: Actor, limit = 200) {
    const rows = await this.events.list({ organizationId: isAdmin(actor) ? undefined : this.ownOrganization(actor), limit });
    return rows.map((e) => ({ at: e.at.toISOString(), action: e.action, outcome: e.outcome, username: e.username, subjectUserId: e.subjectUserId, actorId: e.actorId, ip: e.ip, detail: e.detail }));
  }

  /** The account, when the caller may manage it (the access policy's manage-account); else 404. */
  private async managed(actor: Actor, id: string): Promise<UserEntity> {
    const target = await this.users.findById(id);
    if (!target || !mayManage(actor, { roles: target.roles as Role[], organizationId: target.organizationId }).allowed) throw new NotFoundException({ message: `用户不存在 (user ${id} not found)` });
    return target;
  }

  private ownOrganization(actor: Actor): string {
    if (!actor.organizationId) throw new ForbiddenException({ message: '账号未归属任何组织 (your account belongs to no organization)' });
    return actor.organizationId;
  }

  private async event(actor: Actor, subject: UserEntity, action: string, detail?: Record<string, unknown>) {
    await this.events.record({ organizationId: subject.organizationId, actorId: actor.id, subjectUserId: subject.id, username: subject.username, action, outcome: 'accepted', detail: detail ?? null });
  }

  private taken(username: string): ConflictException {
    return new ConflictException(`用户名「${username}」已存在 (username "${username}" is already taken)`);
  }
}
