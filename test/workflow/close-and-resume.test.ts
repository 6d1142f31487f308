/**
 * What 恢复 and 结束阶段 tell, on the time-skipping server (a Sishui campaign planned from a Monday, with its relative
 * plan): a resume that moves no date still tells everyone a live task waits for that the campaign resumed (【活动恢复】,
 * runs since 'resume-notices' — the 【活动暂停】 had promised 「届时另行通知」); 结束阶段 tells the people of every live
 * task it cancelled (【任务取消】, runs since 'close-phase-notices'), and its cancellations pull no later step earlier
 * (runs since 'cancel-not-completion': a cancellation is not a completion). The run ends (cancelled) so its history
 * can be committed for the replay test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type CampaignState, WorkingCalendar, type CalendarOverride } from '@eco/domain';
import { startOnOwnPlan, CountingActivities, HOUR, leader, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const raw = JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8'));
const override: CalendarOverride = { years: raw.years, holidays: raw.holidays, workdays: raw.workdays };
const calendar = new WorkingCalendar({ override });

describe('恢复 and 结束阶段 tell the people of the live tasks (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'close-and-resume';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  const ms = (s: CampaignState, key: string) => s.phases.flatMap((p) => p.milestones).find((m) => m.key === key)!;
  const noticesFrom = (campaignId: string, from: number) => acts.notices.filter((n) => n.campaignId === campaignId).slice(from);
  const count = (campaignId: string) => acts.notices.filter((n) => n.campaignId === campaignId).length;

  it('a same-day resume tells each addressee once (【活动恢复】); 结束阶段 tells each once (【任务取消】) and pulls nothing earlier', async () => {
    const campaignId = 'close-resume-1';
    const { handle, d } = await startOnOwnPlan(env, taskQueue, template, campaignId, calendar, override);
    await d.act('submit', unitUser('sx-tjj'), { taskId: 'materials:sx-tjj', comment: '资料清单' }); // awaiting the office

    // 暂停 and 恢复 the same day: no date moves, and everyone the 【活动暂停】 told is told it resumed.
    const atPause = count(campaignId);
    await d.act('pause', leader, { reason: '临时调整' });
    const paused = noticesFrom(campaignId, atPause).map((n) => n.recipients.join());
    expect(paused.length).toBeGreaterThan(3);
    await env.sleep(HOUR);
    const s0 = await d.state();
    const atResume = count(campaignId);
    await d.act('resume', leader, { reason: '调整完毕' });
    const s1 = await d.state();
    expect(s1.tasks.map((t) => t.dueAt)).toEqual(s0.tasks.map((t) => t.dueAt)); // nothing moved
    const resumed = noticesFrom(campaignId, atResume);
    expect(resumed.map((n) => n.recipients.join()).sort()).toEqual([...paused].sort()); // the same people, once each
    for (const n of resumed) expect(n.message).toMatch(/^【活动恢复】「.+」已于.+恢复（调整完毕）。「.+」(等\d+项任务)?可继续报送或审批，期限不变，请(于.+前办理|按原期限办理)。$/);

    // 结束阶段 of 动员部署 weeks before 启动《规划》编制工作 was due: its dependants keep their dates.
    const planned = { draft: ms(s1, 'plan-draft').dueAt, review: ms(s1, 'plan-expert-review').dueAt };
    expect(planned.draft).toBeGreaterThan(ms(s1, 'plan-started').dueAt);
    const atClose = count(campaignId);
    await d.act('closePhase', office, { phase: 'mobilization', reason: '按市局要求提前进入创建实施阶段' });
    const s2 = await d.state();
    expect(s2.tasks.find((t) => t.id === 'materials:sx-tjj')?.status).toBe('cancelled');
    expect(s2.tasks.find((t) => t.milestoneKey === 'plan-started')?.status).toBe('cancelled');
    expect({ draft: ms(s2, 'plan-draft').dueAt, review: ms(s2, 'plan-expert-review').dueAt }).toEqual(planned);
    for (const t of s2.tasks) for (const c of t.deadlineChanges) expect(c.reason).not.toMatch(/启动《规划》编制工作」于.+完成/);
    const closed = noticesFrom(campaignId, atClose).filter((n) => n.message.startsWith('【任务取消】'));
    const to = closed.map((n) => n.recipients.join());
    expect(new Set(to).size).toBe(to.length);
    // the units whose open tasks were cancelled, the office that was to review the submitted one, and its unit
    expect(to).toEqual(expect.arrayContaining(['unit:sx-gxj', 'unit:sx-tjj', 'role:office']));
    expect(closed.find((n) => n.recipients[0] === 'unit:sx-gxj')!.message).toMatch(/^【任务取消】「.+」的「动员部署阶段」已由领导小组办公室结束（原因：按市局要求提前进入创建实施阶段），「.+」(等\d+项任务)?已取消，无需继续办理，系统不再发送提醒。$/);

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('close-phase-notices', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
