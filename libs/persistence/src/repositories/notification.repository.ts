import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import type { ReminderLevel } from '@eco/domain';
import { NotificationEntity } from '../entities/notification.entity';

export interface ReminderInput {
  campaignId: string;
  taskId: string;
  unitId?: string | null;
  level: ReminderLevel;
  recipients: string[];
  message: string;
  scheduledAt: string; // ISO
  dedupeKey: string;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Write reminders to the outbox; a key already there is ignored (exactly once under retries). */
  async enqueue(items: ReminderInput[], m?: EntityManager): Promise<number> {
    if (items.length === 0) return 0;
    const res = await (m ?? this.ds.manager)
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(items.map((i) => ({ ...i, unitId: i.unitId ?? null, scheduledAt: new Date(i.scheduledAt) })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return res.raw.length;
  }

  /**
   * Withdraws the undelivered rows written ahead for these tasks (every task's of the campaign with 'all'), in the
   * caller's transaction — the one writing the tasks' new read-model rows and new ahead rows, so no reminder computed
   * for a task's previous state stays behind.
   */
  async withdrawAhead(campaignId: string, taskIds: string[] | 'all', m?: EntityManager): Promise<void> {
    const q = m ?? this.ds.manager;
    if (taskIds === 'all') await q.query(`DELETE FROM notification_outbox WHERE campaign_id = $1 AND ahead AND delivered_at IS NULL`, [campaignId]);
    else if (taskIds.length) await q.query(`DELETE FROM notification_outbox WHERE campaign_id = $1 AND task_id = ANY($2) AND ahead AND delivered_at IS NULL`, [campaignId, taskIds]);
  }

  /** Writes reminders ahead of their instant, stamped with the task's state; a key already there is kept. */
  async enqueueAhead(items: (ReminderInput & { taskStatus: string; taskDueAt: string })[], m?: EntityManager): Promise<number> {
    if (!items.length) return 0;
    const res = await (m ?? this.ds.manager)
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(items.map((i) => ({ ...i, unitId: i.unitId ?? null, scheduledAt: new Date(i.scheduledAt), ahead: true, taskDueAt: new Date(i.taskDueAt) })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return res.raw.length;
  }

  list(campaignId: string): Promise<NotificationEntity[]> {
    return this.ds.getRepository(NotificationEntity).find({ where: { campaignId, scheduledAt: LessThanOrEqual(new Date()) }, order: { scheduledAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Whom 催办 reached: the people each of a campaign's 催办 reminders was routed to (its `resolved` people, by name), by
   * `<taskId>|<instant ISO>` — the chase's task and instant, as its audit entry records them. A chase not routed yet
   * (the router's pass is a quarter second behind) is absent.
   */
  async urgesReached(campaignId: string, at: Date[]): Promise<Map<string, string[]>> {
    if (!at.length) return new Map();
    const rows: { task_id: string; scheduled_at: Date; resolved: { people?: { name?: unknown }[] } | null }[] = await this.ds.query(
      `SELECT task_id, scheduled_at, resolved FROM notification_outbox WHERE campaign_id = $1 AND level = 'urge' AND scheduled_at = ANY($2::timestamptz[]) AND resolved IS NOT NULL`,
      [campaignId, at],
    );
    return new Map(rows.map((r) => [`${r.task_id}|${r.scheduled_at.toISOString()}`, (r.resolved?.people ?? []).map((p) => String(p.name ?? ''))]));
  }

  /** A campaign's reminders filtered by unit, task, level and period (scheduled time), oldest (or newest) first, one page. */
  async search(campaignId: string, f: ReminderFilter): Promise<{ total: number; rows: (NotificationEntity & { resolved: unknown })[] }> {
    const where = ['campaign_id = $1', 'scheduled_at <= now()']; // rows written ahead are not reminders until their instant
    const params: unknown[] = [campaignId];
    if (f.unitId) where.push(`unit_id = $${params.push(f.unitId)}`);
    if (f.addressedTo) where.push(`recipients && $${params.push(f.addressedTo)}::text[]`);
    if (f.taskId) where.push(`task_id = $${params.push(f.taskId)}`);
    if (f.level) where.push(`level = $${params.push(f.level)}`);
    if (f.from) where.push(`scheduled_at >= $${params.push(f.from)}`);
    if (f.to) where.push(`scheduled_at < $${params.push(f.to)}`);
    const w = where.join(' AND ');
    const [{ n }]: { n: string }[] = await this.ds.query(`SELECT count(*) AS n FROM notification_outbox WHERE ${w}`, params);
    const rows: any[] = await this.ds.query(
      `SELECT * FROM notification_outbox WHERE ${w} ORDER BY ${f.order === 'desc' ? 'scheduled_at DESC, id DESC' : 'scheduled_at, id'} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return {
      total: Number(n),
      rows: rows.map((r) =>
        Object.assign(new NotificationEntity(), {
          id: String(r.id), campaignId: r.campaign_id, taskId: r.task_id, unitId: r.unit_id, level: r.level, recipients: r.recipients, message: r.message,
          scheduledAt: r.scheduled_at, createdAt: r.created_at, deliveredAt: r.delivered_at, attempts: r.attempts, dedupeKey: r.dedupe_key, resolved: r.resolved ?? null,
        }),
      ),
    };
  }
}

export interface ReminderFilter {
  unitId?: string;
  /** Only reminders addressed to one of these principals (user:, unit:, role:). */
  addressedTo?: string[];
  taskId?: string;
  level?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
  /** Oldest first (default) or newest first. */
  order?: 'asc' | 'desc';
}
