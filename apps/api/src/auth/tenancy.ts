/**
 * Tenancy: who may SEE a campaign (reading; acting is then decided by the access policy). Pure rules, used by
 * TenancyService with the organization tree and the campaign's participating units.
 *
 *  - admin: everything;
 *  - staff (office, leader, inspector) of the campaign's organization: the whole campaign; its experts (outside
 *    reviewers of the plan) see the campaign too, but of its tasks only those the access policy lets them read (the
 *    plan's, and those they are named on: expertReadsTask) — TenancyService.taskReader asks it, as for unit users;
 *  - unit users of the campaign's organization, when their unit takes part: the campaign's summary and the tasks
 *    the access policy lets them read (libs/domain/src/policy, `read` of a task: their own unit's, those they sign,
 *    and — as 牵头单位 — the contributions (协办材料) of their co-units to the indicators they lead: read and download,
 *    not act); TenancyService.taskReader asks it;
 *  - users of a supervising organization (the city or province above): progress and audit, read-only;
 *  - anyone else: nothing — the API answers 404, exactly as for a campaign that does not exist.
 * What of a campaign they see they may read (its audit trail, reminders, summaries, 督办通知单…) is the access policy's
 * `read` (libs/domain/src/policy readAccess), asked through TenancyService.requireRead.
 */
import type { Actor } from './actor';

export type CampaignAccess = 'full' | 'unit' | 'supervisor';

export interface CampaignTenancyFacts {
  /** The campaign's organization (null: started before tenancy and not yet attributed). */
  organizationId: string | null;
  /** The actor's organization supervises the campaign's (it is an ancestor). */
  supervisedByActor: boolean;
  /** The actor's unit has tasks in the campaign. */
  actorUnitTakesPart: boolean;
}

/** Who sees the whole campaign of their organization (visibility, not what they may read of it: that is the policy's). */
const STAFF_ROLES = ['office', 'leader', 'expert', 'inspector'] as const;

export function campaignAccess(actor: Actor, f: CampaignTenancyFacts): CampaignAccess | null {
  if (actor.roles.includes('admin')) return 'full';
  if (!actor.organizationId || !f.organizationId) return null;
  if (actor.organizationId === f.organizationId) {
    if (actor.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r))) return 'full';
    if (actor.roles.includes('unit') && actor.unitId && f.actorUnitTakesPart) return 'unit';
    return null;
  }
  return f.supervisedByActor ? 'supervisor' : null;
}

/** Which campaigns an actor may list: by organization, with a unit restriction for unit users. */
export interface CampaignListScope {
  all?: boolean;
  /** Organizations whose campaigns are listed whole (own organization for staff). */
  organizationIds: string[];
  /** Own organization's campaigns in which this unit takes part (unit users). */
  unit?: { organizationId: string; unitId: string };
  /** Supervised organizations (read-only). */
  supervisedOrganizationIds: string[];
}
