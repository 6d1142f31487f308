import { MigrationInterface, QueryRunner } from 'typeorm';

/** The units taking part in a campaign (its template's units), for tenancy: a unit user sees the campaigns of its unit. */
export class CampaignUnits1796291184825 implements MigrationInterface {
  name = 'CampaignUnits1796291184825';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN unit_ids text[]`);
    await q.query(`CREATE INDEX campaigns_unit_ids_idx ON campaigns USING gin (unit_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaigns_unit_ids_idx`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN unit_ids`);
  }
}
