/** 退回: a signer of the active step returns the task to its unit, with a reason. */
import { z } from 'zod';
import { decisionAccess } from '../policy/command-access';
import { defineCommand } from './command-module';
import { notBlank } from './http-fields';
import { applyDecision, checkDecision } from './decision';
import { reason, taskId } from './fields';

export const ReturnCommandSchema = z.object({ type: z.literal('return'), taskId, reason }).strict();

export const returnTask = defineCommand(ReturnCommandSchema, {
  type: 'return',
  label: '退回',
  update: 'returnTask',
  route: ':id/tasks/:taskId/return',
  summary: '退回 — return the task to its unit with a reason',
  http: { name: 'ReturnTaskDto', body: z.object({ reason: notBlank('reason', 4000) }).strict() },
  probe: (taskId) => ({ type: 'return', taskId, reason: '-' }),
  access: (ctx, actor) => decisionAccess(ctx, actor),
  validate: (state, c, actor, _now, ctx) => checkDecision(state, c, actor, ctx),
  apply: (s, c, actor, now, fx) => applyDecision(s, c, actor, now, fx),
});
