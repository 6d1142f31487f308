/**
 * Commands: `decide` = `validateCommand` + `applyCommand`. applyCommand assumes a valid command and
 * returns a NEW state plus the audit events (one per command, plus system events such as
 * phase-completed / tasks-created / campaign-completed).
 */
import { activeStep, holderOf, newSteps, resolveSigners, resolveUnitHolders, slotsFor, stepComplete, transferablePlaces, unitMatches } from './approval-chain';
import type { Actor, CampaignState, DirectoryUser, EngineEvent, Evidence, PhaseState, Round, StepState, TaskState, VetoBlock } from './campaign-state';
import { findPhase, findTask, isLive } from './campaign-state';
import { changedTaskIds, detach, draftState, finishState } from './draft';
import { parseCommand, validateCommand, type CommandError } from './command-validation';
import type { Command } from './command.schema';
import { assertNever } from '../policy/access-policy';
import { deadlineTarget } from './deadlines';
import type { CalendarPort, CommandContext } from './ports';
import { replanAfterCompletions, replanDependants } from './replan';
import { advance, cancelTask, completeTask, currentPhaseState, finishCampaign, moveToNextPhase } from './progression';
import { makeRectification } from './task-factory';
import { DAY_MS, exactDurationMs } from './time';

export type DecideResult = { ok: true; state: CampaignState; events: EngineEvent[]; changedTaskIds: string[] } | ({ ok: false } & CommandError);

/** Kinds kept alive (carried over) when a phase is closed early: the application gate needs them. */
const GATE_KINDS = ['indicator', 'indicator-contribution', 'certificate', 'veto-attestation'];

type Ev = Omit<EngineEvent, 'actorId' | 'at'>;

function taskEvent(task: TaskState, action: string, extra: Partial<Ev> = {}): Ev {
  return { action, taskId: task.id, ...(task.indicatorCode ? { indicatorCode: task.indicatorCode } : {}), ...extra };
}

function currentRound(task: TaskState): Round {
  return task.rounds[task.rounds.length - 1];
}

function resetReminders(task: TaskState, now: number): void {
  task.reminders = { from: now, before: 0, overdue: 0, escalation: 0 };
}

function moveTaskDue(task: TaskState, to: number, actor: Actor, reason: string, now: number, cause: 'move' | 'phase-move'): void {
  task.deadlineChanges.push({ from: task.dueAt, to, by: actor.id, reason, at: now, cause });
  task.dueAt = to;
  resetReminders(task, now);
}

function shiftPhase(phase: PhaseState, delta: number): void {
  phase.dueAt += delta;
  phase.shiftMs += delta;
  for (const m of phase.milestones) m.dueAt += delta;
}

function defaultRectificationDue(state: CampaignState, now: number): number {
  const phase = currentPhaseState(state);
  return Math.max(phase ? phase.dueAt : now, now + 7 * DAY_MS);
}

/**
 * A step opens (sign-off rules): its places resolve to people from the directory, once (a step returning after a
 * 前加签 keeps its signers). Returns the resolved list for the audit (ids and names), or undefined under legacy rules.
 */
function openStep(s: CampaignState, round: Round, step: StepState): { id: string; name: string | null }[] | undefined {
  if (!s.directory) return undefined;
  if (!step.signers) {
    const sub = round.submission.unitId ? { by: round.submission.by, unitId: round.submission.unitId } : { by: round.submission.by };
    step.signers = resolveSigners(s.directory, s.catalog.units, step.assignees, sub);
    const holders = resolveUnitHolders(s.directory, step.signers, sub);
    if (holders) step.unitHolders = holders;
  }
  return signerList(s.directory, step.signers);
}

function signerList(directory: DirectoryUser[], places: string[]): { id: string; name: string | null }[] {
  return places.map((p) => {
    const id = p.startsWith('user:') ? p.slice(5) : p;
    return { id, name: directory.find((u) => u.id === id)?.name ?? null };
  });
}

function reindex(round: Round): void {
  round.steps.forEach((st, i) => (st.index = i));
}

function applySubmit(s: CampaignState, c: Extract<Command, { type: 'submit' }>, actor: Actor, now: number, out: Ev[], events: EngineEvent[]): void {
  const task = findTask(s, c.taskId) as TaskState;
  const submission: Round['submission'] = { by: actor.id, byName: actor.name, at: now };
  if (task.owner === 'unit' && actor.unitId) submission.unitId = actor.unitId;
  if (c.comment !== undefined) submission.comment = c.comment;
  if (c.value !== undefined) submission.value = c.value;
  if (c.evidence !== undefined) submission.evidence = c.evidence;
  if (c.formalities !== undefined) submission.formalities = c.formalities;
  const round: Round = { round: task.rounds.length + 1, submission, steps: newSteps(task.chain), outcome: 'pending' };
  task.rounds.push(round);
  task.status = 'submitted';
  // 共同负责: every other listed unit confirms the shared submission before its approval chain starts.
  const awaiting = task.jointUnitIds ? task.jointUnitIds.filter((u) => !unitMatches(s.catalog.units, u, actor.unitId)) : [];
  if (awaiting.length) {
    round.awaitingConfirmation = awaiting;
    round.confirmations = [];
    for (const st of round.steps) st.status = 'waiting';
  }
  const signers = round.steps.length && !awaiting.length ? openStep(s, round, round.steps[0]) : undefined;
  out.push(
    taskEvent(task, 'submit', {
      ...(c.comment ? { comment: c.comment } : {}),
      detail: {
        round: round.round, value: c.value ?? null, evidence: evidenceForAudit(c.evidence), ...(c.formalities ? { formalities: c.formalities } : {}), ...(signers ? { stepName: round.steps[0].name, signers } : {}),
        ...(awaiting.length ? { jointUnitIds: task.jointUnitIds, awaitingConfirmation: awaiting } : {}),
      },
    }),
  );
  if (task.kind === 'veto-attestation' && task.vetoCode && s.planRules?.vetoFindings && c.formalities?.outcome === 'occurred') {
    addVetoBlock(s, { vetoCode: task.vetoCode, source: 'attestation', taskId: task.id, round: round.round, unitId: task.unitId, text: c.comment, by: actor.id, byName: actor.name, at: now });
  }
  if (awaiting.length) return;
  if (!round.steps.length) {
    round.outcome = 'approved';
    round.closedAt = now;
    completeTask(s, task, now, events);
  }
}

function addVetoBlock(s: CampaignState, b: Omit<VetoBlock, 'id'>): VetoBlock {
  s.vetoBlocks = s.vetoBlocks ?? [];
  const block: VetoBlock = { id: `veto-block:${s.vetoBlocks.length + 1}`, ...b };
  if (block.text === undefined) delete block.text;
  if (block.unitId === undefined) delete block.unitId;
  s.vetoBlocks.push(block);
  return block;
}

/** 共同负责: a listed unit confirms the shared submission; the last confirmation starts the approval chain. */
function applyConfirmJoint(s: CampaignState, c: Extract<Command, { type: 'confirmJoint' }>, actor: Actor, now: number, out: Ev[], events: EngineEvent[]): void {
  const task = findTask(s, c.taskId) as TaskState;
  const round = currentRound(task);
  const mine = (round.awaitingConfirmation ?? []).filter((u) => unitMatches(s.catalog.units, u, actor.unitId));
  const agree = c.agree !== false;
  round.confirmations = round.confirmations ?? [];
  for (const unitId of mine) round.confirmations.push({ unitId, by: actor.id, byName: actor.name, agree, ...(c.comment ? { comment: c.comment } : {}), at: now });
  round.awaitingConfirmation = (round.awaitingConfirmation ?? []).filter((u) => !mine.includes(u));
  const base = { ...(c.comment ? { comment: c.comment } : {}) };
  if (!agree) {
    // An objection sends the round back to the units (like a return), with the objection as its reason.
    round.outcome = 'returned';
    round.closedAt = now;
    round.awaitingConfirmation = [];
    task.status = 'returned';
    out.push(taskEvent(task, 'confirmJoint', { ...base, reason: c.comment, detail: { round: round.round, units: mine, agree: false } }));
    return;
  }
  let opened: Record<string, unknown> = {};
  if (!round.awaitingConfirmation.length && round.steps.length) {
    round.steps[0].status = 'active';
    const signers = openStep(s, round, round.steps[0]);
    opened = { nextStep: { index: 0, name: round.steps[0].name, ...(signers ? { signers } : {}) } };
  }
  out.push(taskEvent(task, 'confirmJoint', { ...base, detail: { round: round.round, units: mine, agree: true, awaitingConfirmation: [...round.awaitingConfirmation], ...opened } }));
  if (!round.awaitingConfirmation.length && !round.steps.length) {
    round.outcome = 'approved';
    round.closedAt = now;
    completeTask(s, task, now, events);
  }
}

/** The submit's audit entry names every file with its hash, so the audit chain vouches for the evidence bytes. */
function evidenceForAudit(evidence: Evidence[] | undefined): Evidence[] {
  return (evidence ?? []).map((e) => ({ name: e.name, ref: e.ref, ...(e.sha256 ? { sha256: e.sha256 } : {}), ...(e.size !== undefined ? { size: e.size } : {}) }));
}

function applyDecision(s: CampaignState, c: Extract<Command, { type: 'approve' | 'return' }>, actor: Actor, now: number, out: Ev[], events: EngineEvent[]): void {
  const task = findTask(s, c.taskId) as TaskState;
  const step = activeStep(task) as StepState;
  const slot = slotsFor(s.catalog.units, step, actor)[0];
  const onBehalfOf = holderOf(step, slot) !== slot ? slot : undefined;
  const comment = c.type === 'approve' ? c.comment : c.reason;
  step.decisions.push({
    by: actor.id,
    byName: actor.name,
    as: slot,
    ...(onBehalfOf ? { onBehalfOf } : {}),
    decision: c.type === 'approve' ? 'approve' : 'return',
    ...(comment !== undefined ? { comment } : {}),
    at: now,
  });
  const round = currentRound(task);
  const base: Partial<Ev> = { step: step.index, ...(onBehalfOf ? { onBehalfOf } : {}) };
  if (c.type === 'return') {
    round.outcome = 'returned';
    round.closedAt = now;
    task.status = 'returned';
    out.push(taskEvent(task, 'return', { ...base, reason: c.reason, detail: { round: round.round, stepName: step.name, decision: 'return' } }));
    return;
  }
  let stepDone = false;
  let opened: Record<string, unknown> = {};
  if (stepComplete(step)) {
    stepDone = true;
    step.status = 'done';
    const next = round.steps[step.index + 1];
    if (next) {
      next.status = 'active';
      const signers = openStep(s, round, next);
      if (signers) opened = { nextStep: { index: next.index, name: next.name, signers } };
    } else {
      round.outcome = 'approved';
      round.closedAt = now;
    }
  }
  out.push(taskEvent(task, 'approve', { ...base, ...(c.comment ? { comment: c.comment } : {}), detail: { round: round.round, stepName: step.name, decision: 'approve', stepDone, as: slot, ...opened } }));
  if (round.outcome === 'approved') completeTask(s, task, now, events);
}

/**
 * 加签. co-sign (并加签, default): the person becomes a required place of this step. before (前加签): a one-person step is
 * inserted before this one and becomes active; this step waits and resumes, with its decisions kept, once it is
 * approved. after (后加签): a one-person step is inserted right after this one.
 */
function applyAddApprover(s: CampaignState, c: Extract<Command, { type: 'addApprover' }>, actor: Actor, now: number, out: Ev[]): void {
  const task = findTask(s, c.taskId) as TaskState;
  const step = activeStep(task) as StepState;
  const round = currentRound(task);
  const mode = c.mode ?? 'co-sign';
  const userName = c.userName ?? s.directory?.find((u) => u.id === c.userId)?.name;
  const place = `user:${c.userId}`;
  const addition = { userId: c.userId, ...(userName ? { userName } : {}), by: actor.id, reason: c.reason, at: now };
  let stepIndex = step.index;
  if (mode === 'co-sign') {
    if (step.signers) step.signers.push(place);
    else step.assignees.push(place);
    step.added.push(c.mode ? { ...addition, mode } : addition);
  } else {
    const label = userName ?? c.userId;
    const inserted: StepState = {
      name: `${mode === 'before' ? '前加签' : '后加签'}：${label}`,
      mode: 'any',
      assignees: [place],
      ...(s.directory ? { signers: [place] } : {}),
      index: 0,
      added: [{ ...addition, mode }],
      transfers: [],
      decisions: [],
      status: mode === 'before' ? 'active' : 'waiting',
      insertedBy: { mode, userId: c.userId, by: actor.id },
    };
    if (mode === 'before') step.status = 'waiting';
    round.steps.splice(mode === 'before' ? step.index : step.index + 1, 0, inserted);
    reindex(round);
    stepIndex = inserted.index;
  }
  out.push(taskEvent(task, 'addApprover', { step: stepIndex, reason: c.reason, detail: { userId: c.userId, ...(userName ? { userName } : {}), mode, stepName: step.name } }));
}

/**
 * moveDeadlines in the office's language (deadlines.ts): calendar / working-day shifts, dates alone, non-working days
 * moved with a warning; the moved milestones become fixed by hand and their dependants are re-dated (replan.ts).
 */
function applyMoveDeadlinesV2(s: CampaignState, c: Extract<Command, { type: 'moveDeadlines' }>, actor: Actor, now: number, out: Ev[], calendar: CalendarPort, events: EngineEvent[]): void {
  const warnings: string[] = [];
  const target = (from: number) => {
    const t = deadlineTarget(from, c, calendar);
    if (t.warning && !warnings.includes(t.warning)) warnings.push(t.warning);
    return t.to;
  };
  const given = { dueAt: c.dueAt ?? null, dueDate: c.dueDate ?? null, shiftBy: c.shiftBy ?? null, shiftByWorkingDays: c.shiftByWorkingDays ?? null, ...(c.force ? { force: c.force } : {}) };
  const changedMilestones: string[] = [];
  if (c.taskIds) {
    const moved: { id: string; from: number; to: number }[] = [];
    for (const id of c.taskIds) {
      const task = findTask(s, id) as TaskState;
      const from = task.dueAt;
      moveTaskDue(task, target(from), actor, c.reason, now, 'move');
      moved.push({ id, from, to: task.dueAt });
    }
    // A milestone whose every live task now has the same new date moves with them (fixed by hand).
    for (const phase of s.phases) {
      for (const m of phase.milestones) {
        const live = s.tasks.filter((t) => t.milestoneKey === m.key && isLive(t));
        if (!live.length || !live.every((t) => c.taskIds!.includes(t.id)) || new Set(live.map((t) => t.dueAt)).size !== 1) continue;
        m.dueAt = live[0].dueAt;
        if (m.plan) m.plan.fixed = true;
        phase.dueAt = Math.max(...phase.milestones.map((x) => x.dueAt));
        changedMilestones.push(m.key);
      }
    }
    out.push({ action: 'moveDeadlines', reason: c.reason, detail: { taskIds: c.taskIds, ...given, moved, cause: 'move', warnings } });
  } else {
    const phase = findPhase(s, c.phase as string) as PhaseState;
    const uniform = c.dueAt !== undefined || c.dueDate !== undefined;
    const delta = uniform ? target(phase.dueAt) - phase.dueAt : 0;
    const to = (from: number) => (uniform ? from + delta : target(from));
    for (const m of phase.milestones) {
      m.dueAt = to(m.dueAt);
      if (m.plan) m.plan.fixed = true;
      changedMilestones.push(m.key);
    }
    const before = phase.dueAt;
    phase.dueAt = Math.max(...phase.milestones.map((x) => x.dueAt));
    phase.shiftMs += phase.dueAt - before;
    // Each affected task with its old and new due date (the audit answers "which deadline moved, from when to when, why").
    const moved: { id: string; from: number; to: number }[] = [];
    for (const task of s.tasks.filter((t) => t.phase === phase.key && isLive(t))) {
      const from = task.dueAt;
      moveTaskDue(task, to(from), actor, c.reason, now, 'phase-move');
      moved.push({ id: task.id, from, to: task.dueAt });
    }
    out.push({
      action: 'moveDeadlines', reason: c.reason,
      detail: { phase: phase.key, ...given, deltaMs: phase.dueAt - before, phaseDueAt: phase.dueAt, phaseDueFrom: before, tasksMoved: moved.length, moved, cause: 'phase-move', warnings },
    });
  }
  flush(out, actor, now, events);
  if (changedMilestones.length) replanDependants(s, changedMilestones, now, calendar, `办公室调整期限（${c.reason}）`, events);
}

function applyMoveDeadlines(s: CampaignState, c: Extract<Command, { type: 'moveDeadlines' }>, actor: Actor, now: number, out: Ev[]): void {
  const shift = c.shiftBy !== undefined ? exactDurationMs(c.shiftBy) : 0;
  if (c.taskIds) {
    for (const id of c.taskIds) {
      const task = findTask(s, id) as TaskState;
      moveTaskDue(task, c.dueAt ?? task.dueAt + shift, actor, c.reason, now, 'move');
    }
    out.push({ action: 'moveDeadlines', reason: c.reason, detail: { taskIds: c.taskIds, dueAt: c.dueAt ?? null, shiftBy: c.shiftBy ?? null } });
    return;
  }
  const phase = findPhase(s, c.phase as string) as PhaseState;
  const delta = c.dueAt !== undefined ? c.dueAt - phase.dueAt : shift;
  shiftPhase(phase, delta);
  const moved: { id: string; from: number; to: number }[] = [];
  for (const task of s.tasks.filter((t) => t.phase === phase.key && isLive(t))) {
    const from = task.dueAt;
    moveTaskDue(task, from + delta, actor, c.reason, now, 'phase-move');
    moved.push({ id: task.id, from, to: task.dueAt });
  }
  out.push({ action: 'moveDeadlines', reason: c.reason, detail: { phase: phase.key, deltaMs: delta, phaseDueAt: phase.dueAt, tasksMoved: moved.length, moved, cause: 'phase-move' } });
}

function applyResume(s: CampaignState, c: Extract<Command, { type: 'resume' }>, actor: Actor, now: number, out: Ev[]): void {
  const pause = s.pauses[s.pauses.length - 1];
  const d = Math.max(0, now - pause.from);
  pause.to = now;
  pause.resumedBy = actor.id;
  if (c.reason) pause.resumeReason = c.reason;
  s.status = 'active';
  for (const phase of s.phases) if (phase.status === 'pending' || phase.status === 'active') shiftPhase(phase, d);
  let shifted = 0;
  for (const task of s.tasks.filter(isLive)) {
    task.deadlineChanges.push({ from: task.dueAt, to: task.dueAt + d, by: actor.id, reason: c.reason ?? '暂停后恢复 (resumed after pause)', at: now, cause: 'resume' });
    task.dueAt += d;
    task.reminders.from += d;
    shifted++;
  }
  out.push({ action: 'resume', ...(c.reason ? { reason: c.reason } : {}), detail: { pausedMs: d, tasksShifted: shifted } });
}

function applyClosePhase(s: CampaignState, c: Extract<Command, { type: 'closePhase' }>, actor: Actor, now: number, out: Ev[], events: EngineEvent[]): void {
  const phase = currentPhaseState(s) as PhaseState;
  const cancelled: string[] = [];
  const carried: string[] = [];
  for (const task of s.tasks.filter((t) => t.phase === phase.key && isLive(t))) {
    if (GATE_KINDS.includes(task.kind)) carried.push(task.id);
    else {
      cancelTask(task, actor.id, c.reason, now);
      cancelled.push(task.id);
    }
  }
  phase.status = 'closed';
  phase.completedAt = now;
  phase.closed = { by: actor.id, reason: c.reason, at: now, cancelledTaskIds: cancelled, carriedTaskIds: carried };
  out.push({ action: 'closePhase', reason: c.reason, detail: { phase: phase.key, cancelled: cancelled.length, carried } });
  flush(out, actor, now, events);
  moveToNextPhase(s, phase, now, events);
}

function applyExternal(s: CampaignState, c: Extract<Command, { type: 'recordExternalResult' }>, actor: Actor, now: number, out: Ev[], events: EngineEvent[]): void {
  const task = (c.taskId ? findTask(s, c.taskId) : (s.tasks.find((t) => t.kind === c.stage && t.status === 'open') as TaskState)) as TaskState;
  const findings = c.outcome === 'passed' ? [] : (c.findings ?? []);
  task.externalResult = { outcome: c.outcome, findings, by: actor.id, byName: actor.name, at: now, rectificationTaskIds: [] };
  if (c.comment) task.externalResult.comment = c.comment;
  if (c.outcome === 'issues') {
    for (const f of findings) {
      const ind = f.indicatorCode ? s.catalog.indicators.find((i) => i.code === f.indicatorCode) : undefined;
      const rect = makeRectification(
        s,
        { phase: task.phase, unitId: f.unitId ?? ind?.leadUnitIds[0], title: f.title, indicatorCode: f.indicatorCode, parentTaskId: task.id, dueAt: c.dueAt ?? defaultRectificationDue(s, now) },
        now,
      );
      s.tasks.push(rect);
      task.externalResult.rectificationTaskIds.push(rect.id);
    }
    task.status = 'rectifying';
  }
  out.push(
    taskEvent(task, 'recordExternalResult', {
      ...(c.comment ? { comment: c.comment } : {}),
      detail: {
        stage: c.stage, outcome: c.outcome, findings: findings.length, rectificationTaskIds: task.externalResult.rectificationTaskIds,
        findingList: findings.map((f) => ({ title: f.title, ...(f.unitId ? { unitId: f.unitId } : {}), ...(f.indicatorCode ? { indicatorCode: f.indicatorCode } : {}) })),
      },
    }),
  );
  if (c.outcome === 'passed') completeTask(s, task, now, events, 'external-passed');
  if (c.outcome === 'failed') {
    task.status = 'failed';
    task.completedAt = now;
    flush(out, actor, now, events);
    finishCampaign(s, 'failed', now, actor.id, events, `${task.title}未通过 (${c.stage} failed)`);
  }
}

/**
 * 公示: once the pre-review has passed, the public notice runs for N working days from now; the public-notice task
 * falls due at the end of that window (objections are then recorded as its findings → rectification tasks).
 */
function openPublicNotice(s: CampaignState, now: number, calendar: CommandContext['calendar'], events: EngineEvent[]): void {
  const task = s.tasks.find((t) => t.kind === 'public-notice' && t.status === 'open');
  if (!task) return;
  const days = s.catalog.publicNoticeWorkingDays ?? 5;
  const to = calendar ? calendar.shiftInstantByWorkingDays(now, days) : now + days * DAY_MS;
  const reason = `公示期${days}个工作日 (public notice window: ${days} working days)`;
  task.deadlineChanges.push({ from: task.dueAt, to, by: 'system', reason, at: now, cause: 'move' });
  task.dueAt = to;
  task.reminders = { from: now, before: 0, overdue: 0, escalation: 0 };
  events.push({ action: 'public-notice-opened', taskId: task.id, actorId: 'system', at: now, reason, detail: { workingDays: days, dueAt: to } });
}

/** Stamps pending command events with actor and time, in order, before system events that follow them. */
function flush(out: Ev[], actor: Actor, now: number, events: EngineEvent[]): void {
  for (const e of out.splice(0)) events.push({ ...e, actorId: actor.id, at: now });
}

/**
 * Applies a command that `validateCommand` accepted. Returns a new state (the input is not modified)
 * and the events. Throws if the command does not parse (it must have been validated).
 */
export function applyCommand(state: CampaignState, command: Command, actor: Actor, now: number, ctx: CommandContext = {}): { state: CampaignState; events: EngineEvent[]; changedTaskIds: string[] } {
  const parsed = parseCommand(command);
  if ('error' in parsed) throw new Error(parsed.error.reason);
  const c = parsed.command;
  const s = draftState(state);
  s.clock = Math.max(s.clock, now);
  s.revision += 1;
  const events: EngineEvent[] = [];
  const out: Ev[] = [];
  const sys: EngineEvent[] = [];
  switch (c.type) {
    case 'submit':
      applySubmit(s, c, actor, now, out, sys);
      break;
    case 'approve':
    case 'return':
      applyDecision(s, c, actor, now, out, sys);
      break;
    case 'transfer': {
      const task = findTask(s, c.taskId) as TaskState;
      const step = activeStep(task) as StepState;
      const slot = c.from ?? slotsFor(s.catalog.units, step, actor)[0] ?? transferablePlaces(step)[0];
      if (step.signers && !step.signers.includes(slot)) step.signers.push(slot); // a step with nobody: the place now has a holder
      const transfer = { from: slot, fromHolder: holderOf(step, slot), to: `user:${c.toUserId}`, by: actor.id, reason: c.reason, at: now };
      const toName = c.toUserName ?? s.directory?.find((u) => u.id === c.toUserId)?.name;
      step.transfers.push(toName ? { ...transfer, toName } : transfer);
      out.push(taskEvent(task, 'transfer', { step: step.index, reason: c.reason, detail: { from: slot, fromHolder: transfer.fromHolder, to: transfer.to, ...(toName ? { toName } : {}), stepName: step.name } }));
      break;
    }
    case 'addApprover':
      applyAddApprover(s, c, actor, now, out);
      break;
    case 'moveDeadlines':
      if (ctx.deadlineLanguage && ctx.calendar) applyMoveDeadlinesV2(s, c, actor, now, out, ctx.calendar, events);
      else applyMoveDeadlines(s, c, actor, now, out);
      break;
    case 'pause':
      s.status = 'paused';
      s.pauses.push({ from: now, reason: c.reason, by: actor.id });
      out.push({ action: 'pause', reason: c.reason });
      break;
    case 'resume':
      applyResume(s, c, actor, now, out);
      break;
    case 'closePhase':
      applyClosePhase(s, c, actor, now, out, sys);
      break;
    case 'recordExternalResult':
      applyExternal(s, c, actor, now, out, sys);
      if (ctx.publicNoticeWindow && c.stage === 'pre-review' && c.outcome === 'passed') openPublicNotice(s, now, ctx.calendar, sys);
      break;
    case 'openRectification': {
      const phase = currentPhaseState(s) as PhaseState;
      const rect = makeRectification(s, { phase: phase.key, unitId: c.unitId, title: c.title, indicatorCode: c.indicatorCode, dueAt: c.dueAt ?? defaultRectificationDue(s, now) }, now);
      s.tasks.push(rect);
      out.push(taskEvent(rect, 'openRectification', { detail: { unitId: c.unitId, dueAt: rect.dueAt } }));
      break;
    }
    case 'confirmJoint':
      applyConfirmJoint(s, c, actor, now, out, sys);
      break;
    case 'recordVetoFinding': {
      const block = addVetoBlock(s, { vetoCode: c.vetoCode, source: 'finding', unitId: c.unitId, text: c.finding, by: actor.id, byName: actor.name, at: now });
      const veto = s.catalog.vetoes.find((v) => v.code === c.vetoCode);
      out.push({ action: 'recordVetoFinding', comment: c.finding, detail: { blockId: block.id, vetoCode: c.vetoCode, condition: veto?.text ?? null, finding: c.finding, unitId: c.unitId ?? null } });
      break;
    }
    case 'liftVetoBlock': {
      const lifted: string[] = [];
      for (const b of s.vetoBlocks ?? []) {
        if (b.vetoCode !== c.vetoCode || b.lifted) continue;
        b.lifted = { by: actor.id, byName: actor.name, reason: c.reason, at: now };
        lifted.push(b.id);
      }
      const veto = s.catalog.vetoes.find((v) => v.code === c.vetoCode);
      out.push({ action: 'liftVetoBlock', reason: c.reason, detail: { vetoCode: c.vetoCode, condition: veto?.text ?? null, lifted } });
      break;
    }
    case 'cancel':
      out.push({ action: 'cancel', reason: c.reason });
      flush(out, actor, now, events);
      finishCampaign(s, 'cancelled', now, actor.id, sys, c.reason);
      break;
    default:
      assertNever(c); // a new command does not compile until it is applied here
  }
  flush(out, actor, now, events);
  events.push(...sys);
  if (ctx.replan && ctx.calendar) replanAfterCompletions(s, now, ctx.calendar, events);
  advance(s, now, events);
  const plain = detach(events);
  const next = finishState(s);
  return { state: next, events: plain, changedTaskIds: changedTaskIds(state, next) };
}

/** Validates then applies. Never throws for a bad command: returns { ok: false, code, reason }. */
export function decide(state: CampaignState, command: unknown, actor: Actor, now: number, ctx: CommandContext = {}): DecideResult {
  const error = validateCommand(state, command, actor, now, { calendar: ctx.calendar });
  if (error) return { ok: false, ...error };
  return { ok: true, ...applyCommand(state, command as Command, actor, now, ctx) };
}
