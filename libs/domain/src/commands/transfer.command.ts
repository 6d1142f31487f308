/** 转交: the holder of an approval place (or the office, for any place) hands it to another user; they stay on the record. */
import { z } from 'zod';
import { activeStep, holderOf, placeDecided, transferablePlaces } from '../engine/approval-chain';
import { findTask, type Actor, type CampaignState, type StepState, type TaskState } from '../engine/campaign-state';
import { accessContext, denied, err, isError, taskOr } from '../engine/command-checks';
import { taskEvent } from '../engine/command-effects';
import { authorizeTarget, handOverPlace, transferAccess } from '../policy/command-access';
import { defineCommand } from './command-module';
import { TEXT_MAX } from './text-limits';
import { notBlank } from './http-fields';
import { reason, taskId, text } from './fields';

/** Placeholder id for probes: the target of a transfer is checked only when a real request names one. */
const PROBE_USER = '\u0001probe';

export const TransferCommandSchema = z
  .object({
    type: z.literal('transfer'),
    taskId,
    toUserId: text().min(1),
    toUserName: text().optional(),
    reason,
    /** The assignee place to hand over (`user:li`, `role:office`…). Default: the actor's own place. */
    from: text().min(1).optional(),
  })
  .strict();

export const transfer = defineCommand(TransferCommandSchema, {
  type: 'transfer',
  label: '转交',
  update: 'transferTask',
  route: ':id/tasks/:taskId/transfer',
  summary: '转交 — hand your approval place to another user (you stay on the record)',
  http: {
    name: 'TransferTaskDto',
    body: z
      .object({
        toUserId: z.string().min(1),
        reason: notBlank('reason', TEXT_MAX.transfer.reason),
        from: z.string().min(1).max(300).optional().describe("the place to hand over (e.g. user:<id>, role:office): the office's choice on a step of several places; default: the caller's own"),
      })
      .strict(),
  },
  probe: (taskId) => ({ type: 'transfer', taskId, toUserId: PROBE_USER, reason: '-' }),
  placeTarget: (c) => c.toUserId,
  access: (ctx, actor, c) => transferAccess(ctx, actor, c.from),
  validate(state, c, actor, _now, { who, probe }) {
    const task = taskOr(state, c.taskId);
    if (isError(task)) return task;
    if (task.status !== 'submitted') return err('conflict', `任务不在审批中，无法转交 (task is ${task.status}, not submitted)`);
    const step = activeStep(task);
    if (!step) return err('conflict', '任务无待审批环节 (no active approval step)');
    const places = transferablePlaces(step);
    if (c.from !== undefined && !places.includes(c.from)) return err('invalid', `「${c.from}」不是当前环节的审批人 (${c.from} is not an assignee of the active step)`);
    const refused = who(task);
    if (refused) return refused;
    const slot = c.from ?? defaultSlot(state, task, step, actor);
    if (!slot) return err('invalid', '请指定要转交的审批位 (give from)');
    if (placeDecided(step, slot)) {
      return err('conflict', '该审批位已作出决定，不能再转交 (that place has already decided)');
    }
    if (holderOf(step, slot) === `user:${c.toUserId}`) return err('invalid', '不能转交给当前审批人 (already held by that user)');
    if (state.directory && !probe) return denied(authorizeTarget({ ...accessContext(state, task), directory: state.directory }, c.toUserId, 'transfer', slot));
    return null;
  },
  apply(s, c, actor, now, { out }) {
    const task = findTask(s, c.taskId) as TaskState;
    const step = activeStep(task) as StepState;
    const slot = c.from ?? (defaultSlot(s, task, step, actor) as string);
    if (step.signers && !step.signers.includes(slot)) step.signers.push(slot); // a step with nobody: the place now has a holder
    const transfer = { from: slot, fromHolder: holderOf(step, slot), to: `user:${c.toUserId}`, by: actor.id, reason: c.reason, at: now };
    const toName = c.toUserName ?? s.directory?.find((u) => u.id === c.toUserId)?.name;
    step.transfers.push(toName ? { ...transfer, toName } : transfer);
    out.push(taskEvent(task, 'transfer', { step: step.index, reason: c.reason, detail: { from: slot, fromHolder: transfer.fromHolder, to: transfer.to, ...(toName ? { toName } : {}), stepName: step.name } }));
  },
});

/** The place a transfer without `from` hands over (the policy's handOverPlace over this campaign). Validation and apply both use it. */
function defaultSlot(state: CampaignState, task: TaskState, step: StepState, actor: Actor): string | undefined {
  return handOverPlace(accessContext(state, task), step, actor);
}
