import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys that recover: a claim holds a lease (lease_until); a claim whose request died (lease expired,
 * no answer stored) can be taken over by a retry. Keys are purged after the retention period (created_at index).
 */
export class IdempotencyLease1796289125321 implements MigrationInterface {
  name = 'IdempotencyLease1796289125321';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN lease_until timestamptz, ADD COLUMN attempts integer NOT NULL DEFAULT 1, ADD COLUMN completed_at timestamptz`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idempotency_keys_created_idx`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN lease_until, DROP COLUMN attempts, DROP COLUMN completed_at`);
  }
}
