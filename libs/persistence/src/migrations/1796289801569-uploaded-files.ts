import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded evidence files. Rows are never deleted while a task of their campaign references them (a trigger
 * refuses it), so a returned round keeps its files; the bytes live in the content-addressed blob store.
 */
export class UploadedFiles1796289801569 implements MigrationInterface {
  name = 'UploadedFiles1796289801569';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE uploaded_files (
        id uuid PRIMARY KEY,
        campaign_id text NOT NULL REFERENCES campaigns(id),
        task_id text NOT NULL,
        unit_id text,
        name text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        media_type text NOT NULL,
        file_type text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
        storage text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_by_name text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX uploaded_files_task_idx ON uploaded_files (campaign_id, task_id)`);
    await q.query(`CREATE INDEX uploaded_files_sha_idx ON uploaded_files (sha256)`);
    await q.query(`
      CREATE FUNCTION uploaded_files_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM campaign_tasks t WHERE t.campaign_id = OLD.campaign_id AND t.view::text LIKE '%file:' || OLD.id::text || '%') THEN
          RAISE EXCEPTION 'uploaded file % is referenced by a submission of campaign % and cannot be deleted', OLD.id, OLD.campaign_id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER uploaded_files_no_delete_referenced BEFORE DELETE ON uploaded_files FOR EACH ROW EXECUTE FUNCTION uploaded_files_keep_referenced()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE uploaded_files');
    await q.query('DROP FUNCTION uploaded_files_keep_referenced()');
  }
}
