/**
 * What applying a command shares across commands: events on a task, moving a due date, opening an approval step,
 * veto blockers, stamping pending events. The command modules (../commands/<name>.command.ts) call these;
 * applyCommand (commands.ts) drafts the state, dispatches to the module and runs what follows every command.
 */
import { resolveStep } from './approval-chain';
import type { Actor, CampaignState, DirectoryUser, EngineEvent, Evidence, PhaseState, Round, StepState, TaskState, VetoBlock } from './campaign-state';
import { earliestDueWaitingFor } from './stage-order';
import type { CommandContext } from './ports';
import { currentPhaseState } from './progression';
import { defaultRectificationDueAt } from '../rules/rectification-due';

/** A command's event before it is stamped with actor and time. */
export type Ev = Omit<EngineEvent, 'actorId' | 'at'>;

/** Where a command module's `apply` writes its events, and the context the workflow gives it. */
export interface ApplyEffects {
  /** The command's own events, stamped with actor and time by `flush` (or after apply). */
  out: Ev[];
  /** The result's events, in order: flush the command's events here before system steps that must follow them. */
  events: EngineEvent[];
  /** System events (phase completed, tasks created…): appended after the command's events. */
  sys: EngineEvent[];
  ctx: CommandContext;
}

/** Kinds kept alive (carried over) when a phase is closed early: the application gate needs them. */
export const GATE_KINDS = ['indicator', 'indicator-contribution', 'certificate', 'veto-attestation'];

export function taskEvent(task: TaskState, action: string, extra: Partial<Ev> = {}): Ev {
  return { action, taskId: task.id, ...(task.indicatorCode ? { indicatorCode: task.indicatorCode } : {}), ...extra };
}

export function currentRound(task: TaskState): Round {
  return task.rounds[task.rounds.length - 1];
}

export function resetReminders(task: TaskState, now: number): void {
  task.reminders = { from: now, before: 0, overdue: 0, escalation: 0 };
}

export function moveTaskDue(task: TaskState, to: number, actor: Actor, reason: string, now: number, cause: 'move' | 'phase-move'): void {
  task.deadlineChanges.push({ from: task.dueAt, to, by: actor.id, reason, at: now, cause });
  task.dueAt = to;
  resetReminders(task, now);
}

/** Moves a phase and its milestones' dates each by `move` (working days: each date moves by its own instant). */
export function shiftPhaseByWorkingDays(phase: PhaseState, move: (at: number) => number): void {
  const to = move(phase.dueAt);
  phase.shiftMs += to - phase.dueAt;
  phase.dueAt = to;
  for (const m of phase.milestones) m.dueAt = move(m.dueAt);
}

export function shiftPhase(phase: PhaseState, delta: number): void {
  phase.dueAt += delta;
  phase.shiftMs += delta;
  for (const m of phase.milestones) m.dueAt += delta;
}

/**
 * A 整改 opened without a date: due with the active phase, not sooner than 7 calendar days (rules/rectification-due).
 * `stage`: the external stage whose findings open it — then due no later than the earliest live step waiting for that
 * stage (its milestone follows the stage's: 公示 and 现场核查 after a 预审), which the 整改 holds back.
 */
export function defaultRectificationDue(state: CampaignState, now: number, stage?: TaskState): number {
  return defaultRectificationDueAt(currentPhaseState(state)?.dueAt, now, stage?.milestoneKey ? earliestDueWaitingFor(state, stage.milestoneKey) : null);
}

/**
 * A step opens (sign-off rules): its places resolve to people from the directory, once (a step returning after a
 * 前加签 keeps its signers). Returns the resolved list for the audit (ids and names), or undefined under legacy rules.
 */
export function openStep(s: CampaignState, round: Round, step: StepState): { id: string; name: string | null }[] | undefined {
  if (!s.directory) return undefined;
  if (!step.signers) resolveStep(s, round, step);
  return signerList(s.directory, step.signers!);
}

function signerList(directory: DirectoryUser[], places: string[]): { id: string; name: string | null }[] {
  return places.map((p) => {
    const id = p.startsWith('user:') ? p.slice(5) : p;
    return { id, name: directory.find((u) => u.id === id)?.name ?? null };
  });
}

export function reindex(round: Round): void {
  round.steps.forEach((st, i) => (st.index = i));
}

export function addVetoBlock(s: CampaignState, b: Omit<VetoBlock, 'id'>): VetoBlock {
  s.vetoBlocks = s.vetoBlocks ?? [];
  const block: VetoBlock = { id: `veto-block:${s.vetoBlocks.length + 1}`, ...b };
  if (block.text === undefined) delete block.text;
  if (block.unitId === undefined) delete block.unitId;
  s.vetoBlocks.push(block);
  return block;
}

/** The submit's audit entry names every file with its hash, so the audit chain vouches for the evidence bytes. */
export function evidenceForAudit(evidence: Evidence[] | undefined): Evidence[] {
  return (evidence ?? []).map((e) => ({ name: e.name, ref: e.ref, ...(e.sha256 ? { sha256: e.sha256 } : {}), ...(e.size !== undefined ? { size: e.size } : {}) }));
}

/** Stamps pending command events with actor and time, in order, before system events that follow them. */
export function flush(out: Ev[], actor: Actor, now: number, events: EngineEvent[]): void {
  for (const e of out.splice(0)) events.push({ ...e, actorId: actor.id, at: now });
}
