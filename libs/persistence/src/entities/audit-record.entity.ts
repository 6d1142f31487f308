import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditOutcome } from '@eco/domain';

/** Append-only audit trail; each record carries the hash of the previous record of its campaign. */
@Entity({ name: 'audit_records' })
export class AuditRecordEntity {
  @PrimaryColumn({ type: 'text', name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text', name: 'actor_id' }) actorId: string;
  @Column({ type: 'text', name: 'actor_name' }) actorName: string;
  @Column({ type: 'text', array: true, name: 'actor_roles' }) actorRoles: string[];
  @Column({ type: 'text', name: 'actor_unit_id', nullable: true }) actorUnitId: string | null;
  @Column({ type: 'text', name: 'on_behalf_of', nullable: true }) onBehalfOf: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', name: 'task_id', nullable: true }) taskId: string | null;
  @Column({ type: 'text', name: 'indicator_code', nullable: true }) indicatorCode: string | null;
  @Column({ type: 'integer', nullable: true }) step: number | null;
  @Column({ type: 'text' }) outcome: AuditOutcome;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'text', name: 'workflow_id', nullable: true }) workflowId: string | null;
  @Column({ type: 'text', name: 'update_id', nullable: true }) updateId: string | null;
  @Column({ type: 'text', name: 'dedupe_key', unique: true }) dedupeKey: string;
  @Column({ type: 'jsonb', nullable: true }) detail: Record<string, unknown> | null;
  /** The campaign's organization (tenant) when the record was written. */
  @Column({ type: 'text', name: 'organization_id', nullable: true }) organizationId: string | null;
  /** Fields the HMAC covers (audit-hash.ts hashPayload): 1 = before the organization was stored, 2 = with it. */
  @Column({ type: 'smallint', name: 'hash_version', default: 1 }) hashVersion: number;
  @Column({ type: 'text', name: 'prev_hash' }) prevHash: string;
  @Column({ type: 'text' }) hash: string;
}
