import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office's campaign detail stored as the answer's text beside the snapshot (issue 15, campaign view at scale): the
 * projection's write fills `detail_json` (the domain's campaignDetail, without the row's times) and `detail_shape`
 * (CAMPAIGN_DETAIL_SHAPE of the code that wrote it), so an API process that has not cached the campaign answers from
 * this text in one read, without parsing the snapshot. Null for rows written before: the API maps the snapshot.
 */
export class CampaignDetailText1796350000000 implements MigrationInterface {
  name = 'CampaignDetailText1796350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN detail_json text, ADD COLUMN detail_shape smallint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN detail_json, DROP COLUMN detail_shape`);
  }
}
