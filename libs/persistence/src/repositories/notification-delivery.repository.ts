import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { localDate } from '@eco/domain';

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
  deliveries: DeliveryPlan[];
}

export interface RoutePlan {
  reminderId: string;
  resolved: unknown;
  items: ItemPlan[];
  problems: { campaignId: string; taskId: string | null; unitId: string | null; level: string; recipientKey: string; reason: string; dedupeKey: string }[];
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
  status: 'pending' | 'sending' | 'sent' | 'dead';
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
  readAt: Date | null;
  createdAt: Date;
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
    message: r.message, link: r.link, dueAt: r.due_at, at: r.at, readAt: r.read_at, createdAt: r.created_at,
  };
}

/**
 * The delivery side of the reminder outbox: routing reminders to people (items + deliveries, one transaction per batch,
 * idempotent by dedupe keys), claiming due deliveries with a lease, recording outcomes, dead letters, in-app lists.
 */
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
    return this.ds.transaction(async (m) => {
      const locked: { id: string }[] = await m.query(
        `SELECT id FROM notification_outbox WHERE id = ANY($1) AND delivered_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED`,
        [reminders.map((r) => r.id)],
      );
      const mine = new Set(locked.map((r) => String(r.id)));
      // A row written ahead goes only if its task is still as it was computed for (status, due date) in an active
      // campaign: the read model is written in the same transaction as the task's ahead rows, so a row of a task that
      // moved on was normally replaced already; one that was not (a write split part by part) is dropped here.
      const stale: { id: string }[] = mine.size
        ? await m.query(
            `SELECT o.id FROM notification_outbox o WHERE o.id = ANY($1) AND o.ahead AND NOT EXISTS (
               SELECT 1 FROM campaign_tasks t JOIN campaigns c ON c.id = t.campaign_id
               WHERE t.campaign_id = o.campaign_id AND t.task_id = o.task_id AND t.status = o.task_status
                 AND t.due_at IS NOT DISTINCT FROM o.task_due_at AND c.status = 'active')`,
            [[...mine]],
          )
        : [];
      if (stale.length) {
        await m.query(`DELETE FROM notification_outbox WHERE id = ANY($1)`, [stale.map((r) => String(r.id))]);
        for (const r of stale) mine.delete(String(r.id));
      }
      let routed = 0;
      let items = 0;
      let problems = 0;
      for (const p of plans) {
        if (!mine.has(p.reminderId)) continue;
        routed++;
        for (const pr of p.problems) {
          const r = await m.query(
            `INSERT INTO notification_problems (campaign_id, reminder_id, task_id, unit_id, level, recipient_key, reason, dedupe_key)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
            [pr.campaignId, p.reminderId, pr.taskId, pr.unitId, pr.level, pr.recipientKey, pr.reason, pr.dedupeKey],
          );
          problems += r.length;
        }
        for (const it of p.items) if (await this.addItem(m, p.reminderId, it)) items++;
        await m.query(`UPDATE notification_outbox SET delivered_at = now(), attempts = attempts + 1, resolved = $2 WHERE id = $1`, [p.reminderId, JSON.stringify(p.resolved)]);
      }
      return { candidates: rows.length, reminders: routed, items, problems };
    });
  }

  /** Adds one person's item and attaches it to that person's open batches; an item already there changes nothing. */
  private async addItem(m: EntityManager, reminderId: string | null, it: ItemPlan): Promise<boolean> {
    const ins: { id: string }[] = await m.query(
      `INSERT INTO notification_items (user_id, kind, campaign_id, task_id, unit_id, level, title, message, link, due_at, at, reminder_id, dedupe_key)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [it.userId, it.kind, it.campaignId, it.taskId, it.unitId, it.level, it.title, it.message, it.link, it.dueAt, it.at, reminderId, it.dedupeKey],
    );
    if (!ins.length) return false;
    const itemId = String(ins[0].id);
    for (const d of it.deliveries) {
      const deliveryId = d.kind === 'digest' ? await this.digestBatch(m, d) : await this.urgentBatch(m, d, itemId);
      await m.query(`INSERT INTO notification_delivery_items (delivery_id, item_id, mention) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [deliveryId, itemId, d.mention ?? null]);
    }
    return true;
  }

  /** Adds an office notification that is not tied to a reminder row (e.g. a reminder nobody could receive). */
  async addStandaloneItems(items: ItemPlan[]): Promise<number> {
    return this.ds.transaction(async (m) => {
      let n = 0;
      for (const it of items) if (await this.addItem(m, null, it)) n++;
      return n;
    });
  }

  /** The person's digest of that working day (one per person, channel and day), unless it is already being sent. */
  private async digestBatch(m: EntityManager, d: DeliveryPlan): Promise<string> {
    for (const sendAt of [d.sendAt, d.fallbackSendAt ?? d.sendAt]) {
      const key = `digest|${d.recipient}|${d.channel}|${localDay(sendAt)}`;
      await m.query(
        `INSERT INTO notification_deliveries (channel, recipient, address, recipient_name, kind, send_at, next_attempt_at, dedupe_key)
         VALUES ($1,$2,$3,$6,'digest',$4,$4,$5) ON CONFLICT (dedupe_key) DO NOTHING`,
        [d.channel, d.recipient, d.address, sendAt, key, d.recipientName ?? null],
      );
      const [row]: { id: string; open: boolean }[] = await m.query(
        `SELECT id, (status = 'pending' AND payload IS NULL) AS open FROM notification_deliveries WHERE dedupe_key = $1 FOR UPDATE`,
        [key],
      );
      if (row.open) return String(row.id);
    }
    throw new Error(`no open digest for ${d.recipient} ${d.channel}`);
  }

  /** The person's open (not yet claimed) urgent batch on that channel, or a new one; it goes at the earlier time. */
  private async urgentBatch(m: EntityManager, d: DeliveryPlan, itemId: string): Promise<string> {
    const open: { id: string }[] = await m.query(
      `SELECT id FROM notification_deliveries WHERE recipient = $1 AND channel = $2 AND kind = 'urgent' AND status = 'pending' AND payload IS NULL
       ORDER BY id LIMIT 1 FOR UPDATE`,
      [d.recipient, d.channel],
    );
    if (open.length) {
      await m.query(
        `UPDATE notification_deliveries SET send_at = LEAST(send_at, $2), next_attempt_at = LEAST(next_attempt_at, $2), updated_at = now() WHERE id = $1`,
        [open[0].id, d.sendAt],
      );
      return String(open[0].id);
    }
    const r: { id: string }[] = await m.query(
      `INSERT INTO notification_deliveries (channel, recipient, address, recipient_name, kind, send_at, next_attempt_at, dedupe_key)
       VALUES ($1,$2,$3,$6,'urgent',$4,$4,$5) RETURNING id`,
      [d.channel, d.recipient, d.address, d.sendAt, `urgent|${d.recipient}|${d.channel}|${itemId}`, d.recipientName ?? null],
    );
    return String(r[0].id);
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

  async deadLetters(limit: number, offset: number): Promise<{ total: number; rows: DeliveryRow[] }> {
    const [{ n }]: { n: string }[] = await this.ds.query(`SELECT count(*) AS n FROM notification_deliveries WHERE status = 'dead'`);
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_deliveries WHERE status = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
    return { total: Number(n), rows: rows.map(toDelivery) };
  }

  async delivery(id: string): Promise<DeliveryRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_deliveries WHERE id = $1`, [id]);
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

  async userItems(userId: string, f: ItemFilter): Promise<{ total: number; unread: number; rows: ItemRow[] }> {
    const where = ['user_id = $1'];
    const params: unknown[] = [userId];
    if (f.campaignId) where.push(`campaign_id = $${params.push(f.campaignId)}`);
    if (f.level) where.push(`level = $${params.push(f.level)}`);
    if (f.unread) where.push('read_at IS NULL');
    const w = where.join(' AND ');
    const [{ total, unread }]: { total: string; unread: string }[] = await this.ds.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM notification_items WHERE ${w}`,
      params,
    );
    const rows: any[] = await this.ds.query(
      `SELECT * FROM notification_items WHERE ${w} ORDER BY (read_at IS NULL) DESC, at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total: Number(total), unread: Number(unread), rows: rows.map(toItem) };
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
  async latestRemindersUntilNext(keys: { campaignId: string; taskId: string }[]): Promise<{ latest: Map<string, { level: string; at: Date; message: string; n: number }>; nextInMs: number | null }> {
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

  /** Latest reminder (level, when, message) per task, for inbox items: rows whose instant has come (`m`'s now()). */
  private async latestRemindersWith(m: EntityManager, keys: { campaignId: string; taskId: string }[]): Promise<Map<string, { level: string; at: Date; message: string; n: number }>> {
    const out = new Map<string, { level: string; at: Date; message: string; n: number }>();
    if (!keys.length) return out;
    const rows: any[] = await m.query(
      `SELECT DISTINCT ON (o.campaign_id, o.task_id) o.campaign_id, o.task_id, o.level, o.scheduled_at, o.message,
              count(*) OVER (PARTITION BY o.campaign_id, o.task_id) AS n
       FROM notification_outbox o JOIN unnest($1::text[], $2::text[]) AS k(c, t) ON o.campaign_id = k.c AND o.task_id = k.t
       WHERE o.scheduled_at <= now()
       ORDER BY o.campaign_id, o.task_id, o.scheduled_at DESC, o.id DESC`,
      [keys.map((k) => k.campaignId), keys.map((k) => k.taskId)],
    );
    for (const r of rows) out.set(`${r.campaign_id}|${r.task_id}`, { level: r.level, at: r.scheduled_at, message: r.message, n: Number(r.n) });
    return out;
  }

  async problems(campaignId: string): Promise<any[]> {
    return this.ds.query(
      `SELECT id::text, task_id AS "taskId", unit_id AS "unitId", level, recipient_key AS "recipientKey", reason, created_at AS "createdAt"
       FROM notification_problems WHERE campaign_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1000`,
      [campaignId],
    );
  }

  /** Task facts the router puts into messages (title, due date), per task id. */
  async taskFacts(campaignId: string, taskIds: string[]): Promise<Map<string, { title: string; dueAt: Date | null }>> {
    const rows: any[] = await this.ds.query(`SELECT task_id, title, due_at FROM campaign_tasks WHERE campaign_id = $1 AND task_id = ANY($2)`, [campaignId, taskIds]);
    return new Map(rows.map((r) => [r.task_id, { title: r.title, dueAt: r.due_at }]));
  }

  async campaignNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: any[] = await this.ds.query(`SELECT id, name FROM campaigns WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
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

  async robots(): Promise<RobotRow[]> {
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_robots ORDER BY scope, scope_id, kind`);
    return rows.map(toRobot);
  }

  async robot(id: string): Promise<RobotRow | null> {
    const rows: any[] = await this.ds.query(`SELECT * FROM notification_robots WHERE id = $1`, [id]);
    return rows.length ? toRobot(rows[0]) : null;
  }

  /** The robots that speak for a unit: the unit's own, else its organization's (per kind). */
  async robotsFor(unitId: string | null, organizationId: string | null): Promise<RobotRow[]> {
    const rows: any[] = await this.ds.query(
      `SELECT * FROM notification_robots WHERE (scope = 'unit' AND scope_id = $1) OR (scope = 'organization' AND scope_id = $2)`,
      [unitId ?? '', organizationId ?? ''],
    );
    const all = rows.map(toRobot);
    const out: RobotRow[] = [];
    for (const kind of ['dingtalk', 'wecom'] as const) {
      const r = all.find((x) => x.kind === kind && x.scope === 'unit') ?? all.find((x) => x.kind === kind && x.scope === 'organization');
      if (r) out.push(r);
    }
    return out;
  }

  async upsertRobot(r: Omit<RobotRow, 'createdAt'>): Promise<RobotRow> {
    const rows: any[] = await this.ds.query(
      `INSERT INTO notification_robots (id, kind, scope, scope_id, webhook, secret) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (kind, scope, scope_id) DO UPDATE SET webhook = EXCLUDED.webhook, secret = EXCLUDED.secret RETURNING *`,
      [r.id, r.kind, r.scope, r.scopeId, r.webhook, r.secret],
    );
    return toRobot(rows[0]);
  }

  async deleteRobot(id: string): Promise<boolean> {
    const r = rowsOf(await this.ds.query(`DELETE FROM notification_robots WHERE id = $1 RETURNING id`, [id]));
    return r.length > 0;
  }
}

export interface RobotRow {
  id: string;
  kind: 'dingtalk' | 'wecom';
  scope: 'unit' | 'organization';
  scopeId: string;
  webhook: string;
  secret: string | null;
  createdAt: Date;
}

function toRobot(r: any): RobotRow {
  return { id: r.id, kind: r.kind, scope: r.scope, scopeId: r.scope_id, webhook: r.webhook, secret: r.secret, createdAt: r.created_at };
}

