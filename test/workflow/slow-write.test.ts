/**
 * A write that outlasts its workflow task. The flush's one-transaction write is a local activity; while it runs longer
 * than the task's heartbeat (80% of the task's timeout), Temporal completes the task and goes on in the next one. When
 * the write answered just as the heartbeat fired, its marker was recorded in the task the heartbeat completed while the
 * code after it ran in the next one: a patch first asked there ('route-after-commit', 'template-by-reference') was
 * recorded one task later than a replay asks it, and the replay (a worker without the campaign in its cache — after a
 * deploy, a restart, an eviction) failed with a nondeterminism error; the campaign stopped answering (seen as an
 * intermittent TMPRL1100 when the machine was busy). That instant cannot be hit on purpose; what this test holds is the
 * code's side of it: no run asks a patch after a write (`patchesAfterLocalWrites` flags a patch recorded after a
 * write's marker in the same task — the old code did so for both, in every run), here with a write that does outlast
 * its task, across a continue-as-new, and every run replays.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { campaignWorkflowId, type PersistBatch, type PersistResult } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, futureSchedule, officeOf, patchesAfterLocalWrites, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker, workflowBundle } from './workflow-env';

/** The workflow task's timeout in this test: Temporal heartbeats a task at 80% of it while a local activity runs. */
const TASK_TIMEOUT_MS = 2000;

/** Writes as the real activity does; the first write that adds notices takes longer than its workflow task. */
class SlowFirstNoticeWrite extends CountingActivities {
  slowed = false;
  private done!: () => void;
  /** Resolves once the slow write has answered (the test acts only then: nothing else lands in its task). */
  readonly slowDone = new Promise<void>((r) => (this.done = r));
  override async persistChanges(b: PersistBatch): Promise<PersistResult> {
    if (b.reminders.length && !this.slowed) {
      this.slowed = true;
      await new Promise((r) => setTimeout(r, TASK_TIMEOUT_MS * 1.3));
      const out = await super.persistChanges(b);
      this.done();
      return out;
    }
    return super.persistChanges(b);
  }
}

describe('a write that outlasts its workflow task', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'slow-write';
  const acts = new SlowFirstNoticeWrite();
  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('every run records its patches before its writes and replays on a worker without the campaign cached', async () => {
    const template = loadTemplate('lixia-2021');
    const office = officeOf(template);
    const campaignId = 'slow-write-1';
    const bundle = await workflowBundle();
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      workflowTaskTimeout: TASK_TIMEOUT_MS,
      args: [{
        campaignId, template, startAt: now, schedule: futureSchedule(template, now, 20 * DAY), createdBy: office, searchAttributes: false,
        takeOver: { done: ['work-plan-issued', 'leadership-group', 'plan-started'] },
        reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' },
        maxHistoryEvents: 90, // a few actions continue the campaign as new: the hand-over's patches too (at 70–80 events the time-skipping server leaves the first run's history without its close event and result() waits forever — closing notes)
      }],
    });
    const d = new CampaignDriver(handle, campaignId);
    await acts.slowDone;
    const contacts = (await d.state()).tasks.filter((t) => t.kind === 'unit-contacts').slice(0, 6);
    for (const t of contacts) await d.act('moveDeadlines', office, { taskIds: [t.id], shiftByWorkingDays: 1, reason: '县里调整' });
    await d.complete('plan-draft:plan-draft');
    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    const runs = await runHistories(env, campaignWorkflowId(campaignId), handle.firstExecutionRunId);
    // The slow write happened and outlasted its task (the task holding the start completed before the write answered).
    expect(acts.slowed).toBe(true);
    const first = runs[0].history.events ?? [];
    const firstWrite = first.findIndex((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(first.slice(0, firstWrite).filter((e) => e.workflowTaskCompletedEventAttributes).length).toBeGreaterThan(1);
    expect(runs.length).toBeGreaterThan(1);
    recordHistories('patches-before-writes', runs);
    // The notices were routed by the write itself (no delivery activity was scheduled).
    expect(acts.notices.filter((n) => n.campaignId === campaignId).length).toBeGreaterThan(0);
    for (const { history } of runs) {
      expect((history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverNotifications')).toEqual([]);
      expect(patchesAfterLocalWrites(history)).toEqual([]);
      await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: campaignId }, history)).resolves.toBeUndefined();
    }
  });
});
