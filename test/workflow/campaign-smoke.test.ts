import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { campaignViewQuery, campaignWorkflowId, tasksQuery, updates } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { createTestEnv, loadTemplate, makeWorker, RecordingActivities } from './workflow-env';

describe('campaign workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('starts a Sishui campaign, refuses a wrong unit, accepts the right one', async () => {
    const acts = new RecordingActivities();
    const taskQueue = 'smoke';
    const worker = await makeWorker(env, taskQueue, acts);
    await worker.runUntil(async () => {
      const office = { id: 'office1', name: '办公室', roles: ['office' as const] };
      const h = await env.client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: campaignWorkflowId('smoke-1'),
        args: [{ campaignId: 'smoke-1', template: loadTemplate('sishui-2023'), createdBy: office, searchAttributes: false }],
      });
      const view = await h.query(campaignViewQuery);
      expect(view.currentPhase).toBe('mobilization');
      const tasks = await h.query(tasksQuery, { phase: 'mobilization' });
      expect(tasks.length).toBeGreaterThan(0);
      const unitTask = tasks.find((t) => t.unitId && t.status === 'open' && t.kind === 'unit-contacts') ?? tasks.find((t) => t.unitId);
      expect(unitTask).toBeDefined();
      const other = { id: 'u-x', name: '别的单位', roles: ['unit' as const], unitId: 'not-this-unit' };
      await expect(h.executeUpdate(updates.submit, { args: [{ actor: other, command: { taskId: unitTask!.id } }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      const me = { id: 'u-1', name: '联络员', roles: ['unit' as const], unitId: unitTask!.unitId };
      const r = await h.executeUpdate(updates.submit, { args: [{ actor: me, command: { taskId: unitTask!.id, comment: '已确定分管责任人和联络员' } }] });
      expect(r.task?.status).toBe('submitted');
      expect(acts.audit.some((a) => a.action === 'submit' && a.taskId === unitTask!.id && a.actor.id === 'u-1')).toBe(true);
      expect(acts.projections.at(-1)?.tasks.some((t) => t.id === unitTask!.id && t.status === 'submitted')).toBe(true);
      await env.sleep('30 days');
      expect(acts.reminders.length).toBeGreaterThan(0);
    });
  });
});
