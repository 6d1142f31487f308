/**
 * 共同负责确认: another listed unit of a jointly-owned task confirms the shared submission (agree, default) or objects
 * (agree: false, with the reason in comment: the round goes back to the units). The last confirmation starts the
 * approval chain.
 */
import { z } from 'zod';
import { unitMatches } from '../engine/approval-chain';
import { findTask, type TaskState } from '../engine/campaign-state';
import { err, isError, statusLabel, taskOr } from '../engine/command-checks';
import { currentRound, openStep, taskEvent } from '../engine/command-effects';
import { completeTask } from '../engine/progression';
import { confirmJointAccess } from '../policy/command-access';
import { defineCommand } from './command-module';
import { TEXT_MAX } from './text-limits';
import { optionalText } from './http-fields';
import { taskId, text } from './fields';

export const ConfirmJointCommandSchema = z.object({ type: z.literal('confirmJoint'), taskId, agree: z.boolean().optional(), comment: text().max(TEXT_MAX.confirmJoint.comment).optional() }).strict();

export const confirmJoint = defineCommand(ConfirmJointCommandSchema, {
  type: 'confirmJoint',
  label: '共同负责确认',
  update: 'confirmJointSubmission',
  route: ':id/tasks/:taskId/confirm',
  summary: '共同负责确认 — another listed unit of a jointly-owned task confirms the shared submission (agree: false with a comment objects and returns it); the approval chain starts once every listed unit has confirmed',
  http: { name: 'ConfirmJointDto', body: z.object({ agree: z.boolean().optional().describe('false = object (the submission goes back to the units); comment then gives the reason'), comment: optionalText(TEXT_MAX.confirmJoint.comment) }).strict() },
  probe: (taskId) => ({ type: 'confirmJoint', taskId }),
  access: (ctx, actor) => confirmJointAccess(ctx, actor),
  validate(state, c, actor, _now, { who }) {
    const task = taskOr(state, c.taskId);
    if (isError(task)) return task;
    // who first (the policy: whoever never confirms is refused whatever the state), then whether a confirmation is due
    const refused = who(task);
    const round = task.rounds[task.rounds.length - 1];
    if (refused) {
      const done = !!round?.awaitingConfirmation?.length && round.confirmations?.some((x) => x.unitId === actor.unitId);
      return done ? err('conflict', '您的单位已确认本次报送 (your unit has already confirmed this submission)') : refused;
    }
    if (!task.jointUnitIds?.length) return err('conflict', `任务不是共同负责任务，无需确认 (task ${task.id} is not jointly owned)`);
    if (task.status !== 'submitted') return err('conflict', `任务当前为「${statusLabel(task.status)}」，没有待确认的报送 (task is ${task.status}, nothing to confirm)`);
    if (!round?.awaitingConfirmation?.length) return err('conflict', '本次报送已由各共同负责单位确认完毕 (every listed unit has confirmed this submission)');
    if (c.agree === false && !c.comment?.trim()) return err('invalid', '不同意时须填写理由 (comment required when agree is false)');
    return null;
  },
  apply(s, c, actor, now, { out, sys }) {
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
      completeTask(s, task, now, sys);
    }
  },
});
