/**
 * The directory of people of an organization (tenant): who holds which role, who belongs to which unit, and each
 * unit's liaisons (联络员) and responsible leaders (分管负责人). Read by the engine's policy (resolving `role:<r>` and
 * `unit:<id>` assignees to concrete users) and by reminder delivery (named recipients). Pure types only.
 */
import type { Role } from '../template/template.schema';

/** county/district run campaigns; a city or province supervises its descendants read-only. */
export const ORGANIZATION_LEVELS = ['province', 'city', 'county'] as const;
export type OrganizationLevel = (typeof ORGANIZATION_LEVELS)[number];

/** What a unit member is designated as, besides being a member: 联络员 / 分管负责人. */
export const UNIT_DUTIES = ['liaison', 'responsible-leader'] as const;
export type UnitDuty = (typeof UNIT_DUTIES)[number];
export const UNIT_DUTY_LABELS: Record<UnitDuty, string> = { liaison: '联络员', 'responsible-leader': '分管负责人' };

export interface Organization {
  id: string;
  name: string;
  level: OrganizationLevel;
  /** The supervising organization (city above a county, province above a city). */
  parentId: string | null;
  /** Region name as the templates spell it (e.g. 济宁市泗水县), when the organization is a template region. */
  regionName: string | null;
}

export interface OrganizationUser {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  unitId: string | null;
  active: boolean;
  email: string | null;
  phone: string | null;
}

export interface DirectoryUnit {
  unitId: string;
  name: string;
  /** Ids of the unit's users (active and inactive; see `users` for the flag). */
  members: string[];
  /** Active users designated 联络员 of the unit. */
  liaisons: string[];
  /** Active users designated 分管负责人 of the unit. */
  responsibleLeaders: string[];
}

export interface OrganizationDirectory {
  organization: Organization;
  /** Every user of the organization, active or not. */
  users: OrganizationUser[];
  /** Active user ids per role. */
  byRole: Record<Role, string[]>;
  units: DirectoryUnit[];
}
