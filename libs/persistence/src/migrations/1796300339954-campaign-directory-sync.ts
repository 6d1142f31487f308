import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each running campaign last received of its organization's directory (a hash of the people list sent by the
 * refreshDirectory update), and the retry state of a send that failed: the API's directory sync compares it with
 * the current accounts after every account change and on a sweep, so a change is never lost.
 */
export class CampaignDirectorySync1796300339954 implements MigrationInterface {
  name = 'CampaignDirectorySync1796300339954';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_directory_sync (
        campaign_id text PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
        directory_hash text,
        synced_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz
      )`);
    await q.query(`CREATE INDEX campaigns_running_org_idx ON campaigns (organization_id) WHERE status IN ('active', 'paused')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaigns_running_org_idx`);
    await q.query(`DROP TABLE campaign_directory_sync`);
  }
}
