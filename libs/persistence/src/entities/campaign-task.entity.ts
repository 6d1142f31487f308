import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TaskView } from '@eco/domain';

/** Read model of one task (for lists and per-user inboxes), projected from the workflow. */
@Entity({ name: 'campaign_tasks' })
@Index(['campaignId', 'unitId'])
export class CampaignTaskEntity {
  @PrimaryColumn({ type: 'text', name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn({ type: 'text', name: 'task_id' }) taskId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) phase: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', name: 'unit_id', nullable: true }) unitId: string | null;
  @Column({ type: 'text', name: 'indicator_code', nullable: true }) indicatorCode: string | null;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'timestamptz', name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column({ type: 'boolean', default: false }) overdue: boolean;
  @Column({ type: 'boolean', name: 'assessment_flag', default: false }) assessmentFlag: boolean;
  /** Who can act now: `unit:<id>`, `role:<role>`, `user:<id>` (submitters when open, approvers when submitted). */
  @Column({ type: 'text', array: true, name: 'waiting_for', default: () => "'{}'" }) waitingFor: string[];
  /** The task's view (the domain's read model); rows of older runs may lack fields added since (the API's mappers default them). */
  @Column({ type: 'jsonb' }) view: TaskView;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
