/**
 * The delivery loop (worker side, driven by notification_deliveries.next_attempt_at — no timers anywhere else):
 * every NOTIFY_POLL_MS it claims due rows with a lease, renders each batch once (frozen in the row, so a resend is the
 * same message with the same Message-ID), holds anything outside working hours to the next working morning, sends,
 * and records the outcome: sent, or a retry after exponential backoff (capped), or — after NOTIFY_MAX_ATTEMPTS — a dead
 * letter the office can see and retry. A process killed mid-send leaves its rows 'sending' with a lease; when the lease
 * expires another (or the restarted) dispatcher claims them again. Guarantee: at-least-once per (recipient, channel,
 * batch); a duplicate is possible only if the process dies after the receiver accepted and before 'sent' is committed.
 * Plain class (no DI) so a bare process can run it too.
 */
import { randomUUID } from 'crypto';
import type { AppConfig } from '@eco/config';
import { reminderTaskCount, type WorkingCalendar } from '@eco/domain';
import { EmailChannel, dingTalkBody, dingTalkUrl, postRobot, weComBody, HttpSmsProvider, SmsProvider, MessageItem, renderMessage, atCurrentDue, backoffMs, urgentSendAt, WorkingHours } from '@eco/notifications';
import type { DeliveryRow, ItemRow, NotificationDeliveryRepository } from '@eco/persistence';

/** Why a batch goes unsent (its frozen payload and the log say so): every item was done or out of date when it went. */
export const NOTHING_LEFT = '所列事项在发送时均已处理或已过时，未发送';

/** Before-deadline reminder levels (即将到期, 临近到期). */
const BEFORE_LEVELS = new Set(['blue', 'yellow']);
/** Overdue reminders: 逾期催办 and 督办 (escalation). */
const OVERDUE_LEVELS = new Set(['red', 'escalation']);

export interface DispatchStats {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
  held: number;
  /** Batches left with nothing to say when they went (every item done or out of date): not sent. */
  skipped: number;
}

export class NotificationDispatcher {
  readonly owner = `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly email?: EmailChannel;
  private readonly sms?: SmsProvider;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly repo: NotificationDeliveryRepository,
    private readonly config: AppConfig,
    private readonly calendar: WorkingCalendar,
    private readonly hours: WorkingHours,
    private readonly log: { log(m: string): void; warn(m: string): void; error(m: string): void } = console,
    /** Only batches of campaigns whose id starts so (sharding; tests). */
    private readonly campaignPrefix?: string,
  ) {
    if (config.NOTIFY_SMTP_URL) this.email = new EmailChannel(config.NOTIFY_SMTP_URL, config.NOTIFY_SMTP_FROM);
    if (config.NOTIFY_SMS_URL) this.sms = new HttpSmsProvider({ url: config.NOTIFY_SMS_URL, token: config.NOTIFY_SMS_TOKEN, sign: config.NOTIFY_SMS_SIGN });
  }

  /** Polls until stop(); `beforePass` runs first on every pass (the worker routes reminders a failed activity left). */
  start(beforePass?: () => Promise<unknown>): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = (async () => {
        if (beforePass) await beforePass();
        return this.drain();
      })().catch((e: Error) => this.log.error(`delivery loop: ${e.message}`));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.config.NOTIFY_POLL_MS);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.email?.close();
  }

  /** Runs passes until nothing due is left. */
  async drain(now?: () => Date): Promise<DispatchStats> {
    const total: DispatchStats = { claimed: 0, sent: 0, failed: 0, dead: 0, held: 0, skipped: 0 };
    for (let i = 0; i < 100; i++) {
      const s = await this.runOnce(now ? now() : new Date());
      for (const k of Object.keys(total) as (keyof DispatchStats)[]) total[k] += s[k];
      if (s.claimed === 0 || this.stopped) break;
    }
    return total;
  }

  /** One pass at instant `now`: claim what is due, send it. */
  async runOnce(now: Date = new Date(), limit = 20): Promise<DispatchStats> {
    const stats: DispatchStats = { claimed: 0, sent: 0, failed: 0, dead: 0, held: 0, skipped: 0 };
    const rows = await this.repo.claim(this.owner, now, this.config.NOTIFY_LEASE_MS, limit, this.campaignPrefix);
    stats.claimed = rows.length;
    for (const row of rows) await this.process(row, now, stats);
    return stats;
  }

  private async process(row: DeliveryRow, now: Date, stats: DispatchStats): Promise<void> {
    const allowedAt = urgentSendAt(now.getTime(), this.calendar, this.hours);
    if (allowedAt !== now.getTime()) {
      await this.repo.hold(row.id, this.owner, new Date(allowedAt));
      stats.held++;
      return;
    }
    try {
      const payload = row.payload ?? (await this.repo.freeze(row.id, this.owner, await this.render(row, now)));
      if ((payload.items ?? []).length === 0) {
        // Nothing left to say: not sent — the row closed 'skipped' (never retried), why in its payload.
        await this.repo.markSkipped(row.id, this.owner);
        stats.skipped++;
        this.log.log(`delivery ${row.id} (${row.channel} → ${row.recipient}) not sent: ${payload.skipped ?? NOTHING_LEFT}`);
        return;
      }
      await this.send(row, payload);
      await this.repo.markSent(row.id, this.owner, now);
      stats.sent++;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (row.attempts >= this.config.NOTIFY_MAX_ATTEMPTS) {
        await this.repo.markFailed(row.id, this.owner, msg, null);
        stats.dead++;
        this.log.error(`delivery ${row.id} (${row.channel} → ${row.recipient}) dead-lettered after ${row.attempts} attempts: ${msg}`);
      } else {
        await this.repo.markFailed(row.id, this.owner, msg, new Date(now.getTime() + backoffMs(row.attempts, this.config.NOTIFY_RETRY_BASE_MS, this.config.NOTIFY_RETRY_CAP_MS)));
        stats.failed++;
        this.log.warn(`delivery ${row.id} (${row.channel} → ${row.recipient}) attempt ${row.attempts} failed: ${msg}`);
      }
    }
  }

  /**
   * The batch's message, rendered once, when it goes — what is true then, not when its items were written (a batch
   * held overnight went out at 09:00 listing a 【新任务】 approved the evening before). Items that asked their reader to
   * act on a task that no longer waits for them are left out (stillAsked), each item shows its task's deadline now
   * (atCurrentDue); a batch left with nothing is not sent (process). Robot batches list each task once and @mention
   * the people concerned.
   */
  private async render(row: DeliveryRow, now: Date): Promise<Record<string, unknown>> {
    const all = await this.repo.itemsOf(row.id);
    // each task's title and deadline now, read once: what reminders its date makes untrue, and each item's 截止
    const facts = await this.repo.taskFactsOf(all.flatMap((i) => (i.taskId ? [{ campaignId: i.campaignId, taskId: i.taskId }] : [])));
    const items = await this.stillAsked(withoutUntrueReminders(all, facts, now));
    if (!items.length) return { items: [], skipped: NOTHING_LEFT };
    // an item now pointing at another task of its 【新任务】 (towardStillWaiting): that task's deadline and title too
    const unread = items.filter((i) => i.taskId && !facts.has(`${i.campaignId}|${i.taskId}`)).map((i) => ({ campaignId: i.campaignId, taskId: i.taskId as string }));
    if (unread.length) for (const [k, v] of await this.repo.taskFactsOf(unread)) facts.set(k, v);
    const ids = [...new Set(items.map((i) => i.campaignId))];
    const [names, kinds] = await Promise.all([this.repo.campaignNames(ids), this.repo.campaignKinds(ids)]);
    const robot = row.recipient.startsWith('robot:');
    // Each task once per message, with its latest reminder (a digest may hold 第2次 and 第3次 催办 of the same task;
    // a robot batch holds the same reminder for several people of the unit). Notices are news each (退回 and why, then
    // 期限调整): every different one is kept, in order.
    const latest = new Map<string, (typeof items)[number]>();
    for (const i of [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id))) latest.set(`${i.campaignId}|${i.taskId}|${i.kind}${i.level === 'notice' || i.level === 'urge' ? `|${i.message}` : ''}`, i);
    const list: MessageItem[] = [...latest.values()].map((i) => {
      const item: MessageItem = {
        campaignId: i.campaignId, campaignName: names.get(i.campaignId) ?? null, campaignKind: kinds.get(i.campaignId) ?? null, taskId: i.taskId, title: i.title, level: i.level, kind: i.kind, message: i.message,
        dueAt: i.dueAt ? i.dueAt.getTime() : null, link: i.link, dedupeKey: i.dedupeKey ?? null,
        // how many tasks it names: those still to do of a re-pointed 【新任务】, else as many as its key lists
        tasks: i.tasks ?? (i.dedupeKey ? reminderTaskCount(i.dedupeKey) : 1),
      };
      const fact = i.taskId ? facts.get(`${i.campaignId}|${i.taskId}`) : undefined;
      return fact ? atCurrentDue(item, fact.dueAt ? fact.dueAt.getTime() : null, fact.title) : item;
    });
    const who = robot ? '各位' : (row.recipientName ?? '');
    const m = renderMessage(row.kind, list, row.sendAt.getTime(), who);
    return { ...m, items: list.map((i) => ({ campaignId: i.campaignId, taskId: i.taskId, level: i.level, kind: i.kind })), mentions: robot ? await this.repo.mentionsOf(row.id) : [] };
  }

  /**
   * Leaves out the items that asked their reader to act (新任务, 退回, 待审批, 催办, reminders…) whose task no longer waits
   * for them — done, approved, cancelled, or now waiting for someone else: those the 通知 list shows 已处理, by the same
   * rule (the repository's doneItems, each reader counted as their inbox counts them). News is kept.
   */
  private async stillAsked(items: ItemRow[]): Promise<ItemRow[]> {
    const asked = items.filter((i) => i.acts && i.taskId);
    if (!asked.length) return items;
    const principals = await this.repo.inboxPrincipalsOf([...new Set(asked.map((i) => i.userId))]);
    const [done, listed] = await Promise.all([this.repo.doneItems(asked, principals), this.repo.listedStillWaiting(asked, principals)]);
    return items.filter((i) => !done.has(i.id)).map((i) => towardStillWaiting(i, listed.get(i.id)));
  }

  private async send(row: DeliveryRow, p: Record<string, any>): Promise<void> {
    switch (row.channel) {
      case 'email':
        if (!this.email) throw new Error('e-mail is not configured (NOTIFY_SMTP_URL)');
        return this.email.send(row.address, { subject: p.subject, text: p.text, html: p.html }, row.dedupeKey);
      case 'sms':
        if (!this.sms) throw new Error('SMS is not configured (NOTIFY_SMS_URL)');
        return this.sms.send({
          to: row.address, template: row.kind === 'digest' ? this.config.NOTIFY_SMS_TEMPLATE_DIGEST : this.config.NOTIFY_SMS_TEMPLATE_URGENT,
          // count: the tasks that ask the reader to act, as the subject counts them (news beside them is not counted);
          // a payload frozen before it carried its count: its items
          params: { count: String(p.count ?? p.items.length), summary: String(p.short).slice(0, 60) }, requestId: row.dedupeKey,
        });
      case 'dingtalk':
      case 'wecom': {
        const robot = await this.repo.robot(row.address);
        if (!robot) throw new Error(`robot ${row.address} no longer configured`);
        if (row.channel === 'dingtalk') return postRobot(dingTalkUrl(robot.webhook, robot.secret, Date.now()), dingTalkBody(p.subject, p.markdown, p.mentions ?? []));
        return postRobot(robot.webhook, weComBody(p.text, p.mentions ?? []));
      }
    }
  }
}

/**
 * Reminders the task's date now makes untrue, left out: before-deadline ones (即将到期 / 临近到期) of a task overdue by the
 * time the message goes (its 【逾期】 replaced them; a digest must not announce 即将到期 for it), and overdue ones (逾期催办,
 * 督办) of a task whose date was moved past the moment it goes (review: a 【逾期催办】 held overnight went out above a 截止
 * next week). `facts`: each task's deadline read at send time; a message left with nothing is not sent (see process).
 */
function withoutUntrueReminders(items: ItemRow[], facts: ReadonlyMap<string, { dueAt: Date | null }>, now: Date): ItemRow[] {
  return items.filter((i) => {
    if (i.kind !== 'reminder' || !i.taskId || !(BEFORE_LEVELS.has(i.level) || OVERDUE_LEVELS.has(i.level))) return true;
    const due = facts.get(`${i.campaignId}|${i.taskId}`)?.dueAt ?? i.dueAt;
    if (!due) return true;
    return BEFORE_LEVELS.has(i.level) ? due.getTime() > now.getTime() : due.getTime() <= now.getTime();
  });
}

/**
 * A 【新任务】 of several tasks whose own (first) task no longer waits for its reader while others of it still do: named
 * and linked by the first still waiting (its 截止 read when the message renders: atCurrentDue), its words saying how many
 * are done and which are left (walkthrough:
 * 「各单位提供…全部材料（县统计局）」等2项任务已下达 linked the materials task approved the evening before). Any other
 * item, or one whose own task still waits, is as it was.
 */
export function towardStillWaiting(i: ItemRow, l: { listed: number; waiting: { taskId: string; title: string; dueAt: Date | null }[] } | undefined): ItemRow {
  if (!l || !l.waiting.length || l.waiting.some((w) => w.taskId === i.taskId)) return i;
  const [first] = l.waiting;
  const left = `${l.waiting.slice(0, 3).map((w) => `「${w.title}」`).join('、')}${l.waiting.length > 3 ? `等${l.waiting.length}项` : ''}`;
  return {
    ...i,
    taskId: first.taskId,
    title: l.waiting.length > 1 ? `${first.title}等${l.waiting.length}项任务` : first.title,
    tasks: l.waiting.length,
    // the date its words state stays: the message's render shows that task's own 截止 and says the date differs
    link: i.link && i.taskId ? linkTo(i.link, i.taskId, first.taskId) : i.link,
    message: `${i.message}〔其中${l.listed - l.waiting.length}项已无需您办理，仍待办理：${left}〕`,
  };
}

/** A task's link (…/tasks/<id>) made the link of another task of the same campaign; any other link as it is. */
function linkTo(link: string, from: string, to: string): string {
  const tail = `/tasks/${encodeURIComponent(from)}`;
  return link.endsWith(tail) ? `${link.slice(0, -tail.length)}/tasks/${encodeURIComponent(to)}` : link;
}
