import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit of whoever uploaded a file (null: the office, a leader, an inspector): an unsent file (the 报送 draft) is
 * that unit's to list and delete, on any device (walkthrough: a liaison's uploads lived only in one browser's form).
 * Rows written before take their uploader's unit from the accounts table (identity-provider users: none, the uploader alone).
 */
export class UploadedFileUploaderUnit1796455000000 implements MigrationInterface {
  name = 'UploadedFileUploaderUnit1796455000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE uploaded_files ADD COLUMN uploaded_by_unit_id text`);
    await q.query(`UPDATE uploaded_files f SET uploaded_by_unit_id = u.unit_id FROM users u WHERE u.id = f.uploaded_by AND u.unit_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE uploaded_files DROP COLUMN uploaded_by_unit_id`);
  }
}
