import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns with audit records the API wrote while their workflow did not accept the anchor (Temporal down): the
 * highest such seq, so the API's anchor sweep signals the chain's head to the workflow once Temporal is reachable
 * (AUDIT_ANCHOR_SWEEP_INTERVAL_MS). A row is removed once an anchor covers it, or when the workflow has ended.
 */
export class AuditAnchorPending1796323813242 implements MigrationInterface {
  name = 'AuditAnchorPending1796323813242';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_anchor_pending (
        campaign_id text PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        since timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_anchor_pending`);
  }
}
