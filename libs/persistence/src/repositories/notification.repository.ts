import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../entities/notification.entity';

export interface ReminderInput {
  campaignId: string;
  taskId: string;
  unitId?: string | null;
  level: 'blue' | 'yellow' | 'red' | 'escalation';
  recipients: string[];
  message: string;
  scheduledAt: string; // ISO
  dedupeKey: string;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Write reminders to the outbox; a key already there is ignored (exactly once under retries). */
  async enqueue(items: ReminderInput[]): Promise<number> {
    if (items.length === 0) return 0;
    const res = await this.ds
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(items.map((i) => ({ ...i, unitId: i.unitId ?? null, scheduledAt: new Date(i.scheduledAt) })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return res.raw.length;
  }

  /** Claim up to `limit` undelivered notifications and mark them delivered, atomically (safe with concurrent drains). */
  async claimPending(limit = 100, campaignId?: string): Promise<NotificationEntity[]> {
    const result: unknown = await this.ds.query(
      `UPDATE notification_outbox SET delivered_at = now(), attempts = attempts + 1
       WHERE id IN (SELECT id FROM notification_outbox WHERE delivered_at IS NULL ${campaignId ? 'AND campaign_id = $2' : ''}
                    ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      campaignId ? [limit, campaignId] : [limit],
    );
    // TypeORM's postgres driver answers an UPDATE … RETURNING with [rows, affectedCount].
    const rows: any[] = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as any[]);
    return rows.map((r) => ({
      id: String(r.id), campaignId: r.campaign_id, taskId: r.task_id, unitId: r.unit_id, level: r.level, recipients: r.recipients,
      message: r.message, scheduledAt: r.scheduled_at, createdAt: r.created_at, deliveredAt: r.delivered_at, attempts: r.attempts, dedupeKey: r.dedupe_key,
    }));
  }

  list(campaignId: string): Promise<NotificationEntity[]> {
    return this.ds.getRepository(NotificationEntity).find({ where: { campaignId }, order: { scheduledAt: 'ASC', id: 'ASC' } });
  }
}
