import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PendingAnchor {
  campaignId: string;
  workflowId: string;
  /** The highest record seq whose anchor the workflow did not accept. */
  seq: number;
  attempts: number;
}

/**
 * Audit records the API wrote whose anchor the campaign's workflow did not accept (audit_anchor_pending), and the
 * chain's current head: what the API's anchor sweep needs (apps/api/src/audit/anchor-sweep.service.ts).
 */
@Injectable()
export class AuditAnchorRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The anchor of `seq` was not accepted: remember the highest such seq (and why). */
  async markPending(campaignId: string, seq: number, error: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit_anchor_pending (campaign_id, seq, last_error) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id) DO UPDATE SET seq = GREATEST(audit_anchor_pending.seq, EXCLUDED.seq), last_error = EXCLUDED.last_error`,
      [campaignId, seq, error.slice(0, 1000)],
    );
  }

  /** The workflow accepted the head `seq`: whatever was pending up to it is anchored. */
  async markAnchored(campaignId: string, seq: number): Promise<void> {
    await this.ds.query('DELETE FROM audit_anchor_pending WHERE campaign_id = $1 AND seq <= $2', [campaignId, seq]);
  }

  /** Nothing can anchor them any more (the campaign's workflow has ended): forget the campaign. */
  async forget(campaignId: string): Promise<void> {
    await this.ds.query('DELETE FROM audit_anchor_pending WHERE campaign_id = $1', [campaignId]);
  }

  async failedAgain(campaignIds: string[], error: string): Promise<void> {
    if (!campaignIds.length) return;
    await this.ds.query('UPDATE audit_anchor_pending SET attempts = attempts + 1, last_error = $2 WHERE campaign_id = ANY($1::text[])', [campaignIds, error.slice(0, 1000)]);
  }

  /** Campaigns with records waiting for an anchor, oldest first. */
  async pending(limit = 200): Promise<PendingAnchor[]> {
    const rows: { campaign_id: string; workflow_id: string; seq: number; attempts: number }[] = await this.ds.query(
      `SELECT p.campaign_id, c.workflow_id, p.seq, p.attempts
         FROM audit_anchor_pending p JOIN campaigns c ON c.id = p.campaign_id
        ORDER BY p.since LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ campaignId: r.campaign_id, workflowId: r.workflow_id, seq: Number(r.seq), attempts: Number(r.attempts) }));
  }

  /** Is `campaignId` waiting for an anchor (tests, verify)? */
  async isPending(campaignId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM audit_anchor_pending WHERE campaign_id = $1', [campaignId])).length > 0;
  }

  /** The head of the campaign's chain (seq and hash of its newest record), null when it has none. */
  async head(campaignId: string): Promise<{ seq: number; hash: string } | null> {
    const rows: { seq: number; hash: string }[] = await this.ds.query('SELECT seq, hash FROM audit_records WHERE campaign_id = $1 ORDER BY seq DESC LIMIT 1', [campaignId]);
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }
}
