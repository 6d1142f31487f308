/**
 * Two seed templates run to completion by a worker that keeps no workflow in memory (`maxCachedWorkflows: 0`): every
 * workflow task replays the run's whole history first, as after an eviction, a worker restart or on another worker.
 * A workflow whose code took another path on replay than when it ran (a patch, a local write, a timer in another
 * order) fails here with a nondeterminism error, where a cached worker would not notice. Sishui crosses several
 * continue-as-new hand-overs (history bound 100); Jiyang is the consolidation plan. No run records a patch after a
 * local write in the same workflow task (see slow-write.test.ts).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, expectOneAuditRecordPerAction, futureSchedule, officeOf, patchesAfterLocalWrites, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

describe('seed templates with no workflow cache: every workflow task replays the whole history', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'seed-templates-no-cache';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e), { maxCachedWorkflows: 0 });

  it.each([
    { id: 'sishui-2023', maxHistoryEvents: 100 },
    { id: 'jiyang-2021', maxHistoryEvents: undefined },
  ])('$id completes, each action audited once', async (seed) => {
    const template = loadTemplate(seed.id);
    const campaignId = `seed-nocache-${seed.id}`;
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, now), createdBy: officeOf(template), searchAttributes: false, maxHistoryEvents: seed.maxHistoryEvents }],
    });
    const driver = new CampaignDriver(handle, seed.id);
    const final = await driver.playToEnd();
    expect(final.status).toBe('completed');
    expect(final.tasks.filter((t) => t.required && t.status !== 'approved').map((t) => t.id)).toEqual([]);
    expect(await handle.result()).toEqual({ campaignId, status: 'completed', phase: 'completed', runs: expect.any(Number) });
    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === campaignId), driver.accepted);
    // No run asked a patch after a local write (slow-write.test.ts: such a marker may land a task late and fail replay).
    const runs = await runHistories(env, campaignWorkflowId(campaignId), handle.firstExecutionRunId);
    expect(runs.map(({ history }) => patchesAfterLocalWrites(history)).flat()).toEqual([]);
  }, 240000);
});
