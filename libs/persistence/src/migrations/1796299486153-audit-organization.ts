import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit records store their organization (the campaign's tenant) instead of having it added on read. Existing
 * records are backfilled from their campaign and keep hash version 1 (their HMAC never covered the organization,
 * so their chains keep verifying); records written from now on are hash version 2, whose HMAC covers it.
 * The backfill is the one sanctioned change to existing rows: the append-only trigger is off for it only, inside
 * this migration's transaction.
 */
export class AuditOrganization1796299486153 implements MigrationInterface {
  name = 'AuditOrganization1796299486153';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_records ADD COLUMN organization_id text`);
    await q.query(`ALTER TABLE audit_records ADD COLUMN hash_version smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete`);
    await q.query(`UPDATE audit_records a SET organization_id = c.organization_id FROM campaigns c WHERE c.id = a.campaign_id AND c.organization_id IS NOT NULL`);
    await q.query(`ALTER TABLE audit_records ENABLE TRIGGER audit_records_no_update_delete`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_records DROP COLUMN hash_version`);
    await q.query(`ALTER TABLE audit_records DROP COLUMN organization_id`);
  }
}
