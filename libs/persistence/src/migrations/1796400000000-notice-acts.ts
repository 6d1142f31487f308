import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app items that ask their reader to act (the domain's callsToAct): such an item is done (已处理) once its task no
 * longer waits for the reader, and no longer counts as unread. Items written before this migration get the domain's
 * answer from their keys: not the approval's news (`…|notice|approved@…`), not 督办, not a 无人接收 item.
 */
export class NoticeActs1796400000000 implements MigrationInterface {
  name = 'NoticeActs1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_items ADD COLUMN acts boolean NOT NULL DEFAULT true`);
    await q.query(
      `UPDATE notification_items SET acts = false
        WHERE kind = 'unresolved' OR level = 'escalation' OR (level = 'notice' AND position('|notice|approved@' IN dedupe_key) > 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_items DROP COLUMN acts`);
  }
}
