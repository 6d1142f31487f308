/**
 * 调整期限 → 指定阶段截止日期 (a phase moved to a new end) puts every date it moves on a working day (runs since
 * 'uniform-move-working-days'), on the time-skipping server: a Sishui campaign planned from a Monday, taken over with
 * 动员部署 done. The office moves the running 创建实施 and the not-started 申报迎查 to a new end 74 calendar days on (the
 * walkthrough's shift): every milestone and live task lands on a working day at its time of day, the audit entry
 * lists the milestones moved (the not-started phase has no task, yet the trail says which plan dates changed), and no
 * 【期限调整】 names a non-working day. Walkthrough: 现场核查准备 on a Saturday, 月度调度 on New Year's Day, units told
 * 「调整为2027年1月24日（周日）」. The run ends (cancelled) so its history can be committed for the replay test
 * (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { addCalendarDays, dateLabel, localDate, WorkingCalendar, type CalendarOverride, type CampaignState } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, officeOf, patchesAfterLocalWrites, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });
const working = (at: number) => calendar.isWorkingDay(localDate(at));

describe('a phase moved to a new end keeps every date on a working day (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'uniform-move';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const phase = (s: CampaignState, key: string) => s.phases.find((p) => p.key === key)!;

  it('创建实施 and 申报迎查 moved 74 days on: milestones and tasks on working days, the entry lists the milestones', async () => {
    const campaignId = 'uniform-move-1';
    const done = template.phases[0].milestones.map((m) => m.key);
    const { handle, d } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override, { done });
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('implementation');
    const audit0 = acts.audit.length;
    const notices0 = acts.notices.filter((n) => n.campaignId === campaignId).length;

    for (const key of ['implementation', 'application']) {
      const before = phase(await d.state(), key);
      const dueDate = addCalendarDays(localDate(before.dueAt), 74);
      // the same calendar shift would put some of its dates on a weekend or holiday (what the walkthrough saw)
      const shift = calendar.isWorkingDay(dueDate) ? 74 * 86_400_000 : 0;
      if (shift) expect(before.milestones.some((m) => !working(m.dueAt + shift))).toBe(true);
      await d.act('moveDeadlines', office, { phase: key as 'implementation', dueDate, reason: '按省厅通知调整' });
      const after = phase(await d.state(), key);
      expect(localDate(after.dueAt)).toBe(calendar.isWorkingDay(dueDate) ? dueDate : calendar.addWorkingDays(dueDate, 1));
      for (const m of after.milestones) expect([m.key, localDate(m.dueAt), working(m.dueAt)]).toEqual([m.key, localDate(m.dueAt), true]);
      const entry = acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'moveDeadlines').at(-1)!;
      expect(entry.detail?.milestonesMoved).toEqual(after.milestones.map((m) => ({ key: m.key, title: m.name, from: before.milestones.find((x) => x.key === m.key)!.dueAt, to: m.dueAt })));
    }
    const s1 = await d.state();
    const live = s1.tasks.filter((t) => t.phase === 'implementation' && t.status !== 'approved' && t.status !== 'cancelled');
    expect(live.length).toBeGreaterThan(10);
    for (const t of live) expect([t.id, working(t.dueAt)]).toEqual([t.id, true]);
    expect(acts.audit.slice(audit0).filter((a) => a.campaignId === campaignId && a.action === 'moveDeadlines').length).toBe(2);
    const told = acts.notices.filter((n) => n.campaignId === campaignId).slice(notices0).filter((n) => n.message.startsWith('【期限调整】'));
    expect(told.length).toBeGreaterThan(0);
    for (const n of told) {
      const due = s1.tasks.find((t) => t.id === n.taskId)!.dueAt;
      expect(n.message).toContain(dateLabel(localDate(due)));
      expect(working(due)).toBe(true);
    }

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs.map(({ history }) => patchesAfterLocalWrites(history)).flat()).toEqual([]);
    recordHistories('uniform-move-working-days', runs);
  });
});
