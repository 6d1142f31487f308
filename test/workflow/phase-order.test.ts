/**
 * A deadline move that ends a phase later holds the later phases' steps after that end (runs since
 * 'later-phases-after-moved-phase'), on the time-skipping server: a Sishui campaign planned from a Monday, whose
 * 动员部署 ends with 启动《规划》编制工作 on the day 各责任单位确定1名分管责任人及1名联络员 (创建实施, 12 working days after
 * the plan's issue) is due. The office moves 启动《规划》编制工作 two working days later: 动员部署 now ends two days later,
 * and the 创建实施 step — which follows only the plan's issue, not moved — moves to that end (walkthrough: it stayed, to
 * be issued already overdue once 动员部署 ended). The run ends (cancelled) so its history can be committed for the
 * replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type CampaignState, localDate, WorkingCalendar, type CalendarOverride } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, officeOf, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('a phase ended later holds the later phases (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'phase-order';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const ms = (s: CampaignState, key: string) => s.phases.flatMap((p) => p.milestones).find((m) => m.key === key)!;

  it('moving the step that ends 动员部署 two working days later moves 各责任单位确定…联络员 to the new end', async () => {
    const campaignId = 'phase-order-1';
    const { handle, d } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override);
    const s0 = await d.state();
    expect(ms(s0, 'unit-contacts').dueAt).toBe(ms(s0, 'plan-started').dueAt); // the same day: 动员部署's end
    expect(ms(s0, 'unit-contacts').plan?.after).toEqual(['work-plan-issued']);
    const started = s0.tasks.find((t) => t.milestoneKey === 'plan-started')!;
    await d.act('moveDeadlines', office, { taskIds: [started.id], shiftByWorkingDays: 2, reason: '市局调整编制启动时间' });
    const s1 = await d.state();
    const end = s1.phases[0].dueAt;
    expect(calendar.workingDaysBetween(localDate(s0.phases[0].dueAt), localDate(end))).toBe(2);
    expect(ms(s1, 'unit-contacts').dueAt).toBe(end);
    for (const m of s1.phases.slice(1).flatMap((p) => p.milestones)) expect([m.key, m.dueAt >= end]).toEqual([m.key, true]);
    expect(ms(s1, 'work-plan-issued').dueAt).toBe(ms(s0, 'work-plan-issued').dueAt); // what it follows did not move

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('later-phases-after-moved-phase', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
