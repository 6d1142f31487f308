import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign's start instant as a column (the projection writes it from the snapshot's startAt), so the campaign
 * list — which reads no snapshot — can say 未开始 for a campaign planned to start later. Rows written before: filled
 * here from their snapshot (one statement; a snapshot without startAt leaves null).
 */
export class CampaignStartAt1796360000000 implements MigrationInterface {
  name = 'CampaignStartAt1796360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN start_at timestamptz`);
    await q.query(`UPDATE campaigns SET start_at = (snapshot->>'startAt')::timestamptz WHERE snapshot ? 'startAt' AND snapshot->>'startAt' ~ '^\\d{4}-\\d{2}-\\d{2}T'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN start_at`);
  }
}
