/**
 * A step that prepares for a higher authority's step keeps its date (runs since 'replan-keeps-preparation-dates'), on
 * the time-skipping server: a Sishui campaign planned from a Monday and taken over late in the plan, everything
 * before the application (提报申报材料) done. The office's application is approved at once, months before its date:
 * 现场核查准备 (the application + 15 working days; 现场核查 follows it) keeps its date, as 预审 and 现场核查 do — nothing
 * is re-dated, and its five units are told it can be done by its own date, not that it moved months earlier
 * (walkthrough: 「请于2026年12月28日（周一）前报送（原定2027年4月8日（周四），期限已调整）」). The run ends (cancelled) so its
 * history can be committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type CampaignState, dateLabel, localDate, WorkingCalendar, type CalendarOverride } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, officeOf, patchesAfterLocalWrites, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('a step preparing for a higher authority keeps its date (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'replan-preparation';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const dues = (s: CampaignState) => new Map(s.phases.flatMap((p) => p.milestones).map((m) => [m.key, m.dueAt]));

  it('the application approved months early: 现场核查准备 keeps its date, nothing re-dated, its units told their own date', async () => {
    const campaignId = 'replan-preparation-1';
    const done = template.phases.filter((p) => p.key !== 'application').flatMap((p) => p.milestones.map((m) => m.key));
    const { handle, d } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override, { done });
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('application');
    const planned = dues(s0);
    const applicationTasks = s0.tasks.filter((t) => t.milestoneKey === 'application').map((t) => t.id);
    const prep = s0.tasks.filter((t) => t.milestoneKey === 'inspection-prep');
    expect(prep.length).toBe(5);
    const now = await env.currentTimeMs();
    expect(calendar.workingDaysBetween(localDate(now), localDate(planned.get('application')!))).toBeGreaterThan(40); // months early

    const audit0 = acts.audit.length;
    const notices0 = acts.notices.filter((n) => n.campaignId === campaignId).length;
    const s1 = await d.complete(...applicationTasks);
    expect(s1.phases.flatMap((p) => p.milestones).find((m) => m.key === 'application')?.completedAt).toBeDefined();
    // every date stays: 预审, 现场核查 (the authority's) and 现场核查准备 (what prepares for it)
    for (const [key, due] of planned) expect([key, dues(s1).get(key)]).toEqual([key, due]);
    for (const t of s1.tasks.filter((x) => x.milestoneKey === 'inspection-prep')) expect([t.id, t.dueAt, t.deadlineChanges]).toEqual([t.id, planned.get('inspection-prep'), []]);
    expect(acts.audit.slice(audit0).filter((a) => a.campaignId === campaignId && a.action === 'replanned')).toEqual([]);
    const told = acts.notices.filter((n) => n.campaignId === campaignId).slice(notices0);
    expect(told.filter((n) => n.message.startsWith('【期限调整】'))).toEqual([]);
    const released = told.filter((n) => prep.some((t) => t.id === n.taskId));
    expect(released.length).toBe(5);
    const due = dateLabel(localDate(planned.get('inspection-prep')!));
    for (const n of released) expect(n.message).toMatch(new RegExp(`^【可办理】「现场核查准备 — .+」的前序环节「提报申报材料」已完成，请于${due}前报送。$`));

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs.map(({ history }) => patchesAfterLocalWrites(history)).flat()).toEqual([]);
    recordHistories('replan-keeps-preparation-dates', runs);
  });
});
