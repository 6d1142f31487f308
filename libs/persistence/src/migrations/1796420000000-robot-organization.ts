import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A group robot belongs to one organization (tenant). A unit's robot was keyed by the unit's id alone, and unit ids
 * repeat across counties (a template's 县统计局 is `sx-tjj` in every county that starts from it): one county's robot
 * received another county's reminders, and any office listed, replaced and deleted every county's robots.
 *
 * `organization_id`: an organization's robot, its own id; a unit's robot, the organization whose unit it is. Robots set
 * before: an organization's takes its id; a unit's takes the one organization that has a unit of that id — where several
 * do, one copy per organization (each county keeps the robot it had); where none does, it stays without one, seen only
 * by an administrator (who sets it again or deletes it) and used for no organization's reminders.
 */
export class RobotOrganization1796420000000 implements MigrationInterface {
  name = 'RobotOrganization1796420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_robots ADD COLUMN organization_id text`);
    await q.query(`ALTER TABLE notification_robots DROP CONSTRAINT notification_robots_kind_scope_scope_id_key`);
    await q.query(`CREATE UNIQUE INDEX notification_robots_scope_key ON notification_robots (kind, scope, scope_id, coalesce(organization_id, ''))`);
    await q.query(`CREATE INDEX notification_robots_organization ON notification_robots (organization_id)`);
    await assignRobotOrganizations(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_robots_organization`);
    await q.query(`DROP INDEX notification_robots_scope_key`);
    // one robot per (kind, scope, scope_id) again: the copies made for other organizations go
    await q.query(`DELETE FROM notification_robots r WHERE EXISTS (SELECT 1 FROM notification_robots o WHERE o.kind = r.kind AND o.scope = r.scope AND o.scope_id = r.scope_id AND o.id < r.id)`);
    await q.query(`ALTER TABLE notification_robots ADD CONSTRAINT notification_robots_kind_scope_scope_id_key UNIQUE (kind, scope, scope_id)`);
    await q.query(`ALTER TABLE notification_robots DROP COLUMN organization_id`);
  }
}

/**
 * Gives robots without an organization theirs (the migration's step, run again on rows written without one): an
 * organization's robot its own id; a unit's the organization that has a unit of that id — several: a copy for each
 * beyond the first (id suffixed with the organization); none: left without (used for nobody, listed to administrators).
 */
export async function assignRobotOrganizations(q: { query(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  await q.query(`UPDATE notification_robots SET organization_id = scope_id WHERE scope = 'organization' AND organization_id IS NULL`);
  await q.query(`
    INSERT INTO notification_robots (id, kind, scope, scope_id, webhook, secret, created_at, organization_id)
    SELECT r.id || '-' || ou.organization_id, r.kind, r.scope, r.scope_id, r.webhook, r.secret, r.created_at, ou.organization_id
      FROM notification_robots r
      JOIN organization_units ou ON ou.unit_id = r.scope_id
     WHERE r.scope = 'unit' AND r.organization_id IS NULL
       AND ou.organization_id <> (SELECT min(o2.organization_id) FROM organization_units o2 WHERE o2.unit_id = r.scope_id)`);
  await q.query(`
    UPDATE notification_robots r SET organization_id = (SELECT min(ou.organization_id) FROM organization_units ou WHERE ou.unit_id = r.scope_id)
     WHERE r.scope = 'unit' AND r.organization_id IS NULL`);
}
