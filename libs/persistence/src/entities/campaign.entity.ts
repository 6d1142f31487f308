import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignSnapshot, PlanRules } from '@eco/domain';

/** Read model of a campaign, projected from its Temporal workflow by activities. */
@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text', name: 'workflow_id', unique: true }) workflowId: string;
  @Column({ type: 'text', name: 'template_id' }) templateId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) region: string;
  @Column({ type: 'text' }) phase: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'boolean', default: false }) paused: boolean;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) progress: Record<string, number>;
  /**
   * The campaign's view (the domain's read model) as of `version`, the workflow's projection sequence number; rows of
   * older runs may lack fields added since (the API's mappers default them). Null until the first projection.
   */
  @Column({ type: 'jsonb', nullable: true }) snapshot: CampaignSnapshot | null;
  @Column({ type: 'integer', default: 0 }) version: number;
  /**
   * While paused: since when (the snapshot's paused.since, read with the head — not a column; null otherwise). The
   * overdue rule reads the deadlines against it (frozen while paused: @eco/domain engine/overdue). Ended while paused:
   * that pause's start (the snapshot's finished.pausedSince), where the 考核汇总's clock stopped (recordClock).
   */
  pausedSince?: string | null;
  /**
   * Once ended (completed, failed, cancelled): when (the snapshot's finished.at, read with the head — not a column; null
   * otherwise). The 考核汇总 judges the deadlines against it (@eco/domain engine/overdue: recordClock).
   */
  endedAt?: string | null;
  /**
   * The office's detail answer as JSON text (the domain's campaignDetail of this row, without its times), written with
   * the snapshot; `detailShape` is the CAMPAIGN_DETAIL_SHAPE that wrote it, `detailAt` the write's instant (= updatedAt
   * while no other write came since). Null on rows written before. Never loaded by the entity (select: false): read by
   * CampaignRepository.headWithDetail, which returns the text only when it is current.
   */
  @Column({ type: 'text', name: 'detail_json', nullable: true, select: false }) detailJson?: string | null;
  @Column({ type: 'smallint', name: 'detail_shape', nullable: true, select: false }) detailShape?: number | null;
  @Column({ type: 'timestamptz', name: 'detail_at', nullable: true, select: false }) detailAt?: Date | null;
  /** The campaign's start (the snapshot's startAt, written by the projection): the list's 未开始. */
  @Column({ type: 'timestamptz', name: 'start_at', nullable: true }) startAt?: Date | null;
  @Column({ type: 'text', name: 'created_by', nullable: true }) createdBy: string | null;
  /** The tenant that runs the campaign (the starter's organization). */
  @Column({ type: 'text', name: 'organization_id', nullable: true }) organizationId: string | null;
  /** The units taking part (the template's units); null for campaigns started before it was recorded. */
  @Column({ type: 'text', array: true, name: 'unit_ids', nullable: true }) unitIds: string[] | null;
  /**
   * The plan rules its workflow started with (written by the projection): what the API's access policy needs of them
   * (AccessContext.signersSignOnly). Null: none, or a row not projected since the column came — as the campaign runs.
   */
  @Column({ type: 'jsonb', name: 'plan_rules', nullable: true }) planRules?: PlanRules | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
