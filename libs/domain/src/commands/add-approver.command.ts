/** 加签: office, leader or a signer of the active step adds a person before, after or beside the step (并加签 default). */
import { z } from 'zod';
import { activeStep, placesOf } from '../engine/approval-chain';
import { ADD_APPROVER_MODES, findTask, type StepState, type TaskState } from '../engine/campaign-state';
import { accessContext, denied, err, isError, taskOr } from '../engine/command-checks';
import { currentRound, reindex, taskEvent } from '../engine/command-effects';
import { addApproverAccess, authorizeTarget } from '../policy/command-access';
import { defineCommand } from './command-module';
import { TEXT_MAX } from './text-limits';
import { notBlank } from './http-fields';
import { reason, taskId, text } from './fields';

/** Placeholder id for probes: the person added is checked only when a real request names one. */
const PROBE_USER = '\u0001probe';

/** 加签: `mode` before (前加签), after (后加签) or co-sign (并加签, the default); the added person is always required. */
export const AddApproverCommandSchema = z
  .object({ type: z.literal('addApprover'), taskId, userId: text().min(1), userName: text().optional(), reason, mode: z.enum(ADD_APPROVER_MODES).optional() })
  .strict();

export const addApprover = defineCommand(AddApproverCommandSchema, {
  type: 'addApprover',
  label: '加签',
  update: 'addApprover',
  route: ':id/tasks/:taskId/add-approver',
  summary: '加签 — add an approver to the current step',
  http: { name: 'AddApproverDto', body: z
      .object({
        userId: z.string().min(1),
        reason: notBlank('reason', TEXT_MAX.addApprover.reason),
        mode: z.enum(ADD_APPROVER_MODES).optional().describe('前加签 before (the added person signs first, then the step returns) · 后加签 after (a new step after this one) · 并加签 co-sign (default: also required on this step)'),
      })
      .strict() },
  probe: (taskId) => ({ type: 'addApprover', taskId, userId: PROBE_USER, reason: '-' }),
  placeTarget: (c) => c.userId,
  access: (ctx, actor) => addApproverAccess(ctx, actor),
  validate(state, c, _actor, _now, { who, probe }) {
    const refused = who(findTask(state, c.taskId));
    if (refused) return refused;
    const task = taskOr(state, c.taskId);
    if (isError(task)) return task;
    if (task.status !== 'submitted') return err('conflict', `任务不在审批中，无法加签 (task is ${task.status}, not submitted)`);
    const step = activeStep(task);
    if (!step) return err('conflict', '任务无待审批环节 (no active approval step)');
    if (placesOf(step).includes(`user:${c.userId}`) || step.assignees.includes(`user:${c.userId}`)) return err('conflict', `${c.userId} 已是本环节审批人 (already an assignee)`);
    if (state.directory && !probe) return denied(authorizeTarget({ ...accessContext(state, task), directory: state.directory }, c.userId, 'addApprover'));
    return null;
  },
  /**
   * co-sign (并加签, default): the person becomes a required place of this step. before (前加签): a one-person step is
   * inserted before this one and becomes active; this step waits and resumes, with its decisions kept, once it is
   * approved. after (后加签): a one-person step is inserted right after this one.
   */
  apply(s, c, actor, now, { out }) {
    const task = findTask(s, c.taskId) as TaskState;
    const step = activeStep(task) as StepState;
    const round = currentRound(task);
    const mode = c.mode ?? 'co-sign';
    const userName = c.userName ?? s.directory?.find((u) => u.id === c.userId)?.name;
    const place = `user:${c.userId}`;
    const addition = { userId: c.userId, ...(userName ? { userName } : {}), by: actor.id, ...(actor.name ? { byName: actor.name } : {}), reason: c.reason, at: now };
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
  },
});
