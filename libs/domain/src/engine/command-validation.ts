/**
 * validateCommand: decides whether a command may be applied, WITHOUT touching the state (used by the
 * workflow's Update validators). Error codes:
 *  - 'invalid'   bad payload (missing reason, dueAt in the past, unknown unit …)
 *  - 'not-found' unknown task
 *  - 'forbidden' wrong unit / not an assignee / wrong role
 *  - 'conflict'  wrong state (task not open for submit, not submitted for approve, campaign paused or
 *                finished, phase not active, application gate closed …)
 */
import type { Role } from '../template/template.schema';
import { activeStep, actorMatches, hasDecided, holderOf, slotSatisfied, slotsFor, unitMatches } from './approval-chain';
import type { Actor, CampaignState, TaskState } from './campaign-state';
import { findPhase, findTask, isLive, isSettled, unitName } from './campaign-state';
import { CommandSchema, type Command } from './command.schema';
import { applicationGate, currentPhaseState } from './progression';
import { exactDurationMs } from './time';

export type CommandErrorCode = 'invalid' | 'not-found' | 'forbidden' | 'conflict';
export interface CommandError {
  code: CommandErrorCode;
  /** Chinese, then English in parentheses. */
  reason: string;
}

const err = (code: CommandErrorCode, reason: string): CommandError => ({ code, reason });
const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

const STATUS_LABEL: Record<string, string> = {
  open: '待办',
  submitted: '待审批',
  returned: '已退回',
  approved: '已通过',
  rectifying: '整改中',
  failed: '未通过',
  cancelled: '已取消',
};
export const statusLabel = (s: string) => STATUS_LABEL[s] ?? s;

/** Parses a command payload; returns the typed command or an 'invalid' error. */
export function parseCommand(command: unknown): { command: Command } | { error: CommandError } {
  const parsed = CommandSchema.safeParse(command);
  if (parsed.success) return { command: parsed.data };
  const msg = parsed.error.issues.map((i) => `${i.path.join('.') || '(command)'}: ${i.message}`).join('; ');
  return { error: err('invalid', `指令格式错误 (invalid command): ${msg}`) };
}

/** May the actor submit this task (ignoring its state)? */
export function canSubmit(state: CampaignState, task: TaskState, actor: Actor): boolean {
  if (task.external) return false;
  if (task.owner === 'unit') return actor.roles.includes('unit') && !!task.unitId && unitMatches(state.catalog.units, task.unitId, actor.unitId);
  return hasRole(actor, 'office', 'leader');
}

function taskOr(state: CampaignState, taskId: string): TaskState | CommandError {
  return findTask(state, taskId) ?? err('not-found', `任务不存在 (unknown task ${taskId})`);
}
const isError = (x: TaskState | CommandError): x is CommandError => !('id' in x);

function checkSubmit(state: CampaignState, task: TaskState, actor: Actor): CommandError | null {
  if (task.external) return err('conflict', `外部环节结果须由核查方录入 (external stage: use recordExternalResult)`);
  if (!canSubmit(state, task, actor)) {
    return task.owner === 'unit'
      ? err('forbidden', `任务不属于您的单位 (task belongs to unit ${task.unitId}「${unitName(state, task.unitId)}」)`)
      : err('forbidden', `仅领导小组办公室或领导可提交此任务 (only office or leader may submit a ${task.owner} task)`);
  }
  if (task.status !== 'open' && task.status !== 'returned') {
    return err('conflict', `任务当前为「${statusLabel(task.status)}」，不能提交 (task is ${task.status}, not open/returned)`);
  }
  if (task.kind === 'indicator') {
    const pending = state.tasks.filter((t) => t.kind === 'indicator-contribution' && t.parentTaskId === task.id && !isSettled(t));
    if (pending.length) {
      const units = pending.map((t) => `${unitName(state, t.unitId)}(${t.unitId})`).join('、');
      return err('conflict', `协办单位材料尚未全部确认：${units} (contributions not yet approved: ${pending.map((t) => t.unitId).join(', ')})`);
    }
  }
  if (task.kind === 'application') {
    const gate = applicationGate(state);
    if (!gate.allowed) {
      return err('conflict', `不符合申报条件 (application gate closed): ${gate.missing.map((m) => m.reason).join('；')}`);
    }
  }
  return null;
}

function checkDecision(state: CampaignState, task: TaskState, actor: Actor): CommandError | null {
  if (task.status !== 'submitted') return err('conflict', `任务当前为「${statusLabel(task.status)}」，不在审批中 (task is ${task.status}, not submitted)`);
  const step = activeStep(task);
  if (!step) return err('conflict', `任务无待审批环节 (no active approval step)`);
  if (!slotsFor(state.catalog.units, step, actor).length) {
    return err('forbidden', `您不是「${step.name}」环节的审批人 (not an assignee of step ${step.index} ${step.name})`);
  }
  if (hasDecided(step, actor.id)) return err('conflict', `您已在「${step.name}」环节作出决定 (already decided in this step)`);
  return null;
}

function futureInstant(at: number | undefined, now: number, what: string): CommandError | null {
  if (at !== undefined && at <= now) return err('invalid', `${what}不能早于当前时间 (${what === '期限' ? 'dueAt' : what} must be in the future)`);
  return null;
}

function checkMoveDeadlines(state: CampaignState, c: Extract<Command, { type: 'moveDeadlines' }>, actor: Actor, now: number): CommandError | null {
  if (!hasRole(actor, 'office', 'leader')) return err('forbidden', '仅领导小组办公室或领导可调整期限 (only office or leader may move deadlines)');
  if (Number(!!c.taskIds) + Number(!!c.phase) !== 1) return err('invalid', '须指定任务或阶段之一 (give exactly one of taskIds or phase)');
  if (Number(c.dueAt !== undefined) + Number(c.shiftBy !== undefined) !== 1) return err('invalid', '须指定新期限或顺延时长之一 (give exactly one of dueAt or shiftBy)');
  let shift = 0;
  if (c.shiftBy !== undefined) {
    try {
      shift = exactDurationMs(c.shiftBy);
    } catch {
      return err('invalid', `顺延时长格式错误 (invalid shiftBy "${c.shiftBy}")`);
    }
    if (shift === 0) return err('invalid', '顺延时长不能为零 (shiftBy must not be zero)');
  }
  const past = futureInstant(c.dueAt, now, '期限');
  if (past) return past;
  if (c.taskIds) {
    for (const id of c.taskIds) {
      const t = taskOr(state, id);
      if (isError(t)) return t;
      if (!isLive(t)) return err('conflict', `任务${id}当前为「${statusLabel(t.status)}」，无需调整期限 (task ${id} is ${t.status})`);
      if (c.dueAt === undefined && t.dueAt + shift <= now) return err('invalid', `任务${id}调整后期限早于当前时间 (new due date of ${id} is in the past)`);
    }
    return null;
  }
  const phase = findPhase(state, c.phase as string);
  if (!phase) return err('invalid', `本活动无「${c.phase}」阶段 (campaign has no phase ${c.phase})`);
  if (phase.status === 'completed' || phase.status === 'closed') return err('conflict', `阶段已结束 (phase ${phase.key} is ${phase.status})`);
  if (c.dueAt === undefined && phase.dueAt + shift <= now) return err('invalid', '阶段调整后期限早于当前时间 (new phase due date is in the past)');
  return null;
}

function checkTransfer(state: CampaignState, c: Extract<Command, { type: 'transfer' }>, actor: Actor): CommandError | null {
  const task = taskOr(state, c.taskId);
  if (isError(task)) return task;
  if (task.status !== 'submitted') return err('conflict', `任务不在审批中，无法转交 (task is ${task.status}, not submitted)`);
  const step = activeStep(task);
  if (!step) return err('conflict', '任务无待审批环节 (no active approval step)');
  const units = state.catalog.units;
  const isOffice = actor.roles.includes('office');
  let slot = c.from;
  if (slot !== undefined) {
    if (!step.assignees.includes(slot)) return err('invalid', `「${slot}」不是当前环节的审批人 (${slot} is not an assignee of the active step)`);
    if (!isOffice && !actorMatches(units, holderOf(step, slot), actor)) return err('forbidden', '只能转交本人的审批位 (you may only transfer your own place)');
  } else {
    slot = slotsFor(units, step, actor)[0];
    if (!slot && isOffice && step.assignees.length === 1) slot = step.assignees[0];
    if (!slot) return isOffice ? err('invalid', '请指定要转交的审批人 from (give from)') : err('forbidden', `您不是「${step.name}」环节的审批人 (not an assignee of the active step)`);
  }
  if (slotSatisfied(step, slot) || (!slot.startsWith('role:') && step.decisions.some((d) => d.as === slot))) {
    return err('conflict', '该审批位已作出决定，不能再转交 (that place has already decided)');
  }
  if (holderOf(step, slot) === `user:${c.toUserId}`) return err('invalid', '不能转交给当前审批人 (already held by that user)');
  return null;
}

function checkExternal(state: CampaignState, c: Extract<Command, { type: 'recordExternalResult' }>, actor: Actor, now: number): CommandError | null {
  if (!hasRole(actor, 'inspector', 'office')) return err('forbidden', '仅核查方或领导小组办公室可录入外部结果 (only inspector or office)');
  let task: TaskState | undefined;
  if (c.taskId) {
    const t = taskOr(state, c.taskId);
    if (isError(t)) return t;
    if (t.kind !== c.stage) return err('invalid', `任务${c.taskId}不是「${c.stage}」环节 (task is ${t.kind})`);
    task = t;
  } else {
    const all = state.tasks.filter((t) => t.kind === c.stage);
    if (!all.length) return err('not-found', `尚无「${c.stage}」环节任务 (no ${c.stage} task in this campaign yet)`);
    task = all.find((t) => t.status === 'open') ?? all[0];
  }
  if (task.status !== 'open') return err('conflict', `该环节已录入结果（${statusLabel(task.status)}） (stage already ${task.status})`);
  if (c.outcome === 'issues' && !(c.findings && c.findings.length)) return err('invalid', '存在问题时须列出问题清单 (issues need findings)');
  for (const f of c.findings ?? []) {
    if (f.unitId && !state.catalog.units.some((u) => u.id === f.unitId)) return err('invalid', `未知单位 ${f.unitId} (unknown unit)`);
    if (f.indicatorCode && !state.catalog.indicators.some((i) => i.code === f.indicatorCode)) return err('invalid', `未知指标 ${f.indicatorCode} (unknown indicator)`);
  }
  return futureInstant(c.dueAt, now, '整改期限');
}

/**
 * Checks a command against the state, the actor and now. Pure and read-only: returns null when the
 * command may be applied, else { code, reason }.
 */
export function validateCommand(state: CampaignState, command: unknown, actor: Actor, now: number): CommandError | null {
  const parsed = parseCommand(command);
  if ('error' in parsed) return parsed.error;
  const c = parsed.command;
  if (!actor || !actor.id || !Array.isArray(actor.roles)) return err('invalid', '缺少操作人 (actor required)');
  if (state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled') {
    return err('conflict', `活动已结束（${state.status}） (campaign is ${state.status})`);
  }
  if (state.status === 'paused' && !['resume', 'cancel', 'moveDeadlines'].includes(c.type)) return err('conflict', '活动已暂停 (campaign is paused)');

  switch (c.type) {
    case 'submit': {
      const task = taskOr(state, c.taskId);
      return isError(task) ? task : checkSubmit(state, task, actor);
    }
    case 'approve':
    case 'return': {
      const task = taskOr(state, c.taskId);
      return isError(task) ? task : checkDecision(state, task, actor);
    }
    case 'transfer':
      return checkTransfer(state, c, actor);
    case 'addApprover': {
      if (!hasRole(actor, 'office', 'leader')) return err('forbidden', '仅领导小组办公室或领导可加签 (only office or leader may add an approver)');
      const task = taskOr(state, c.taskId);
      if (isError(task)) return task;
      if (task.status !== 'submitted') return err('conflict', `任务不在审批中，无法加签 (task is ${task.status}, not submitted)`);
      const step = activeStep(task);
      if (!step) return err('conflict', '任务无待审批环节 (no active approval step)');
      if (step.assignees.includes(`user:${c.userId}`)) return err('conflict', `${c.userId} 已是本环节审批人 (already an assignee)`);
      return null;
    }
    case 'moveDeadlines':
      return checkMoveDeadlines(state, c, actor, now);
    case 'pause':
      if (!hasRole(actor, 'office', 'leader', 'admin')) return err('forbidden', '无权暂停活动 (only office, leader or admin may pause)');
      return null;
    case 'resume':
      if (!hasRole(actor, 'office', 'leader', 'admin')) return err('forbidden', '无权恢复活动 (only office, leader or admin may resume)');
      if (state.status !== 'paused') return err('conflict', '活动未暂停 (campaign is not paused)');
      return null;
    case 'closePhase': {
      if (!hasRole(actor, 'office')) return err('forbidden', '仅领导小组办公室可结束阶段 (only office may close a phase)');
      const phase = currentPhaseState(state);
      if (!phase || phase.key !== c.phase) return err('conflict', `阶段「${c.phase}」未在进行中 (phase not active; current: ${state.currentPhase})`);
      return null;
    }
    case 'recordExternalResult':
      return checkExternal(state, c, actor, now);
    case 'openRectification':
      if (!hasRole(actor, 'office')) return err('forbidden', '仅领导小组办公室可下达整改 (only office may open a rectification)');
      if (!state.catalog.units.some((u) => u.id === c.unitId)) return err('invalid', `未知单位 ${c.unitId} (unknown unit)`);
      if (c.indicatorCode && !state.catalog.indicators.some((i) => i.code === c.indicatorCode)) return err('invalid', `未知指标 ${c.indicatorCode} (unknown indicator)`);
      if (!currentPhaseState(state)) return err('conflict', '没有进行中的阶段 (no active phase)');
      return futureInstant(c.dueAt, now, '整改期限');
    case 'cancel':
      if (!hasRole(actor, 'office', 'admin')) return err('forbidden', '仅领导小组办公室或管理员可终止活动 (only office or admin may cancel)');
      return null;
  }
}
