/**
 * The wake-up timer is kept across actions (issue 15, the action path; campaigns started since patch
 * 'keep-wake-timer'): an action wakes the main loop, which used to cancel its timer and start a new one for the same
 * instant — two history events and two commands per action. Now the timer is re-armed only when the next wake-up moved
 * earlier; when it did not move or moved later the timer is kept, and firing early only makes the loop tick once more
 * and arm the timer for the real instant. Reminders still go out at their instants, also after deadlines moved.
 * Recorded as the committed replay history `keep-wake-timer` (RECORD_HISTORIES=1).
 */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, cloneTemplate, expectOneAuditRecordPerAction, officeOf, recordHistories, runHistories, sleepToBeijing, unitUser } from './campaign-driver';
import { loadTemplate, sleepUntil, useTestWorker } from './workflow-env';

const MINUTE = 60_000;
const ACTS = 'sx-zfb'; // submits and is returned, again and again
const SILENT = ['sx-tjj', 'sx-xjj']; // never answer: their reminders set the campaign's wake-up
type Event = temporal.api.history.v1.IHistoryEvent;
const typeOf = (e: Event) => (temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');
const timerEvents = (es: Event[]) => es.map(typeOf).filter((t) => t.startsWith('TIMER_'));

describe('the wake-up timer is kept across actions (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'keep-wake-timer';
  const acts = new CountingActivities();
  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('adds no timer events per action while the wake-up instant holds, re-arms only when it moved earlier, reminds on time', async () => {
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    template.phases[0].milestones = template.phases[0].milestones.filter((m) => m.key === 'materials').map((m) => ({ ...m, units: [ACTS, ...SILENT] }));
    const office = officeOf(template);
    const campaignId = 'keep-timer-1';
    // A Wednesday 10:00: the due date (Monday) and where the moves below take it (Wednesday, Tuesday) are working days.
    const t0 = await sleepToBeijing(env, 3, 10, [5, 6, 7]);
    let due = t0 + 5 * DAY;
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: { materials: due }, reminderPolicy: { before: ['P2DT12H', 'PT2H'], overdueEvery: 'PT6H', escalateAfter: 'PT24H' }, createdBy: office, searchAttributes: false }],
    });
    const d = new CampaignDriver(handle, 'keep-timer');
    const silent = SILENT.map((u) => `materials:${u}`);
    const mine = () => acts.reminders.filter((r) => r.campaignId === campaignId && silent.includes(r.taskId));
    const history = async () => (await handle.fetchHistory()).events ?? [];
    /** The events one action added to the run. */
    const act = async (...a: Parameters<CampaignDriver['act']>) => {
      const before = (await history()).length;
      await d.act(...a);
      return (await history()).slice(before);
    };
    expect((await d.task(`materials:${SILENT[0]}`)).dueAt).toBe(due); // the first workflow task has completed
    expect(timerEvents(await history())).toEqual(['TIMER_STARTED']); // armed for the first blue reminder

    // Submit ⇄ return by one unit: the next wake-up (the silent units' blue reminder) does not move, the timer stays.
    const task = `materials:${ACTS}`;
    for (let i = 0; i < 3; i++) {
      const submitted = await act('submit', unitUser(ACTS), { taskId: task, comment: `第${i + 1}次报送` });
      const returned = await act('return', office, { taskId: task, reason: '材料不全' });
      for (const added of [submitted, returned]) {
        expect(timerEvents(added)).toEqual([]);
        // one workflow task, the Update accepted and completed, one local write
        expect(added.map(typeOf).sort()).toEqual(['MARKER_RECORDED', 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 'WORKFLOW_EXECUTION_UPDATE_COMPLETED', 'WORKFLOW_TASK_COMPLETED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED']);
      }
    }

    // Every task's deadline moved LATER (two days): the timer is kept; it fires at the old instant, nothing is due, the loop arms
    // the timer for the new instant; the blue reminder goes out then, not before.
    const oldBlue = due - 60 * HOUR;
    const later = await act('moveDeadlines', office, { taskIds: [task, ...silent], shiftBy: 'P2D', reason: '延期两天' });
    expect(timerEvents(later)).toEqual([]);
    due += 2 * DAY;
    const blue = due - 60 * HOUR;
    const h0 = (await history()).length;
    await sleepUntil(env, oldBlue + MINUTE);
    expect(mine()).toEqual([]);
    expect(timerEvents((await history()).slice(h0))).toEqual(['TIMER_FIRED', 'TIMER_STARTED']);
    await sleepUntil(env, blue - MINUTE);
    expect(mine()).toEqual([]);
    await sleepUntil(env, blue + MINUTE);
    expect(mine().map((r) => [r.taskId, r.level, Date.parse(r.at)]).sort()).toEqual(silent.map((id) => [id, 'blue', blue]).sort());

    // Every deadline moved EARLIER (one day): the next wake-up (yellow, 2 h before the due date) moved earlier, so the
    // timer is re-armed in that action; the yellow reminder goes out at the new instant.
    const earlier = await act('moveDeadlines', office, { taskIds: [task, ...silent], shiftBy: '-P1D', reason: '提前一天' });
    expect(timerEvents(earlier).sort()).toEqual(['TIMER_CANCELED', 'TIMER_STARTED']);
    due -= DAY;
    const yellow = due - 2 * HOUR;
    await sleepUntil(env, yellow - MINUTE);
    expect(mine().filter((r) => r.level === 'yellow')).toEqual([]);
    await sleepUntil(env, yellow + MINUTE);
    expect(mine().filter((r) => r.level === 'yellow').map((r) => [r.taskId, Date.parse(r.at)]).sort()).toEqual(silent.map((id) => [id, yellow]).sort());

    // An action after the reminders: still no timer events while the instant (red at the due date) holds.
    const submitted = await act('submit', unitUser(ACTS), { taskId: task, comment: '最终报送' });
    expect(timerEvents(submitted)).toEqual([]);

    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === campaignId), d.accepted);
    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    recordHistories('keep-wake-timer', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
