import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ASSIGNED_IDS_PATTERN, CAMPAIGN_GOES_ON, inboxPrincipalsOf, LIVE_STATUSES, localDate, NOBODY, type ReminderProblemCode, type Role, ROLES } from '@eco/domain';

/** The office as a principal: who a step nobody can sign reminds (reminderRecipients). */
const OFFICE = 'role:office';
import { OrganizationRepository } from './organization.repository';

/** A reminder row of notification_outbox waiting to be routed to people. */
export interface ReminderRow {
  id: string;
  campaignId: string;
  taskId: string;
  unitId: string | null;
  level: string;
  recipients: string[];
  message: string;
  scheduledAt: Date;
  dedupeKey: string;
}

export interface DeliveryPlan {
  channel: 'email' | 'sms' | 'dingtalk' | 'wecom';
  /** `user:<id>` or `robot:<id>`. */
  recipient: string;
  /** E-mail address, mobile number, or robot id. */
  address: string;
  /** How the message greets the recipient (the person's name). */
  recipientName?: string | null;
  kind: 'digest' | 'urgent';
  sendAt: Date;
  /** Robots: the person's mobile to @mention. */
  mention?: string | null;
  /** Digest only: where the item goes when the digest of `sendAt` is already being sent (the next one). */
  fallbackSendAt?: Date;
}

export interface ItemPlan {
  userId: string;
  kind: 'reminder' | 'unresolved';
  campaignId: string;
  taskId: string | null;
  unitId: string | null;
  level: string;
  title: string;
  message: string;
  link: string | null;
  dueAt: Date | null;
  at: Date;
  dedupeKey: string;
  /** It asks its reader to act (the domain's callsToAct): done (已处理) once its task no longer waits for them. */
  acts: boolean;
  deliveries: DeliveryPlan[];
}

export interface RoutePlan {
  reminderId: string;
  resolved: unknown;
  items: ItemPlan[];
  problems: { campaignId: string; taskId: string | null; unitId: string | null; level: string; recipientKey: string; reason: string; code: ReminderProblemCode; dedupeKey: string }[];
}

export interface DeliveryRow {
  id: string;
  channel: DeliveryPlan['channel'];
  recipient: string;
  address: string;
  recipientName: string | null;
  kind: 'digest' | 'urgent';
  sendAt: Date;
  payload: Record<string, any> | null;
  /** 'skipped': closed unsent — every item was done or out of date when it went (its payload says why); never retried. */
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'dead';
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  dedupeKey: string;
}

/** A stored in-app item: the plan's fields (without its dedupe key and deliveries) as read back. */
export interface ItemRow extends Omit<ItemPlan, 'dedupeKey' | 'deliveries'> {
  id: string;
  /** Its key (the reminder's, then its reader): names the notice's occasion (the domain's campaignNotice). */
  dedupeKey?: string;
  /** In memory only: how many tasks it names now (a 【新任务】 re-pointed to those still to do: the dispatcher). */
  tasks?: number;
  readAt: Date | null;
  createdAt: Date;
  /** The campaign's name (userItems only: a person in two campaigns reads the same words from each). */
  campaignName?: string | null;
  /** userItems only: its task waits for the reader now (in their 我的待办). */
  pending?: boolean;
  /** userItems only: it asked the reader to act and its task no longer waits for them (已处理; not counted unread). */
  done?: boolean;
}

/** A task whose reminders the inbox shows; `since`: only those after it (the domain's waitingSince). */
export interface ReminderKey {
  campaignId: string;
  taskId: string;
  since?: Date | null;
}

/** A task's newest reminder and how many there were (since its key's `since`), `escalations` of them 督办. */
export interface LatestReminder {
  level: string;
  at: Date;
  message: string;
  n: number;
  escalations: number;
}

export interface ItemFilter {
  campaignId?: string;
  level?: string;
  unread?: boolean;
  limit: number;
  offset: number;
}

const localDay = (d: Date) => localDate(d.getTime());

function rowsOf(result: unknown): any[] {
  // TypeORM's postgres driver answers UPDATE … RETURNING with [rows, affectedCount].
  return Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as any[]);
}

export function toDelivery(r: any): DeliveryRow {
  return {
    id: String(r.id), channel: r.channel, recipient: r.recipient, address: r.address, recipientName: r.recipient_name, kind: r.kind, sendAt: r.send_at, payload: r.payload,
    status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, leaseOwner: r.lease_owner, leaseUntil: r.lease_until, lastError: r.last_error,
    sentAt: r.sent_at, createdAt: r.created_at, updatedAt: r.updated_at, dedupeKey: r.dedupe_key,
  };
}

function toItem(r: any): ItemRow {
  return {
    id: String(r.id), userId: r.user_id, kind: r.kind, campaignId: r.campaign_id, taskId: r.task_id, unitId: r.unit_id, level: r.level, title: r.title,
    message: r.message, link: r.link, dueAt: r.due_at, at: r.at, readAt: r.read_at, createdAt: r.created_at, acts: r.acts,
    ...(r.dedupe_key !== undefined ? { dedupeKey: r.dedupe_key } : {}),
    ...(r.campaign_name !== undefined ? { campaignName: r.campaign_name } : {}),
    ...(r.pending !== undefined ? { pending: r.pending, done: r.done } : {}),
  };
}

/** SQL: whether the task row `tasks` waits for someone counting as `principals` (itemState's rule, office and nobody: included). */
function waitsFor(tasks: string, principals: string): string {
  return `(${tasks}.waiting_for && ${principals} OR ('${OFFICE}' = ANY(${principals}) AND EXISTS (SELECT 1 FROM unnest(${tasks}.waiting_for) w WHERE w LIKE '${NOBODY}:%')))`;
}

/**
 * Whether an in-app item `i` (its task `t` and campaign `c` joined, LEFT JOIN) waits for its reader now, and whether it
 * is done (已处理) — the one rule the 通知 list (userItems) and the dispatcher's messages (doneItems) read. `principals`:
 * an SQL text[] of whom the reader counts as (the inbox's); `goesOn` / `live`: the campaign and task statuses that
 * still go on (CAMPAIGN_GOES_ON, LIVE_STATUSES).
 */
function itemState(principals: string, goesOn: string, live: string): { pendingItem: string; done: string } {
  // …in a campaign that goes on, as 我的待办 reads it (an ended campaign's 【新任务】 is done, not unread for good)
  // A step nobody can sign waits for 'nobody:<place>' and its reminders go to the office (the domain's reminderRecipients):
  // for the office it still waits — its reminders are not 已处理, nor left out of its messages.
  const waits = (tasks: string) => waitsFor(tasks, principals);
  const pending = `coalesce(t.status = ANY(${live}) AND ${waits('t')} AND c.status = ANY(${goesOn}), false)`;
  // An item of an earlier round is done too (the round-1 【待审批】 once the task was returned and sent again): its
  // round is the third part of its key (`<campaign>|<task>|<round>|…`, the domain's reminder and notice keys), the
  // task's the number of its rounds.
  const itemRound = `(CASE WHEN split_part(i.dedupe_key, '|', 3) ~ '^[0-9]{1,6}$' THEN split_part(i.dedupe_key, '|', 3)::int END)`;
  const superseded = `coalesce(${itemRound} < jsonb_array_length(t.view -> 'rounds'), false)`;
  // A 【新任务】 of several tasks (the domain's `…|notice|assigned:<addressee>#<id>,<id>…@<instant>`) is pending while
  // one of its tasks still waits for the reader (in its round) and done once none does — not when its first is done.
  const listed = `string_to_array(substring(i.dedupe_key from '${ASSIGNED_IDS_PATTERN}'), ',')`; // the domain's pattern (a constant)
  const listedWaits = (also: string) =>
    `EXISTS (SELECT 1 FROM campaign_tasks lt WHERE lt.campaign_id = i.campaign_id AND lt.task_id = ANY(${listed})
       AND lt.status = ANY(${live}) AND ${waits('lt')} AND c.status = ANY(${goesOn})${also})`;
  const pendingItem = `(CASE WHEN ${listed} IS NULL THEN ${pending} ELSE ${listedWaits('')} END)`;
  const stillAsked = `NOT coalesce(${itemRound} < jsonb_array_length(lt.view -> 'rounds'), false)`;
  const done = `(i.acts AND i.task_id IS NOT NULL AND (CASE WHEN ${listed} IS NULL THEN (NOT ${pending} OR ${superseded}) ELSE NOT ${listedWaits(` AND ${stillAsked}`)} END))`;
  return { pendingItem, done };
}

/**
 * The delivery side of the reminder outbox: routing reminders to people (items + deliveries, one transaction per batch,
 * idempotent by dedupe keys), claiming due deliveries with a lease, recording outcomes, dead letters, in-app lists.
 */
/** A row of notification_problems: a reminder whose recipient resolved to nobody. */
export interface NotificationProblemRow {
  id: string;
  task_id: string | null;
  unit_id: string | null;
  level: string;
  recipient_key: string;
  reason: string;
  /** Why, as a code (REMINDER_PROBLEM_CODES): what to do about it follows it. */
  code: ReminderProblemCode;
  created_at: Date;
}

@Injectable()
export class NotificationDeliveryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Routes up to `limit` unrouted reminders (of one campaign, or all) in two steps. First the candidates are read and
   * `plan` finds their people and messages with no transaction open: planning reads the directory, preferences and
   * robots on other pool connections, and a router holding a transaction's connection while it waits for a second one
   * starves the pool — with as many routers as connections (a reminder burst) every writer of the process, the
   * campaigns' own persistence included, waited for the pool's timeout. Then one transaction locks the candidates that
   * are still unrouted (SKIP LOCKED: a concurrent router has the others), writes their items, problems and deliveries
   * and marks them routed, so a crash routes each reminder completely or not at all. `candidates` is how many were read.
   * The transaction runs a fixed number of statements whatever the batch's size (about eight: multi-row statements over
   * unnest'ed arrays), not a few per reminder: a burst of thousands of reminders at one instant is routed at the rate
   * of batches, not of round trips. `delivered_at` is the clock when the batch's rows are marked, just before commit.
   */
  async route(
    limit: number,
    campaignId: string | undefined,
    plan: (rows: ReminderRow[]) => Promise<RoutePlan[]>,
    minAgeMs = 0,
    /** Only the campaigns of one lane of `of` (hash of the campaign id): concurrent routers on disjoint rows. */
    lane?: { index: number; of: number },
  ): Promise<{ candidates: number; reminders: number; items: number; problems: number }> {
    const params: unknown[] = [limit, String(minAgeMs)];
    const inLane = lane && lane.of > 1 ? `AND mod(abs(hashtext(campaign_id)), $${params.push(lane.of)}) = $${params.push(lane.index)}` : '';
    // Due rows only: a row written ahead waits for its instant, then goes at once (the age is for rows a wake-up wrote).
    const rows: any[] = await this.ds.query(
      `SELECT * FROM notification_outbox WHERE delivered_at IS NULL AND scheduled_at <= now()
       AND (ahead OR created_at <= now() - ($2 || ' milliseconds')::interval)
       ${campaignId ? `AND campaign_id = $${params.push(campaignId)}` : ''} ${inLane}
       ORDER BY scheduled_at, id LIMIT $1`,
      params,
    );
    if (!rows.length) return { candidates: 0, reminders: 0, items: 0, problems: 0 };
    const reminders: ReminderRow[] = rows.map((r) => ({
      id: String(r.id), campaignId: r.campaign_id, taskId: r.task_id, unitId: r.unit_id, level: r.level, recipients: r.recipients, message: r.message,
      scheduledAt: r.scheduled_at, dedupeKey: r.dedupe_key,
    }));
    const plans = await plan(reminders);
    // One transaction and a fixed number of statements per batch, whatever its size: lock and re-check, then the
    // batch's problems, items, deliveries and outbox updates each in one multi-row statement.
    return this.ds.transaction(async (m) => {
      // Locks the candidates still unrouted (SKIP LOCKED: a concurrent router has the others; a writer withdrawing a
      // row holds it too) and, in the same statement, re-checks each row written ahead against the read model: it goes
      // only if its task is still as it was computed for (status, due date) in an active campaign. The read model is
      // written in the same transaction as the task's ahead rows, so a row of a task that moved on was normally
      // replaced already; one that was not (a write split part by part) is dropped here.
      const locked: { id: string; stale: boolean }[] = await m.query(
        `SELECT o.id::text AS id, (o.ahead AND NOT EXISTS (
           SELECT 1 FROM campaign_tasks t JOIN campaigns c ON c.id = t.campaign_id
           WHERE t.campaign_id = o.campaign_id AND t.task_id = o.task_id AND t.status = o.task_status
             AND t.due_at IS NOT DISTINCT FROM o.task_due_at AND c.status = 'active')) AS stale
         FROM notification_outbox o WHERE o.id = ANY($1::bigint[]) AND o.delivered_at IS NULL ORDER BY o.id FOR UPDATE OF o SKIP LOCKED`,
        [reminders.map((r) => r.id)],
      );
      const stale = locked.filter((r) => r.stale).map((r) => r.id);
      if (stale.length) await m.query(`DELETE FROM notification_outbox WHERE id = ANY($1::bigint[])`, [stale]);
      const mine = new Set(locked.filter((r) => !r.stale).map((r) => r.id));
      const routed = plans.filter((p) => mine.has(p.reminderId));
      if (!routed.length) return { candidates: rows.length, reminders: 0, items: 0, problems: 0 };
      const problems = routed.flatMap((p) => p.problems.map((pr) => ({ ...pr, reminderId: p.reminderId })));
      const insertedProblems: unknown[] = problems.length
        ? await m.query(
            `INSERT INTO notification_problems (campaign_id, reminder_id, task_id, unit_id, level, recipient_key, reason, dedupe_key, code)
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
            [
              problems.map((x) => x.campaignId), problems.map((x) => x.reminderId), problems.map((x) => x.taskId), problems.map((x) => x.unitId),
              problems.map((x) => x.level), problems.map((x) => x.recipientKey), problems.map((x) => x.reason), problems.map((x) => x.dedupeKey), problems.map((x) => x.code),
            ],
          )
        : [];
      const items = await this.addItems(m, routed.flatMap((p) => p.items.map((item) => ({ reminderId: p.reminderId, item }))));
      await m.query(
        `UPDATE notification_outbox o SET delivered_at = clock_timestamp(), attempts = o.attempts + 1, resolved = v.resolved
         FROM unnest($1::bigint[], $2::jsonb[]) AS v(id, resolved) WHERE o.id = v.id`,
        [routed.map((p) => p.reminderId), routed.map((p) => JSON.stringify(p.resolved))],
      );
      return { candidates: rows.length, reminders: routed.length, items, problems: insertedProblems.length };
    });
  }

  /**
   * Adds people's items (one multi-row INSERT; an item already there — same dedupe key — changes nothing and joins no
   * batch) and attaches each new one to its person's open batches: the day's digest per channel, or the open urgent
   * batch (a new one when there is none; it goes at the earliest of its items' times). Returns how many items were new.
   */
  private async addItems(m: EntityManager, list: { reminderId: string | null; item: ItemPlan }[]): Promise<number> {
    if (!list.length) return 0;
    const col = <T>(f: (x: { reminderId: string | null; item: ItemPlan }) => T) => list.map(f);
    const ins: { id: string; dedupe_key: string }[] = await m.query(
      `INSERT INTO notification_items (user_id, kind, campaign_id, task_id, unit_id, level, title, message, link, due_at, at, reminder_id, dedupe_key, acts)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::timestamptz[], $11::timestamptz[], $12::bigint[], $13::text[], $14::boolean[])
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text AS id, dedupe_key`,
      [
        col((x) => x.item.userId), col((x) => x.item.kind), col((x) => x.item.campaignId), col((x) => x.item.taskId), col((x) => x.item.unitId),
        col((x) => x.item.level), col((x) => x.item.title), col((x) => x.item.message), col((x) => x.item.link), col((x) => x.item.dueAt),
        col((x) => x.item.at), col((x) => x.reminderId), col((x) => x.item.dedupeKey), col((x) => x.item.acts),
      ],
    );
    const idOf = new Map(ins.map((r) => [r.dedupe_key, r.id]));
    const joins: { d: DeliveryPlan; itemId: string }[] = [];
    for (const { item } of list) {
      const itemId = idOf.get(item.dedupeKey);
      if (itemId === undefined) continue;
      idOf.delete(item.dedupeKey); // the same item twice in one list: its first plan only (as one INSERT after another)
      for (const d of item.deliveries) joins.push({ d, itemId });
    }
    const links: { deliveryId: string; itemId: string; mention: string | null }[] = [];
    await this.digestBatches(m, joins.filter((j) => j.d.kind === 'digest'), links);
    await this.urgentBatches(m, joins.filter((j) => j.d.kind !== 'digest'), links);
    if (links.length) {
      await m.query(
        `INSERT INTO notification_delivery_items (delivery_id, item_id, mention) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
        [links.map((l) => l.deliveryId), links.map((l) => l.itemId), links.map((l) => l.mention)],
      );
    }
    return ins.length;
  }

  /** Adds office notifications that are not tied to a reminder row (e.g. a reminder nobody could receive). */
  async addStandaloneItems(items: ItemPlan[]): Promise<number> {
    return this.ds.transaction((m) => this.addItems(m, items.map((item) => ({ reminderId: null, item }))));
  }

  /**
   * The person's digest of that working day (one per person, channel and day), unless it is already being sent: then
   * the next one (fallbackSendAt). All of a batch's digests in two statements per try (create the missing ones in key
   * order, then lock them all in id order, so concurrent routers take them in one order).
   */
  private async digestBatches(m: EntityManager, joins: { d: DeliveryPlan; itemId: string }[], links: { deliveryId: string; itemId: string; mention: string | null }[]): Promise<void> {
    let pending = joins;
    for (const attempt of [0, 1]) {
      if (!pending.length) return;
      const keyed = pending.map((j) => {
        const sendAt = attempt === 0 ? j.d.sendAt : (j.d.fallbackSendAt ?? j.d.sendAt);
        return { j, sendAt, key: `digest|${j.d.recipient}|${j.d.channel}|${localDay(sendAt)}` };
      });
      const byKey = new Map<string, (typeof keyed)[number]>();
      for (const k of keyed) if (!byKey.has(k.key)) byKey.set(k.key, k);
      const keys = [...byKey.keys()].sort();
      const first = keys.map((k) => byKey.get(k)!);
      await m.query(
        `INSERT INTO notification_deliveries (channel, recipient, address, recipient_name, kind, send_at, next_attempt_at, dedupe_key)
         SELECT c, r, a, n, 'digest', s, s, k FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS v(c, r, a, n, s, k)
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [first.map((x) => x.j.d.channel), first.map((x) => x.j.d.recipient), first.map((x) => x.j.d.address), first.map((x) => x.j.d.recipientName ?? null), first.map((x) => x.sendAt), keys],
      );
      const rows: { id: string; dedupe_key: string; open: boolean }[] = await m.query(
        `SELECT id::text AS id, dedupe_key, (status = 'pending' AND payload IS NULL) AS open FROM notification_deliveries WHERE dedupe_key = ANY($1::text[]) ORDER BY id FOR UPDATE`,
        [keys],
      );
      const open = new Map(rows.filter((r) => r.open).map((r) => [r.dedupe_key, r.id]));
      const next: typeof joins = [];
      for (const k of keyed) {
        const id = open.get(k.key);
        if (id !== undefined) links.push({ deliveryId: id, itemId: k.j.itemId, mention: k.j.d.mention ?? null });
        else next.push(k.j);
      }
      pending = next;
    }
    if (pending.length) throw new Error(`no open digest for ${pending[0].d.recipient} ${pending[0].d.channel}`);
  }

  /**
   * Each person's (or robot's) open — not yet claimed — urgent batch on a channel, or a new one keyed by its first item;
   * it goes at the earliest of its items' times. A batch's urgent joins in at most three statements.
   */
  private async urgentBatches(m: EntityManager, joins: { d: DeliveryPlan; itemId: string }[], links: { deliveryId: string; itemId: string; mention: string | null }[]): Promise<void> {
    if (!joins.length) return;
    const groups = new Map<string, { d: DeliveryPlan; firstItemId: string; sendAt: Date; joins: { d: DeliveryPlan; itemId: string }[] }>();
    for (const j of joins) {
      const key = `${j.d.recipient}\u0000${j.d.channel}`;
      const g = groups.get(key);
      if (!g) groups.set(key, { d: j.d, firstItemId: j.itemId, sendAt: j.d.sendAt, joins: [j] });
      else {
        g.joins.push(j);
        if (j.d.sendAt < g.sendAt) g.sendAt = j.d.sendAt;
      }
    }
    const list = [...groups.entries()];
    const open: { id: string; recipient: string; channel: string }[] = await m.query(
      `SELECT id::text AS id, recipient, channel FROM notification_deliveries
       WHERE (recipient, channel) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND kind = 'urgent' AND status = 'pending' AND payload IS NULL
       ORDER BY id FOR UPDATE`,
      [list.map(([, g]) => g.d.recipient), list.map(([, g]) => g.d.channel)],
    );
    const openOf = new Map<string, string>();
    for (const o of open) {
      const key = `${o.recipient}\u0000${o.channel}`;
      if (!openOf.has(key)) openOf.set(key, o.id); // the oldest open batch, as before
    }
    const found = list.filter(([key]) => openOf.has(key));
    if (found.length) {
      await m.query(
        `UPDATE notification_deliveries d SET send_at = LEAST(d.send_at, v.s), next_attempt_at = LEAST(d.next_attempt_at, v.s), updated_at = now()
         FROM unnest($1::bigint[], $2::timestamptz[]) AS v(id, s) WHERE d.id = v.id`,
        [found.map(([key]) => openOf.get(key)!), found.map(([, g]) => g.sendAt)],
      );
    }
    const missing = list.filter(([key]) => !openOf.has(key));
    if (missing.length) {
      const keys = missing.map(([, g]) => `urgent|${g.d.recipient}|${g.d.channel}|${g.firstItemId}`);
      const made: { id: string; dedupe_key: string }[] = await m.query(
        `INSERT INTO notification_deliveries (channel, recipient, address, recipient_name, kind, send_at, next_attempt_at, dedupe_key)
         SELECT c, r, a, n, 'urgent', s, s, k FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS v(c, r, a, n, s, k)
         RETURNING id::text AS id, dedupe_key`,
        [missing.map(([, g]) => g.d.channel), missing.map(([, g]) => g.d.recipient), missing.map(([, g]) => g.d.address), missing.map(([, g]) => g.d.recipientName ?? null), missing.map(([, g]) => g.sendAt), keys],
      );
      const byKey = new Map(made.map((r) => [r.dedupe_key, r.id]));
      missing.forEach(([key], i) => openOf.set(key, byKey.get(keys[i])!));
    }
    for (const [key, g] of list) for (const j of g.joins) links.push({ deliveryId: openOf.get(key)!, itemId: j.itemId, mention: j.d.mention ?? null });
  }

  // ---- dispatcher ----------------------------------------------------------------------------------------------

  /**
   * Claims up to `limit` deliveries that are due (pending with next_attempt_at ≤ now) or whose previous claimer's
   * lease expired (it crashed mid-send): status → sending, a lease until now + leaseMs, attempts + 1.
   */
  async claim(owner: string, now: Date, leaseMs: number, limit: number, campaignPrefix?: string): Promise<DeliveryRow[]> {
    // campaignPrefix: only batches holding items of campaigns whose id starts so (a shard; the tests use it to stay apart).
    const scope = campaignPrefix
      ? `AND EXISTS (SELECT 1 FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id WHERE di.delivery_id = d.id AND i.campaign_id LIKE $5 || '%')`
      : '';
    const result: unknown = await this.ds.query(
      `UPDATE notification_deliveries SET status = 'sending', lease_owner = $1, lease_until = $2::timestamptz + ($3 || ' milliseconds')::interval,
              attempts = attempts + 1, updated_at = now()
       WHERE id IN (SELECT id FROM notification_deliveries d
                    WHERE ((status = 'pending' AND next_attempt_at <= $2) OR (status = 'sending' AND lease_until < $2)) ${scope}
                    ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      campaignPrefix ? [owner, now, String(leaseMs), limit, campaignPrefix] : [owner, now, String(leaseMs), limit],
    );
    return rowsOf(result).map(toDelivery);
  }

  /** Items of a delivery (what its message lists). */
  async itemsOf(deliveryId: string): Promise<ItemRow[]> {
    const rows: any[] = await this.ds.query(
      `SELECT i.* FROM notification_items i JOIN notification_delivery_items di ON di.item_id = i.id WHERE di.delivery_id = $1 ORDER BY i.due_at NULLS LAST, i.id`,
      [deliveryId],
    );
    return rows.map(toItem);
  }

  /** Stores the rendered message the first time a delivery is claimed (a resend sends exactly the same message). */
  async freeze(id: string, owner: string, payload: Record<string, unknown>): Promise<Record<string, any>> {
    const rows: any[] = rowsOf(
      await this.ds.query(`UPDATE notification_deliveries SET payload = COALESCE(payload, $3::jsonb) WHERE id = $1 AND lease_owner = $2 RETURNING payload`, [id, owner, JSON.stringify(payload)]),
    );
    if (!rows.length) throw new Error(`lease on delivery ${id} lost`);
    return rows[0].payload;
  }

  async markSent(id: string, owner: string, now: Date): Promise<boolean> {
    const r = rowsOf(
      await this.ds.query(
        `UPDATE notification_deliveries SET status = 'sent', sent_at = $3, lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
         WHERE id = $1 AND lease_owner = $2 AND status = 'sending' RETURNING id`,
        [id, owner, now],
      ),
    );
    return r.length > 0;
  }

  /**
   * Closed without sending (status 'skipped'): the batch had nothing left to say when it went (its frozen payload says
   * why). Not sent (no sent_at), not a failure: nothing claims or retries it again.
   */
  async markSkipped(id: string, owner: string): Promise<boolean> {
    const r = rowsOf(
      await this.ds.query(
        `UPDATE notification_deliveries SET status = 'skipped', sent_at = NULL, lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
         WHERE id = $1 AND lease_owner = $2 AND status = 'sending' RETURNING id`,
        [id, owner],
      ),
    );
    return r.length > 0;
  }

  /** A failed attempt: back to pending at `retryAt`, or dead-lettered when `retryAt` is null. */
  async markFailed(id: string, owner: string, error: string, retryAt: Date | null): Promise<void> {
    await this.ds.query(
      `UPDATE notification_deliveries SET status = $3, next_attempt_at = COALESCE($4, next_attempt_at), last_error = $5, lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner, retryAt ? 'pending' : 'dead', retryAt, error.slice(0, 2000)],
    );
  }

  /** Not sent now (outside working hours): back to pending at `at`, the attempt not counted. */
  async hold(id: string, owner: string, at: Date): Promise<void> {
    await this.ds.query(
      `UPDATE notification_deliveries SET status = 'pending', next_attempt_at = $3, attempts = GREATEST(attempts - 1, 0), lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner, at],
    );
  }

  /**
   * Dead letters, newest first: of one organization (`organizationId`: messages carrying its campaigns' items), or of
   * every organization (undefined: an administrator).
   */
  async deadLetters(limit: number, offset: number, organizationId?: string): Promise<{ total: number; rows: DeliveryRow[] }> {
    const [where, params] = organizationId === undefined ? [`status = 'dead'`, []] : [`status = 'dead' AND ${OF_ORGANIZATION}`, [organizationId]];
    const [{ n }]: { n: string }[] = await this.ds.query(`SELECT count(*) AS n FROM notification_deliveries d WHERE ${where}`, params);
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_deliveries d WHERE ${where} ORDER BY updated_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset]);
    return { total: Number(n), rows: rows.map(toDelivery) };
  }

  /** One message by id; with `organizationId`, only if it carries that organization's campaigns' items. */
  async delivery(id: string, organizationId?: string): Promise<DeliveryRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: any[] =
      organizationId === undefined
        ? await this.ds.query(`SELECT * FROM notification_deliveries d WHERE id = $1`, [id])
        : await this.ds.query(`SELECT * FROM notification_deliveries d WHERE id = $1 AND ${OF_ORGANIZATION.replace('$1', '$2')}`, [id, organizationId]);
    return rows.length ? toDelivery(rows[0]) : null;
  }

  /** Office retry of a dead letter: pending again at once with a fresh attempt budget. */
  async retryDead(id: string, now: Date): Promise<DeliveryRow | null> {
    const r = rowsOf(
      await this.ds.query(
        `UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_attempt_at = LEAST(next_attempt_at, $2), updated_at = now() WHERE id = $1 AND status = 'dead' RETURNING *`,
        [id, now],
      ),
    );
    return r.length ? toDelivery(r[0]) : null;
  }

  async deliveriesOfCampaignItems(campaignId: string): Promise<(DeliveryRow & { itemIds: string[] })[]> {
    const rows: any[] = await this.ds.query(
      `SELECT d.*, array_agg(di.item_id::text) AS item_ids FROM notification_deliveries d
       JOIN notification_delivery_items di ON di.delivery_id = d.id JOIN notification_items i ON i.id = di.item_id
       WHERE i.campaign_id = $1 GROUP BY d.id ORDER BY d.id`,
      [campaignId],
    );
    return rows.map((r) => ({ ...toDelivery(r), itemIds: r.item_ids }));
  }

  // ---- in-app -----------------------------------------------------------------------------------------------------

  /**
   * A person's in-app items, unread first. `principals`: whom the reader counts as (user:, role:, unit: — the inbox's),
   * so that each item says whether its task waits for them now (the inbox's rule over the task's row: live and
   * waiting_for one of them) and an item that asked them to act on a task that no longer waits for them, or of an
   * earlier round of it, is done (已处理): not unread, listed with the read ones.
   */
  async userItems(userId: string, principals: string[], f: ItemFilter): Promise<{ total: number; unread: number; rows: ItemRow[] }> {
    const where = ['i.user_id = $1'];
    const params: unknown[] = [userId, principals, [...CAMPAIGN_GOES_ON], [...LIVE_STATUSES]];
    const { pendingItem, done } = itemState('$2::text[]', '$3::text[]', '$4::text[]');
    const unreadNow = `(i.read_at IS NULL AND NOT ${done})`;
    const from = `notification_items i LEFT JOIN campaign_tasks t ON t.campaign_id = i.campaign_id AND t.task_id = i.task_id LEFT JOIN campaigns c ON c.id = i.campaign_id`;
    if (f.campaignId) where.push(`i.campaign_id = $${params.push(f.campaignId)}`);
    if (f.level) where.push(`i.level = $${params.push(f.level)}`);
    if (f.unread) where.push(unreadNow);
    const w = where.join(' AND ');
    // The counts and the page from one snapshot: items written between two reads made 「未读 5」 above six unread items
    // (an e2e saw it while a campaign's start was still being told).
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const [{ total, unread }]: { total: string; unread: string }[] = await m.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE ${unreadNow}) AS unread FROM ${from} WHERE ${w}`,
        params,
      );
      // With the campaign's name (a liaison of two campaigns gets the same words from each).
      const rows: any[] = await m.query(
        `SELECT i.*, c.name AS campaign_name, ${pendingItem} AS pending, ${done} AS done FROM ${from}
         WHERE ${w} ORDER BY ${unreadNow} DESC, i.at DESC, i.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, f.limit, f.offset],
      );
      return { total: Number(total), unread: Number(unread), rows: rows.map(toItem) };
    });
  }

  /**
   * Whom each of these users counts as in their inbox (the API's inboxPrincipals: the domain's inboxPrincipalsOf with
   * their unit duties), from their accounts as they are now. A user without an account here is left out (not known:
   * nothing can be said about what waits for them).
   */
  async inboxPrincipalsOf(userIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!userIds.length) return out;
    const users: { id: string; roles: string[]; unit_id: string | null; organization_id: string | null }[] = await this.ds.query(
      `SELECT id, roles, unit_id, organization_id FROM users WHERE id = ANY($1::text[])`,
      [[...new Set(userIds)]],
    );
    const orgs = new OrganizationRepository(this.ds);
    for (const u of users) {
      const actor = { id: u.id, roles: u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)), unitId: u.unit_id ?? undefined };
      const duties = actor.roles.includes('unit') && u.unit_id && u.organization_id ? await orgs.unitDutiesOf(u.organization_id, u.unit_id, u.id) : null;
      out.set(u.id, inboxPrincipalsOf(actor, duties));
    }
    return out;
  }

  /**
   * Which of these items are done (已处理) now for their readers — the 通知 list's rule (userItems), each item's reader
   * counting as `principals` gives for them (inboxPrincipalsOf); an item whose reader is not there is not judged.
   */
  async doneItems(items: { id: string; userId: string }[], principals: Map<string, string[]>): Promise<Set<string>> {
    const judged = items.filter((i) => principals.has(i.userId));
    if (!judged.length) return new Set();
    const { done } = itemState('r.principals', '$3::text[]', '$4::text[]');
    const rows: { id: string }[] = await this.ds.query(
      `SELECT i.id::text AS id FROM notification_items i
       JOIN jsonb_to_recordset($2::jsonb) AS r(user_id text, principals text[]) ON r.user_id = i.user_id
       LEFT JOIN campaign_tasks t ON t.campaign_id = i.campaign_id AND t.task_id = i.task_id LEFT JOIN campaigns c ON c.id = i.campaign_id
       WHERE i.id = ANY($1::bigint[]) AND ${done}`,
      [
        judged.map((i) => i.id),
        JSON.stringify([...new Set(judged.map((i) => i.userId))].map((u) => ({ user_id: u, principals: principals.get(u) }))),
        [...CAMPAIGN_GOES_ON],
        [...LIVE_STATUSES],
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * For items that are a 【新任务】 of several tasks (their key lists them: ASSIGNED_IDS_PATTERN), the listed tasks that
   * still wait for the item's reader now (itemState's rule, each reader counting as `principals` gives), earliest due
   * first, and how many it lists — so a message sent later names and links a task still to do, not the first one done
   * meanwhile (walkthrough: 「各单位提供…全部材料」等2项任务已下达 linked the materials task approved the evening before).
   */
  async listedStillWaiting(items: { id: string; userId: string }[], principals: Map<string, string[]>): Promise<Map<string, { listed: number; waiting: { taskId: string; title: string; dueAt: Date | null }[] }>> {
    const out = new Map<string, { listed: number; waiting: { taskId: string; title: string; dueAt: Date | null }[] }>();
    const judged = items.filter((i) => principals.has(i.userId));
    if (!judged.length) return out;
    const rows: { id: string; listed: number; task_id: string | null; title: string | null; due_at: Date | null }[] = await this.ds.query(
      `SELECT i.id::text AS id, cardinality(x.ids) AS listed, lt.task_id, lt.title, lt.due_at
       FROM notification_items i
       JOIN jsonb_to_recordset($2::jsonb) AS r(user_id text, principals text[]) ON r.user_id = i.user_id
       CROSS JOIN LATERAL (SELECT string_to_array(substring(i.dedupe_key from '${ASSIGNED_IDS_PATTERN}'), ',') AS ids) x
       LEFT JOIN campaigns c ON c.id = i.campaign_id
       LEFT JOIN campaign_tasks lt ON lt.campaign_id = i.campaign_id AND lt.task_id = ANY(x.ids) AND lt.status = ANY($4::text[]) AND ${waitsFor('lt', 'r.principals')} AND c.status = ANY($3::text[])
       WHERE i.id = ANY($1::bigint[]) AND x.ids IS NOT NULL
       ORDER BY i.id, lt.due_at NULLS LAST, lt.task_id`,
      [
        judged.map((i) => i.id),
        JSON.stringify([...new Set(judged.map((i) => i.userId))].map((u) => ({ user_id: u, principals: principals.get(u) }))),
        [...CAMPAIGN_GOES_ON],
        [...LIVE_STATUSES],
      ],
    );
    for (const r of rows) {
      const e = out.get(r.id) ?? { listed: Number(r.listed), waiting: [] };
      if (r.task_id) e.waiting.push({ taskId: r.task_id, title: r.title ?? r.task_id, dueAt: r.due_at });
      out.set(r.id, e);
    }
    return out;
  }

  /** Marks the user's items read (the given ids, or all); returns how many changed. Other users' items are untouched. */
  async markRead(userId: string, ids: string[] | 'all', now: Date): Promise<number> {
    const r = rowsOf(
      ids === 'all'
        ? await this.ds.query(`UPDATE notification_items SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [userId, now])
        : await this.ds.query(`UPDATE notification_items SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL AND id = ANY($3::bigint[]) RETURNING id`, [userId, now, ids]),
    );
    return r.length;
  }

  /**
   * The inbox's reminders: latestReminders, and in the same transaction (one `now()`) how many milliseconds until the
   * next of these tasks' rows reaches its instant (null: none) — rows written ahead show from their instant on without
   * any commit, so an inbox answer kept by database snapshot is good only until then.
   */
  async latestRemindersUntilNext(keys: ReminderKey[]): Promise<{ latest: Map<string, LatestReminder>; nextInMs: number | null }> {
    if (!keys.length) return { latest: new Map(), nextInMs: null };
    return this.ds.transaction(async (m) => {
      const latest = await this.latestRemindersWith(m, keys);
      const rows: { ms: string | null }[] = await m.query(
        `SELECT EXTRACT(EPOCH FROM (min(o.scheduled_at) - now())) * 1000 AS ms
         FROM notification_outbox o JOIN unnest($1::text[], $2::text[]) AS k(c, t) ON o.campaign_id = k.c AND o.task_id = k.t
         WHERE o.scheduled_at > now()`,
        [keys.map((k) => k.campaignId), keys.map((k) => k.taskId)],
      );
      return { latest, nextInMs: rows[0]?.ms === null || rows[0]?.ms === undefined ? null : Math.max(0, Number(rows[0].ms)) };
    });
  }

  /**
   * Latest reminder (level, when, message) per task, for inbox items: rows whose instant has come (`m`'s now()) and, when
   * the key gives `since` (the domain's waitingSince), came after it — a reminder before chased someone else; with how
   * many there were since and how many of them 督办. Notices are not reminders (已催办).
   */
  private async latestRemindersWith(m: EntityManager, keys: ReminderKey[]): Promise<Map<string, LatestReminder>> {
    const out = new Map<string, LatestReminder>();
    if (!keys.length) return out;
    const rows: any[] = await m.query(
      `SELECT DISTINCT ON (o.campaign_id, o.task_id) o.campaign_id, o.task_id, o.level, o.scheduled_at, o.message,
              count(*) OVER w AS n, count(*) FILTER (WHERE o.level = 'escalation') OVER w AS escalations
       FROM notification_outbox o JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(c, t, since) ON o.campaign_id = k.c AND o.task_id = k.t
       WHERE o.scheduled_at <= now() AND o.level <> 'notice' AND (k.since IS NULL OR o.scheduled_at > k.since)
       WINDOW w AS (PARTITION BY o.campaign_id, o.task_id)
       ORDER BY o.campaign_id, o.task_id, o.scheduled_at DESC, o.id DESC`,
      [keys.map((k) => k.campaignId), keys.map((k) => k.taskId), keys.map((k) => k.since ?? null)],
    );
    for (const r of rows) out.set(`${r.campaign_id}|${r.task_id}`, { level: r.level, at: r.scheduled_at, message: r.message, n: Number(r.n), escalations: Number(r.escalations) });
    return out;
  }

  /** A campaign's reminders that reached nobody (无人接收), newest first (at most 1,000): rows as stored. */
  async problems(campaignId: string): Promise<NotificationProblemRow[]> {
    return this.ds.query(
      `SELECT id::text AS id, task_id, unit_id, level, recipient_key, reason, code, created_at
       FROM notification_problems WHERE campaign_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1000`,
      [campaignId],
    );
  }

  /** Task facts the router puts into messages (title, due date) of tasks of many campaigns in one read, keyed `campaignId|taskId`. */
  async taskFactsOf(keys: { campaignId: string; taskId: string }[]): Promise<Map<string, { title: string; dueAt: Date | null }>> {
    if (!keys.length) return new Map();
    const rows: any[] = await this.ds.query(
      `SELECT t.campaign_id, t.task_id, t.title, t.due_at FROM campaign_tasks t JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(c, id) ON t.campaign_id = k.c AND t.task_id = k.id`,
      [keys.map((k) => k.campaignId), keys.map((k) => k.taskId)],
    );
    return new Map(rows.map((r) => [`${r.campaign_id}|${r.task_id}`, { title: r.title, dueAt: r.due_at }]));
  }

  async campaignNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: any[] = await this.ds.query(`SELECT id, name FROM campaigns WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Each campaign's kind (creation / consolidation): what a message calls it and who signs it (the renderer). */
  async campaignKinds(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: any[] = await this.ds.query(`SELECT id, kind FROM campaigns WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  /** Mentions (mobiles) recorded for a robot delivery's items. */
  async mentionsOf(deliveryId: string): Promise<string[]> {
    const rows: any[] = await this.ds.query(`SELECT DISTINCT mention FROM notification_delivery_items WHERE delivery_id = $1 AND mention IS NOT NULL ORDER BY mention`, [deliveryId]);
    return rows.map((r) => r.mention);
  }

  // ---- preferences and robots -------------------------------------------------------------------------------------

  async preferences(userIds: string[]): Promise<Map<string, { channels: string[]; email: string | null; mobile: string | null }>> {
    if (!userIds.length) return new Map();
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_preferences WHERE user_id = ANY($1)`, [userIds]);
    return new Map(rows.map((r) => [r.user_id, { channels: r.channels, email: r.email, mobile: r.mobile }]));
  }

  async setPreferences(userId: string, p: { channels: string[]; email: string | null; mobile: string | null }): Promise<void> {
    await this.ds.query(
      `INSERT INTO notification_preferences (user_id, channels, email, mobile) VALUES ($1,$2,$3,$4)
       ON CONFLICT (user_id) DO UPDATE SET channels = EXCLUDED.channels, email = EXCLUDED.email, mobile = EXCLUDED.mobile, updated_at = now()`,
      [userId, p.channels, p.email, p.mobile],
    );
  }

  /** The robots of one organization (its own and its units'), or every robot (`organizationId` undefined: an administrator). */
  async robots(organizationId?: string): Promise<RobotRow[]> {
    const rows: any[] =
      organizationId === undefined
        ? await this.ds.query(`SELECT * FROM notification_robots ORDER BY organization_id NULLS FIRST, scope, scope_id, kind`)
        : await this.ds.query(`SELECT * FROM notification_robots WHERE organization_id = $1 ORDER BY scope, scope_id, kind`, [organizationId]);
    return rows.map(toRobot);
  }

  async robot(id: string): Promise<RobotRow | null> {
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_robots WHERE id = $1`, [id]);
    return rows.length ? toRobot(rows[0]) : null;
  }

  /** The robots that speak for a unit of an organization: the unit's own, else its organization's (per kind). */
  async robotsFor(unitId: string | null, organizationId: string | null): Promise<RobotRow[]> {
    return (await this.robotsForMany([{ unitId, organizationId }]))(unitId, organizationId);
  }

  /**
   * robotsFor of many units and organizations in one read: answers for any of the pairs asked. A unit's robot is its
   * organization's unit's (unit ids repeat across counties); a campaign of no organization has no robot.
   */
  async robotsForMany(pairs: { unitId: string | null; organizationId: string | null }[]): Promise<(unitId: string | null, organizationId: string | null) => RobotRow[]> {
    const orgs = [...new Set(pairs.flatMap((p) => (p.organizationId ? [p.organizationId] : [])))];
    const rows: any[] = orgs.length ? await this.ds.query(`SELECT * FROM notification_robots WHERE organization_id = ANY($1::text[])`, [orgs]) : [];
    const all = rows.map(toRobot);
    return (unitId, organizationId) => {
      const out: RobotRow[] = [];
      if (!organizationId) return out;
      const mine = all.filter((x) => x.organizationId === organizationId);
      for (const kind of ['dingtalk', 'wecom'] as const) {
        const r = mine.find((x) => x.kind === kind && x.scope === 'unit' && x.scopeId === (unitId ?? '')) ?? mine.find((x) => x.kind === kind && x.scope === 'organization' && x.scopeId === organizationId);
        if (r) out.push(r);
      }
      return out;
    };
  }

  /** Adds or replaces the robot of a kind for an organization or one of its units. */
  async upsertRobot(r: Omit<RobotRow, 'createdAt'>): Promise<RobotRow> {
    const rows: any[] = await this.ds.query(
      `INSERT INTO notification_robots (id, kind, scope, scope_id, webhook, secret, organization_id) VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (kind, scope, scope_id, (coalesce(organization_id, ''))) DO UPDATE SET webhook = EXCLUDED.webhook, secret = EXCLUDED.secret RETURNING *`,
      [r.id, r.kind, r.scope, r.scopeId, r.webhook, r.secret, r.organizationId],
    );
    return toRobot(rows[0]);
  }

  async deleteRobot(id: string): Promise<boolean> {
    const r = rowsOf(await this.ds.query(`DELETE FROM notification_robots WHERE id = $1 RETURNING id`, [id]));
    return r.length > 0;
  }
}

/** A message (alias `d`) carrying items of campaigns of the organization `$1`. */
const OF_ORGANIZATION = `EXISTS (SELECT 1 FROM notification_delivery_items di JOIN notification_items i ON i.id = di.item_id JOIN campaigns c ON c.id = i.campaign_id WHERE di.delivery_id = d.id AND c.organization_id = $1)`;

export interface RobotRow {
  id: string;
  kind: 'dingtalk' | 'wecom';
  scope: 'unit' | 'organization';
  scopeId: string;
  /** The organization it belongs to (a unit's robot: the organization whose unit it is); null only for a robot set before organizations applied to robots, used for nobody. */
  organizationId: string | null;
  webhook: string;
  secret: string | null;
  createdAt: Date;
}

function toRobot(r: any): RobotRow {
  return { id: r.id, kind: r.kind, scope: r.scope, scopeId: r.scope_id, organizationId: r.organization_id ?? null, webhook: r.webhook, secret: r.secret, createdAt: r.created_at };
}

