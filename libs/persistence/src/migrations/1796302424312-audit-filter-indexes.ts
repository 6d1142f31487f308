import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the audit page's filters (GET /campaigns/:id/audit?actor=…|action=…|from=…&to=…): each page is a
 * keyset scan in seq order and each answer counts the matching entries; without these, the counts by person and by
 * period scanned the table (EXPLAIN in bench/audit-page.ts, docs/performance.md).
 */
export class AuditFilterIndexes1796302424312 implements MigrationInterface {
  name = 'AuditFilterIndexes1796302424312';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_records_actor_idx ON audit_records (campaign_id, actor_id, seq)`);
    await q.query(`CREATE INDEX audit_records_action_idx ON audit_records (campaign_id, action, seq)`);
    await q.query(`CREATE INDEX audit_records_at_idx ON audit_records (campaign_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_records_at_idx`);
    await q.query(`DROP INDEX audit_records_action_idx`);
    await q.query(`DROP INDEX audit_records_actor_idx`);
  }
}
