import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices (待办通知, level 'notice'): the outbox also carries "this now waits for you" messages — a task assigned, a
 * submission returned, a step waiting for its signers, a task approved — beside the deadline reminders.
 */
export class NoticeLevel1796370000000 implements MigrationInterface {
  name = 'NoticeLevel1796370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_level_check`);
    await q.query(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_level_check CHECK (level IN ('blue', 'yellow', 'red', 'escalation', 'notice'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_outbox WHERE level = 'notice'`);
    await q.query(`ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_level_check`);
    await q.query(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_level_check CHECK (level IN ('blue', 'yellow', 'red', 'escalation'))`);
  }
}
