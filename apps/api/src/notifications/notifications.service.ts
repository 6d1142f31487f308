import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'crypto';
import { NotificationDeliveryRepository, type DeliveryRow, type RobotRow, type ItemRow, type NotificationProblemRow, CampaignRepository, NotificationRepository, OrganizationRepository, UserRepository } from '@eco/persistence';
import { APP_CONFIG, AppConfig, calendarOverrideOf, channelConfigured, type ExternalChannel } from '@eco/config';
import { authorize, CalendarNotCoveredError, DEFAULT_CHANNELS, type DeliveryFacts, escalationRecipients, localDate, localYear, taskFactsFromView, withInApp, WorkingCalendar } from '@eco/domain';
import type { Actor } from '../auth/actor';
import { inboxPrincipals } from '../auth/inbox-principals';
import { campaignNotFound, TenancyService } from '../auth/tenancy.service';
import { refusalToHttp } from '../campaigns/refusals';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import { supervisionNoticeXlsx } from './supervision-notice';
import type { MarkReadDto, NotificationProblemDto, NotificationQueryDto, PreferencesDto, RobotDto } from './notifications.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** In-app notifications, preferences, dead letters, robots and recipient problems (mapping only; SQL in the repository). */
@Injectable()
export class NotificationsService {
  private readonly calendar: WorkingCalendar;

  constructor(
    private readonly repo: NotificationDeliveryRepository,
    private readonly reminders: NotificationRepository,
    private readonly campaigns: CampaignRepository,
    private readonly orgs: OrganizationRepository,
    private readonly templates: TemplateCatalogService,
    private readonly tenancy: TenancyService,
    private readonly users: UserRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.calendar = new WorkingCalendar({ override: calendarOverrideOf(config) });
  }

  /**
   * 督办通知单 of an escalated task (409 when the task was never escalated). Returns the file name and the xlsx. Its
   * readers are the 调度汇总's (the access policy's `supervision-notice`: office, leaders, admin, inspectors).
   */
  async supervisionNotice(actor: Actor, campaignId: string, taskId: string, now = new Date()): Promise<{ fileName: string; body: Buffer }> {
    const c = await this.campaigns.get(campaignId);
    if (!c) throw campaignNotFound(campaignId);
    await this.tenancy.requireRead(actor, c, 'supervision-notice');
    const task = await this.campaigns.task(campaignId, taskId);
    if (!task) throw new NotFoundException({ message: `任务不存在 (task ${taskId} not found in campaign ${campaignId})` });
    const esc = await this.reminders.search(campaignId, { taskId, level: 'escalation', limit: 10, offset: 0 });
    if (esc.total === 0 || !task.dueAt) throw new ConflictException({ message: `此任务尚未督办，不能出具督办通知单 (task ${taskId} has not been escalated)` });
    const template = await this.templates.get(c.templateId).catch(() => null);
    const dir = c.organizationId ? await this.orgs.directory(c.organizationId) : null;
    // addressed to every unit that still owes the task (the policy's escalation addressees: all units of a joint task
    // until one submits, then those still to confirm); the task's own unit when no unit owes it any more
    const owing = escalationRecipients(taskFactsFromView(task.view), 1).filter((r) => r.startsWith('unit-leader:')).map((r) => r.slice('unit-leader:'.length));
    const unitIds = owing.length ? owing : task.unitId ? [task.unitId] : [];
    const units = unitIds.map((id) => ({ id, entry: dir?.units.find((u) => u.unitId === id) }));
    const names = (ids: string[]) => [...new Set(ids)].map((id) => dir?.users.find((u) => u.id === id)?.name ?? id);
    let overdue = 0;
    try {
      overdue = Math.max(0, this.calendar.workingDaysBetween(localDate(task.dueAt.getTime()), localDate(now.getTime())));
    } catch (e) {
      if (!(e instanceof CalendarNotCoveredError)) throw e;
      overdue = Math.max(0, Math.floor((now.getTime() - task.dueAt.getTime()) / 86400_000));
    }
    const level = Math.max(...esc.rows.map((r) => Number(r.dedupeKey.split('|').pop()) || 1));
    // the directory's name for the unit; a unit the directory knows only by its id (no unit row) takes the plan's name
    const nameOf = (u: (typeof units)[number]) => (u.entry && u.entry.name !== u.id ? u.entry.name : undefined) ?? template?.units.find((t) => t.id === u.id)?.name ?? u.id;
    const unitName = units.map(nameOf).join('、') || '领导小组办公室';
    const year = localYear(now.getTime());
    const body = await supervisionNoticeXlsx({
      number: `督〔${year}〕${campaignId.slice(-6)}-${esc.total}`, campaignName: c.name, unitName, unitCount: Math.max(1, units.length),
      responsibleLeaders: names(units.flatMap((u) => u.entry?.responsibleLeaders ?? [])), liaisons: names(units.flatMap((u) => u.entry?.liaisons ?? [])),
      taskTitle: task.title, indicatorCode: task.indicatorCode, dueAt: task.dueAt.getTime(), overdueWorkingDays: overdue, escalationLevel: level,
      firstEscalatedAt: esc.rows[0]?.scheduledAt.getTime() ?? null, accountability: template?.accountability ?? [],
      assessment: (template?.assessment ?? []).filter((a) => a.appliesTo === 'escalation').map((a) => ({ label: a.label, text: a.text })), issuedAt: now.getTime(),
      issuer: `${template?.region.name ?? c.region}生态文明建设示范区创建工作领导小组办公室`,
    });
    return { fileName: `督办通知单-${unitName}-${task.title}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), body };
  }

  async mine(actor: Actor, q: NotificationQueryDto) {
    // 待处理 as 我的待办 reads it (a 分管负责人 is not asked for the unit's 报送 while it has a liaison)
    const r = await this.repo.userItems(actor.id, await inboxPrincipals(actor, this.orgs), { campaignId: q.campaignId, level: q.level, unread: q.unread, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { total: r.total, unread: r.unread, limit: q.limit ?? 50, offset: q.offset ?? 0, items: r.rows.map(itemOut) };
  }

  async markRead(actor: Actor, b: MarkReadDto) {
    if (!b.all && !(b.ids && b.ids.length)) throw new BadRequestException({ message: ['给出 ids 或 all: true (give ids or all: true)'], error: 'Bad Request' });
    return { marked: await this.repo.markRead(actor.id, b.all ? 'all' : (b.ids ?? []), new Date()) };
  }

  async preferences(actor: Actor) {
    const [p, [account], unavailable] = await Promise.all([this.repo.preferences([actor.id]).then((m) => m.get(actor.id)), this.users.findByIds([actor.id]), this.unavailableChannels(actor)]);
    // accountEmail: whether the account has an address of its own (an empty 接收邮箱 falls back to it; without either,
    // e-mail is not sent — 提醒设置 says so)
    return { channels: p?.channels ?? DEFAULT_CHANNELS, email: p?.email ?? null, mobile: p?.mobile ?? null, chosen: !!p, accountEmail: !!account?.email, unavailable };
  }

  /**
   * The channels that would reach nobody now, and why (提醒设置 says so beside a ticked one): those this deployment
   * does not deliver (channelConfigured, as the router), and for a unit's people the group robot when neither their
   * unit nor their organization has one (the router posts a unit's reminders to that unit's robot).
   */
  private async unavailableChannels(actor: Actor): Promise<{ channel: ExternalChannel; reason: string }[]> {
    const out: { channel: ExternalChannel; reason: string }[] = [];
    if (!channelConfigured(this.config, 'email')) out.push({ channel: 'email', reason: '本系统尚未配置邮件服务器，暂不发送电子邮件' });
    if (!channelConfigured(this.config, 'sms')) out.push({ channel: 'sms', reason: '本系统尚未开通短信发送' });
    if (!channelConfigured(this.config, 'robot')) out.push({ channel: 'robot', reason: '本系统已关闭工作群机器人提醒' });
    else if (actor.unitId && !(await this.repo.robotsFor(actor.unitId, actor.organizationId ?? null)).length) out.push({ channel: 'robot', reason: '本单位尚未设置工作群机器人（请联系领导小组办公室在「用户与单位 → 工作群机器人」中设置）' });
    return out;
  }

  async setPreferences(actor: Actor, b: PreferencesDto) {
    const channels = withInApp(b.channels);
    await this.repo.setPreferences(actor.id, { channels, email: b.email ?? null, mobile: b.mobile ?? null });
    return this.preferences(actor);
  }

  /** 死信: an administrator's, every organization's; the office's, those of its own organization's campaigns. */
  async deadLetters(actor: Actor, limit = 50, offset = 0) {
    const all = managesEvery(actor);
    if (!all && !actor.organizationId) return { total: 0, limit, offset, items: [] };
    const r = await this.repo.deadLetters(limit, offset, all ? undefined : actor.organizationId!);
    return { total: r.total, limit, offset, items: r.rows.map(deliveryOut) };
  }

  /** 重新投递 of a dead letter; another organization's does not exist for the office (404). */
  async retry(actor: Actor, id: string) {
    const all = managesEvery(actor);
    const row = all || actor.organizationId ? await this.repo.delivery(id, all ? undefined : actor.organizationId!) : null;
    if (!row) throw new NotFoundException({ message: `投递记录不存在 (delivery ${id} not found)` });
    const r = await this.repo.retryDead(id, new Date());
    if (!r) throw new BadRequestException({ message: [`只能重试死信 (delivery ${id} is ${row.status}, not dead)`], error: 'Bad Request' });
    return deliveryOut(r);
  }

  /** 群机器人: an administrator's, every organization's; the office's, its own organization's and its units' (the access policy's manage-delivery). */
  async robots(actor: Actor) {
    const all = managesEvery(actor);
    if (!all && !actor.organizationId) return [];
    return (await this.repo.robots(all ? undefined : actor.organizationId!)).map(robotOut);
  }

  /**
   * Adds or replaces the robot of a kind for an organization or one of its units. The organization: the one named, else
   * the caller's own; an organization's robot is its own (scopeId = the organization), a unit's must be a unit of it.
   */
  async putRobot(actor: Actor, b: RobotDto) {
    const organizationId = b.organizationId ?? (b.scope === 'organization' ? b.scopeId : (actor.organizationId ?? null));
    if (!organizationId) throw new BadRequestException({ message: ['organizationId is required / 请指定机器人所属组织'] });
    const may = mayManageDelivery(actor, { organizationId });
    if (!may.allowed) throw refusalToHttp({ code: may.code, message: may.reason });
    const problems: string[] = [];
    if (!(await this.orgs.get(organizationId))) problems.push(`组织不存在 (organization ${organizationId} does not exist)`);
    else if (b.scope === 'organization' && b.scopeId !== organizationId) problems.push(`组织机器人须属于该组织本身 (scopeId ${b.scopeId} is not the organization ${organizationId})`);
    else if (b.scope === 'unit' && !(await this.orgs.unit(organizationId, b.scopeId))) problems.push(`本组织没有单位 ${b.scopeId} (unit ${b.scopeId} is not a unit of ${organizationId})`);
    if (problems.length) throw new BadRequestException({ message: problems });
    const id = `${b.kind}-${b.scope}-${createHash('sha256').update(`${organizationId}/${b.scopeId}`).digest('hex').slice(0, 12)}`;
    return robotOut(await this.repo.upsertRobot({ id, kind: b.kind, scope: b.scope, scopeId: b.scopeId, organizationId, webhook: b.webhook, secret: b.secret ?? null }));
  }

  /** Deletes a robot; another organization's does not exist for the office (404). */
  async deleteRobot(actor: Actor, id: string) {
    const r = await this.repo.robot(id);
    if (!r || !mayManageDelivery(actor, { organizationId: r.organizationId }).allowed || !(await this.repo.deleteRobot(id))) throw new NotFoundException({ message: `机器人不存在 (robot ${id} not found)` });
  }

  async problems(actor: Actor, campaignId: string) {
    const c = await this.campaigns.get(campaignId);
    if (!c) throw campaignNotFound(campaignId);
    await this.tenancy.requireRead(actor, c, 'notification-problems');
    return (await this.repo.problems(campaignId)).map(mapProblem);
  }
}

function itemOut(i: ItemRow) {
  return {
    id: i.id, kind: i.kind, campaignId: i.campaignId, campaignName: i.campaignName ?? null, taskId: i.taskId, unitId: i.unitId, level: i.level, title: i.title, message: i.message, link: i.link,
    dueAt: iso(i.dueAt), at: i.at.toISOString(), read: i.readAt !== null, readAt: iso(i.readAt), pending: i.pending ?? false, done: i.done ?? false,
  };
}

export function deliveryOut(d: DeliveryRow) {
  return {
    id: d.id, channel: d.channel, recipient: d.recipient, recipientName: d.recipientName ?? null, address: d.channel === 'dingtalk' || d.channel === 'wecom' ? d.address : maskAddress(d.address), kind: d.kind,
    sendAt: d.sendAt.toISOString(), status: d.status, attempts: d.attempts, nextAttemptAt: d.nextAttemptAt.toISOString(), lastError: d.lastError,
    sentAt: iso(d.sentAt), subject: d.payload?.subject ?? null, updatedAt: d.updatedAt.toISOString(),
  };
}

function maskAddress(a: string): string {
  if (a.includes('@')) return a.replace(/^(.).*(@.*)$/, '$1***$2');
  return a.length > 7 ? `${a.slice(0, 3)}****${a.slice(-4)}` : a;
}

/** The access policy's manage-delivery: robots and dead letters of an organization (an administrator: any). */
const mayManageDelivery = (actor: Actor, target: DeliveryFacts) => authorize({ units: [], separationOfDuties: true }, actor, { kind: 'manage-delivery', target });
/** Whether the policy lets the actor manage every organization's delivery — even a robot of none (an administrator). */
const managesEvery = (actor: Actor) => mayManageDelivery(actor, { organizationId: null }).allowed;

/** A robot as the API answers it: its webhook's token masked, whether it signs (加签), never the secret. */
function robotOut(r: RobotRow) {
  return { id: r.id, kind: r.kind, scope: r.scope, scopeId: r.scopeId, organizationId: r.organizationId, webhook: maskWebhook(r.webhook), signed: !!r.secret };
}

function maskWebhook(u: string): string {
  return u.replace(/(access_token|key)=([^&]{4})[^&]*/g, '$1=$2…');
}

/** A reminder that reached nobody, as the API answers it. */
export function mapProblem(r: NotificationProblemRow): NotificationProblemDto {
  return { id: r.id, taskId: r.task_id, unitId: r.unit_id, level: r.level, recipientKey: r.recipient_key, reason: r.reason, code: r.code, createdAt: r.created_at.toISOString() };
}
