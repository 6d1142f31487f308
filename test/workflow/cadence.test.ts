/**
 * Supervision cadence (督促检查 / 调度) on simulated time: a Sishui campaign in its implementation phase gets the monthly
 * 调度 report tasks of each responsible unit, each month's opened by the workflow's timer when the month starts (never
 * ahead of time), due on the month's last working day, reminded like any task; the history stays small. Recorded as
 * the committed replay history `supervision-cadence` (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { periodDueDate, periodOf, nextPeriodStart, endOfLocalDay, WorkingCalendar } from '@eco/domain';
import { campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, cloneTemplate, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const override = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const calendar = new WorkingCalendar({ override });

describe('monthly 调度 reports while the implementation phase runs (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'cadence';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('each month opens its reports when it starts, due on its last working day, reminded; the history stays small', async () => {
    const template = cloneTemplate(loadTemplate('sishui-2023'));
    const office = officeOf(template);
    const t0 = await env.currentTimeMs();
    // Mobilization already done (taken over): the implementation phase runs from the start; its steps lie far ahead.
    const keys = template.phases.flatMap((p) => p.milestones.map((m) => m.key));
    const schedule = Object.fromEntries(keys.map((k, i) => [k, t0 + 300 * DAY + i * HOUR]));
    const done = template.phases[0].milestones.map((m) => m.key);
    const campaignId = 'cadence-1';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, startAt: t0, schedule, takeOver: { done }, createdBy: office, searchAttributes: false, calendarOverride: override }],
    });
    const d = new CampaignDriver(handle, campaignId);
    const reports = async () => (await d.state()).tasks.filter((t) => t.kind === 'progress-report');
    const holders = new Set(template.indicators.flatMap((i) => [...i.leadUnitIds, ...i.coUnitIds]));

    // This month (unless fewer than 3 working days are left in it): one report per unit holding an indicator.
    let first = periodOf(t0, 'month');
    const firstDue = periodDueDate(first, { workingDaysBeforePeriodEnd: 0 }, calendar);
    if (calendar.workingDaysBetween(new Date(t0 + 8 * HOUR).toISOString().slice(0, 10), firstDue) < 3) {
      await env.sleep(nextPeriodStart(t0, 'month') - t0 + HOUR);
      first = periodOf(await env.currentTimeMs(), 'month');
    }
    const now1 = await reports();
    expect((await d.state()).currentPhase).toBe('implementation');
    expect(now1.length).toBe(holders.size);
    expect(new Set(now1.map((t) => t.cadence?.period))).toEqual(new Set([first.key]));
    expect(now1.every((t) => t.dueAt === endOfLocalDay(periodDueDate(first, { workingDaysBeforePeriodEnd: 0 }, calendar)) && !t.required)).toBe(true);

    // One unit reports and the office accepts; the others stay silent.
    const answering = now1.find((t) => t.unitId === 'sx-tjj')!;
    await d.act('submit', unitUser('sx-tjj'), { taskId: answering.id, comment: '本月指标资料收集完成80%' });
    await d.act('approve', office, { taskId: answering.id });

    // Two month starts later: exactly two more months, each opened at 00:00 Beijing time of its first day.
    const second = nextPeriodStart(await env.currentTimeMs(), 'month');
    const third = nextPeriodStart(second, 'month');
    await env.sleep(third - (await env.currentTimeMs()) + 2 * HOUR);
    const all = await reports();
    const periods = [...new Set(all.map((t) => t.cadence!.period))];
    expect(periods).toEqual([first.key, periodOf(second, 'month').key, periodOf(third, 'month').key]);
    expect(all.length).toBe(3 * holders.size);
    expect(all.some((t) => t.cadence!.period > periodOf(third, 'month').key)).toBe(false); // nothing ahead of time
    const opened = acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'cadence-opened');
    expect(opened.map((a) => [a.detail?.period, a.actor.id])).toEqual(periods.map((p) => [p, 'system']));
    // Opened by the timer at the month's start (the timer fires within moments of it).
    for (const [a, start] of [[opened[1], second], [opened[2], third]] as const) {
      expect(Date.parse(a.at)).toBeGreaterThanOrEqual(start);
      expect(Date.parse(a.at)).toBeLessThan(start + 60_000);
    }

    // The silent units' first reports were reminded (red at the due date) and escalated; the answering unit's never went red.
    const silent = now1.find((t) => t.unitId !== 'sx-tjj')!;
    const mine = acts.reminders.filter((r) => r.campaignId === campaignId && r.taskId === silent.id);
    expect(mine.map((r) => r.level)).toEqual(expect.arrayContaining(['red', 'escalation']));
    expect(mine.find((r) => r.level === 'red')!.recipients).toEqual([`unit:${silent.unitId}`]);
    expect(acts.reminders.some((r) => r.taskId === answering.id && r.level === 'red')).toBe(false);
    // The projection carries the period for the office's summary.
    const projected = acts.projections.flatMap((p) => p.tasks).filter((t) => t.id === silent.id).at(-1)!;
    expect(projected.view.cadence).toEqual({ key: 'monthly-dispatch', period: first.key, periodLabel: first.label });

    // The office ends the campaign; the run completes.
    await d.act('cancel', office, { reason: '演示结束' });
    await handle.result();
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    const events = runs.reduce((n, r) => n + (r.history.events?.length ?? 0), 0);
    expect(events).toBeLessThan(2000); // timers per wake-up and a few activities per change, no task pre-created
    recordHistories('supervision-cadence', runs);
  });
});
