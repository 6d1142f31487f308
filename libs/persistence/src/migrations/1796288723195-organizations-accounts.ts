import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy and accounts: organizations (county/district tenants, supervised by a city/province), their units, unit
 * duties (联络员 / 分管负责人), users' organization / active flag / contact / token cut-off, campaigns and custom
 * templates belonging to an organization, an append-only account event log and per-username login failures.
 */
export class OrganizationsAccounts1796288723195 implements MigrationInterface {
  name = 'OrganizationsAccounts1796288723195';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
        parent_id text REFERENCES organizations(id),
        region_name text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE INDEX organizations_parent_idx ON organizations (parent_id)`);
    await q.query(`
      CREATE TABLE organization_units (
        organization_id text NOT NULL REFERENCES organizations(id),
        unit_id text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (organization_id, unit_id)
      )`);
    await q.query(`ALTER TABLE users ADD COLUMN organization_id text REFERENCES organizations(id)`);
    await q.query(`ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE users ADD COLUMN email text`);
    await q.query(`ALTER TABLE users ADD COLUMN phone text`);
    await q.query(`ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
    await q.query(`CREATE INDEX users_org_idx ON users (organization_id, unit_id)`);
    await q.query(`CREATE INDEX users_org_roles_idx ON users USING gin (roles)`);
    await q.query(`
      CREATE TABLE unit_duties (
        organization_id text NOT NULL,
        unit_id text NOT NULL,
        duty text NOT NULL CHECK (duty IN ('liaison', 'responsible-leader')),
        user_id text NOT NULL REFERENCES users(id),
        assigned_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, unit_id, duty, user_id),
        FOREIGN KEY (organization_id, unit_id) REFERENCES organization_units(organization_id, unit_id)
      )`);
    await q.query(`CREATE INDEX unit_duties_user_idx ON unit_duties (user_id)`);
    await q.query(`ALTER TABLE campaigns ADD COLUMN organization_id text`);
    await q.query(`CREATE INDEX campaigns_org_idx ON campaigns (organization_id, created_at DESC)`);
    await q.query(`ALTER TABLE custom_templates ADD COLUMN organization_id text`);
    await q.query(`
      CREATE TABLE account_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        organization_id text,
        actor_id text,
        subject_user_id text,
        username text,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'refused', 'denied')),
        ip text,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX account_events_org_idx ON account_events (organization_id, at)`);
    await q.query(`CREATE INDEX account_events_username_idx ON account_events (username, at)`);
    // Append-only, like audit_records (same trigger function).
    await q.query(`CREATE TRIGGER account_events_no_update_delete BEFORE UPDATE OR DELETE ON account_events FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`);
    await q.query(`CREATE TRIGGER account_events_no_truncate BEFORE TRUNCATE ON account_events FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON account_events FROM PUBLIC`);
    await q.query(`
      CREATE TABLE login_failures (
        username text PRIMARY KEY,
        failures integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TRIGGER account_events_no_truncate ON account_events`);
    await q.query(`DROP TRIGGER account_events_no_update_delete ON account_events`);
    await q.query(`DROP TABLE account_events`);
    await q.query(`ALTER TABLE custom_templates DROP COLUMN organization_id`);
    await q.query(`DROP INDEX campaigns_org_idx`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN organization_id`);
    await q.query(`DROP TABLE unit_duties`);
    await q.query(`DROP INDEX users_org_roles_idx`);
    await q.query(`DROP INDEX users_org_idx`);
    for (const c of ['password_changed_at', 'tokens_valid_after', 'phone', 'email', 'active', 'organization_id']) await q.query(`ALTER TABLE users DROP COLUMN ${c}`);
    await q.query(`DROP TABLE organization_units`);
    await q.query(`DROP TABLE organizations`);
  }
}
