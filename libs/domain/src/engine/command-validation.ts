/**
 * validateCommand: decides whether a command may be applied, WITHOUT touching the state (used by the
 * workflow's Update validators). Error codes:
 *  - 'invalid'   bad payload (missing reason, dueAt in the past, unknown unit …)
 *  - 'not-found' unknown task
 *  - 'forbidden' wrong unit / not an assignee / wrong role
 *  - 'conflict'  wrong state (task not open for submit, not submitted for approve, campaign paused or
 *                finished, phase not active, application gate closed …)
 */
import { assertNever, authorize, authorizeTarget, taskFacts, type AccessContext, type AccessDecision, type RefusalCode } from '../policy';
import { activeStep, hasDecided, holderOf, placesOf, slotSatisfied, slotsFor, transferablePlaces } from './approval-chain';
import type { Actor, CampaignState, TaskState } from './campaign-state';
import { findTask, isSettled, unitName } from './campaign-state';
import { CommandSchema, type Command } from './command.schema';
import { applicationGate, currentPhaseState } from './progression';
import { checkDeadlineMove } from './deadlines';
import { checkFormalities, formalitiesFor } from './formalities';
import type { CalendarPort } from './ports';
import { stageOrderBlocker } from './stage-order';
import { TASK_STATUS_LABEL } from '../labels';

/** Stage order (stage-order.ts): acting before the steps a task follows are done is a conflict naming the blocker. */
function stageOrder(state: CampaignState, task: TaskState): CommandError | null {
  const b = stageOrderBlocker(state, task);
  return b ? { code: b.code, reason: b.reason } : null;
}

export interface CommandError {
  /** One of the refusal codes (policy REFUSAL_CODES): the workflow throws it as ApplicationFailure.type. */
  code: RefusalCode;
  /** Chinese, then English in parentheses. */
  reason: string;
}

const err = (code: RefusalCode, reason: string): CommandError => ({ code, reason });
const denied = (d: AccessDecision): CommandError | null => (d.allowed ? null : err(d.code, d.reason));

/** The policy's context for a command on this campaign (segregation of duties under the sign-off rules). */
export function accessContext(state: CampaignState, task?: TaskState): AccessContext {
  return { units: state.catalog.units, separationOfDuties: !!state.directory, ...(task ? { task: taskFacts(task) } : {}) };
}

/** Asks the access policy about a parsed command. */
function policy(state: CampaignState, command: Command, actor: Actor, task?: TaskState): CommandError | null {
  return denied(authorize(accessContext(state, task), actor, { kind: 'command', command }));
}

export const statusLabel = (s: string) => (TASK_STATUS_LABEL as Record<string, string>)[s] ?? s;

/** Parses a command payload; returns the typed command or an 'invalid' error. */
export function parseCommand(command: unknown): { command: Command } | { error: CommandError } {
  const parsed = CommandSchema.safeParse(command);
  if (parsed.success) return { command: parsed.data };
  const msg = parsed.error.issues.map((i) => `${i.path.join('.') || '(command)'}: ${i.message}`).join('; ');
  return { error: err('invalid', `指令格式错误 (invalid command): ${msg}`) };
}

/** May the actor submit this task (ignoring its state)? */
export function canSubmit(state: CampaignState, task: TaskState, actor: Actor): boolean {
  return authorize(accessContext(state, task), actor, { kind: 'command', command: { type: 'submit', taskId: task.id } }).allowed;
}

function taskOr(state: CampaignState, taskId: string): TaskState | CommandError {
  return findTask(state, taskId) ?? err('not-found', `任务不存在 (unknown task ${taskId})`);
}
const isError = (x: TaskState | CommandError): x is CommandError => !('id' in x);

function checkSubmit(state: CampaignState, c: Command, task: TaskState, actor: Actor): CommandError | null {
  const who = policy(state, c, actor, task);
  if (who && who.code === 'forbidden' && task.owner === 'unit' && task.jointUnitIds?.length) {
    const names = task.jointUnitIds.map((u) => unitName(state, u)).join('、');
    return err('forbidden', `任务由${names}共同负责，您的单位不在其中 (task is jointly owned by ${task.jointUnitIds.join(', ')})`);
  }
  if (who) return who.code === 'forbidden' && task.owner === 'unit' ? err('forbidden', `任务不属于您的单位 (task belongs to unit ${task.unitId}「${unitName(state, task.unitId)}」)`) : who;
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
  if (c.type === 'submit') {
    const missing = checkFormalities(formalitiesFor(state, task), c.formalities);
    if (missing) return err('invalid', missing.reason);
  }
  if (task.kind === 'application') {
    const gate = applicationGate(state);
    if (!gate.allowed) {
      return err('conflict', `不符合申报条件 (application gate closed): ${gate.missing.map((m) => m.reason).join('；')}`);
    }
  }
  return null;
}

function checkDecision(state: CampaignState, c: Command, task: TaskState, actor: Actor): CommandError | null {
  if (task.status !== 'submitted') return err('conflict', `任务当前为「${statusLabel(task.status)}」，不在审批中 (task is ${task.status}, not submitted)`);
  const pending = task.rounds[task.rounds.length - 1]?.awaitingConfirmation;
  if (pending?.length) {
    return err('conflict', `尚待共同负责单位确认本次报送：${pending.map((u) => unitName(state, u)).join('、')} (waiting for the listed units to confirm: ${pending.join(', ')})`);
  }
  const step = activeStep(task);
  if (!step) return err('conflict', `任务无待审批环节 (no active approval step)`);
  const who = policy(state, c, actor, task);
  if (who) return who;
  if (hasDecided(step, actor.id)) return err('conflict', `您已在「${step.name}」环节作出决定 (already decided in this step)`);
  return null;
}

function futureInstant(at: number | undefined, now: number, what: string): CommandError | null {
  if (at !== undefined && at <= now) return err('invalid', `${what}不能早于当前时间 (${what === '期限' ? 'dueAt' : what} must be in the future)`);
  return null;
}

function checkMoveDeadlines(state: CampaignState, c: Extract<Command, { type: 'moveDeadlines' }>, actor: Actor, now: number, calendar?: CalendarPort): CommandError | null {
  const who = policy(state, c, actor);
  if (who) return who;
  return checkDeadlineMove(state, c, now, calendar); // targets and bounds: deadlines.ts
}

function checkTransfer(state: CampaignState, c: Extract<Command, { type: 'transfer' }>, actor: Actor, opts: ValidateOptions): CommandError | null {
  const task = taskOr(state, c.taskId);
  if (isError(task)) return task;
  if (task.status !== 'submitted') return err('conflict', `任务不在审批中，无法转交 (task is ${task.status}, not submitted)`);
  const step = activeStep(task);
  if (!step) return err('conflict', '任务无待审批环节 (no active approval step)');
  const units = state.catalog.units;
  const places = transferablePlaces(step);
  if (c.from !== undefined && !places.includes(c.from)) return err('invalid', `「${c.from}」不是当前环节的审批人 (${c.from} is not an assignee of the active step)`);
  const who = policy(state, c, actor, task);
  if (who) return who;
  let slot = c.from;
  if (slot === undefined) {
    slot = slotsFor(units, step, actor)[0];
    if (!slot && places.length === 1) slot = places[0];
    if (!slot) return err('invalid', '请指定要转交的审批人 from (give from)');
  }
  if (slotSatisfied(step, slot) || (!slot.startsWith('role:') && step.decisions.some((d) => d.as === slot))) {
    return err('conflict', '该审批位已作出决定，不能再转交 (that place has already decided)');
  }
  if (holderOf(step, slot) === `user:${c.toUserId}`) return err('invalid', '不能转交给当前审批人 (already held by that user)');
  if (state.directory && !opts.probe) return denied(authorizeTarget({ ...accessContext(state, task), directory: state.directory }, c.toUserId, 'transfer'));
  return null;
}

function checkAddApprover(state: CampaignState, c: Extract<Command, { type: 'addApprover' }>, actor: Actor, opts: ValidateOptions): CommandError | null {
  const found = findTask(state, c.taskId);
  const who = policy(state, c, actor, found);
  if (who) return who;
  const task = taskOr(state, c.taskId);
  if (isError(task)) return task;
  if (task.status !== 'submitted') return err('conflict', `任务不在审批中，无法加签 (task is ${task.status}, not submitted)`);
  const step = activeStep(task);
  if (!step) return err('conflict', '任务无待审批环节 (no active approval step)');
  if (placesOf(step).includes(`user:${c.userId}`) || step.assignees.includes(`user:${c.userId}`)) return err('conflict', `${c.userId} 已是本环节审批人 (already an assignee)`);
  if (state.directory && !opts.probe) return denied(authorizeTarget({ ...accessContext(state, task), directory: state.directory }, c.userId, 'addApprover'));
  return null;
}

function checkExternal(state: CampaignState, c: Extract<Command, { type: 'recordExternalResult' }>, actor: Actor, now: number): CommandError | null {
  const who = policy(state, c, actor);
  if (who) return who;
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
  const blocked = stageOrder(state, task);
  if (blocked) return blocked;
  if (c.outcome === 'issues' && !(c.findings && c.findings.length)) return err('invalid', '存在问题时须列出问题清单 (issues need findings)');
  for (const f of c.findings ?? []) {
    if (f.unitId && !state.catalog.units.some((u) => u.id === f.unitId)) return err('invalid', `未知单位 ${f.unitId} (unknown unit)`);
    if (f.indicatorCode && !state.catalog.indicators.some((i) => i.code === f.indicatorCode)) return err('invalid', `未知指标 ${f.indicatorCode} (unknown indicator)`);
  }
  return futureInstant(c.dueAt, now, '整改期限');
}

/** 共同负责: a listed unit confirms (or objects to) the shared submission before the approval chain starts. */
function checkConfirmJoint(state: CampaignState, c: Extract<Command, { type: 'confirmJoint' }>, task: TaskState, actor: Actor): CommandError | null {
  if (!task.jointUnitIds?.length) return err('conflict', `任务不是共同负责任务，无需确认 (task ${task.id} is not jointly owned)`);
  if (task.status !== 'submitted') return err('conflict', `任务当前为「${statusLabel(task.status)}」，没有待确认的报送 (task is ${task.status}, nothing to confirm)`);
  const round = task.rounds[task.rounds.length - 1];
  if (!round?.awaitingConfirmation?.length) return err('conflict', '本次报送已由各共同负责单位确认完毕 (every listed unit has confirmed this submission)');
  const who = policy(state, c, actor, task);
  if (who) {
    const done = round.confirmations?.some((x) => x.unitId === actor.unitId);
    return done ? err('conflict', '您的单位已确认本次报送 (your unit has already confirmed this submission)') : who;
  }
  if (c.agree === false && !c.comment?.trim()) return err('invalid', '不同意时须在 comment 中填写理由 (comment required when agree is false)');
  return null;
}

function checkVetoCommand(state: CampaignState, c: Extract<Command, { type: 'recordVetoFinding' | 'liftVetoBlock' }>, actor: Actor): CommandError | null {
  const who = policy(state, c, actor);
  if (who) return who;
  if (!state.planRules?.vetoFindings) return err('conflict', '本活动启动时尚未启用否决情形核查记录 (campaign started before veto findings existed)');
  const veto = state.catalog.vetoes.find((v) => v.code === c.vetoCode);
  if (!veto) return err('invalid', `否决情形${c.vetoCode}不存在 (unknown veto condition ${c.vetoCode}; known: ${state.catalog.vetoes.map((v) => v.code).join(', ')})`);
  if (c.type === 'recordVetoFinding') {
    if (c.unitId && !state.catalog.units.some((u) => u.id === c.unitId)) return err('invalid', `未知单位 ${c.unitId} (unknown unit)`);
    return null;
  }
  if (!(state.vetoBlocks ?? []).some((b) => b.vetoCode === c.vetoCode && !b.lifted)) {
    return err('conflict', `否决情形${c.vetoCode}「${veto.text}」当前没有阻断申报的记录 (nothing blocks the application on veto condition ${c.vetoCode})`);
  }
  return null;
}

export interface ValidateOptions {
  /** Probing which actions are available (views): skip checks of payload targets (transfer/add-approver users). */
  probe?: boolean;
  /** Working-day calendar for deadline targets (deadlines.ts); weekends only when absent. */
  calendar?: CalendarPort;
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
    return err('conflict', `活动已结束（${state.status}） (campaign is ${state.status})`);
  }
  if (state.status === 'paused' && !['resume', 'cancel', 'moveDeadlines'].includes(c.type)) return err('conflict', '活动已暂停 (campaign is paused)');

  switch (c.type) {
    case 'submit': {
      const task = taskOr(state, c.taskId);
      return isError(task) ? task : (checkSubmit(state, c, task, actor) ?? stageOrder(state, task));
    }
    case 'approve':
    case 'return': {
      const task = taskOr(state, c.taskId);
      return isError(task) ? task : checkDecision(state, c, task, actor);
    }
    case 'transfer':
      return checkTransfer(state, c, actor, opts);
    case 'addApprover':
      return checkAddApprover(state, c, actor, opts);
    case 'moveDeadlines':
      return checkMoveDeadlines(state, c, actor, now, opts.calendar);
    case 'pause':
      return policy(state, c, actor);
    case 'resume':
      return policy(state, c, actor) ?? (state.status !== 'paused' ? err('conflict', '活动未暂停 (campaign is not paused)') : null);
    case 'closePhase': {
      const who = policy(state, c, actor);
      if (who) return who;
      const phase = currentPhaseState(state);
      if (!phase || phase.key !== c.phase) return err('conflict', `阶段「${c.phase}」未在进行中 (phase not active; current: ${state.currentPhase})`);
      return null;
    }
    case 'recordExternalResult':
      return checkExternal(state, c, actor, now);
    case 'openRectification': {
      const who = policy(state, c, actor);
      if (who) return who;
      if (!state.catalog.units.some((u) => u.id === c.unitId)) return err('invalid', `未知单位 ${c.unitId} (unknown unit)`);
      if (c.indicatorCode && !state.catalog.indicators.some((i) => i.code === c.indicatorCode)) return err('invalid', `未知指标 ${c.indicatorCode} (unknown indicator)`);
      if (!currentPhaseState(state)) return err('conflict', '没有进行中的阶段 (no active phase)');
      return futureInstant(c.dueAt, now, '整改期限');
    }
    case 'cancel':
      return policy(state, c, actor);
    case 'confirmJoint': {
      const task = taskOr(state, c.taskId);
      return isError(task) ? task : checkConfirmJoint(state, c, task, actor);
    }
    case 'recordVetoFinding':
    case 'liftVetoBlock':
      return checkVetoCommand(state, c, actor);
    default:
      return assertNever(c); // a new command does not compile until it is validated here
  }
}
