/**
 * A retried action (same Temporal update id, as the API derives it from the Idempotency-Key) is answered, never
 * applied twice — also when the campaign has continued as new in between (Temporal only dedupes within a run).
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId, updates } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CountingActivities, DAY, cloneTemplate, futureSchedule, officeOf, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

describe('retried actions across continue-as-new (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const acts = new CountingActivities();
  useTestWorker('update-dedupe', acts, (e) => (env = e));

  it('answers a retry of an action applied in an earlier run instead of refusing or re-applying it', async () => {
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    const office = officeOf(template);
    const t0 = await env.currentTimeMs();
    const schedule = futureSchedule(template, t0, 120 * DAY);
    for (const m of template.phases[0].milestones) schedule[m.key] = t0 + DAY;
    const h = await env.client.workflow.start(campaignWorkflow, {
      taskQueue: 'update-dedupe',
      workflowId: campaignWorkflowId('dedupe-1'),
      args: [{ campaignId: 'dedupe-1', template, schedule, reminderPolicy: { overdueEvery: 'PT6H' }, maxHistoryEvents: 150, createdBy: office, searchAttributes: false }],
    });
    const unit = unitUser('sx-zfb');
    const req = { actor: unit, command: { taskId: 'materials:sx-zfb', comment: '资料清单' } };
    const first = await h.executeUpdate(updates.submit, { args: [req], updateId: 'idem-retry-me' });
    expect(first.task?.status).toBe('submitted');
    for (let i = 0; i < 3; i++) await env.sleep('7 days'); // reminders every 6 h → several continue-as-new
    const runs = await runHistories(env, h.workflowId, h.firstExecutionRunId);
    expect(runs.length).toBeGreaterThan(1);

    const retry = await h.executeUpdate(updates.submit, { args: [req], updateId: 'idem-retry-me' });
    expect(retry.task?.status).toBe('submitted');
    expect(retry.revision).toBeGreaterThanOrEqual(first.revision);
    // a NEW submit of the same task is still refused: only the retry is answered
    await expect(h.executeUpdate(updates.submit, { args: [req], updateId: 'idem-another' })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const submits = acts.audit.filter((a) => a.action === 'submit' && a.taskId === 'materials:sx-zfb' && a.outcome === 'accepted');
    expect(submits).toHaveLength(1);
    await h.executeUpdate(updates.cancel, { args: [{ actor: office, command: { reason: '测试结束' } }] });
  });
});
