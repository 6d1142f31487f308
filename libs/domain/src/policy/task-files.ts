/**
 * A task's evidence files (支撑材料): who uploads them, who only reads them, who sees nothing — the access policy's
 * `{ kind: 'write' | 'read', resource: 'task-files' }` (authorize). The API's upload, list, download and submit ask
 * nothing else (apps/api/src/files/file-access.ts).
 *
 * Uploads (write): the office and administrators; whoever may submit the task (its unit; office or leaders for their own
 * tasks); whoever may decide its active step (its approvers); while an external stage is open, whoever records its
 * result (the inspector's 预审意见 …).
 * Reads only: whoever the steps of its submitted rounds named (principalsOf against the facts' stepPlaces: a place, a
 * resolved signer, a hand-over, a decision — they keep reading after deciding); leaders and inspectors; the lead unit
 * reading a co-unit's contribution (leadReadsContribution: reading alone never uploads); experts, the tasks they read
 * (expertReadsTask: the plan tasks, plan-*, and those they are named on).
 * Nobody reads the files of a task they may not read (the `read` of a task). A supervising organization reads what
 * it would read as a member and uploads nothing (authorize answers READ_ONLY).
 */
import type { Actor } from '../engine/campaign-state';
import { authorize, expertReadsTask, leadReadsContribution, principalsOf } from './access-policy';
import { ALLOWED, hasRole, refuse, type AccessContext, type AccessDecision } from './decision';
import { actionProbe, type TaskAction } from './task-actions';

export type FilesAccess = 'write' | 'read' | 'none';

/** Refused to a reader who may not upload (403). */
export const FILES_READ_ONLY_REASON = '只有任务的责任单位、审核人或领导小组办公室可以上传材料 (only the task’s unit, its approvers or the office may upload)';

/** Refused to whoever may not see the task's files (404: as for a task that does not exist). */
export function filesNotFound(taskId: string | undefined): AccessDecision {
  return refuse('not-found', `任务不存在或无权查看 (task ${taskId ? `${taskId} ` : ''}not found)`);
}

/** The rule for a member of the campaign's organization (the organization is authorize's: see access-policy.ts). */
function memberAccess(ctx: AccessContext, actor: Actor): FilesAccess {
  const task = ctx.task;
  if (!task) return 'none';
  const member: AccessContext = { ...ctx, organization: undefined };
  if (!authorize(member, actor, { kind: 'read', resource: 'task' }).allowed) return 'none';
  if (hasRole(actor, 'admin', 'office')) return 'write';
  const may = (action: TaskAction) => authorize(member, actor, { kind: 'command', command: actionProbe(task.id, action) }).allowed;
  if (!task.external && may('submit')) return 'write';
  // an external stage still to be recorded: whoever records its result attaches the written opinion (预审意见 …)
  if (task.external && task.status === 'open' && may('recordExternalResult')) return 'write';
  if (task.step && may('approve')) return 'write';
  if (task.stepPlaces && principalsOf(actor).some((p) => task.stepPlaces!.includes(p))) return 'read';
  if (hasRole(actor, 'leader', 'inspector') || leadReadsContribution(ctx, actor)) return 'read';
  // an expert reads the files of the tasks they read (the plan's, those they are named on): the task-read rule
  if (hasRole(actor, 'expert') && expertReadsTask(ctx, actor, task)) return 'read';
  return 'none';
}

/** The answer to `{ kind, resource: 'task-files' }` for a member of the campaign's organization. */
export function taskFilesDecision(ctx: AccessContext, actor: Actor, kind: 'read' | 'write'): AccessDecision {
  const access = memberAccess(ctx, actor);
  if (access === 'none') return filesNotFound(ctx.task?.id);
  return kind === 'read' || access === 'write' ? ALLOWED : refuse('forbidden', FILES_READ_ONLY_REASON);
}

/** The same answer in one word: write (uploads and reads), read, or none. */
export function filesAccess(ctx: AccessContext, actor: Actor): FilesAccess {
  if (authorize(ctx, actor, { kind: 'write', resource: 'task-files' }).allowed) return 'write';
  return authorize(ctx, actor, { kind: 'read', resource: 'task-files' }).allowed ? 'read' : 'none';
}
