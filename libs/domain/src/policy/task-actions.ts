/**
 * What the caller may do on one task now, and what an inbox item needs from them — both from the task's facts, so
 * the task read (its `actions`), the inbox (its `need` segments) and the screens agree with the access policy.
 * "Who" is the access policy's answer (authorize); "when" is the task's state (a joint submission awaiting
 * confirmation has no active step to decide yet). State rules beyond the task (a paused campaign, a closed gate)
 * stay with command validation: the action is offered and the API's refusal names the reason.
 */
import { hasDecided, placesOf, requiredPlaces } from '../engine/approval-chain';
import type { Actor } from '../engine/campaign-state';
import { COMMANDS, type Command } from '../commands/registry';
import { authorize, chasesOthers, reminderRecipients, type AccessContext } from './access-policy';
import type { TaskFacts } from './facts';

/** Task-level actions a screen offers, in the order it shows them. */
export const TASK_ACTIONS = ['submit', 'confirmJoint', 'approve', 'return', 'transfer', 'addApprover', 'recordExternalResult', 'moveDeadlines', 'urge'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * Whether the task's state lets `action` be taken now, whoever asks (who may is authorize's): the task read's
 * `actions` and the files' upload rule (task-files.ts: uploads while the task may be sent) ask it.
 */
export function actionInState(t: TaskFacts, action: TaskAction): boolean {
  const live = t.status === 'open' || t.status === 'returned';
  const awaiting = t.status === 'submitted' && !!t.awaitingConfirmation?.length;
  switch (action) {
    case 'submit': // not while stage order holds it back (待前序环节)
      return live && !t.external && !t.waitsFor;
    case 'confirmJoint':
      return awaiting;
    case 'recordExternalResult': // 预审 / 公示 / 现场核查 / 复核: their result is recorded, not submitted
      return t.status === 'open' && t.external && !t.waitsFor;
    case 'moveDeadlines': // 调整期限: a task still to be done
      return live || t.status === 'submitted';
    case 'urge': // 催办: a task someone must act on now (the once-an-hour rule is the validator's: offered, refused naming the last chase)
      return (live || t.status === 'submitted') && !t.waitsFor && !t.external;
    default:
      return t.status === 'submitted' && !awaiting && !!t.step;
  }
}

/**
 * A command of this type as the policy sees it: its module's probe (targets of 转交 / 加签 are checked when the user names
 * one) — for asking "may this actor do X on this task" (the task's actions here, the files' rule: task-files.ts).
 */
export function actionProbe(taskId: string, action: TaskAction): Command {
  return (COMMANDS[action].probe as (taskId: string, now: number) => Command)(taskId, 0);
}

/**
 * A signer who has decided in the active step (会签: the others still to sign) has nothing left to decide there, nor a
 * place of their own to hand over (the office still hands over any place). The validators refuse the same (409).
 */
function decidedAlready(t: TaskFacts, action: TaskAction, actor: Actor): boolean {
  if (!t.step || !hasDecided(t.step, actor.id)) return false;
  return action === 'approve' || action === 'return' || (action === 'transfer' && !actor.roles.includes('office'));
}

/**
 * 催办 by `actor` reaches someone else: the task does not wait only for the actor (or a role they hold — the office's own
 * tasks, for the office). The urge validator refuses the same (409); screens over task rows (催办所选) ask it too.
 */
export function urgeReachesOthers(t: TaskFacts, actor: Pick<Actor, 'id' | 'roles'>): boolean {
  return chasesOthers(reminderRecipients(t), actor);
}

/** 催办 of a task that waits only for the actor (or a role they hold): nobody else to chase (the validator refuses the same). */
function chasingOneself(t: TaskFacts, action: TaskAction, actor: Actor): boolean {
  return action === 'urge' && !urgeReachesOthers(t, actor);
}

/** The actions `actor` may take on `ctx.task` now. */
export function taskActions(ctx: AccessContext & { task: TaskFacts }, actor: Actor): TaskAction[] {
  return TASK_ACTIONS.filter((a) => actionInState(ctx.task, a) && !decidedAlready(ctx.task, a, actor) && !chasingOneself(ctx.task, a, actor) && authorize(ctx, actor, { kind: 'command', command: actionProbe(ctx.task.id, a) }).allowed);
}

/**
 * What an inbox item needs: 报送, 补正 (returned), 确认 (joint submission), 会签 (every signer of the step, or a step with a
 * required co-signer added: 并加签 under the sign-off rules), 审批, 登记 (an external stage's result). Walkthrough: the 组长
 * added to the office's review as a co-signer found it under 审批.
 */
export const INBOX_NEEDS = ['submit', 'correct', 'confirm', 'countersign', 'approve', 'record'] as const;
export type InboxNeed = (typeof INBOX_NEEDS)[number];

export function inboxNeed(t: Pick<TaskFacts, 'status' | 'step' | 'awaitingConfirmation' | 'external'>): InboxNeed {
  if (t.external && t.status === 'open') return 'record';
  if (t.status === 'returned') return 'correct';
  if (t.status !== 'submitted') return 'submit';
  if (t.awaitingConfirmation?.length) return 'confirm';
  if (!t.step) return 'approve';
  return (t.step.mode === 'all' && placesOf(t.step).length > 1) || requiredPlaces(t.step).length ? 'countersign' : 'approve';
}
