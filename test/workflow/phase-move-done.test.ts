/**
 * 调整期限 of a whole phase leaves the steps already done where they were (runs since
 * 'phase-move-keeps-done-milestones'), on the time-skipping server: a Sishui campaign planned from a Monday, taken over
 * with 动员部署 and the first two 创建实施 steps done. The office moves 创建实施 to a new end a month on: the done steps
 * keep their dates (the Gantt draws them where they were done), the audit entry's milestonesMoved lists only the steps
 * that moved, and their approved tasks stay; every other step and live task moves. Before, the done steps were moved
 * and listed while their tasks stayed (a walkthrough's finding). The run ends (cancelled) so its history can be
 * committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { addCalendarDays, endOfLocalDay, localDate, WorkingCalendar, type CalendarOverride } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, officeOf, patchesAfterLocalWrites, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('a phase moved with steps already done: they stay (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'phase-move-done';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('创建实施 moved a month on: its done steps keep their dates and are not listed; the rest move', async () => {
    const campaignId = 'phase-move-done-1';
    const mobilization = template.phases[0].milestones.map((m) => m.key);
    const implementation = template.phases.find((p) => p.key === 'implementation')!.milestones.map((m) => m.key);
    const doneHere = implementation.slice(0, 2); // the first two 创建实施 steps, done before the take-over
    const { handle, d, plan } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override, { done: [...mobilization, ...doneHere] });
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('implementation');
    const phase0 = s0.phases.find((p) => p.key === 'implementation')!;
    for (const key of doneHere) {
      const tasks = s0.tasks.filter((t) => t.milestoneKey === key);
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.every((t) => t.status === 'approved' && t.resolution === 'taken-over')).toBe(true);
    }
    expect(plan.milestones.filter((m) => doneHere.includes(m.key)).length).toBe(2);

    const dueDate = addCalendarDays(localDate(phase0.dueAt), 30);
    await d.act('moveDeadlines', office, { phase: 'implementation', dueDate, reason: '按省厅通知调整' });
    const s1 = await d.state();
    const phase1 = s1.phases.find((p) => p.key === 'implementation')!;
    expect(phase1.dueAt).toBe(endOfLocalDay(calendar.isWorkingDay(dueDate) ? dueDate : calendar.addWorkingDays(dueDate, 1)));
    const entry = acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'moveDeadlines').at(-1)!;
    const listed = (entry.detail?.milestonesMoved as { key: string }[]).map((m) => m.key);
    for (const key of doneHere) {
      expect([key, phase1.milestones.find((m) => m.key === key)!.dueAt]).toEqual([key, phase0.milestones.find((m) => m.key === key)!.dueAt]);
      expect(listed).not.toContain(key);
    }
    const others = phase1.milestones.filter((m) => !doneHere.includes(m.key));
    expect(others.length).toBeGreaterThan(3);
    for (const m of others) expect([m.key, m.dueAt > phase0.milestones.find((x) => x.key === m.key)!.dueAt, listed.includes(m.key)]).toEqual([m.key, true, true]);
    // the done steps' tasks stay approved on their dates; the live ones moved
    for (const t of s1.tasks.filter((x) => doneHere.includes(x.milestoneKey ?? ''))) expect([t.id, t.status, t.dueAt]).toEqual([t.id, 'approved', s0.tasks.find((x) => x.id === t.id)!.dueAt]);
    const moved = entry.detail?.moved as { id: string }[];
    expect(moved.length).toBe(s0.tasks.filter((t) => t.phase === 'implementation' && t.status !== 'approved' && t.status !== 'cancelled').length);

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs.map(({ history }) => patchesAfterLocalWrites(history)).flat()).toEqual([]);
    recordHistories('phase-move-keeps-done-milestones', runs);
  });
});
