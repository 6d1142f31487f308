import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders written ahead of their instant (issue 15, the reminder burst): a campaign writes its tasks' coming reminders
 * into notification_outbox when it persists a task change (`ahead`), stamped with the task's state they were computed
 * for (`task_status`, `task_due_at`); the dispatcher routes each once `scheduled_at` has passed, re-checking the stamp
 * against the read model. The partial index serves the dispatcher's "undelivered and due" query.
 */
export class RemindersAhead1796335372981 implements MigrationInterface {
  name = 'RemindersAhead1796335372981';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_outbox ADD COLUMN ahead boolean NOT NULL DEFAULT false, ADD COLUMN task_status text, ADD COLUMN task_due_at timestamptz`);
    await q.query(`CREATE INDEX notification_outbox_undelivered_idx ON notification_outbox (scheduled_at) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_outbox_undelivered_idx`);
    await q.query(`ALTER TABLE notification_outbox DROP COLUMN ahead, DROP COLUMN task_status, DROP COLUMN task_due_at`);
  }
}
