/**
 * validateCommand: decides whether a command may be applied, WITHOUT touching the state (used by the
 * workflow's Update validators). It runs the checks every command shares (payload, actor, campaign finished or
 * paused), then the command's own `validate` (../commands/<name>.command.ts, found through the registry). Error codes:
 *  - 'invalid'   bad payload (missing reason, dueAt in the past, unknown unit …)
 *  - 'not-found' unknown task
 *  - 'forbidden' wrong unit / not an assignee / wrong role
 *  - 'conflict'  wrong state (task not open for submit, not submitted for approve, campaign paused or
 *                finished, phase not active, application gate closed …)
 */
import { commandModule, CommandSchema, type Command } from '../commands/registry';
import { authorize } from '../policy/access-policy';
import type { Actor, CampaignState, TaskState } from './campaign-state';
import { chineseReason } from '../text/chinese-reason';
import { CAMPAIGN_STATUS_LABEL } from '../labels';
import { zodPath, zodReasons } from '../text/zod-reasons';
import { accessContext, denied, err, type CommandError, type ValidateOptions } from './command-checks';

export { accessContext, statusLabel, type CommandError, type ValidateOptions, type ValidateContext } from './command-checks';

/** Parses a command payload; returns the typed command or an 'invalid' error. */
export function parseCommand(command: unknown): { command: Command } | { error: CommandError } {
  const parsed = CommandSchema.safeParse(command);
  if (parsed.success) return { command: parsed.data };
  // Words only (a validator's refusal, or the handler's error for what validation let through): what parses is unchanged.
  const type = command && typeof command === 'object' ? (command as { type?: unknown }).type : undefined;
  const zh = zodReasons(parsed.error, '指令', typeof type === 'string' ? type : undefined).map(chineseReason).join('；');
  const en = parsed.error.issues.map((i) => `${zodPath(i.path, 'command')}: ${i.message}`.replace(/[()（）]/g, '')).join('; ');
  return { error: err('invalid', `指令格式错误：${zh} (invalid command: ${en})`) };
}

/** May the actor submit this task (ignoring its state)? */
export function canSubmit(state: CampaignState, task: TaskState, actor: Actor): boolean {
  return authorize(accessContext(state, task), actor, { kind: 'command', command: { type: 'submit', taskId: task.id } }).allowed;
}

/**
 * Checks a command against the state, the actor and now. Pure and read-only: returns null when the
 * command may be applied, else { code, reason }. Who may act is the access policy's answer (../policy).
 */
export function validateCommand(state: CampaignState, command: unknown, actor: Actor, now: number, opts: ValidateOptions = {}): CommandError | null {
  const parsed = parseCommand(command);
  if ('error' in parsed) return parsed.error;
  const c = parsed.command;
  if (!actor || !actor.id || !Array.isArray(actor.roles)) return err('invalid', '缺少操作人 (actor required)');
  if (state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled') {
    return err('conflict', `活动已结束（${CAMPAIGN_STATUS_LABEL[state.status]}） (campaign is ${state.status})`);
  }
  const module = commandModule(c.type);
  if (state.status === 'paused' && !module.whilePaused) return err('conflict', '活动已暂停 (campaign is paused)');
  const who = (task?: TaskState) => denied(authorize(accessContext(state, task), actor, { kind: 'command', command: c }));
  return module.validate(state, c, actor, now, { ...opts, who });
}
