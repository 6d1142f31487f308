/**
 * A write the database refuses because of its data (non-retryable DataError from an activity) must not wedge the
 * campaign: the workflow records the failed item for the office, answers the action and keeps accepting actions.
 */
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type AuditEntry, campaignWorkflowId, dataFailuresQuery, tasksQuery, updates } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { loadTemplate, RecordingActivities, useTestWorker } from './workflow-env';

/** Refuses (non-retryably, as the real activity does for a PostgreSQL data exception) any audit batch mentioning POISON. */
class PoisonSensitiveActivities extends RecordingActivities {
  attempts = 0;
  override async appendAudit(campaignId: string, workflowId: string, entries: AuditEntry[]): Promise<number> {
    if (entries.some((e) => e.comment?.includes('POISON'))) {
      this.attempts++;
      throw ApplicationFailure.create({ type: 'DataError', message: 'appendAudit: invalid byte sequence (SQLSTATE 22021)', nonRetryable: true });
    }
    return super.appendAudit(campaignId, workflowId, entries);
  }
}

describe('a data error in an activity does not wedge the campaign', () => {
  const acts = new PoisonSensitiveActivities();
  let env: TestWorkflowEnvironment;
  useTestWorker('data-failure', acts, (e) => (env = e));

  it('records the failed item, answers the action, and the next action works', async () => {
    const office = { id: 'office1', name: '办公室', roles: ['office' as const] };
    const h = await env.client.workflow.start(campaignWorkflow, {
      taskQueue: 'data-failure',
      workflowId: campaignWorkflowId('poison-1'),
      args: [{ campaignId: 'poison-1', template: loadTemplate('sishui-2023'), createdBy: office, searchAttributes: false }],
    });
    const tasks = (await h.query(tasksQuery, { phase: 'mobilization' })).filter((t) => t.unitId && t.status === 'open');
    const [a, b] = tasks;
    const unit = (unitId: string) => ({ id: `${unitId}-u`, name: '联络员', roles: ['unit' as const], unitId });
    const r1 = await h.executeUpdate(updates.submit, { args: [{ actor: unit(a.unitId!), command: { taskId: a.id, comment: 'POISON' } }] });
    expect(r1.task?.status).toBe('submitted');
    expect(acts.attempts).toBe(1); // non-retryable: tried once, not forever
    const failures = await h.query(dataFailuresQuery);
    expect(failures).toEqual([expect.objectContaining({ activity: 'appendAudit', items: [`submit:${a.id}`], message: expect.stringContaining('22021') })]);
    const r2 = await h.executeUpdate(updates.submit, { args: [{ actor: unit(b.unitId!), command: { taskId: b.id, comment: '正常报送' } }] });
    expect(r2.task?.status).toBe('submitted');
    expect(acts.audit.some((e) => e.taskId === b.id && e.action === 'submit')).toBe(true);
    // the office sees it in the read model too
    expect(acts.projections.at(-1)?.snapshot).toMatchObject({ dataFailures: [expect.objectContaining({ activity: 'appendAudit' })] });
  });
});
