/**
 * 审批通过: a signer of the active step approves; the last place of the last step completes the task. 修改后通过
 * (`withChanges`, an expert's usual verdict on a plan): approved on condition of the changes its comment names — it
 * counts as an approval, and the record says so.
 */
import { z } from 'zod';
import { activeStep } from '../engine/approval-chain';
import { findTask, type CampaignState } from '../engine/campaign-state';
import { err, type CommandError } from '../engine/command-checks';
import { offersWithChanges } from '../labels';
import { decisionAccess } from '../policy/command-access';
import { defineCommand } from './command-module';
import { TEXT_MAX } from './text-limits';
import { optionalText } from './http-fields';
import { applyDecision, checkDecision } from './decision';
import { taskId, text } from './fields';

export const ApproveCommandSchema = z.object({ type: z.literal('approve'), taskId, comment: text().optional(), withChanges: z.boolean().optional() }).strict();

export const approve = defineCommand(ApproveCommandSchema, {
  type: 'approve',
  label: '审批通过',
  update: 'approveTask',
  route: ':id/tasks/:taskId/approve',
  summary: '审批通过 — approve the current step',
  http: {
    name: 'ApproveTaskDto',
    body: z
      .object({
        comment: optionalText(TEXT_MAX.approve.comment),
        withChanges: z.boolean().optional().describe('修改后通过: approve on condition of the changes the comment names (an expert’s verdict on a plan); needs a comment'),
      })
      .strict(),
  },
  probe: (taskId) => ({ type: 'approve', taskId }),
  access: (ctx, actor) => decisionAccess(ctx, actor),
  validate: (state, c, actor, _now, ctx) =>
    checkDecision(state, c, actor, ctx) ??
    (c.withChanges && !c.comment?.trim() ? err('invalid', '修改后通过须填写修改意见 (approving with changes needs a comment naming them)') : null) ??
    withChangesHere(state, c),
  apply: (s, c, actor, now, fx) => applyDecision(s, c, actor, now, fx),
});

/**
 * 修改后通过 where it means something: an expert review (offersWithChanges — the page offers it there only), in campaigns
 * started since planRules.withChangesOnReviewsOnly; elsewhere refused (walkthrough: an expert added to a unit's materials
 * was offered it, and the changes it named went nowhere). Campaigns started before accept it on any step, as they did.
 */
function withChangesHere(state: CampaignState, c: z.infer<typeof ApproveCommandSchema>): CommandError | null {
  if (!c.withChanges || !state.planRules?.withChangesOnReviewsOnly) return null;
  const task = findTask(state, c.taskId);
  if (!task || offersWithChanges(activeStep(task), task.kind)) return null;
  return err('invalid', '修改后通过仅用于专家评审；如需修改，请退回补正 (approving with changes is for expert reviews only: return the task instead)');
}
