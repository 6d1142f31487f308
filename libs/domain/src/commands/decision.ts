/** What approve (审批通过) and return (退回) share: the check that a decision is due and its recording on the step. */
import { activeStep, hasDecided, holderOf, slotsFor, stepComplete } from '../engine/approval-chain';
import { findTask, unitName, type Actor, type CampaignState, type StepState, type TaskState } from '../engine/campaign-state';
import { err, isError, statusLabel, taskOr, type CommandError, type ValidateContext } from '../engine/command-checks';
import { currentRound, openStep, taskEvent, type ApplyEffects, type Ev } from '../engine/command-effects';
import { completeTask } from '../engine/progression';

type Decision = { type: 'approve'; taskId: string; comment?: string; withChanges?: boolean } | { type: 'return'; taskId: string; reason: string };

export function checkDecision(state: CampaignState, c: Decision, actor: Actor, { who }: ValidateContext): CommandError | null {
  const task = taskOr(state, c.taskId);
  if (isError(task)) return task;
  // who may decide first (the policy: whoever never could is refused whatever the state; an approver out of the
  // active step's places is refused there too), then whether a decision is due now
  const refused = who(task);
  if (refused) return refused;
  if (task.status !== 'submitted') return err('conflict', `任务当前为「${statusLabel(task.status)}」，不在审批中 (task is ${task.status}, not submitted)`);
  const pending = task.rounds[task.rounds.length - 1]?.awaitingConfirmation;
  if (pending?.length) {
    return err('conflict', `尚待共同负责单位确认本次报送：${pending.map((u) => unitName(state, u)).join('、')} (waiting for the listed units to confirm: ${pending.join(', ')})`);
  }
  const step = activeStep(task);
  if (!step) return err('conflict', `任务无待审批环节 (no active approval step)`);
  if (hasDecided(step, actor.id)) return err('conflict', `您已在「${step.name}」环节作出决定 (already decided in this step)`);
  return null;
}

export function applyDecision(s: CampaignState, c: Decision, actor: Actor, now: number, { out, sys }: ApplyEffects): void {
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
    ...(c.type === 'approve' && c.withChanges ? { withChanges: true } : {}),
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
  out.push(taskEvent(task, 'approve', { ...base, ...(c.comment ? { comment: c.comment } : {}), detail: { round: round.round, stepName: step.name, decision: 'approve', ...(c.withChanges ? { withChanges: true } : {}), stepDone, as: slot, ...opened } }));
  if (round.outcome === 'approved') completeTask(s, task, now, sys);
}
