/**
 * Tenancy: who may SEE a campaign (reading; acting is then decided by the access policy). Pure rules, used by
 * TenancyService with the organization tree and the campaign's participating units.
 *
 *  - admin: everything;
 *  - staff (office, leader, expert, inspector) of the campaign's organization: the whole campaign;
 *  - unit users of the campaign's organization, when their unit takes part: the campaign's summary and their
 *    own unit's tasks in full, and — as 牵头单位 — the contributions (协办材料) of their co-units to the indicators
 *    they lead (read and download, not act);
 *  - users of a supervising organization (the city or province above): progress and audit, read-only;
 *  - anyone else: nothing — the API answers 404, exactly as for a campaign that does not exist.
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

/** Reading the campaign-wide audit trail, reminders and exports: staff and supervisors, not unit users. */
export function mayReadCampaignRecords(access: CampaignAccess): boolean {
  return access === 'full' || access === 'supervisor';
}

interface StepLike {
  assignees?: string[];
  added?: { userId?: string }[];
  transfers?: { to?: string }[];
  decisions?: { by?: string }[];
}

/** A task row as the reading rules need it (a CampaignTaskEntity fits). */
export interface TaskForReading {
  unitId: string | null;
  kind?: string;
  waitingFor?: string[];
  view?: Record<string, unknown>;
}

/**
 * The unit of a task of the same campaign, by id (undefined: not known to the caller) — how the rules below learn who
 * leads an indicator: the unit of its indicator task.
 */
export type UnitOfTask = (taskId: string) => string | null | undefined;

/**
 * 牵头单位 reads its co-units' contributions (协办材料): an `indicator-contribution` whose parent is an indicator task
 * of the reader's unit (`parentTaskId`, the lead's 汇总报送 task). Reading only: acting stays with the access policy
 * (the lead decides a contribution through its 牵头单位汇总确认 step, `unit:@lead`, while the step waits for it).
 */
export function leadReadsContribution(actor: Actor, task: TaskForReading, unitOf: UnitOfTask | undefined): boolean {
  const view = (task.view ?? {}) as { kind?: string; parentTaskId?: string };
  if (!actor.unitId || !unitOf || (task.kind ?? view.kind) !== 'indicator-contribution' || !view.parentTaskId) return false;
  return unitOf(view.parentTaskId) === actor.unitId;
}

/**
 * A unit user sees a task when it is their unit's (or a joint task listing it), when they are (or were) one of its
 * approvers (transfer, 加签), or when it is a contribution (协办材料) to an indicator their unit leads — `unitOf` tells
 * the unit of the parent indicator task; without it that last rule cannot apply.
 */
export function unitMaySeeTask(actor: Actor, task: TaskForReading, unitOf?: UnitOfTask): boolean {
  if (task.unitId && task.unitId === actor.unitId) return true;
  if (leadReadsContribution(actor, task, unitOf)) return true;
  // 共同负责: every listed unit of a jointly-owned task sees it.
  if (actor.unitId && ((task.view ?? {}) as { jointUnitIds?: string[] }).jointUnitIds?.includes(actor.unitId)) return true;
  const me = `user:${actor.id}`;
  if (task.waitingFor?.includes(me)) return true;
  const view = (task.view ?? {}) as { steps?: StepLike[]; rounds?: { steps?: StepLike[] }[] };
  const steps = [...(view.steps ?? []), ...(view.rounds ?? []).flatMap((r) => r.steps ?? [])];
  return steps.some(
    (s) =>
      s.assignees?.includes(me) || s.added?.some((a) => a.userId === actor.id) || s.transfers?.some((t) => t.to === me) || s.decisions?.some((d) => d.by === actor.id),
  );
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
