/**
 * A step whose date the higher authority sets keeps it (runs since 'replan-keeps-higher-authority-dates'), on the
 * time-skipping server: a Sishui campaign planned from a Monday and taken over with 动员部署 done. The plan's first
 * steps (形成规划研究报告, 各有关部门对《规划》提出意见, 修改形成《规划》（评审稿）) are approved at once, weeks early:
 * 《规划》专家评审 — marked followsHigherAuthority (「按照省生态环境厅安排部署」), the preview calls its date an estimate —
 * keeps its date, and so do 报批稿 and 颁布实施 after it and 创建实施's end; no 【期限调整】 names them (walkthrough: 专家评审
 * 2027-01-29 → 2026-12-14, the phase's end 03-11 → 01-26). The run ends (cancelled) so its history can be committed for
 * the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type CampaignState, WorkingCalendar, type CalendarOverride } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, officeOf, patchesAfterLocalWrites, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('a step the higher authority dates keeps its date (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'replan-higher-authority';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const dues = (s: CampaignState) => new Map(s.phases.flatMap((p) => p.milestones).map((m) => [m.key, m.dueAt]));

  it('the plan\'s first steps approved weeks early: 专家评审, what follows it and the phase\'s end keep their dates', async () => {
    const campaignId = 'replan-higher-authority-1';
    const done = template.phases[0].milestones.map((m) => m.key);
    const { handle, d } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override, { done });
    const s0 = await d.state();
    expect(s0.currentPhase).toBe('implementation');
    const planned = dues(s0);
    const end = s0.phases[1].dueAt;
    const notices0 = acts.notices.filter((n) => n.campaignId === campaignId).length;
    let s1 = s0;
    for (const key of ['plan-draft', 'plan-comments', 'plan-review-draft']) s1 = await d.complete(...s1.tasks.filter((t) => t.milestoneKey === key).map((t) => t.id));
    expect(dues(s1).get('plan-review-draft')).toBeLessThan(planned.get('plan-review-draft')!); // the county's own steps came forward
    for (const key of ['plan-expert-review', 'plan-approval-draft', 'plan-promulgation', 'application']) expect([key, dues(s1).get(key)]).toEqual([key, planned.get(key)]);
    expect(s1.phases[1].dueAt).toBe(end);
    const kept = s1.tasks.filter((t) => ['plan-expert-review', 'plan-approval-draft', 'plan-promulgation'].includes(t.milestoneKey ?? ''));
    expect(kept.length).toBeGreaterThan(0);
    for (const t of kept) expect([t.id, t.dueAt, t.deadlineChanges]).toEqual([t.id, planned.get(t.milestoneKey!), []]);
    const told = acts.notices.filter((n) => n.campaignId === campaignId).slice(notices0);
    expect(told.filter((n) => n.message.startsWith('【期限调整】') && kept.some((t) => t.id === n.taskId))).toEqual([]);
    expect(acts.audit.filter((a) => a.campaignId === campaignId && a.action === 'replanned' && ['plan-expert-review', 'plan-approval-draft', 'plan-promulgation'].includes(String(a.detail?.milestone)))).toEqual([]);

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(runs.map(({ history }) => patchesAfterLocalWrites(history)).flat()).toEqual([]);
    recordHistories('replan-keeps-higher-authority-dates', runs);
  });
});
