/**
 * Live re-plan on the time-skipping server: a Lixia campaign planned from a Saturday (taken over with mobilization done
 * that day, before the first working day it was due: on time, nothing moves);
 * the plan draft is completed three working days late → every step that follows it is re-dated by three working days
 * (tasks, milestones of later phases, audit entries 'replanned' with old → new due date and cause); the office then
 * moves the implementation phase by working days and the application phase follows; the answer carries the warnings.
 * The run ends (cancelled) so its history can be committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type CampaignState, planSchedule, WorkingCalendar, localDate, type CalendarOverride } from '@eco/domain';
import { campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, HOUR, officeOf, recordHistories, runHistories, sleepToBeijing } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('live re-plan (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'replan';
  const acts = new CountingActivities();
  const template = loadTemplate('lixia-2021');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const ms = (s: CampaignState, key: string) => s.phases.flatMap((p) => p.milestones).find((m) => m.key === key)!;
  const wd = (a: number, b: number) => calendar.workingDaysBetween(localDate(a), localDate(b));

  it('a step completed three working days late pushes its dependants by three working days; a phase move re-dates the next phase', async () => {
    // Start on a Saturday, 10:00 Beijing time (the takeover's steps are done on a non-working day).
    const now = await sleepToBeijing(env, 6, 10);
    const plan = planSchedule(template, { startAt: now }, calendar);
    const campaignId = 'replan-1';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId, template, startAt: now, createdBy: office, searchAttributes: false, calendarOverride: override,
          schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])),
          fixedMilestones: [], takeOver: { done: ['work-plan-issued', 'leadership-group', 'plan-started'] },
          reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' }, // few reminders: the history stays small
        },
      ],
    });
    const d = new CampaignDriver(handle, campaignId);
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('implementation');
    const before = { draft: ms(s0, 'plan-draft').dueAt, comments: ms(s0, 'plan-comments').dueAt, application: ms(s0, 'application').dueAt };

    // Three working days late, in the afternoon.
    const late = calendar.shiftInstantByWorkingDays(before.draft, 3) - 6 * HOUR;
    await env.sleep(late - (await env.currentTimeMs()));
    const s1 = await d.complete('plan-draft:plan-draft');
    expect(wd(before.comments, ms(s1, 'plan-comments').dueAt)).toBe(3);
    expect(wd(before.application, ms(s1, 'application').dueAt)).toBe(3);
    for (const t of s1.tasks.filter((x) => x.milestoneKey === 'plan-comments')) {
      expect(t.dueAt).toBe(ms(s1, 'plan-comments').dueAt);
      expect(t.deadlineChanges.at(-1)).toMatchObject({ from: before.comments, cause: 'replan' });
    }
    const replanned = acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'replanned');
    expect(replanned.find((a) => a.detail?.milestone === 'plan-comments')).toMatchObject({ reason: expect.stringContaining('推迟3个工作日'), detail: { from: before.comments, to: ms(s1, 'plan-comments').dueAt } });

    // The office moves the implementation phase by two working days: the application phase follows.
    const appBefore = ms(s1, 'application').dueAt;
    await d.act('moveDeadlines', office, { phase: 'implementation', shiftByWorkingDays: 2, reason: '省生态环境厅调整时间节点' });
    const s2 = await d.state();
    expect(wd(appBefore, ms(s2, 'application').dueAt)).toBe(2);
    expect(ms(s2, 'plan-comments').plan?.fixed).toBe(true);

    await d.act('cancel', office, { reason: '测试结束' });
    await handle.result();
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    recordHistories('plan-replan-working-days', runs);
  });

  // Walkthrough: a Sishui campaign planned from 2027-01-11 had its 工作方案 approved on 2026-12-07; the re-plan pulled
  // 各责任单位确定1名分管责任人及1名联络员 (创建实施) to 12-23, before the start, and two more 创建实施 steps before 动员部署's end.
  it('a step done weeks before the planned start pulls nothing into a phase not opened yet, nor before the start day (replan-within-plan)', async () => {
    const sishui = loadTemplate('sishui-2023');
    const now = await sleepToBeijing(env, 1, 10); // a Monday, 10:00 Beijing time
    const startAt = calendar.shiftInstantByWorkingDays(now, 20);
    const plan = planSchedule(sishui, { startAt }, calendar);
    const campaignId = 'replan-within-plan';
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{
        campaignId, template: sishui, startAt, createdBy: officeOf(sishui), searchAttributes: false, calendarOverride: override,
        schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: [],
        reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' },
      }],
    });
    const d = new CampaignDriver(handle, campaignId);
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('mobilization');
    const pending = s0.phases.filter((p) => p.status === 'pending').flatMap((p) => p.milestones.map((m) => [m.key, m.dueAt] as const));
    expect(pending.map(([k]) => k)).toEqual(expect.arrayContaining(['unit-contacts', 'indicator-contribution', 'indicator', 'plan-draft']));
    // 制定印发创建工作方案 and 启动《规划》编制工作 done today, 20 and 32 working days early
    const s1 = await d.complete('work-plan-issued:work-plan-issued', 'plan-started:plan-started');
    expect(wd(ms(s1, 'work-plan-issued').completedAt!, ms(s1, 'work-plan-issued').dueAt)).toBeGreaterThanOrEqual(19);
    // the phases not opened keep every date; no step of the plan is due before the start day
    expect(pending.map(([k]) => [k, ms(s1, k).dueAt])).toEqual(pending);
    const startDay = ms(s1, 'work-plan-issued').dueAt;
    expect(s1.phases.flatMap((p) => p.milestones).filter((m) => m.dueAt < startDay).map((m) => m.key)).toEqual([]);
    expect(acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'replanned')).toEqual([]);
    await d.act('cancel', officeOf(sishui), { reason: '测试结束' });
    await handle.result();
  });
});
