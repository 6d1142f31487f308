/** 审批通过: a signer of the active step approves; the last place of the last step completes the task. */
import { z } from 'zod';
import { decisionAccess } from '../policy/command-access';
import { defineCommand } from './command-module';
import { optionalText } from './http-fields';
import { applyDecision, checkDecision } from './decision';
import { taskId, text } from './fields';

export const ApproveCommandSchema = z.object({ type: z.literal('approve'), taskId, comment: text().optional() }).strict();

export const approve = defineCommand(ApproveCommandSchema, {
  type: 'approve',
  label: '审批通过',
  update: 'approveTask',
  route: ':id/tasks/:taskId/approve',
  summary: '审批通过 — approve the current step',
  http: { name: 'ApproveTaskDto', body: z.object({ comment: optionalText(4000) }).strict() },
  probe: (taskId) => ({ type: 'approve', taskId }),
  access: (ctx, actor) => decisionAccess(ctx, actor),
  validate: (state, c, actor, _now, ctx) => checkDecision(state, c, actor, ctx),
  apply: (s, c, actor, now, fx) => applyDecision(s, c, actor, now, fx),
});
