import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, calendarOverrideOf, channelConfigured } from '@eco/config';
import { callsToAct, campaignNotice, chineseReason, DEFAULT_CHANNELS, localDate, type ReminderLevel, REMINDER_PROBLEM_ADVICE, reminderTitle, WorkingCalendar } from '@eco/domain';
import { LEVEL_LABELS, Person, RecipientDirectory, resolveRecipients, coalescedSendAt, digestSendAt, parseTimeOfDay, urgentSendAt, WorkingHours } from '@eco/notifications';
import { DeliveryPlan, ItemPlan, NotificationDeliveryRepository, ReminderRow, RobotRow, RoutePlan } from '@eco/persistence';
import { DirectorySource } from './notification-directory';

/**
 * What waits for the person's daily digest: before-reminders (blue, yellow) and repeated overdue reminders (red n ≥ 2,
 * "第N次催办": the task is already known to be late). The first red, every escalation and every notice (待办通知: a task
 * assigned, returned, waiting for its signers, approved) go at once (working hours).
 */
export function digestLevel(level: string, n: number): boolean {
  return level === 'blue' || level === 'yellow' || (level === 'red' && n >= 2);
}

/**
 * The urgent levels that go at their instant: an overdue reminder (its first, 逾期) and 督办 — a deadline passed — and
 * 无人接收 (the office told that a reminder reached nobody stands for it). Notices (待审批, 新任务, 退回…) and 催办 wait
 * the coalescing window (NOTIFY_COALESCE_MS) so that a burst reaches each person as one message.
 */
export const ON_TIME_LEVELS: ReadonlySet<string> = new Set(['red', 'escalation', 'unresolved']);

/** The reason a notification problem gives when e-mail is on for a person without an address (NotificationProblemRow). */
export const NO_EMAIL_REASON = '未填写邮箱，邮件未发送';
export function noEmailReason(name: string): string {
  return `${NO_EMAIL_REASON}：${name}的提醒设置中电子邮件已开启，但未填写邮箱地址（站内提醒照常）`;
}

export function workingHoursOf(c: AppConfig): WorkingHours {
  return { digestAt: parseTimeOfDay(c.NOTIFY_DIGEST_TIME), workStart: parseTimeOfDay(c.NOTIFY_WORK_START), workEnd: parseTimeOfDay(c.NOTIFY_WORK_END) };
}

/** The calendar deadlines use (package data + CALENDAR_OVERRIDE_FILE, read by the configuration's calendarOverrideOf). */
export function calendarOf(c: AppConfig): WorkingCalendar {
  return new WorkingCalendar({ override: calendarOverrideOf(c) });
}

/**
 * Routes reminders to people: each reminder of the outbox is resolved to named active users (or recorded as a problem
 * and notified to the office), becomes one in-app item per person, and joins that person's batches on the channels they
 * chose — the day's digest for blue/yellow, an urgent batch (held to working hours) for red and escalations.
 */
@Injectable()
export class NotificationRouter {
  private readonly log = new Logger('NotificationRouter');
  private readonly calendar: WorkingCalendar;
  private readonly hours: WorkingHours;

  constructor(
    private readonly repo: NotificationDeliveryRepository,
    @Inject(DirectorySource) private readonly directories: DirectorySource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.calendar = calendarOf(config);
    this.hours = workingHoursOf(config);
  }

  /**
   * Routes every unrouted reminder (of one campaign, or all; only those enqueued at least `minAgeMs` ago — the worker's
   * catch-up for reminders an activity left behind). Returns how many reminders were routed.
   */
  async routePending(campaignId?: string, now: Date = new Date(), minAgeMs = 0, lane?: { index: number; of: number }): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.repo.route(100, campaignId, (rows) => this.plan(rows, now), minAgeMs, lane);
      total += r.reminders;
      if (r.problems) this.log.warn(`${r.problems} notification problem(s): recipients resolved to nobody or e-mail on without an address (listed for the office)`);
      // fewer than a batch left, or another router holds every candidate read (it routes them, and what follows)
      if (r.candidates < 100 || r.reminders === 0) return total;
    }
  }

  private link(campaignId: string, taskId: string | null): string {
    const base = this.config.NOTIFY_WEB_BASE_URL.replace(/\/$/, '');
    return taskId ? `${base}/campaigns/${encodeURIComponent(campaignId)}/tasks/${encodeURIComponent(taskId)}` : `${base}/campaigns/${encodeURIComponent(campaignId)}`;
  }

  /**
   * Plans a batch of reminders with a fixed number of reads, whatever its size (a burst routes hundreds of reminders of
   * many campaigns of one organization at once): the campaigns' organizations, each organization's directory, the tasks'
   * facts, the people's preferences and the units' robots — each read once for the batch, in one query where the
   * source allows it. Within the batch only: who holds a duty is read when the reminder is delivered, never from an
   * older batch.
   */
  private async plan(rows: ReminderRow[], now: Date): Promise<RoutePlan[]> {
    const campaignIds = [...new Set(rows.map((r) => r.campaignId))];
    const src = this.directories;
    const dirOf = new Map<string, { organizationId: string | null; directory: RecipientDirectory }>();
    if (src.organizationsOf && src.forOrganization) {
      const orgs = await src.organizationsOf(campaignIds);
      const byOrg = new Map<string | null, Promise<RecipientDirectory>>();
      for (const id of campaignIds) {
        const organizationId = orgs.get(id) ?? null;
        if (!byOrg.has(organizationId)) byOrg.set(organizationId, src.forOrganization(organizationId));
        dirOf.set(id, { organizationId, directory: await byOrg.get(organizationId)! });
      }
    } else {
      for (const id of campaignIds) dirOf.set(id, await src.forCampaign(id));
    }
    // a notice about the campaign (campaignNotice: the leaders' 【活动终止】) names and links the campaign, not a task
    const aboutCampaign = new Set(rows.filter((r) => campaignNotice(r.dedupeKey)).map((r) => r.id));
    const facts = await this.repo.taskFactsOf(rows.filter((r) => !aboutCampaign.has(r.id)).map((r) => ({ campaignId: r.campaignId, taskId: r.taskId })));
    const campaignNames = aboutCampaign.size ? await this.repo.campaignNames([...new Set(rows.filter((r) => aboutCampaign.has(r.id)).map((r) => r.campaignId))]) : new Map<string, string>();
    const resolved = rows.map((r) => {
      const { organizationId, directory } = dirOf.get(r.campaignId)!;
      const n = Number(r.dedupeKey.split('|').pop()) || 1;
      const res = resolveRecipients({ level: r.level, n, recipients: r.recipients }, directory);
      // A reminder nobody can receive is news for the office (below); a notice nobody can receive is only listed as a
      // problem — a campaign's start tells every unit of every task, and a storm of 无人接收 items would bury the office.
      const office = res.unresolved.length && r.level !== 'notice' ? directory.withRole('office').filter((x) => x.active) : [];
      return { r, n, res, office, organizationId };
    });
    const prefs = await this.repo.preferences([...new Set(resolved.flatMap((x) => [...x.res.people.map((p) => p.person.id), ...x.office.map((o) => o.id)]))]);
    const robots = channelConfigured(this.config, 'robot')
      ? await this.repo.robotsForMany(resolved.filter((x) => x.res.people.length).map((x) => ({ unitId: x.r.unitId, organizationId: x.organizationId })))
      : undefined;
    const robotsFor = (unitId: string | null, organizationId: string | null) => robots?.(unitId, organizationId) ?? [];
    const plans: RoutePlan[] = [];
    // People whose e-mail is on (chosen, or by default) while they have no address: e-mail cannot reach them (they still
    // get in-app and their other channels). Listed for the office once per person, campaign and day (not per reminder).
    const noEmail = new Set<string>();
    const missingEmail = (r: ReminderRow, p: Person, taskId: string | null) => {
      if (!channelConfigured(this.config, 'email')) return [];
      const pref = prefs.get(p.id);
      if (!(pref?.channels ?? DEFAULT_CHANNELS).includes('email') || (pref?.email ?? p.email)) return [];
      const dedupeKey = `no-email|${r.campaignId}|user:${p.id}|${localDate(Math.max(r.scheduledAt.getTime(), now.getTime()))}`;
      if (noEmail.has(dedupeKey)) return [];
      noEmail.add(dedupeKey);
      return [{ campaignId: r.campaignId, taskId, unitId: p.unitId ?? r.unitId, level: r.level, recipientKey: `user:${p.id}`, reason: noEmailReason(p.name), code: 'no-email' as const, dedupeKey }];
    };
    for (const { r, n, res, office } of resolved) {
      const campaignId = r.campaignId;
      const { organizationId } = dirOf.get(campaignId)!;
      const fact = facts.get(`${campaignId}|${r.taskId}`);
      // About the campaign (the leaders' 【活动终止】 / 【创建未通过】): titled by its name, linked to its page, its items and
      // problems on no task — the outbox row's task (required there) is only where the workflow wrote it from.
      const campaignWide = aboutCampaign.has(r.id);
      const taskId = campaignWide ? null : r.taskId;
      // a 【新任务】 of several tasks: 「A等N项任务」 (its SMS and e-mail subject name no single task)
      const title = campaignWide ? (campaignNames.get(campaignId) ?? campaignId) : reminderTitle(r.dedupeKey, fact?.title ?? r.taskId);
      const dueAt = fact?.dueAt ?? null;
      const base = { campaignId, taskId, unitId: r.unitId, level: r.level, title, dueAt, at: r.scheduledAt, link: this.link(campaignId, taskId) };
      const items: ItemPlan[] = [];
      const acts = callsToAct(r.level as ReminderLevel, r.dedupeKey);
      for (const { person: p } of res.people) {
        items.push({ ...base, userId: p.id, kind: 'reminder', message: r.message, dedupeKey: `${r.dedupeKey}|user:${p.id}`, acts, deliveries: this.deliveries(p, prefs.get(p.id), digestLevel(r.level, n) ? 'digest' : r.level, r.scheduledAt, now, r.unitId, organizationId, robotsFor) });
      }
      const problems = [
        ...res.unresolved.map((u) => ({ campaignId, taskId, unitId: r.unitId, level: r.level, recipientKey: u.key, reason: u.reason, code: u.code, dedupeKey: `${r.dedupeKey}|${u.key}` })),
        ...[...res.people.map((x) => x.person), ...office].flatMap((p) => missingEmail(r, p, taskId)),
      ];
      // A reminder nobody can receive is itself news for the office: its own urgent notification to every office user.
      for (const o of office) {
        for (const u of res.unresolved) {
          items.push({
            ...base, userId: o.id, kind: 'unresolved', message: `「${title}」的${LEVEL_LABELS[r.level] ?? r.level}提醒无人接收：${chineseReason(u.reason)}。${REMINDER_PROBLEM_ADVICE[u.code]}`,
            dedupeKey: `${r.dedupeKey}|unresolved|${u.key}|user:${o.id}`, acts: false, deliveries: this.deliveries(o, prefs.get(o.id), 'unresolved', r.scheduledAt, now, null, null, robotsFor),
          });
        }
      }
      plans.push({
        reminderId: r.id,
        // (the reminder log's shape: key and reason; the code is the problem's)
        resolved: { people: res.people.map((p) => ({ id: p.person.id, name: p.person.name, via: p.via })), unresolved: res.unresolved.map(({ key, reason }) => ({ key, reason })) },
        items,
        problems,
      });
    }
    return plans;
  }

  /** The batches one person's item joins, per channel they chose (`level` 'digest' = the daily digest, else urgent). */
  private deliveries(
    p: Person,
    pref: { channels: string[]; email: string | null; mobile: string | null } | undefined,
    level: string,
    at: Date,
    now: Date,
    unitId: string | null,
    organizationId: string | null,
    /** The batch's robots (read once for the batch, see plan). */
    robotsFor: (unitId: string | null, organizationId: string | null) => RobotRow[],
  ): DeliveryPlan[] {
    const channels = pref?.channels ?? DEFAULT_CHANNELS;
    const email = pref?.email ?? p.email;
    const mobile = pref?.mobile ?? p.mobile;
    const t = Math.max(at.getTime(), now.getTime());
    const digest = level === 'digest';
    const when = digest
      ? (() => {
          const s = digestSendAt(t, this.calendar, this.hours);
          return { kind: 'digest' as const, sendAt: new Date(s), fallbackSendAt: new Date(digestSendAt(s + 1, this.calendar, this.hours)) };
        })()
      : {
          kind: 'urgent' as const,
          // overdue and 督办 at their instant (lateness matters); the rest waits NOTIFY_COALESCE_MS for what follows
          sendAt: new Date(ON_TIME_LEVELS.has(level) ? urgentSendAt(t, this.calendar, this.hours) : coalescedSendAt(t, this.config.NOTIFY_COALESCE_MS, this.calendar, this.hours)),
        };
    const out: DeliveryPlan[] = [];
    if (channelConfigured(this.config, 'email') && email && channels.includes('email')) out.push({ channel: 'email', recipient: `user:${p.id}`, address: email, recipientName: p.name, ...when });
    if (channelConfigured(this.config, 'sms') && mobile && channels.includes('sms')) out.push({ channel: 'sms', recipient: `user:${p.id}`, address: mobile, recipientName: p.name, ...when });
    if (channelConfigured(this.config, 'robot') && channels.includes('robot') && level !== 'unresolved') {
      for (const robot of robotsFor(unitId, organizationId)) {
        out.push({ channel: robot.kind, recipient: `robot:${robot.id}`, address: robot.id, mention: mobile ?? null, ...when });
      }
    }
    return out;
  }
}

export type { RecipientDirectory };
