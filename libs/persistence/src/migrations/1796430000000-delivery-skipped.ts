import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message closed unsent ('skipped'): every item of its batch was done or out of date when it went, so the dispatcher
 * sent nothing (its frozen payload is `{ items: [], skipped: why }`). It was closed 'sent', and read as sent wherever a
 * delivery's status is read (the API's status, a count of sent messages). Batches closed so before become 'skipped' too
 * (no sent_at: nothing was sent).
 */
export class DeliverySkipped1796430000000 implements MigrationInterface {
  name = 'DeliverySkipped1796430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT IF EXISTS notification_deliveries_status_check`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'dead'))`);
    await markSkippedBatches(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notification_deliveries SET status = 'sent', sent_at = updated_at WHERE status = 'skipped'`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT IF EXISTS notification_deliveries_status_check`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('pending', 'sending', 'sent', 'dead'))`);
  }
}

/** The migration's step: batches closed 'sent' with nothing sent (payload `{ items: [], skipped }`) become 'skipped'. */
export async function markSkippedBatches(q: { query(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  await q.query(
    `UPDATE notification_deliveries SET status = 'skipped', sent_at = NULL
     WHERE status = 'sent' AND payload ? 'skipped' AND jsonb_typeof(payload -> 'items') = 'array' AND jsonb_array_length(payload -> 'items') = 0`,
  );
}
