/**
 * Small histories (issue 15 items 2–3, issue 16 item 4), for campaigns started from now on:
 * - one flush = one local activity (reminders + audit + changed rows in one transaction): no activity task per action,
 *   and only the tasks the engine reported changed are written;
 * - an action's answer carries ids and statuses, not the task's view;
 * - the run continues as new on history bytes, and the next run carries a template reference and the state, not the
 *   template; it does not write every task again.
 */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId, type CampaignWorkflowInput } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, expectOneAuditRecordPerAction, futureSchedule, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

type History = temporal.api.history.v1.IHistory;
const bytes = (h: History) => temporal.api.history.v1.History.encode(h).finish().length;

describe('lean persistence and small histories (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'lean-history';
  const acts = new CountingActivities();
  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('one local write per action, answers without views, continue-as-new on bytes with a template reference', async () => {
    const template = loadTemplate('sishui-2023');
    const office = officeOf(template);
    const campaignId = 'lean-1';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, await env.currentTimeMs()), createdBy: office, searchAttributes: false, maxHistoryBytes: 96 * 1024 }],
    });
    const d = new CampaignDriver(handle, campaignId);
    const first = await d.state();
    // The first flush wrote every task of the new campaign.
    expect(acts.projections[0].tasks.map((t) => t.id).sort()).toEqual(first.tasks.map((t) => t.id).sort());

    const units = first.tasks.filter((t) => t.kind === 'materials' && t.unitId && t.status === 'open').slice(0, 6);
    expect(units.length).toBe(6);
    const perAction: number[] = [];
    let round = 0;
    // submit → return → submit → approve, for each of six units, until the run has continued as new at least once.
    while ((await runHistories(env, handle.workflowId, handle.firstExecutionRunId)).length < 2 && round < 10) {
      for (const t of units) {
        for (const [type, actor, command] of [
          ['submit', unitUser(t.unitId!), { taskId: t.id, comment: `第${round + 1}轮报送` }],
          ['return', office, { taskId: t.id, reason: '材料不全，请补充' }],
        ] as const) {
          const batches = acts.batches;
          const projected = acts.projections.length;
          const h0 = await handle.fetchHistory();
          const r = await d.act(type, actor, command as never);
          const h1 = await handle.fetchHistory();
          // Answer: ids and statuses only.
          expect(r.task).toEqual({ id: t.id, status: type === 'submit' ? 'submitted' : 'returned' });
          expect(r.changedTaskIds).toEqual([t.id]);
          expect(Object.keys(r.campaign).sort()).toEqual(['campaignId', 'currentPhase', 'finished', 'paused', 'progress', 'revision', 'status']);
          const sameRun = JSON.stringify(h0.events![0]) === JSON.stringify(h1.events![0]);
          if (sameRun && !h1.events!.at(-1)?.workflowExecutionContinuedAsNewEventAttributes) {
            // Same run: the action added no activity task, one local write (a marker), and a few KB.
            const added = h1.events!.slice(h0.events!.length);
            expect(added.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
            expect(added.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length).toBeGreaterThanOrEqual(1);
            perAction.push(bytes(h1) - bytes(h0));
          }
          expect(acts.batches).toBeGreaterThan(batches);
          // The acted-on task was written, not the campaign's other tasks (a reminder falling due meanwhile may add one).
          const mine = acts.projections.slice(projected).filter((p) => p.tasks.some((x) => x.id === t.id));
          expect(mine.length).toBeGreaterThanOrEqual(1);
          for (const p of mine) expect(p.tasks.length).toBeLessThanOrEqual(3);
        }
      }
      round++;
    }
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    perAction.sort((a, b) => a - b);
    expect(perAction.length).toBeGreaterThan(10);
    expect(perAction[Math.floor(perAction.length / 2)]).toBeLessThanOrEqual(5 * 1024); // ≤ 5 KB per action at the median

    // The second run was started with a template reference and the state, not the template.
    const started = runs[1].history.events![0].workflowExecutionStartedEventAttributes!;
    const input = JSON.parse(Buffer.from(started.input!.payloads![0].data!).toString('utf8')) as CampaignWorkflowInput;
    expect(input.template).toBeUndefined();
    expect(input.templateRef).toEqual({ id: 'sishui-2023', hash: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(input.carried?.state.tasks.length).toBe(first.tasks.length);
    expect(Array.isArray(input.carried?.projectedOverdue)).toBe(true);
    // …and continued because of its bytes (96 KB here), long before the event bound.
    const firstRunEvents = runs[0].history.events!.length;
    expect(firstRunEvents).toBeLessThan(2000);
    expect(bytes(runs[0].history)).toBeGreaterThanOrEqual(96 * 1024);

    // The next run did not write every task again, and actions keep working there.
    const projectedBefore = acts.projections.length;
    const t = units[0];
    await d.act('submit', unitUser(t.unitId!), { taskId: t.id, comment: '新一轮报送' });
    await d.act('approve', office, { taskId: t.id });
    for (const p of acts.projections.slice(projectedBefore)) expect(p.tasks.length).toBeLessThanOrEqual(3);
    expect((await d.task(t.id)).status).toBe('approved');
    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === campaignId), d.accepted);
    // Versions continue across the runs (a local write repeated after a timed-out workflow task repeats its version).
    const versions = [...new Set(acts.projections.filter((p) => p.campaignId === campaignId).map((p) => p.version))];
    expect(versions).toEqual(versions.map((_, i) => i + 1));

    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    const all = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    recordHistories('lean-flush', all, [1, all.length]);
  });
});
