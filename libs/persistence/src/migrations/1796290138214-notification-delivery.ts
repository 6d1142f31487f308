import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder delivery (issue 11): reminders in notification_outbox are ROUTED (resolved to named people) into
 * notification_items (the in-app notifications, one per person and reminder) and notification_deliveries (one row per
 * message to send on an external channel: e-mail, SMS, DingTalk/WeCom robots), which the dispatcher claims with a lease,
 * retries with backoff and dead-letters. Reminders that resolve to nobody are kept in notification_problems.
 */
export class NotificationDelivery1796290138214 implements MigrationInterface {
  name = 'NotificationDelivery1796290138214';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_outbox ADD COLUMN resolved jsonb`);
    await q.query(`CREATE INDEX notification_outbox_task_idx ON notification_outbox (campaign_id, task_id)`);
    await q.query(`CREATE INDEX notification_outbox_unit_idx ON notification_outbox (campaign_id, unit_id, scheduled_at)`);
    await q.query(`
      CREATE TABLE notification_items (
        id bigserial PRIMARY KEY,
        user_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'unresolved')),
        campaign_id text NOT NULL,
        task_id text,
        unit_id text,
        level text NOT NULL,
        title text NOT NULL,
        message text NOT NULL,
        link text,
        due_at timestamptz,
        at timestamptz NOT NULL,
        reminder_id bigint REFERENCES notification_outbox(id) ON DELETE CASCADE,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        dedupe_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX notification_items_user_idx ON notification_items (user_id, (read_at IS NULL) DESC, at DESC)`);
    await q.query(`CREATE INDEX notification_items_task_idx ON notification_items (campaign_id, task_id, at DESC)`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'dingtalk', 'wecom')),
        recipient text NOT NULL,
        address text NOT NULL,
        recipient_name text,
        kind text NOT NULL CHECK (kind IN ('digest', 'urgent')),
        send_at timestamptz NOT NULL,
        payload jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        dedupe_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX notification_deliveries_dead_idx ON notification_deliveries (updated_at) WHERE status = 'dead'`);
    await q.query(`CREATE INDEX notification_deliveries_open_idx ON notification_deliveries (recipient, channel, kind) WHERE status = 'pending' AND payload IS NULL`);
    await q.query(`
      CREATE TABLE notification_delivery_items (
        delivery_id bigint NOT NULL REFERENCES notification_deliveries(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES notification_items(id) ON DELETE CASCADE,
        mention text,
        PRIMARY KEY (delivery_id, item_id)
      )`);
    await q.query(`CREATE INDEX notification_delivery_items_item_idx ON notification_delivery_items (item_id)`);
    await q.query(`
      CREATE TABLE notification_problems (
        id bigserial PRIMARY KEY,
        campaign_id text NOT NULL,
        reminder_id bigint REFERENCES notification_outbox(id) ON DELETE CASCADE,
        task_id text,
        unit_id text,
        level text NOT NULL,
        recipient_key text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dedupe_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX notification_problems_campaign_idx ON notification_problems (campaign_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id text PRIMARY KEY,
        channels text[] NOT NULL,
        email text,
        mobile text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_robots (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('dingtalk', 'wecom')),
        scope text NOT NULL CHECK (scope IN ('unit', 'organization')),
        scope_id text NOT NULL,
        webhook text NOT NULL,
        secret text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, scope, scope_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_robots`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notification_problems`);
    await q.query(`DROP TABLE notification_delivery_items`);
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notification_items`);
    await q.query(`DROP INDEX notification_outbox_unit_idx`);
    await q.query(`DROP INDEX notification_outbox_task_idx`);
    await q.query(`ALTER TABLE notification_outbox DROP COLUMN resolved`);
  }
}
