/**
 * Changes of time (时间节点调整): the office moves a whole phase (the province moved its schedule) or a single task;
 * the leader pauses the campaign (epidemic / emergency, 视情延后) and resumes it. Reminders follow the moved dates;
 * everyone a live task waited for is told of the pause, once, with its reason (【活动暂停】, pauses since 'pause-notices'),
 * and of the end (【活动终止】, since 'end-notices');
 * nothing is reminded and no action is accepted while paused; resuming extends every open due date by the working days
 * the pause covered (campaigns since 'resume-by-working-days'; runs recorded before: by the paused time, replayed from
 * test/replay/histories/pause-resume.json), and each task's people are told the campaign resumed with its new date
 * (【活动恢复】, since 'resume-notices'; the committed pause-notices history keeps the 【期限调整】 of runs before).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CampaignCalendar, localDate, type CampaignState, type TaskState } from '@eco/domain';
import { campaignViewQuery, campaignWorkflowId, inboxQuery } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, DAY, HOUR, cloneTemplate, expectOneAuditRecordPerAction, futureSchedule, inspector, leader, namedUser, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, sleepUntil, useTestWorker } from './workflow-env';

const MINUTE = 60_000;
const POLICY = { before: ['PT2H'], overdueEvery: 'PT6H', escalateAfter: 'PT24H' };

describe('deadline moves, pause and resume (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'time-changes';
  const acts = new CountingActivities();
  const template = loadTemplate('sishui-2023');
  const office = officeOf(template);

  useTestWorker(taskQueue, acts, (e) => (env = e));

  async function start(campaignId: string) {
    const now = await env.currentTimeMs();
    const schedule = futureSchedule(template, now);
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template: cloneTemplate(template), schedule, reminderPolicy: POLICY, createdBy: office, searchAttributes: false }],
    });
    return { handle, schedule, driver: new CampaignDriver(handle, campaignId) };
  }
  const dues = (s: CampaignState, filter: (t: TaskState) => boolean = () => true) => Object.fromEntries(s.tasks.filter(filter).map((t) => [t.id, t.dueAt]));
  const reminders = (campaignId: string) => acts.reminders.filter((r) => r.campaignId === campaignId);

  it('moves a phase by P7D (every open task and the phase due), then a single task; reminders follow the new dates', async () => {
    const { handle, schedule, driver: d } = await start('time-move');
    await d.complete('materials:sx-zfb'); // settled: must not move
    const before = await d.state();
    const mob = before.phases[0];
    expect(mob.status).toBe('active');
    const openBefore = dues(before, (t) => t.phase === 'mobilization' && t.status === 'open');
    expect(Object.keys(openBefore).length).toBeGreaterThan(30);

    // Refusals first: a unit may not move deadlines; a move into the past is invalid; a settled task cannot move.
    expect((await d.refused('moveDeadlines', unitUser('sx-tjj'), { phase: 'mobilization', shiftBy: 'P7D', reason: '自行延期' })).type).toBe('forbidden');
    expect((await d.refused('moveDeadlines', office, { phase: 'mobilization', shiftBy: 'P7D' } as never)).type).toBe('invalid');
    expect((await d.refused('moveDeadlines', office, { taskIds: ['materials:sx-tjj'], shiftBy: '-P30D', reason: '提前' })).type).toBe('invalid');
    expect((await d.refused('moveDeadlines', office, { taskIds: ['materials:sx-zfb'], shiftBy: 'P1D', reason: '已办结' })).type).toBe('conflict');
    expect((await d.state()).revision).toBe(before.revision);

    // Phase shift.
    const r = await d.act('moveDeadlines', office, { phase: 'mobilization', shiftBy: 'P7D', reason: '省生态环境厅调整时间节点' });
    const after = await d.state();
    expect(r.revision).toBe(after.revision);
    const openAfter = dues(after, (t) => t.phase === 'mobilization' && t.status === 'open');
    expect(openAfter).toEqual(Object.fromEntries(Object.entries(openBefore).map(([id, due]) => [id, due + 7 * DAY])));
    expect(after.phases[0].dueAt).toBe(mob.dueAt + 7 * DAY);
    expect(after.phases[0].shiftMs).toBe(7 * DAY);
    expect(after.phases[0].milestones.map((m) => m.dueAt)).toEqual(mob.milestones.map((m) => m.dueAt + 7 * DAY));
    expect(after.phases[1].milestones.map((m) => m.dueAt)).toEqual(before.phases[1].milestones.map((m) => m.dueAt)); // other phases untouched
    expect(after.tasks.find((t) => t.id === 'materials:sx-zfb')?.dueAt).toBe(schedule.materials);
    const moved = after.tasks.find((t) => t.id === 'materials:sx-tjj')!;
    expect(moved.deadlineChanges).toEqual([expect.objectContaining({ from: schedule.materials, to: schedule.materials + 7 * DAY, by: office.id, reason: '省生态环境厅调整时间节点', cause: 'phase-move' })]);
    const view = await handle.query(campaignViewQuery);
    expect(Date.parse(view.phases[0].dueAt)).toBe(mob.dueAt + 7 * DAY);

    // A future phase moves too (its milestones, hence the tasks it will create).
    await d.act('moveDeadlines', leader, { phase: 'implementation', shiftBy: 'P7D', reason: '随第一阶段顺延' });
    expect((await d.state()).phases[1].milestones.map((m) => m.dueAt)).toEqual(before.phases[1].milestones.map((m) => m.dueAt + 7 * DAY));

    // Single task move to a given instant: only that task.
    const single = schedule.materials + 10 * DAY;
    await d.act('moveDeadlines', office, { taskIds: ['materials:sx-tjj'], dueAt: single, reason: '统计局人员调整，单独延期' });
    const s3 = await d.state();
    expect(s3.tasks.find((t) => t.id === 'materials:sx-tjj')).toMatchObject({ dueAt: single, deadlineChanges: [expect.anything(), expect.objectContaining({ to: single, cause: 'move' })] });
    expect(dues(s3, (t) => t.id !== 'materials:sx-tjj')).toEqual(dues(after, (t) => t.id !== 'materials:sx-tjj'));

    // Reminders follow the moved dates: nothing at the original due date; red at the shifted one.
    const n0 = reminders('time-move').length;
    await sleepUntil(env, schedule.materials + HOUR);
    expect(reminders('time-move').length).toBe(n0);
    await sleepUntil(env, schedule.materials + 7 * DAY + MINUTE);
    const reds = reminders('time-move').filter((x) => x.level === 'red' && x.taskId.startsWith('materials:'));
    const expected = s3.tasks.filter((t) => t.kind === 'materials' && t.status === 'open' && t.id !== 'materials:sx-tjj').map((t) => t.id);
    expect(expected).toHaveLength(14); // 16 units: one approved, one moved on its own
    expect([...new Set(reds.map((x) => x.taskId))].sort()).toEqual(expected.sort());
    expect(new Set(reds.map((x) => x.at))).toEqual(new Set([new Date(schedule.materials + 7 * DAY).toISOString()]));
    expect(reds.some((x) => x.taskId === 'materials:sx-tjj')).toBe(false);
    await sleepUntil(env, single + MINUTE);
    expect(reminders('time-move').filter((x) => x.taskId === 'materials:sx-tjj' && x.level === 'red').map((x) => x.at)).toEqual([new Date(single).toISOString()]);

    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === 'time-move'), d.accepted);
    await d.act('cancel', office, { reason: '测试结束' });
  });

  it('pause: no reminders and every action refused (conflict); resume extends open due dates by the working days the pause covered, and says so', async () => {
    const { handle, schedule, driver: d } = await start('time-pause');
    await d.act('submit', unitUser('sx-tjj'), { taskId: 'materials:sx-tjj', comment: '资料清单' }); // awaiting the office
    await d.complete('materials:sx-zfb');
    const before = await d.state();
    const pauseAt = await env.currentTimeMs();
    const noticesAtPause = acts.notices.filter((n) => n.campaignId === 'time-pause').length;
    await d.act('pause', leader, { reason: '疫情防控，创建工作视情延后' });
    // Everyone a live task waited for is told once (【活动暂停】, with the reason): the units whose tasks are open, the
    // office for the submitted one.
    const pausedNotices = acts.notices.filter((n) => n.campaignId === 'time-pause').slice(noticesAtPause);
    const addressees = pausedNotices.map((n) => n.recipients.join());
    expect(new Set(addressees).size).toBe(addressees.length);
    expect(addressees).toEqual(expect.arrayContaining(['unit:sx-gxj', 'role:office']));
    expect(pausedNotices.find((n) => n.recipients[0] === 'unit:sx-gxj')!.message).toMatch(/^【活动暂停】「.+」自.+起暂停（原因：疫情防控，创建工作视情延后）。暂停期间「.+」(等\d+项任务)?不能报送或审批/);
    const view = await handle.query(campaignViewQuery);
    expect(view).toMatchObject({ status: 'paused', statusLabel: '已暂停', paused: { reason: '疫情防控，创建工作视情延后', by: leader.id } });
    expect(acts.projections.at(-1)).toMatchObject({ paused: true, status: 'paused' });
    expect(await handle.query(inboxQuery, unitUser('sx-gxj'))).toEqual([]);

    // Every action is refused with 'conflict' (活动已暂停) and changes nothing.
    const refusals = await Promise.all([
      d.refused('submit', unitUser('sx-gxj'), { taskId: 'materials:sx-gxj' }),
      d.refused('approve', office, { taskId: 'materials:sx-tjj' }),
      d.refused('return', office, { taskId: 'materials:sx-tjj', reason: '退回' }),
      d.refused('transfer', office, { taskId: 'materials:sx-tjj', toUserId: 'office-9', reason: '转交' }),
      d.refused('addApprover', office, { taskId: 'materials:sx-tjj', userId: 'office-9', reason: '加签' }),
      d.refused('closePhase', office, { phase: 'mobilization', reason: '提前结束' }),
      d.refused('openRectification', office, { unitId: 'sx-gxj', title: '督查发现问题' }),
      d.refused('recordExternalResult', inspector, { stage: 'pre-review', outcome: 'passed' }),
      d.refused('pause', leader, { reason: '再次暂停' }),
    ]);
    expect(refusals.map((f) => f.type)).toEqual(refusals.map(() => 'conflict'));
    for (const f of refusals) expect(f.message).toContain('活动已暂停');
    expect((await d.state()).revision).toBe(before.revision + 1);

    // Two months pass: every due date and escalation instant goes by, and nothing is reminded.
    const n0 = reminders('time-pause').length;
    const esc0 = acts.audit.filter((a) => a.campaignId === 'time-pause' && a.action === 'escalated').length;
    for (let i = 0; i < 4; i++) await env.sleep('15 days');
    expect(reminders('time-pause').length).toBe(n0);
    expect(acts.audit.filter((a) => a.campaignId === 'time-pause' && a.action === 'escalated').length).toBe(esc0);
    expect((await handle.query(campaignViewQuery)).status).toBe('paused');

    // Resume: every open due date (and the phases' and future milestones') moves by the working days the pause covered.
    const noticesBefore = acts.notices.filter((n) => n.campaignId === 'time-pause').length;
    await d.act('resume', namedUser('admin-1', ['admin']), { reason: '疫情解除，恢复创建工作' });
    const after = await d.state();
    const pause = after.pauses[0];
    const paused = pause.to! - pause.from;
    expect(pause).toMatchObject({ by: leader.id, resumedBy: 'admin-1', resumeReason: '疫情解除，恢复创建工作' });
    expect(Math.abs(pause.from - pauseAt)).toBeLessThan(MINUTE);
    expect(Math.abs(paused - 60 * DAY)).toBeLessThan(MINUTE);
    // the working days from the pause's day up to the resume's (its first day counted, the resume's not)
    const cal = new CampaignCalendar(undefined);
    let days = 0;
    for (let t = pause.from; localDate(t) < localDate(pause.to!); t += DAY) if (cal.isWorkingDay(localDate(t))) days++;
    expect(days).toBeGreaterThan(35); // 60 calendar days: some 40 working days, not 60
    const moved = (at: number) => cal.shiftInstantByWorkingDays(at, days);
    const live = (t: TaskState) => t.status === 'open' || t.status === 'submitted';
    expect(dues(after, live)).toEqual(Object.fromEntries(Object.entries(dues(before, live)).map(([id, due]) => [id, moved(due)])));
    expect(after.tasks.find((t) => t.id === 'materials:sx-zfb')?.dueAt).toBe(schedule.materials); // approved: stays
    expect(after.phases.map((p) => p.dueAt)).toEqual(before.phases.map((p) => (p.status === 'pending' || p.status === 'active' ? moved(p.dueAt) : p.dueAt)));
    expect(after.phases[2].milestones.map((m) => m.dueAt)).toEqual(before.phases[2].milestones.map((m) => moved(m.dueAt)));
    expect(after.tasks.find((t) => t.id === 'materials:sx-gxj')?.deadlineChanges).toEqual([expect.objectContaining({ cause: 'resume', to: moved(schedule.materials), reason: `活动恢复，期限顺延${days}个工作日；疫情解除，恢复创建工作` })]);
    // each open task's people are told the campaign resumed and their new dates, once each: one 【活动恢复】 for all of an
    // addressee's tasks (runs since 'resume-notices'; before, a 【期限调整】 of the resume's moves)
    const told = acts.notices.filter((n) => n.campaignId === 'time-pause').slice(noticesBefore);
    const gxjTasks = after.tasks.filter((t) => t.unitId === 'sx-gxj' && live(t) && t.deadlineChanges.some((c) => c.cause === 'resume'));
    const gxj = told.filter((n) => n.recipients.includes('unit:sx-gxj'));
    expect(gxj.map((n) => n.recipients)).toEqual([['unit:sx-gxj']]);
    expect(gxj[0].message).toMatch(
      gxjTasks.length > 1
        ? new RegExp(`^【活动恢复】「.+」已于.+恢复（疫情解除，恢复创建工作）。「.+」等${gxjTasks.length}项任务可继续报送或审批，期限按暂停期间的工作日数顺延(，均调整为.+，请于.+前办理|：「.+」调整为.+。请按新期限办理)。?$`)
        : /^【活动恢复】「.+」已于.+恢复（疫情解除，恢复创建工作）。「.+」可继续报送或审批，期限按暂停期间的工作日数顺延，调整为.+，请于.+前办理。$/,
    );
    expect(told.filter((n) => n.message.startsWith('【期限调整】'))).toEqual([]);
    const toldTo = told.flatMap((n) => n.recipients);
    expect(new Set(toldTo).size).toBe(toldTo.length);

    // Actions are accepted again, and reminders come at the shifted dates.
    await d.act('approve', office, { taskId: 'materials:sx-tjj' });
    await sleepUntil(env, moved(schedule.materials) + MINUTE);
    const reds = reminders('time-pause').filter((x) => x.level === 'red');
    expect(reds.length).toBeGreaterThan(0);
    expect(new Set(reds.map((x) => x.at))).toEqual(new Set([new Date(moved(schedule.materials)).toISOString()]));
    expect(reds.map((x) => x.taskId)).not.toContain('materials:sx-tjj');

    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.campaignId === 'time-pause'), d.accepted);
    const noticesAtEnd = acts.notices.filter((n) => n.campaignId === 'time-pause').length;
    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    // 终止 tells the people of the tasks still open, once each, why (【活动终止】)
    const endNotices = acts.notices.filter((n) => n.campaignId === 'time-pause').slice(noticesAtEnd);
    expect(endNotices.length).toBeGreaterThan(3);
    expect(new Set(endNotices.map((n) => n.recipients.join())).size).toBe(endNotices.length);
    expect(endNotices.find((n) => n.recipients[0] === 'unit:sx-gxj')!.message).toMatch(/^【活动终止】「.+」已于.+终止（原因：测试结束）。「.+」(等\d+项任务)?无需继续办理，系统不再发送提醒。$/);
    recordHistories('pause-notices', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
