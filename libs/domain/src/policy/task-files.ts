/**
 * A task's evidence files (支撑材料): who uploads them, who only reads them, who sees nothing — the access policy's
 * `{ kind: 'write' | 'read', resource: 'task-files' }` (authorize). The API's upload, list, download and submit ask
 * nothing else (apps/api/src/files/file-access.ts).
 *
 * Uploads (write): the office and administrators; whoever may submit the task (its unit; office or leaders for their own
 * tasks) while they could send it now — 报送, 补正 after 退回, a 整改's answer: the task read's `submit` action —, and
 * not once it is sent (a file uploaded then would be in no round: 409, uploadsNotNowReason); whoever may decide its
 * active step (its approvers); while an external stage is open, whoever records its result (the inspector's 预审意见 …).
 * Whoever sends the task reads its files at any time.
 * Reads only: whoever the steps of its submitted rounds named (principalsOf against the facts' stepPlaces: a place, a
 * resolved signer, a hand-over, a decision — they keep reading after deciding); leaders and inspectors; the lead unit
 * reading a co-unit's contribution (leadReadsContribution: reading alone never uploads); experts, the tasks they read
 * (expertReadsTask: the plan tasks, plan-*, and those they are named on).
 * Nobody reads the files of a task they may not read (the `read` of a task). A supervising organization reads what
 * it would read as a member and uploads nothing (authorize answers READ_ONLY).
 */
import type { Actor } from '../engine/campaign-state';
import { authorize, expertReadsTask, leadReadsContribution, principalsOf } from './access-policy';
import { AWAITING_CONFIRMATION_LABEL, TASK_STATUS_LABEL } from '../labels';
import { ALLOWED, hasRole, refuse, type AccessContext, type AccessDecision } from './decision';
import type { TaskFacts } from './facts';
import { actionInState, actionProbe, type TaskAction } from './task-actions';

export type FilesAccess = 'write' | 'read' | 'none';
/** What a write is: an upload, or the 移除 of an unsent file (the same rule; a refusal says which). */
export type FilesWrite = 'upload' | 'remove';

/** Refused to a reader who may not upload (403). */
export const FILES_READ_ONLY_REASON = '只有任务的责任单位、审核人或领导小组办公室可以上传材料 (only the task’s unit, its approvers or the office may upload)';

/** Refused to whoever may not see the task's files (404: as for a task that does not exist). */
export function filesNotFound(taskId: string | undefined): AccessDecision {
  return refuse('not-found', `任务不存在或无权查看 (task ${taskId ? `${taskId} ` : ''}not found)`);
}

/**
 * Why whoever sends the task uploads nothing to it now (409): it is sent and under approval (or waits for the joint
 * units' 确认), done, or held back by stage order (待前序环节) — the upload would be in no round, on no screen.
 */
export function uploadsNotNowReason(task: Pick<TaskFacts, 'status' | 'awaitingConfirmation' | 'waitsFor'>, doing: FilesWrite = 'upload'): string {
  const verb = doing === 'remove' ? '移除' : '上传';
  const no = doing === 'remove' ? 'no removals' : 'no uploads';
  if (task.status === 'submitted' && task.awaitingConfirmation?.length) {
    return `任务已报送，${AWAITING_CONFIRMATION_LABEL}期间不能再${verb}材料 (the task is submitted and awaits the joint units’ confirmation: ${no} until it is returned)`;
  }
  if (task.status === 'submitted') return `任务已报送，审批期间不能再${verb}材料 (the task is under approval: ${no} until it is returned)`;
  if ((task.status === 'open' || task.status === 'returned') && task.waitsFor) {
    return `任务须待前序环节完成后才能报送，暂不能${verb}材料 (the task waits for ${task.waitsFor}: ${no} until it can be submitted)`;
  }
  return `任务当前为「${TASK_STATUS_LABEL[task.status]}」，不能再${verb}材料 (the task is ${task.status}: ${no})`;
}

/** What a member may do with the task's files; `notNow`: why one who may read, and would upload, cannot upload now (409). */
interface MemberAccess {
  access: FilesAccess;
  notNow?: string;
}
const WRITE: MemberAccess = { access: 'write' };
const READ: MemberAccess = { access: 'read' };
const NONE: MemberAccess = { access: 'none' };

/** The rule for a member of the campaign's organization (the organization is authorize's: see access-policy.ts). */
function memberAccess(ctx: AccessContext, actor: Actor, doing: FilesWrite = 'upload'): MemberAccess {
  const task = ctx.task;
  if (!task) return NONE;
  const member: AccessContext = { ...ctx, organization: undefined };
  if (!authorize(member, actor, { kind: 'read', resource: 'task' }).allowed) return NONE;
  if (hasRole(actor, 'admin', 'office')) return WRITE;
  const may = (action: TaskAction) => authorize(member, actor, { kind: 'command', command: actionProbe(task.id, action) }).allowed;
  const sends = !task.external && may('submit');
  if (sends && actionInState(task, 'submit')) return WRITE;
  // an external stage still to be recorded: whoever records its result attaches the written opinion (预审意见 …)
  if (task.external && task.status === 'open' && may('recordExternalResult')) return WRITE;
  if (task.step && may('approve')) return WRITE;
  // whoever sends it reads its files, and uploads again once it is theirs to send (退回) — not while it is sent
  if (sends) return { access: 'read', notNow: uploadsNotNowReason(task, doing) };
  if (task.stepPlaces && principalsOf(actor).some((p) => task.stepPlaces!.includes(p))) return READ;
  if (hasRole(actor, 'leader', 'inspector') || leadReadsContribution(ctx, actor)) return READ;
  // an expert reads the files of the tasks they read (the plan's, those they are named on): the task-read rule
  if (hasRole(actor, 'expert') && expertReadsTask(ctx, actor, task)) return READ;
  return NONE;
}

/** The answer to `{ kind, resource: 'task-files' }` for a member of the campaign's organization. */
export function taskFilesDecision(ctx: AccessContext, actor: Actor, kind: 'read' | 'write', doing: FilesWrite = 'upload'): AccessDecision {
  const { access, notNow } = memberAccess(ctx, actor, doing);
  if (access === 'none') return filesNotFound(ctx.task?.id);
  if (kind === 'read' || access === 'write') return ALLOWED;
  return notNow ? refuse('conflict', notNow) : refuse('forbidden', FILES_READ_ONLY_REASON);
}

/** The same answer in one word: write (uploads and reads), read, or none. */
export function filesAccess(ctx: AccessContext, actor: Actor): FilesAccess {
  if (authorize(ctx, actor, { kind: 'write', resource: 'task-files' }).allowed) return 'write';
  return authorize(ctx, actor, { kind: 'read', resource: 'task-files' }).allowed ? 'read' : 'none';
}
