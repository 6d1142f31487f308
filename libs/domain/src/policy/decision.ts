/**
 * The access policy's vocabulary: refusal codes, a decision (allowed / refused with a code and a reason) and the
 * context a decision is taken in. A leaf module: the policy (access-policy.ts), its command rules (command-access.ts)
 * and the command modules (../commands) import it without importing each other.
 */
import type { Actor, UnitRef } from '../engine/campaign-state';
import type { Role } from '../template/template.schema';
import type { TaskFacts } from './facts';

/**
 * Refusal codes, defined once: the policy and validation answer with them, the workflow throws them as
 * `ApplicationFailure.type`, and the API maps each to its HTTP status in one table (400/404/403/409).
 */
export const REFUSAL_CODES = ['invalid', 'not-found', 'forbidden', 'conflict'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Is `type` (an ApplicationFailure's type, say) one of the refusal codes? */
export function isRefusalCode(type: unknown): type is RefusalCode {
  return typeof type === 'string' && (REFUSAL_CODES as readonly string[]).includes(type);
}

export type AccessDecision = { allowed: true } | { allowed: false; code: RefusalCode; reason: string };

export const ALLOWED: AccessDecision = { allowed: true };

/**
 * How a refusal is audited: a forbidden attempt (the actor may not do it at all) is `denied`, any other refusal (not
 * now, not found, invalid) `refused` — the outcomes the audit trail and the action metrics count separately.
 */
export function auditOutcomeOf(code: RefusalCode): 'denied' | 'refused' {
  return code === 'forbidden' ? 'denied' : 'refused';
}
export function refuse(code: RefusalCode, reason: string): AccessDecision {
  return { allowed: false, code, reason };
}

export interface AccessContext {
  /** The campaign's units (collective units 各街道 match their members). */
  units: readonly UnitRef[];
  /** The task the command names, when it names one that exists. */
  task?: TaskFacts;
  /** Segregation of duties: on for campaigns under the sign-off rules, and always at the API. */
  separationOfDuties: boolean;
  /**
   * Signers sign (planRules.signersSignOnly: campaigns started since): an expert holding a place neither hands it over
   * (转交) nor adds approvers (加签) — the office organises the panel —, and a signer who has decided in the active step
   * no longer adds approvers there (the office and leaders still do). Absent: the rules campaigns started before keep,
   * so their histories replay as they ran.
   */
  signersSignOnly?: boolean;
  /**
   * A hand-over keeps the step's sign-off (planRules.strictHandOver: campaigns started since): the submitter of the round
   * under decision hands no place of it over (转交) — not even as the office —, and a place goes only to someone the
   * step could have named: its role (专家 for 专家评审, 领导小组办公室 for its review), its unit, that unit's leaders (walkthrough:
   * the office handed its deputy's place on its own submission to an unrelated unit's liaison, and an expert's place on
   * the 会签 to its own deputy). Absent: the rules campaigns started before keep.
   */
  strictHandOver?: boolean;
  /**
   * 加签 of someone the step could have named only (planRules.strictAddApprover: campaigns started since): judged by the
   * step's planned places, not by the people added to it. Absent: the rules campaigns started before keep.
   */
  strictAddApprover?: boolean;
  /**
   * One person does not sign two levels of one submission (planRules.distinctLevels: campaigns started since): whoever
   * decided an earlier step of the round is refused the decision of a later one. Absent: the rules campaigns started
   * before keep.
   */
  distinctLevels?: boolean;
  /**
   * Tenancy (the API knows it; the workflow does not): the campaign's organization, the actor's, and whether the
   * actor's organization supervises the campaign's (a city over its counties). Absent = one organization.
   */
  organization?: OrganizationRelation;
  /**
   * The unit of another task of the campaign, by id (undefined: not known to the caller) — how the reading rule learns
   * who leads an indicator (the unit of its indicator task) for a contribution's `parentTaskId`. The API gives it from the
   * read model (TenancyService.parentUnits); without it the lead's reading does not apply.
   */
  unitOfTask?: UnitOfTask;
}

/** The unit of a task of the same campaign, by id (undefined: not known). */
export type UnitOfTask = (taskId: string) => string | null | undefined;

export interface OrganizationRelation {
  campaign: string | null;
  actor: string | null;
  supervises: boolean;
}

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

export const hasRole = (actor: Actor, ...roles: readonly Actor['roles'][number][]) => roles.some((r) => actor.roles.includes(r));
/** Allowed when the actor holds one of `roles`, else forbidden with `reason`. */
export const byRoles = (actor: Actor, roles: readonly Actor['roles'][number][], reason: string): AccessDecision => (hasRole(actor, ...roles) ? ALLOWED : refuse('forbidden', reason));

/**
 * Who reads a campaign's whole application dossier (申报材料包, GET …/dossier.zip and its summary): those who prepare,
 * sign and check the application — the office, the leaders, the inspectors — and administrators; a unit reads its own.
 */
export const DOSSIER_READERS: readonly Role[] = ['admin', 'office', 'leader', 'inspector'];

/**
 * Who reads a campaign's records (of its own organization; a supervising organization reads every record): the audit
 * trail, the 考核汇总 and 调度汇总, each task's 督办通知单, and the whole reminder log (a unit reads its own reminders).
 */
export const RECORD_READERS: readonly Role[] = ['office', 'leader', 'admin', 'inspector'];

/** Who reads the reminders that reached nobody (无人接收的提醒): those who fix it — the office, leaders, admin. */
export const NOTIFICATION_PROBLEM_READERS: readonly Role[] = ['office', 'leader', 'admin'];

/** Who records an external stage's result (预审, 公示, 现场核查, 复核) and may attach its written opinion: 核查组 and the office. */
export const EXTERNAL_RESULT_RECORDERS: readonly Role[] = ['inspector', 'office'];
