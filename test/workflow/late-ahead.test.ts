/**
 * A campaign taken over weeks into its plan (接管): its tasks fell due before anyone had them. Their 【新任务】 says 已逾期
 * at once; their first 【逾期】 and their 督办 come by the plan's rules (planRules.lateTasksFromCreation) — and, in runs
 * since 'late-tasks-written-ahead', are written to the outbox AHEAD of their instant like every other task's, so the
 * dispatcher sends them at that instant. Before, such a task's coming reminders were left to the campaign's loop and
 * went only when it woke (a spread of minutes after the instant in production, more under load — walkthrough: the
 * taken-over tasks' first red and 督办 came only at the loop's next wake). On the time-skipping server, with a wake
 * spread as in production; the tick's own rows carry the same keys (the outbox keeps one). The run ends (cancelled)
 * so its history can be committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CampaignCalendar, planSchedule } from '@eco/domain';
import { campaignWorkflowId, type PersistBatch, type PersistResult } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, officeOf, patchesAfterLocalWrites, recordHistories, runHistories, sleepToBeijing } from './campaign-driver';
import { loadTemplate, sleepUntil, useTestWorker } from './workflow-env';

type AheadRow = NonNullable<PersistBatch['ahead']>['reminders'][number];

/** The in-memory activities, keeping the rows each flush writes ahead with the workflow time they were written at. */
class AheadActivities extends CountingActivities {
  ahead: (AheadRow & { writtenAt: number })[] = [];
  clock: () => Promise<number> = async () => 0;
  override async persistChanges(b: PersistBatch): Promise<PersistResult> {
    const writtenAt = await this.clock();
    for (const r of b.ahead?.reminders ?? []) this.ahead.push({ ...r, writtenAt });
    return super.persistChanges(b);
  }
}

describe('a campaign taken over late: its tasks\' coming 【逾期】 and 督办 are written ahead (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'late-ahead';
  const acts = new AheadActivities();

  useTestWorker(taskQueue, acts, (e) => {
    env = e;
    acts.clock = () => e.currentTimeMs();
  });

  it('Sishui taken over eight weeks in: the first 【逾期】 and the 督办 of its late tasks are in the outbox before their instant, keyed as the tick\'s', async () => {
    const template = loadTemplate('sishui-2023');
    const calendar = new CampaignCalendar(undefined);
    // a Monday 10:00 whose week is working days: the 督办 three working days on falls on Thursday
    const now = await sleepToBeijing(env, 1, 10, [0, 1, 2, 3, 4]);
    const startAt = now - 56 * DAY;
    const plan = planSchedule(template, { startAt }, calendar);
    const campaignId = 'late-ahead-1';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId, template, startAt, createdBy: officeOf(template), searchAttributes: false,
          schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: [],
          takeOver: { done: ['work-plan-issued', 'leadership-group'] },
          reminderPolicy: { before: [], overdueEvery: 'P5D', escalateAfter: 'P3D' }, // few reminders: the history stays small
          wakeSpreadMs: 10 * 60_000, // the loop wakes up to 10 minutes after each instant, as in production
        },
      ],
    });
    const d = new CampaignDriver(handle, 'late-ahead');
    const s0 = await d.state();
    const late = s0.tasks.filter((t) => t.status === 'open' && t.dueAt < t.createdAt);
    expect(late.length).toBeGreaterThan(10);
    // told at once that it is overdue; no 【逾期】 or 督办 at once (the plan's rule for tasks assigned late)
    expect(acts.notices.filter((n) => n.message.includes('现已逾期')).length).toBeGreaterThan(0);
    expect(acts.reminders).toEqual([]);

    // written ahead at the take-over: each late task's first 【逾期】 and its first 督办, three working days on
    const escalationAt = calendar.shiftInstantByWorkingDays(s0.tasks[0].createdAt, 3);
    for (const t of late) {
      const rows = acts.ahead.filter((r) => r.taskId === t.id);
      expect([t.id, rows.some((r) => r.level === 'red')]).toEqual([t.id, true]);
      expect([t.id, rows.filter((r) => r.level === 'escalation').map((r) => Date.parse(r.at))[0]]).toEqual([t.id, escalationAt]);
      for (const r of rows) expect(r.writtenAt).toBeLessThan(Date.parse(r.at));
    }

    // the loop's ticks come later and emit the same keys (one row each in the outbox)
    await sleepUntil(env, escalationAt + HOUR);
    const due = acts.ahead.filter((r) => late.some((t) => t.id === r.taskId) && Date.parse(r.at) <= escalationAt);
    const emitted = new Map(acts.reminders.map((r) => [r.key, r]));
    for (const r of due) expect([r.key, emitted.get(r.key)?.at]).toEqual([r.key, r.at]);
    expect(new Set(acts.sentReminderKeys).size).toBe(acts.sentReminderKeys.length);

    await d.act('cancel', officeOf(template), { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs).toHaveLength(1);
    expect(patchesAfterLocalWrites(runs[0].history)).toEqual([]);
    recordHistories('late-tasks-written-ahead', runs);
  });
});
