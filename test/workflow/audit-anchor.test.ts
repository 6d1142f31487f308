/**
 * Audit records the API writes itself (denied/refused attempts, downloads) are anchored in the campaign's workflow
 * (issue 14 item 3): the API signals the chain's head after them and the workflow keeps it as its checkpoint — the
 * highest seq wins, malformed or older heads change nothing, the checkpoint is carried through continue-as-new, and
 * a campaign that receives many anchors while it sleeps still continues as new at its history bound (the anchors wake
 * the loop once the bound is reached) instead of growing until its next wake-up. Records the replay history
 * `audit-anchor` (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { anchorAuditSignal, auditHeadQuery, campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, futureSchedule, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const BOUND = 150;
const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('audit anchors from the API (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'audit-anchor';
  const acts = new CountingActivities();
  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('keeps the highest head, ignores older or malformed ones, continues as new at its bound under anchors alone, carries the head', async () => {
    const template = loadTemplate('sishui-2023');
    const office = officeOf(template);
    const campaignId = 'anchor-1';
    const t0 = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      // every deadline weeks away: the workflow sleeps through what follows
      args: [{ campaignId, template, schedule: futureSchedule(template, t0, 60 * DAY), createdBy: office, searchAttributes: false, maxHistoryEvents: BOUND }],
    });
    const d = new CampaignDriver(handle, campaignId);
    await d.state();
    expect(await handle.query(auditHeadQuery)).toBeNull(); // the in-memory activities report no head of their own

    await handle.signal(anchorAuditSignal, { seq: 5, hash: hash(5) });
    expect(await handle.query(auditHeadQuery)).toEqual({ seq: 5, hash: hash(5) });
    await handle.signal(anchorAuditSignal, { seq: 3, hash: hash(3) }); // an older head arriving late
    await handle.signal(anchorAuditSignal, { seq: 'x', hash: 7 } as never); // malformed
    await handle.signal(anchorAuditSignal, null as never);
    expect(await handle.query(auditHeadQuery)).toEqual({ seq: 5, hash: hash(5) });

    // Anchors alone (say, inspectors downloading files all day) push the run to its bound: it continues as new.
    // One anchor at a time, each processed before the next (a query here would add workflow tasks of its own on the
    // test server): the history as a sleeping campaign gets it when anchors arrive apart.
    const processed = async () => {
      for (;;) {
        const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
        const events = runs.at(-1)!.history.events!;
        const last = (has: (e: (typeof events)[number]) => unknown) => events.reduce((at, e, i) => (has(e) ? i : at), -1);
        if (last((e) => e.workflowTaskCompletedEventAttributes) > last((e) => e.workflowTaskScheduledEventAttributes)) return runs;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    let seq = 5;
    for (let i = 0; i < 60 && (await processed()).length < 2; i++) {
      seq++;
      await handle.signal(anchorAuditSignal, { seq, hash: hash(seq) });
    }
    const runs = await processed();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const first = runs[0].history.events!;
    expect(first.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    // the bound plus one loop iteration (a signal landing while a workflow task is in flight adds its own task's events)
    expect(first.length).toBeLessThanOrEqual(BOUND + 40);
    expect(first.filter((e) => e.workflowExecutionSignaledEventAttributes).length).toBeGreaterThan(10);

    // The next run carries the checkpoint and keeps taking anchors and actions.
    expect(await handle.query(auditHeadQuery)).toEqual({ seq, hash: hash(seq) });
    await handle.signal(anchorAuditSignal, { seq: seq + 1, hash: hash(seq + 1) });
    expect(await handle.query(auditHeadQuery)).toEqual({ seq: seq + 1, hash: hash(seq + 1) });
    const task = (await d.state()).tasks.find((t) => t.kind === 'materials' && t.unitId && t.status === 'open')!;
    await d.act('submit', unitUser(task.unitId!), { taskId: task.id, comment: '报送' });
    expect((await d.task(task.id)).status).toBe('submitted');

    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    recordHistories('audit-anchor', await runHistories(env, handle.workflowId, handle.firstExecutionRunId), [1]);
  });
});
