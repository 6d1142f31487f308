/**
 * Who may upload and who may read a task's evidence files: the domain's access policy decides
 * (`{ kind: 'write' | 'read', resource: 'task-files' }`, libs/domain/src/policy/task-files.ts); this file only builds
 * the policy's context from a task row, for upload, list, download and submit.
 */
import { DOSSIER_READERS, type UnitRef, type UnitOfTask, type TaskView, type OrganizationRelation, filesAccess, taskFactsFromView, type AccessContext, type FilesAccess } from '@eco/domain';
import type { Actor } from '../auth/actor';

/** The task fields the decision needs (a CampaignTaskEntity fits). */
export interface TaskForAccess {
  taskId: string;
  kind: string;
  view: Record<string, unknown>;
}

export type FileAccess = FilesAccess;

/**
 * The policy's context for a task's files. `unitOfTask`: the units of the campaign's tasks by id, for the lead unit's
 * reading of a co-unit's contribution (TenancyService.parentUnits); `organization`: the campaign's and the actor's
 * organizations (TenancyService.standing) — a supervising organization reads, never uploads. Without them: a member.
 */
export function filesContext(task: TaskForAccess, units: readonly UnitRef[], more: { unitOfTask?: UnitOfTask; organization?: OrganizationRelation } = {}): AccessContext {
  return { units, task: taskFactsFromView(task.view as unknown as TaskView), separationOfDuties: false, ...more };
}

/** write (uploads and reads), read, or none: the policy's answer for this task's files. */
export function fileAccess(actor: Actor, task: TaskForAccess, units: readonly UnitRef[], more?: { unitOfTask?: UnitOfTask; organization?: OrganizationRelation }): FileAccess {
  return filesAccess(filesContext(task, units, more), actor);
}

/** May this actor build and download the whole application dossier (申报材料)? */
export function mayReadDossier(actor: Actor): boolean {
  return actor.roles.some((r) => DOSSIER_READERS.includes(r));
}
