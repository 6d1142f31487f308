import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReminderLevel } from '@eco/domain';

/** Reminder outbox (催办): written once per reminder key, drained by the delivery activity. */
@Entity({ name: 'notification_outbox' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'text', name: 'task_id' }) taskId: string;
  @Column({ type: 'text', name: 'unit_id', nullable: true }) unitId: string | null;
  @Column({ type: 'text' }) level: ReminderLevel;
  @Column({ type: 'text', array: true }) recipients: string[];
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'timestamptz', name: 'scheduled_at' }) scheduledAt: Date;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', name: 'dedupe_key', unique: true }) dedupeKey: string;
  /** Written ahead of its instant (the dispatcher routes it once due, re-checking the task's stamp below). */
  @Column({ type: 'boolean', default: false }) ahead: boolean;
  @Column({ type: 'text', name: 'task_status', nullable: true }) taskStatus: string | null;
  @Column({ type: 'timestamptz', name: 'task_due_at', nullable: true }) taskDueAt: Date | null;
}
