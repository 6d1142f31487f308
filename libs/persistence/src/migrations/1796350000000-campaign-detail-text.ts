import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office's campaign detail stored as the answer's text beside the snapshot (issue 15, campaign view at scale): the
 * projection's write fills `detail_json` (the domain's campaignDetail, without the row's times), `detail_shape`
 * (CAMPAIGN_DETAIL_SHAPE of the code that wrote it) and `detail_at` (now(): the same instant as the `updated_at` it
 * writes), so an API process that has not cached the campaign answers from this text in one read, without parsing the
 * snapshot. The text is served only while `detail_at = updated_at`: a write that did not store it (an older release's
 * worker, a hand-made fix) leaves it behind and the API maps the snapshot. Null for rows written before: the same.
 */
export class CampaignDetailText1796350000000 implements MigrationInterface {
  name = 'CampaignDetailText1796350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN detail_json text, ADD COLUMN detail_shape smallint, ADD COLUMN detail_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN detail_json, DROP COLUMN detail_shape, DROP COLUMN detail_at`);
  }
}
