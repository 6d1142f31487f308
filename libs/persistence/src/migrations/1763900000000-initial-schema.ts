import { MigrationInterface, QueryRunner } from 'typeorm';

/** Initial schema: campaign read models, append-only audit trail, reminder outbox, users, idempotency keys. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id text PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        template_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        region text NOT NULL,
        phase text NOT NULL,
        status text NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        progress jsonb NOT NULL DEFAULT '{}'::jsonb,
        snapshot jsonb,
        version integer NOT NULL DEFAULT 0,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE campaign_tasks (
        campaign_id text NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        task_id text NOT NULL,
        kind text NOT NULL,
        phase text NOT NULL,
        title text NOT NULL,
        unit_id text,
        indicator_code text,
        status text NOT NULL,
        due_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        assessment_flag boolean NOT NULL DEFAULT false,
        waiting_for text[] NOT NULL DEFAULT '{}',
        view jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, task_id)
      )`);
    await q.query(`CREATE INDEX campaign_tasks_unit_idx ON campaign_tasks (campaign_id, unit_id)`);
    await q.query(`CREATE INDEX campaign_tasks_waiting_idx ON campaign_tasks USING gin (waiting_for)`);
    await q.query(`
      CREATE TABLE audit_records (
        campaign_id text NOT NULL,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_roles text[] NOT NULL,
        actor_unit_id text,
        on_behalf_of text,
        action text NOT NULL,
        task_id text,
        indicator_code text,
        step integer,
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'refused', 'denied')),
        reason text,
        comment text,
        workflow_id text,
        update_id text,
        dedupe_key text NOT NULL UNIQUE,
        detail jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (campaign_id, seq)
      )`);
    await q.query(`CREATE INDEX audit_records_task_idx ON audit_records (campaign_id, task_id)`);
    // Append-only: no role, not even the owner, may change or remove an audit record.
    await q.query(`
      CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_records is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_records_no_update_delete BEFORE UPDATE OR DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`);
    await q.query(`CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM PUBLIC`);
    await q.query(`
      CREATE TABLE notification_outbox (
        id bigserial PRIMARY KEY,
        campaign_id text NOT NULL,
        task_id text NOT NULL,
        unit_id text,
        level text NOT NULL CHECK (level IN ('blue', 'yellow', 'red', 'escalation')),
        recipients text[] NOT NULL,
        message text NOT NULL,
        scheduled_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        dedupe_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE delivered_at IS NULL`);
    await q.query(`CREATE INDEX notification_outbox_campaign_idx ON notification_outbox (campaign_id, scheduled_at)`);
    await q.query(`
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        name text NOT NULL,
        roles text[] NOT NULL,
        unit_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`
      CREATE TABLE custom_templates (
        id text PRIMARY KEY,
        body jsonb NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE custom_templates`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE notification_outbox`);
    await q.query(`DROP TRIGGER audit_records_no_truncate ON audit_records`);
    await q.query(`DROP TRIGGER audit_records_no_update_delete ON audit_records`);
    await q.query(`DROP TABLE audit_records`);
    await q.query(`DROP FUNCTION audit_records_append_only()`);
    await q.query(`DROP TABLE campaign_tasks`);
    await q.query(`DROP TABLE campaigns`);
  }
}
