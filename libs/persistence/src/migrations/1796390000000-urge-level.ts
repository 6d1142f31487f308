import { MigrationInterface, QueryRunner } from 'typeorm';

/** 催办 by hand (level 'urge'): the office or a leader chased a task; its people are told at once, like a notice. */
export class UrgeLevel1796390000000 implements MigrationInterface {
  name = 'UrgeLevel1796390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_level_check`);
    await q.query(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_level_check CHECK (level IN ('blue', 'yellow', 'red', 'escalation', 'notice', 'urge'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_outbox WHERE level = 'urge'`);
    await q.query(`ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_level_check`);
    await q.query(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_level_check CHECK (level IN ('blue', 'yellow', 'red', 'escalation', 'notice'))`);
  }
}
