/**
 * 退回: a signer of the active step returns the task to its unit, with a reason — and, for those who may move
 * deadlines (the office, a leader), a new 补正期限 in the same act: the unit gets one 【退回】 naming the new date, the
 * audit records the move and the return together. (Done as 调整期限 then 退回, the signers were told 【期限调整】…请于…
 * 前审批 of a task that the next moment no longer waited for them.)
 */
import { z } from 'zod';
import { checkDeadlineMove } from '../engine/deadlines';
import { decisionAccess } from '../policy/command-access';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { TEXT_MAX } from './text-limits';
import { notBlank } from './http-fields';
import { applyDecision, checkDecision } from './decision';
import { reason, taskId } from './fields';
import { moveDeadlines } from './move-deadlines.command';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const ReturnCommandSchema = z
  .object({
    type: z.literal('return'),
    taskId,
    reason,
    /** 补正期限: the end of that day in Asia/Shanghai (a non-working day: the next working day), as 调整期限 reads a date. */
    dueDate: z.string().regex(DAY, '补正期限须为日期，如 2027-03-05 (dueDate must be YYYY-MM-DD)').optional(),
  })
  .strict();
type ReturnCommand = z.infer<typeof ReturnCommandSchema>;

/** The deadline move a return with a 补正期限 makes: 调整期限 of the task, its reason the return's. */
const moveOf = (c: ReturnCommand & { dueDate: string }) => ({ type: 'moveDeadlines' as const, taskIds: [c.taskId], dueDate: c.dueDate, reason: `退回补正：${c.reason}` });

export const returnTask = defineCommand(ReturnCommandSchema, {
  type: 'return',
  label: '退回',
  update: 'returnTask',
  route: ':id/tasks/:taskId/return',
  summary: '退回 — return the task to its unit with a reason (and, for the office or a leader, a new deadline for the correction)',
  http: {
    name: 'ReturnTaskDto',
    body: z
      .object({
        reason: notBlank('reason', TEXT_MAX.return.reason),
        dueDate: z
          .string()
          .regex(DAY, '补正期限须为日期，如 2027-03-05 (dueDate must be a date YYYY-MM-DD)')
          .optional()
          .describe('补正期限 (office or leader): the end of that day in Asia/Shanghai; a non-working day moves to the next working day'),
      })
      .strict(),
  },
  probe: (taskId) => ({ type: 'return', taskId, reason: '-' }),
  // the 【退回】 itself names the new date: no 【期限调整】 beside it
  movesDeadlines: (c) => typeof c.dueDate === 'string',
  access: (ctx, actor, c) => {
    const decision = decisionAccess(ctx, actor);
    if (!decision.allowed || !c.dueDate) return decision;
    return byRoles(actor, ['office', 'leader'], '仅领导小组办公室或领导可在退回时设定补正期限 (only the office or a leader may set a new deadline)');
  },
  validate: (state, c, actor, now, ctx) => checkDecision(state, c, actor, ctx) ?? (c.dueDate ? checkDeadlineMove(state, moveOf({ ...c, dueDate: c.dueDate }), now, ctx.calendar) : null),
  apply: (s, c, actor, now, fx) => {
    if (c.dueDate) moveDeadlines.apply(s, moveOf({ ...c, dueDate: c.dueDate }), actor, now, fx);
    applyDecision(s, c, actor, now, fx);
  },
});
