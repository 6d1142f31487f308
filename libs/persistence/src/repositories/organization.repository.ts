import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type DirectoryUnit, type OrganizationUser, type Organization, type OrganizationDirectory, type UnitDuty, type UnitDutyFacts, ROLES, type Role } from '@eco/domain';

export interface UnitRow {
  unitId: string;
  name: string;
}

export interface DutyRow {
  unitId: string;
  duty: UnitDuty;
  userId: string;
}

/**
 * Organizations (tenants), their units, unit duties (联络员 / 分管负责人) and the directory of people the engine resolves
 * role and unit assignees against. Also usable outside Nest: `new OrganizationRepository(dataSource)` (seeding).
 */
@Injectable()
export class OrganizationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  // ---- organizations ---------------------------------------------------------------------------------------------

  /** Insert or update (name, level, parent, region) an organization. */
  async upsert(o: Organization): Promise<void> {
    await this.ds.query(
      `INSERT INTO organizations (id, name, level, parent_id, region_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id, region_name = EXCLUDED.region_name`,
      [o.id, o.name, o.level, o.parentId, o.regionName],
    );
  }

  async get(id: string): Promise<Organization | null> {
    const rows: Record<string, unknown>[] = await this.ds.query('SELECT id, name, level, parent_id, region_name FROM organizations WHERE id = $1', [id]);
    return rows.length ? toOrganization(rows[0]) : null;
  }

  async list(): Promise<Organization[]> {
    const rows: Record<string, unknown>[] = await this.ds.query('SELECT id, name, level, parent_id, region_name FROM organizations ORDER BY id');
    return rows.map(toOrganization);
  }

  async byRegionName(regionName: string): Promise<Organization | null> {
    const rows: Record<string, unknown>[] = await this.ds.query('SELECT id, name, level, parent_id, region_name FROM organizations WHERE region_name = $1', [regionName]);
    return rows.length ? toOrganization(rows[0]) : null;
  }

  /** Ids of the organizations `id` supervises: its children, their children, … (not itself). */
  async descendants(id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `WITH RECURSIVE d AS (SELECT id FROM organizations WHERE parent_id = $1
                            UNION SELECT o.id FROM organizations o JOIN d ON o.parent_id = d.id)
       SELECT id FROM d ORDER BY id`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  /** True when `supervisorId` is an ancestor of `organizationId` (a city over its counties, a province over both). */
  async supervises(supervisorId: string, organizationId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH RECURSIVE a AS (SELECT parent_id FROM organizations WHERE id = $2
                            UNION SELECT o.parent_id FROM organizations o JOIN a ON o.id = a.parent_id)
       SELECT 1 FROM a WHERE parent_id = $1 LIMIT 1`,
      [supervisorId, organizationId],
    );
    return rows.length > 0;
  }

  /** Campaigns started before tenancy belong to the county organization of their region. Returns how many were attributed. */
  async attributeLegacyCampaigns(): Promise<number> {
    const r: unknown = await this.ds.query(
      `UPDATE campaigns c SET organization_id = o.id FROM organizations o WHERE c.organization_id IS NULL AND o.region_name = c.region RETURNING c.id`,
    );
    const rows = Array.isArray(r) && Array.isArray(r[0]) ? r[0] : (r as unknown[]);
    return rows.length;
  }

  /** The organization a campaign belongs to (null for unknown campaigns and ones started before tenancy). */
  async organizationOfCampaign(campaignId: string): Promise<string | null> {
    const rows: { organization_id: string | null }[] = await this.ds.query('SELECT organization_id FROM campaigns WHERE id = $1', [campaignId]);
    return rows[0]?.organization_id ?? null;
  }

  async organizationsOfCampaigns(campaignIds: string[]): Promise<Map<string, string | null>> {
    if (!campaignIds.length) return new Map();
    const rows: { id: string; organization_id: string | null }[] = await this.ds.query('SELECT id, organization_id FROM campaigns WHERE id = ANY($1)', [campaignIds]);
    return new Map(rows.map((r) => [r.id, r.organization_id ?? null]));
  }

  // ---- units and duties ------------------------------------------------------------------------------------------

  /** Add units (and rename known ones). */
  async upsertUnits(organizationId: string, units: UnitRow[]): Promise<void> {
    for (const u of units) {
      await this.ds.query(
        `INSERT INTO organization_units (organization_id, unit_id, name) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, unit_id) DO UPDATE SET name = EXCLUDED.name`,
        [organizationId, u.unitId, u.name],
      );
    }
  }

  /**
   * Add the units the organization does not have yet, in one statement; a unit it has keeps its name (the county may
   * have named it its own way). Nothing for an organization id without its organization row (accounts may name one
   * that was never registered). Returns how many were added.
   */
  addMissingUnits(organizationId: string, units: UnitRow[]): Promise<number> {
    return this.addUnitsWhere('o.id = $1', organizationId, units);
  }

  /**
   * The templates of campaigns whose organization lacks one of their plan's units (`unit_ids`: campaigns started before a
   * start added them) — none once every county has its campaigns' units, so the startup step that adds them
   * (TemplateCatalogService) finds nothing to do after its first pass; a template whose campaigns name a unit it no
   * longer has (or that no longer loads) is found again at each start and nothing is written for it. Organization ids
   * without an organization row are left out (nothing can be added to them).
   */
  async templatesLackingUnits(): Promise<string[]> {
    const rows: { template_id: string }[] = await this.ds.query(
      `SELECT DISTINCT c.template_id FROM campaigns c JOIN organizations o ON o.id = c.organization_id
       WHERE EXISTS (
         SELECT 1 FROM unnest(c.unit_ids) AS u(unit_id)
         WHERE NOT EXISTS (SELECT 1 FROM organization_units ou WHERE ou.organization_id = c.organization_id AND ou.unit_id = u.unit_id))
       ORDER BY c.template_id`,
    );
    return rows.map((r) => r.template_id);
  }

  /** As addMissingUnits, for every organization with a campaign of this template (one statement). */
  addPlanUnits(templateId: string, units: UnitRow[]): Promise<number> {
    return this.addUnitsWhere('o.id IN (SELECT organization_id FROM campaigns WHERE template_id = $1)', templateId, units);
  }

  /** The units each organization `where` selects (over `o`, with `$1`) lacks, added; how many rows were added. */
  private async addUnitsWhere(where: string, param: string, units: UnitRow[]): Promise<number> {
    if (!units.length) return 0;
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO organization_units (organization_id, unit_id, name)
       SELECT o.id, u.unit_id, u.name FROM organizations o, unnest($2::text[], $3::text[]) AS u(unit_id, name) WHERE ${where}
       ON CONFLICT (organization_id, unit_id) DO NOTHING RETURNING unit_id`,
      [param, units.map((u) => u.unitId), units.map((u) => u.name)],
    );
    return rows.length;
  }

  async units(organizationId: string): Promise<UnitRow[]> {
    const rows: { unit_id: string; name: string }[] = await this.ds.query('SELECT unit_id, name FROM organization_units WHERE organization_id = $1 ORDER BY unit_id', [organizationId]);
    return rows.map((r) => ({ unitId: r.unit_id, name: r.name }));
  }

  async unit(organizationId: string, unitId: string): Promise<UnitRow | null> {
    const rows: { unit_id: string; name: string }[] = await this.ds.query('SELECT unit_id, name FROM organization_units WHERE organization_id = $1 AND unit_id = $2', [organizationId, unitId]);
    return rows.length ? { unitId: rows[0].unit_id, name: rows[0].name } : null;
  }

  /** Replace the holders of one duty of a unit (the callers check that they are active members of the unit). */
  async setDuty(organizationId: string, unitId: string, duty: UnitDuty, userIds: string[], assignedBy: string | null): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM unit_duties WHERE organization_id = $1 AND unit_id = $2 AND duty = $3', [organizationId, unitId, duty]);
      for (const userId of [...new Set(userIds)]) {
        await m.query('INSERT INTO unit_duties (organization_id, unit_id, duty, user_id, assigned_by) VALUES ($1, $2, $3, $4, $5)', [organizationId, unitId, duty, userId, assignedBy]);
      }
    });
  }

  /** Add one holder to a duty (no-op when already held). */
  async addDuty(organizationId: string, unitId: string, duty: UnitDuty, userId: string, assignedBy: string | null): Promise<void> {
    await this.ds.query(
      'INSERT INTO unit_duties (organization_id, unit_id, duty, user_id, assigned_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [organizationId, unitId, duty, userId, assignedBy],
    );
  }

  async duties(organizationId: string, unitId?: string): Promise<DutyRow[]> {
    const rows: { unit_id: string; duty: UnitDuty; user_id: string }[] = await this.ds.query(
      `SELECT unit_id, duty, user_id FROM unit_duties WHERE organization_id = $1 ${unitId ? 'AND unit_id = $2' : ''} ORDER BY unit_id, duty, user_id`,
      unitId ? [organizationId, unitId] : [organizationId],
    );
    return rows.map((r) => ({ unitId: r.unit_id, duty: r.duty, userId: r.user_id }));
  }

  /**
   * A user's duties in their unit, in one round trip: are they its liaison, its 分管负责人, and has it an active liaison
   * (the inbox's inboxPrincipalsOf).
   */
  async unitDutiesOf(organizationId: string, unitId: string, userId: string): Promise<UnitDutyFacts> {
    const [r]: { liaison: boolean | null; leader: boolean | null; has_liaison: boolean | null }[] = await this.ds.query(
      `SELECT bool_or(d.user_id = $3 AND d.duty = 'liaison') AS liaison, bool_or(d.user_id = $3 AND d.duty = 'responsible-leader') AS leader,
              bool_or(d.duty = 'liaison' AND u.active) AS has_liaison
         FROM unit_duties d JOIN users u ON u.id = d.user_id
        WHERE d.organization_id = $1 AND d.unit_id = $2`,
      [organizationId, unitId, userId],
    );
    return { liaison: !!r?.liaison, responsibleLeader: !!r?.leader, unitHasLiaison: !!r?.has_liaison };
  }

  // ---- directory -------------------------------------------------------------------------------------------------

  /**
   * Everything the engine needs to turn assignees into people for one organization: every user (with the active
   * flag), active user ids per role, and per unit its members, active liaisons and active responsible leaders.
   * Null when the organization does not exist.
   */
  async directory(organizationId: string): Promise<OrganizationDirectory | null> {
    const organization = await this.get(organizationId);
    if (!organization) return null;
    const users = await this.directoryUsers(organizationId);
    const active = new Set(users.filter((u) => u.active).map((u) => u.id));
    const byRole = Object.fromEntries(ROLES.map((r) => [r, users.filter((u) => u.active && u.roles.includes(r)).map((u) => u.id)])) as Record<Role, string[]>;
    const duties = await this.duties(organizationId);
    const unitRows = await this.units(organizationId);
    const unitIds = [...new Set([...unitRows.map((u) => u.unitId), ...users.flatMap((u) => (u.unitId ? [u.unitId] : []))])].sort();
    const names = new Map(unitRows.map((u) => [u.unitId, u.name]));
    const units: DirectoryUnit[] = unitIds.map((unitId) => ({
      unitId,
      name: names.get(unitId) ?? unitId,
      members: users.filter((u) => u.unitId === unitId).map((u) => u.id),
      liaisons: duties.filter((d) => d.unitId === unitId && d.duty === 'liaison' && active.has(d.userId)).map((d) => d.userId),
      responsibleLeaders: duties.filter((d) => d.unitId === unitId && d.duty === 'responsible-leader' && active.has(d.userId)).map((d) => d.userId),
    }));
    return { organization, users, byRole, units };
  }

  /** Active users of the organization holding `role`. */
  async usersWithRole(organizationId: string, role: Role): Promise<OrganizationUser[]> {
    return (await this.directoryUsers(organizationId, 'AND active AND $2 = ANY(roles)', [role]));
  }

  /** Active members of a unit, and its active liaisons and responsible leaders, as users. */
  async unitContacts(organizationId: string, unitId: string): Promise<{ members: OrganizationUser[]; liaisons: OrganizationUser[]; responsibleLeaders: OrganizationUser[] }> {
    const members = await this.directoryUsers(organizationId, 'AND active AND unit_id = $2', [unitId]);
    const duties = await this.duties(organizationId, unitId);
    const pick = (duty: UnitDuty) => members.filter((m) => duties.some((d) => d.duty === duty && d.userId === m.id));
    return { members, liaisons: pick('liaison'), responsibleLeaders: pick('responsible-leader') };
  }

  private async directoryUsers(organizationId: string, where = '', params: unknown[] = []): Promise<OrganizationUser[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT id, username, name, roles, unit_id, active, email, phone FROM users WHERE organization_id = $1 ${where} ORDER BY username`,
      [organizationId, ...params],
    );
    return rows.map((r) => ({
      id: r.id as string, username: r.username as string, name: r.name as string,
      roles: (r.roles as string[]).filter((x): x is Role => (ROLES as readonly string[]).includes(x)),
      unitId: (r.unit_id as string | null) ?? null, active: r.active as boolean, email: (r.email as string | null) ?? null, phone: (r.phone as string | null) ?? null,
    }));
  }
}

function toOrganization(r: Record<string, unknown>): Organization {
  return { id: r.id as string, name: r.name as string, level: r.level as Organization['level'], parentId: (r.parent_id as string | null) ?? null, regionName: (r.region_name as string | null) ?? null };
}
