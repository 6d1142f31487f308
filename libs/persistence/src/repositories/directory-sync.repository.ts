import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CAMPAIGN_GOES_ON } from '@eco/domain';

export interface RunningCampaignSync {
  campaignId: string;
  organizationId: string | null;
  /** Hash of the directory the campaign last received (null: unknown — started before the sync existed). */
  directoryHash: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
}

/** Which directory each running campaign last received, and the retry state of failed sends (campaign_directory_sync). */
@Injectable()
export class DirectorySyncRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Running campaigns (active or paused) with their sync state: of one organization (`null`: campaigns outside any
   * organization), or of all when `organizationId` is undefined.
   */
  async running(organizationId?: string | null): Promise<RunningCampaignSync[]> {
    const where = organizationId === undefined ? '' : organizationId === null ? 'AND c.organization_id IS NULL' : 'AND c.organization_id = $2';
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT c.id, c.organization_id, s.directory_hash, COALESCE(s.attempts, 0) AS attempts, s.next_attempt_at
         FROM campaigns c LEFT JOIN campaign_directory_sync s ON s.campaign_id = c.id
        WHERE c.status = ANY($1::text[]) ${where}
        ORDER BY c.id`,
      organizationId ? [[...CAMPAIGN_GOES_ON], organizationId] : [[...CAMPAIGN_GOES_ON]],
    );
    return rows.map((r) => ({
      campaignId: r.id as string, organizationId: (r.organization_id as string | null) ?? null, directoryHash: (r.directory_hash as string | null) ?? null,
      attempts: Number(r.attempts), nextAttemptAt: (r.next_attempt_at as Date | null) ?? null,
    }));
  }

  /** The campaign now has the directory with this hash (`note`: why nothing was sent, e.g. a campaign without a directory). */
  async markSynced(campaignId: string, hash: string, note: string | null = null): Promise<void> {
    await this.ds.query(
      `INSERT INTO campaign_directory_sync (campaign_id, directory_hash, synced_at, attempts, last_error, next_attempt_at) VALUES ($1, $2, now(), 0, $3, NULL)
       ON CONFLICT (campaign_id) DO UPDATE SET directory_hash = EXCLUDED.directory_hash, synced_at = now(), attempts = 0, last_error = EXCLUDED.last_error, next_attempt_at = NULL`,
      [campaignId, hash, note],
    );
  }

  /** A send failed: keep the last hash received, count the attempt and wait until `nextAttemptAt`. */
  async markFailed(campaignId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.ds.query(
      `INSERT INTO campaign_directory_sync (campaign_id, attempts, last_error, next_attempt_at) VALUES ($1, 1, $2, $3)
       ON CONFLICT (campaign_id) DO UPDATE SET attempts = campaign_directory_sync.attempts + 1, last_error = EXCLUDED.last_error, next_attempt_at = EXCLUDED.next_attempt_at`,
      [campaignId, error.slice(0, 2000), nextAttemptAt],
    );
  }

  /** Sync state of one campaign (tests, operations). */
  async state(campaignId: string): Promise<{ directoryHash: string | null; attempts: number; lastError: string | null; syncedAt: Date | null } | null> {
    const r: Record<string, unknown>[] = await this.ds.query('SELECT directory_hash, attempts, last_error, synced_at FROM campaign_directory_sync WHERE campaign_id = $1', [campaignId]);
    return r[0] ? { directoryHash: (r[0].directory_hash as string | null) ?? null, attempts: Number(r[0].attempts), lastError: (r[0].last_error as string | null) ?? null, syncedAt: (r[0].synced_at as Date | null) ?? null } : null;
  }
}
