/**
 * What command validation shares across commands: the error shape, the policy's context for a campaign, task lookup,
 * stage order, instants in the future. The command modules (../commands/<name>.command.ts) call these; validateCommand
 * (command-validation.ts) runs the checks common to every command and dispatches to the module.
 */
import type { AccessContext, AccessDecision, RefusalCode } from '../policy/decision';
import { taskFacts } from '../policy/facts';
import { TASK_STATUS_LABEL } from '../labels';
import { findTask, type CampaignState, type TaskState } from './campaign-state';
import type { CalendarPort } from './ports';
import { stageOrderBlocker } from './stage-order';

export interface CommandError {
  /** One of the refusal codes (policy REFUSAL_CODES): the workflow throws it as ApplicationFailure.type. */
  code: RefusalCode;
  /** Chinese, then English in parentheses. */
  reason: string;
}

export interface ValidateOptions {
  /** Probing which actions are available (views): skip checks of payload targets (transfer/add-approver users). */
  probe?: boolean;
  /** Working-day calendar for deadline targets (deadlines.ts); weekends only when absent. */
  calendar?: CalendarPort;
}

/** What a command module's `validate` gets besides state, command, actor and now. */
export interface ValidateContext extends ValidateOptions {
  /** The access policy's answer for this command and actor (on `task`, when it names one): null when allowed. */
  who: (task?: TaskState) => CommandError | null;
}

export const err = (code: RefusalCode, reason: string): CommandError => ({ code, reason });
export const denied = (d: AccessDecision): CommandError | null => (d.allowed ? null : err(d.code, d.reason));

/**
 * The policy's context for a command on this campaign (segregation of duties under the sign-off rules; signers sign
 * only in campaigns started under planRules.signersSignOnly — earlier histories replay under the rules they ran).
 */
export function accessContext(state: CampaignState, task?: TaskState): AccessContext {
  return {
    units: state.catalog.units, separationOfDuties: !!state.directory,
    ...(state.planRules?.signersSignOnly ? { signersSignOnly: true } : {}),
    ...(state.planRules?.strictHandOver ? { strictHandOver: true } : {}),
    ...(state.planRules?.strictAddApprover ? { strictAddApprover: true } : {}),
    ...(state.planRules?.distinctLevels ? { distinctLevels: true } : {}),
    ...(task ? { task: taskFacts(task) } : {}),
  };
}

export const statusLabel = (s: string) => (TASK_STATUS_LABEL as Record<string, string>)[s] ?? s;

export function taskOr(state: CampaignState, taskId: string): TaskState | CommandError {
  return findTask(state, taskId) ?? err('not-found', `任务不存在 (unknown task ${taskId})`);
}
export const isError = (x: TaskState | CommandError): x is CommandError => !('id' in x);

/** Stage order (stage-order.ts): acting before the steps a task follows are done is a conflict naming the blocker. */
export function stageOrder(state: CampaignState, task: TaskState): CommandError | null {
  const b = stageOrderBlocker(state, task);
  return b ? { code: b.code, reason: b.reason } : null;
}

export function futureInstant(at: number | undefined, now: number, what: string): CommandError | null {
  if (at !== undefined && at <= now) return err('invalid', `${what}不能早于当前时间 (${what === '期限' ? 'dueAt' : what} must be in the future)`);
  return null;
}
