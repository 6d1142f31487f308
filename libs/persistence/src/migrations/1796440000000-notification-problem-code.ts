import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a reminder reached nobody, as a code (the domain's REMINDER_PROBLEM_CODES) beside its words: the screen's advice
 * follows it (a deactivated signer's step is handed over by 转交, not by naming a liaison), never the wording. Rows
 * written before take theirs from what they were written with: the recipient key's kind, and for a person the
 * resolver's and router's own reasons (停用 / 不存在 / 未填写邮箱).
 */
export class NotificationProblemCode1796440000000 implements MigrationInterface {
  name = 'NotificationProblemCode1796440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_problems ADD COLUMN code text`);
    await q.query(`
      UPDATE notification_problems SET code = CASE
        WHEN recipient_key LIKE 'unit:%' THEN 'no-liaison'
        WHEN recipient_key LIKE 'unit-leader:%' THEN 'no-responsible-leader'
        WHEN recipient_key LIKE 'role:%' THEN 'no-role-user'
        WHEN recipient_key LIKE 'user:%' AND reason LIKE '未填写邮箱，邮件未发送%' THEN 'no-email'
        WHEN recipient_key LIKE 'user:%' AND reason LIKE '%(user % is inactive)' THEN 'user-inactive'
        WHEN recipient_key LIKE 'user:%' AND reason LIKE '%(user % not found)' THEN 'user-not-found'
        ELSE 'unknown-recipient' END`);
    // a worker of the version before (a rolling deploy) writes no code: its rows read as unknown, not refused
    await q.query(`ALTER TABLE notification_problems ALTER COLUMN code SET DEFAULT 'unknown-recipient', ALTER COLUMN code SET NOT NULL`);
    await q.query(`
      ALTER TABLE notification_problems ADD CONSTRAINT notification_problems_code_check
        CHECK (code IN ('no-liaison', 'no-responsible-leader', 'no-role-user', 'user-inactive', 'user-not-found', 'unknown-recipient', 'no-email'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_problems DROP COLUMN code`);
  }
}
