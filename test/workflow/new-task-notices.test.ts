/**
 * 【新任务】 once per addressee (runs since 'batched-new-task-notices'), on the time-skipping server: a Sishui campaign
 * started on its own dates tells each unit once at its start — 「A」等N项任务已下达 to a unit owing several tasks, not one
 * message per task in the same second (walkthrough) — and again once when the next phase opens (结束阶段 of 动员部署).
 * Who is told does not change: the same keys a per-task 【新任务】 had. The run ends (cancelled) so its history can be
 * committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type CampaignState, recipientsNow, stageBlocks, WorkingCalendar, type CalendarOverride } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, officeOf, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('【新任务】 once per addressee (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'new-task-notices';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const noticesFrom = (campaignId: string, from: number) => acts.notices.filter((n) => n.campaignId === campaignId).slice(from);
  const count = (campaignId: string) => acts.notices.filter((n) => n.campaignId === campaignId).length;
  /** Whom each task that waits for someone (not held back by stage order) among `ids` waits for: a per-task 【新任务】's addressees. */
  const owed = (s: CampaignState, ids: string[]) => {
    const held = stageBlocks(s);
    const out = new Map<string, string[]>();
    for (const t of s.tasks) {
      if (!ids.includes(t.id) || held.has(t.id) || t.status !== 'open') continue;
      for (const r of recipientsNow(t)) out.set(r, [...(out.get(r) ?? []), t.title]);
    }
    return out;
  };

  it('the start and a phase opening: one 【新任务】 per addressee, naming its tasks; nobody added or left out', async () => {
    const campaignId = 'new-task-notices-1';
    const { handle, d } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override);
    const s0 = await d.state();

    const check = (told: typeof acts.notices, expected: Map<string, string[]>) => {
      const assigned = told.filter((n) => n.message.startsWith('【新任务】'));
      const to = assigned.flatMap((n) => n.recipients);
      expect(new Set(to).size).toBe(to.length); // once each
      expect([...to].sort()).toEqual([...expected.keys()].sort());
      for (const n of assigned) {
        const titles = expected.get(n.recipients[0])!;
        if (titles.length === 1) expect(n.message).toMatch(/^【新任务】「.+」已下达，/);
        else expect(n.message).toMatch(new RegExp(`^【新任务】「.+」等${titles.length}项任务已下达[，：]`));
        // the first named is one of its tasks; several dates, up to three tasks: each named with its date
        expect(titles.some((title) => n.message.startsWith(`【新任务】「${title}」`))).toBe(true);
        if (n.message.includes('请按期限报送')) for (const title of titles) expect(n.message).toContain(`「${title}」（`);
      }
      return assigned;
    };
    // the start: walkthrough, each liaison read one message per task (2 each) in the same second
    const started = owed(s0, s0.tasks.map((t) => t.id));
    expect([...started.values()].some((titles) => titles.length > 1)).toBe(true);
    check(noticesFrom(campaignId, 0), started);

    // 结束阶段 of 动员部署 opens 创建实施: its new tasks, once per addressee (walkthrough: 3 more per unit)
    const atClose = count(campaignId);
    await d.act('closePhase', office, { phase: 'mobilization', reason: '按市局要求提前进入创建实施阶段' });
    const s1 = await d.state();
    // The month's 调度 report the loop then opens (its own change, the same instant) is told in its own message.
    const report = (id: string) => id.startsWith('progress-report:');
    const opened = owed(s1, s1.tasks.filter((t) => !s0.tasks.some((x) => x.id === t.id) && !report(t.id)).map((t) => t.id));
    expect([...opened.values()].some((titles) => titles.length > 1)).toBe(true);
    check(noticesFrom(campaignId, atClose).filter((n) => !report(n.taskId)), opened);

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('batched-new-task-notices', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
