import type { Actor, CampaignState, DirectoryUser } from './campaign-state';
import type { Command } from './command.schema';
import { applyCommand } from './commands';
import { createCampaign } from './create-campaign';
import { assignedTaskIds, callsToAct, campaignNotice, liaisonNotices, phaseClosedNotices, reminderTitle, resumeNotices, stopNotices, taskNotices } from './notices';
import { WeekendCalendar } from './weekend-calendar';
import { refreshDirectory, withDirectory } from './directory';
import { dateLabel } from './schedule';
import { localDate } from '../rules/beijing-time';
import { newsNoticeLabel } from '../labels';
import { returnTask } from '../commands/return.command';
import { recipientsNow } from '../policy';
import { at, complete, completePhase, leader, office, office2, smallTemplate, task, unitUser } from '../../../../test/fixtures/engine-fixtures';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const T2 = at('2024-03-05T10:00:00');

/** One action through the engine, with the notices it owes. */
function act(s: CampaignState, command: Command, actor: Actor, now: number) {
  const r = applyCommand(s, command, actor, now);
  return { state: r.state, notices: taskNotices(s, r.state, r.changedTaskIds, now) };
}

describe('notices: people are told when something starts waiting for them', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);

  it('a campaign just started: every live task tells whoever owes it (新任务), once, with its due date', () => {
    const notices = taskNotices(null, created, created.tasks.map((t) => t.id), T0);
    const live = created.tasks.filter((t) => t.status === 'open');
    expect(notices.map((n) => n.taskId).sort()).toEqual(live.map((t) => t.id).sort());
    const unitTask = notices.find((n) => n.taskId === 'unit-contacts:u-a')!;
    expect(unitTask).toMatchObject({ level: 'notice', at: T0, recipients: ['unit:u-a'], unitId: 'u-a', dueAt: task(created, 'unit-contacts:u-a').dueAt });
    expect(unitTask.message).toMatch(/^【新任务】「.+」已下达，请于.+前报送。$/);
    expect(new Set(notices.map((n) => n.key)).size).toBe(notices.length);
  });

  it('a task with no step to sign (各有关部门提出意见: the unit\'s 无意见 closes it) is told 【已办结】, not 「已审批通过」 by nobody', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const approved = act(sub.state, { type: 'approve', taskId: 'unit-contacts:u-a' }, office, T2);
    expect(approved.notices.find((n) => n.taskId === 'unit-contacts:u-a')?.message).toMatch(/^【已通过】「.+」已审批通过。$/);
    // the same task closed by its submission alone (a round without steps)
    const stepless = structuredClone(approved.state);
    task(stepless, 'unit-contacts:u-a').rounds.at(-1)!.steps = [];
    const done = taskNotices(sub.state, stepless, ['unit-contacts:u-a'], T2);
    expect(done.map((n) => n.message)).toEqual([`【已办结】「${task(created, 'unit-contacts:u-a').title}」已报送，本环节无需审批，已办结。`]);
  });

  it('an approval tells the submitter its comment (审批意见), as a 退回 tells its reason; several signers\' each with their name', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const title = task(created, 'unit-contacts:u-a').title;
    const approved = act(sub.state, { type: 'approve', taskId: 'unit-contacts:u-a', comment: '材料齐全，同意。' }, office, T2);
    expect(approved.notices.find((n) => n.taskId === 'unit-contacts:u-a')?.message).toBe(`【已通过】「${title}」已审批通过。审批意见：材料齐全，同意。`);
    const changes = act(sub.state, { type: 'approve', taskId: 'unit-contacts:u-a', comment: '请补充联系电话', withChanges: true }, office, T2);
    expect(changes.notices.find((n) => n.taskId === 'unit-contacts:u-a')?.message).toBe(`【已通过】「${title}」已审批通过（修改后通过）。审批意见：请补充联系电话。`);
    // two steps (the office, then the leaders): both comments, each named; a step without a comment adds nothing
    const plan = act(created, { type: 'submit', taskId: 'work-plan-issued:plan-issued', comment: '方案已印发' }, office, T1);
    const first = act(plan.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued', comment: '同意' }, office2, T2);
    const done = act(first.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued', comment: '同意印发。' }, leader, T2 + 1000);
    const planTitle = task(created, 'work-plan-issued:plan-issued').title;
    expect(done.notices.find((n) => n.taskId === 'work-plan-issued:plan-issued')?.message).toBe(`【已通过】「${planTitle}」已审批通过。审批意见：同意（办公室李副主任）；同意印发（王区长）。`);
    const quiet = act(first.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued' }, leader, T2 + 1000);
    expect(quiet.notices.find((n) => n.taskId === 'work-plan-issued:plan-issued')?.message).toBe(`【已通过】「${planTitle}」已审批通过。审批意见：同意。`);
  });

  it('a submission tells the signers of the first step; a return tells the unit who returned it and why', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    expect(sub.notices).toEqual([expect.objectContaining({ taskId: 'unit-contacts:u-a', level: 'notice', recipients: ['role:office'], message: expect.stringContaining('待您审批') })]);
    const ret = act(sub.state, { type: 'return', taskId: 'unit-contacts:u-a', reason: '缺少分管负责人' }, office, T2);
    expect(ret.notices).toEqual([expect.objectContaining({ recipients: ['unit:u-a'], message: expect.stringMatching(/^【退回】.*已被.+退回：缺少分管负责人。请修改后于.+前重新报送。$/) })]);
  });

  it('a 加签 tells the person added who added them, that it is a 会签, and why (【加签】, runs since notice-wording-2); earlier runs: 「…环节待您审批」', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const add = { type: 'addApprover', taskId: 'unit-contacts:u-a', userId: 'leader-1', userName: '王区长', reason: '约束性指标，请组长会签。' } as const;
    const added = applyCommand(sub.state, add, office, T2);
    const title = task(created, 'unit-contacts:u-a').title;
    const due = dateLabel(localDate(task(created, 'unit-contacts:u-a').dueAt));
    const told = taskNotices(sub.state, added.state, added.changedTaskIds, T2, { wording2: true });
    // earlier sign-off rules (no directory): an added person on an 或签 step is one more who may approve — 审批
    expect(told.map((n) => [n.recipients, n.message])).toEqual([[['user:leader-1'], `【加签】办公室张主任请您审批「${title}」：约束性指标，请组长会签。期限${due}。`]]);
    expect(callsToAct(told[0].level, `c1|${told[0].key}`)).toBe(true);
    expect(taskNotices(sub.state, added.state, added.changedTaskIds, T2).map((n) => n.message)).toEqual([`【待审批】「${title}」「${task(sub.state, 'unit-contacts:u-a').rounds[0].steps[0].name}」环节待您审批，期限${due}。`]);
    // where the campaign knows its people, the office is named as such; a 前加签 (a step of their own) is an 审批
    const withPeople = structuredClone({ ...sub.state, directory: [
      { id: 'office-1', name: '创建办', roles: ['office'], active: true },
      { id: 'office-2', name: '李副主任', roles: ['office'], active: true },
      { id: 'leader-1', name: '王区长', roles: ['leader'], active: true },
    ] } as CampaignState);
    task(withPeople, 'unit-contacts:u-a').rounds[0].steps[0].signers = ['user:office-1', 'user:office-2'];
    const coSign = applyCommand(withPeople, add, office, T2);
    expect(taskNotices(withPeople, coSign.state, coSign.changedTaskIds, T2, { wording2: true }).map((n) => n.message)).toEqual([`【加签】领导小组办公室（办公室张主任）请您会签「${title}」：约束性指标，请组长会签。期限${due}。`]);
    const before = applyCommand(withPeople, { ...add, mode: 'before' }, office, T2);
    expect(taskNotices(withPeople, before.state, before.changedTaskIds, T2, { wording2: true }).map((n) => n.message)).toEqual([`【加签】领导小组办公室（办公室张主任）请您审批「${title}」：约束性指标，请组长会签。期限${due}。`]);
  });

  it('a task assigned or returned after its due date says it is late, not 请于<a past date>前', () => {
    const late = at('2024-03-12T10:00:00');
    const assigned = taskNotices(null, created, ['unit-contacts:u-a'], late);
    expect(assigned[0]!.message).toBe(`【新任务】「${task(created, 'unit-contacts:u-a').title}」已下达，原定2024年3月8日（周五）前完成，现已逾期，请尽快报送。`);
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const ret = act(sub.state, { type: 'return', taskId: 'unit-contacts:u-a', reason: '缺少分管负责人' }, office, late);
    expect(ret.notices[0]!.message).toMatch(/退回：缺少分管负责人。请修改后尽快重新报送（原定2024年3月8日（周五）前完成，已逾期）。$/);
  });

  it('退回 with a 补正期限 (the office): one act — the task moves to that day and is returned; the unit gets one 【退回】 naming the new date, the signers nothing', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const r = applyCommand(sub.state, { type: 'return', taskId: 'unit-contacts:u-a', reason: '缺少分管负责人', dueDate: '2024-03-20' }, office, T2, { calendar: new WeekendCalendar(), deadlineLanguage: true });
    const t = task(r.state, 'unit-contacts:u-a');
    expect(t.status).toBe('returned');
    expect(t.dueAt).toBe(at('2024-03-20T23:59:59.999'));
    expect(t.deadlineChanges.at(-1)).toMatchObject({ cause: 'move', reason: '退回补正：缺少分管负责人' });
    expect(r.events.map((e) => e.action)).toEqual(expect.arrayContaining(['moveDeadlines', 'return']));
    const notices = taskNotices(sub.state, r.state, r.changedTaskIds, T2);
    expect(notices).toEqual([expect.objectContaining({ recipients: ['unit:u-a'], message: '【退回】「' + t.title + '」已被' + office.name + '退回：缺少分管负责人。请修改后于2024年3月20日（周三）前重新报送。' })]);
  });

  it('only the office or a leader sets a 补正期限 with a return (who may move deadlines)', () => {
    const c = { type: 'return' as const, taskId: 'unit-contacts:u-a', reason: '补充材料', dueDate: '2024-03-20' };
    expect(returnTask.access({ units: [], separationOfDuties: false }, unitUser('u-a'), c)).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(returnTask.access({ units: [], separationOfDuties: false }, office, c)).toEqual({ allowed: true });
    expect(returnTask.access({ units: [], separationOfDuties: false }, unitUser('u-a'), { ...c, dueDate: undefined })).toEqual({ allowed: true });
  });

  it('a 退回 names who returned it as its reader can place them: a unit\'s person with the unit, the office\'s with 领导小组办公室', () => {
    const people = [
      { id: 'office-1', name: '张主任', roles: ['office'], active: true },
      { id: 'ub-1', name: '黄涛', roles: ['unit'], unitId: 'u-b', active: true },
    ] as DirectoryUser[];
    const sub = act({ ...created, directory: people }, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const byOffice = act(sub.state, { type: 'return', taskId: 'unit-contacts:u-a', reason: '缺少公章' }, { ...office, name: '张主任' }, T2);
    expect(byOffice.notices[0]!.message).toMatch(/^【退回】「.+」已被领导小组办公室（张主任）退回：缺少公章。/);
    // a co-responsible unit's person (walkthrough: 「已被黄涛退回」 — a liaison could not tell who that was)
    const byUnit = structuredClone(byOffice.state);
    const d = task(byUnit, 'unit-contacts:u-a').rounds.at(-1)!.steps.flatMap((x) => x.decisions).find((x) => x.decision === 'return')!;
    Object.assign(d, { by: 'ub-1', byName: '黄涛' });
    const uName = byUnit.catalog.units.find((u) => u.id === 'u-b')!.shortName;
    expect(taskNotices(sub.state, byUnit, ['unit-contacts:u-a'], T2)[0]!.message).toMatch(new RegExp(`^【退回】「.+」已被${uName}（黄涛）退回：缺少公章。`));
    // nobody known by that id: the name as recorded
    Object.assign(d, { by: 'gone', byName: '李四' });
    expect(taskNotices(sub.state, byUnit, ['unit-contacts:u-a'], T2)[0]!.message).toMatch(/^【退回】「.+」已被李四退回：缺少公章。/);
  });

  it('a return reason that ends with its own punctuation gets no second full stop', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    for (const reason of ['附件模糊，请重新扫描上传。', '附件模糊，请重新扫描上传！ ', '附件模糊，请重新扫描上传.', '附件模糊，请重新扫描上传？；']) {
      const ret = act(sub.state, { type: 'return', taskId: 'unit-contacts:u-a', reason }, office, T2);
      expect(ret.notices[0]!.message).toMatch(/已被.+退回：附件模糊，请重新扫描上传。请修改后于/);
    }
  });

  it('a return of a task the office owns tells the clerk who submitted it, not every office clerk', () => {
    const sub = act(created, { type: 'submit', taskId: 'work-plan-issued:plan-issued', comment: '方案已印发' }, office, T1);
    const ret = act(sub.state, { type: 'return', taskId: 'work-plan-issued:plan-issued', reason: '请附印发文件' }, office2, T2);
    expect(ret.notices).toEqual([expect.objectContaining({ recipients: [`user:${office.id}`], message: expect.stringMatching(/^【退回】.*请附印发文件/) })]);
  });

  it('the next step tells its signer; the final approval tells the submitter; nothing for those already waiting', () => {
    const sub = act(created, { type: 'submit', taskId: 'work-plan-issued:plan-issued', comment: '方案已印发' }, office, T1);
    expect(sub.notices).toHaveLength(1);
    const first = act(sub.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued' }, office2, T2);
    expect(first.notices).toEqual([expect.objectContaining({ recipients: ['role:leader'], message: expect.stringContaining('环节待您审批') })]);
    const done = act(first.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued' }, leader, T2 + 1000);
    expect(done.notices.find((n) => n.taskId === 'work-plan-issued:plan-issued')).toMatchObject({ recipients: [`user:${office.id}`], message: expect.stringContaining('已审批通过') });
    // The approval that completes the campaign still tells its submitter; nothing else is asked of anyone then.
    const completed = { ...done.state, status: 'completed' as const };
    expect(taskNotices(first.state, completed, ['work-plan-issued:plan-issued', 'unit-contacts:u-a'], T2 + 1000).map((n) => [n.taskId, n.recipients])).toEqual([['work-plan-issued:plan-issued', [`user:${office.id}`]]]);
  });

  it('a deadline moved changes nobody\'s duty (no notice by default — a re-plan or a pause); a paused campaign tells nobody', () => {
    const moved = act(created, { type: 'moveDeadlines', taskIds: ['unit-contacts:u-a'], shiftBy: 'P2D', reason: '延期' }, office, T1);
    expect(moved.notices).toEqual([]);
    const paused = act(created, { type: 'pause', reason: '暂停' }, office, T1);
    expect(taskNotices(null, paused.state, paused.state.tasks.map((t) => t.id), T1)).toEqual([]);
  });

  it('a phase moved: one 【期限调整】 per addressee — the task\'s own to whoever had one task moved, 「A」等N项任务 to whoever had several', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1).state;
    const r = applyCommand(sub, { type: 'moveDeadlines', phase: 'mobilization', shiftBy: 'P7D', reason: '省厅调整时间。' }, office, T2);
    const notices = taskNotices(sub, r.state, r.changedTaskIds, T2, { dueChanges: true });
    const to = (who: string) => notices.filter((n) => n.recipients.includes(who));
    // the office: the plan's issuing and the submitted contacts of u-a (its review) — one message
    expect(to('role:office')).toHaveLength(1);
    // each task named (walkthrough: 「A」等2项任务…均调整为… never named the second)
    expect(to('role:office')[0].message).toMatch(/^【期限调整】「.+」等2项任务的截止日期已调整（原因：省厅调整时间）：「[^」]+」、「[^」]+」，均调整为2024年3月15日（周五），请于2024年3月15日（周五）前办理。$/);
    expect(to('role:office')[0].recipients).toEqual(['role:office']);
    // its key lists the tasks: the router titles it 「A等2项任务」 (the e-mail subject, SMS) — it named only the first
    const officeKey = `c1|${to('role:office')[0].key}|role:office`;
    expect(officeKey).toMatch(/\|notice\|dues:role:office#[^#|@]+,[^#|@]+@/);
    expect(reminderTitle(officeKey, '印发实施方案')).toBe('印发实施方案等2项任务');
    // …and the inbox's SQL reads them with the same pattern as a 【新任务】's (done once none of them waits)
    expect(assignedTaskIds(officeKey)).toHaveLength(2);
    expect(reminderTitle(`c1|${to('unit:u-b')[0].key}`, '联络员')).toBe('联络员');
    expect(reminderTitle('c1|x|0|notice|dues:role:office@1', '印发实施方案')).toBe('印发实施方案'); // written before its key listed them
    // a unit with one task moved: that task's own words
    for (const u of ['unit:u-b', 'unit:u-c']) {
      expect(to(u)).toHaveLength(1);
      expect(to(u)[0].message).toMatch(/^【期限调整】「.+」的截止日期由2024年3月8日（周五）调整为2024年3月15日（周五）（原因：省厅调整时间），请于2024年3月15日（周五）前报送。$/);
    }
    expect(to('unit:u-a')).toEqual([]); // submitted: it waits for the office
    expect(new Set(notices.map((n) => n.key)).size).toBe(notices.length);
    // a move to an exact instant says its time; a batch names the earliest first (its 截止 and link)
    const exact = applyCommand(sub, { type: 'moveDeadlines', taskIds: ['unit-contacts:u-b'], dueAt: at('2024-03-12T02:25:00'), reason: '提前' } as Command, office, T2, { calendar: new WeekendCalendar(), deadlineLanguage: true });
    const told = taskNotices(sub, exact.state, exact.changedTaskIds, T2, { dueChanges: true }).filter((n) => n.recipients.includes('unit:u-b'));
    expect(told.map((n) => n.message)).toEqual([expect.stringMatching(/调整为2024年3月12日（周二）02:25（原因：提前），请于2024年3月12日（周二）02:25前报送。$/)]);
    // a date already past (a phase moved earlier; the office was warned): 已逾期, not 「请于<a past day>前报送」 (walkthrough)
    const earlier = structuredClone(sub);
    task(earlier, 'unit-contacts:u-b').dueAt = at('2024-03-01T23:59:59.999');
    const pastTold = taskNotices(sub, earlier, ['unit-contacts:u-b'], T2, { dueChanges: true }).filter((n) => n.recipients.includes('unit:u-b'));
    expect(pastTold.map((n) => n.message)).toEqual([expect.stringMatching(/调整为2024年3月1日（周五），该期限已过，任务已逾期，请尽快报送。$/)]);
    // several dates: each named (the first three)
    const spread = applyCommand(sub, { type: 'moveDeadlines', taskIds: ['work-plan-issued:plan-issued'], shiftBy: 'P1D', reason: '另行安排' }, office, T2).state;
    const both = applyCommand(spread, { type: 'moveDeadlines', phase: 'mobilization', shiftBy: 'P7D', reason: '省厅调整时间' }, office, T2 + 1000);
    const office2Told = taskNotices(spread, both.state, both.changedTaskIds, T2 + 1000, { dueChanges: true }).filter((n) => n.recipients.includes('role:office'));
    expect(office2Told).toHaveLength(1);
    expect(office2Told[0].message).toMatch(/^【期限调整】「.+」等2项任务的截止日期已调整（原因：省厅调整时间）：「.+」调整为2024年3月1\d日（周.）；「.+」调整为2024年3月1\d日（周.）。请按新期限办理。$/);
  });

  it('调整期限 (dueChanges): everyone the moved task waits for is told the old and new date and the reason, once per move', () => {
    const command: Command = { type: 'moveDeadlines', taskIds: ['unit-contacts:u-a'], shiftBy: 'P7D', reason: '省厅调整时间' };
    const r = applyCommand(created, command, office, T1);
    const notices = taskNotices(created, r.state, r.changedTaskIds, T1, { dueChanges: true });
    expect(notices).toEqual([expect.objectContaining({ taskId: 'unit-contacts:u-a', level: 'notice', recipients: ['unit:u-a'], unitId: 'u-a', dueAt: task(r.state, 'unit-contacts:u-a').dueAt })]);
    expect(notices[0].message).toMatch(/^【期限调整】「.+」的截止日期由\d{4}年\d+月\d+日（周.）调整为\d{4}年\d+月\d+日（周.）（原因：省厅调整时间），请于.+前报送。$/);
    // A submitted task: its signers are told (审批), not the unit.
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const r2 = applyCommand(sub.state, command, office, T2);
    expect(taskNotices(sub.state, r2.state, r2.changedTaskIds, T2, { dueChanges: true })).toEqual([expect.objectContaining({ recipients: ['role:office'], message: expect.stringContaining('前审批') })]);
  });
});

describe('新任务 once per addressee (batchNew: runs since \'batched-new-task-notices\')', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);
  const opened = completePhase(created, T1); // 创建实施 opens: several tasks for u-a and u-b
  const fresh = opened.tasks.filter((t) => !created.tasks.some((c) => c.id === t.id)).map((t) => t.id);
  const to = (notices: ReturnType<typeof taskNotices>, who: string) => notices.filter((n) => n.recipients.includes(who));

  it('a phase opening: whoever was assigned several tasks gets one 【新任务】 naming them with their dates; the others their task\'s own words; the same addressees as one per task', () => {
    const one = taskNotices(created, opened, fresh, T1);
    const batched = taskNotices(created, opened, fresh, T1, { batchNew: true });
    // walkthrough: before, u-a read three 【新任务】 in the same second
    expect(to(one, 'unit:u-a')).toHaveLength(3);
    expect(to(batched, 'unit:u-a')).toHaveLength(1);
    const ua = to(batched, 'unit:u-a')[0];
    expect(ua.recipients).toEqual(['unit:u-a']);
    expect(ua.message).toBe(
      '【新任务】「指标1 单位地区生产总值能耗 — 汇总报送」等3项任务已下达：「指标1 单位地区生产总值能耗 — 汇总报送」（2024年3月20日（周三）前）；「指标C1 农膜回收率 — 不涉及证明（发改局）」（2024年3月20日（周三）前）；「规划征求意见（发改局）」（2024年3月22日（周五）前），请按期限报送。',
    );
    // the item is the earliest due task's (its date and link), and lists every task in its key
    expect(ua).toMatchObject({ taskId: 'indicator:1', level: 'notice', dueAt: task(opened, 'indicator:1').dueAt, unitId: 'u-a' });
    expect(ua.key).toBe(`indicator:1|0|notice|assigned:unit:u-a#indicator:1,certificate:C1,plan-comments:u-a@${T1}`);
    expect(callsToAct(ua.level, `c1|${ua.key}`)).toBe(true); // it asks to act: done once none of its tasks waits (the inbox)
    // the router reads its tasks from the key and titles its items 「A等3项任务」 (SMS, e-mail subject, robots)
    expect(assignedTaskIds(`c1|${ua.key}|user:u1`)).toEqual(['indicator:1', 'certificate:C1', 'plan-comments:u-a']);
    expect(reminderTitle(`c1|${ua.key}`, '指标1')).toBe('指标1等3项任务');
    const single = to(batched, 'unit:u-c')[0];
    expect([assignedTaskIds(`c1|${single.key}`), reminderTitle(`c1|${single.key}`, '指标3')]).toEqual([null, '指标3']);
    // one task: its own words, as before
    expect(to(batched, 'unit:u-c')).toEqual(to(one, 'unit:u-c'));
    // nobody added or left out
    const everyone = (ns: typeof one) => [...new Set(ns.flatMap((n) => n.recipients))].sort();
    expect(everyone(batched)).toEqual(everyone(one));
    for (const who of everyone(one)) expect(to(batched, who)).toHaveLength(1);
    expect(new Set(batched.map((n) => n.key)).size).toBe(batched.length);
  });

  it('each task named: one date for all said once; up to ten each with its date; more: every one by name and the earliest date; late ones said to be late', () => {
    const same = taskNotices(created, opened, fresh.filter((id) => id !== 'plan-comments:u-a'), T1, { batchNew: true });
    // walkthrough: 「A」等2项任务 never named the second task (one needing a sealed statement)
    expect(to(same, 'unit:u-a')[0].message).toBe('【新任务】「指标1 单位地区生产总值能耗 — 汇总报送」等2项任务已下达：「指标1 单位地区生产总值能耗 — 汇总报送」、「指标C1 农膜回收率 — 不涉及证明（发改局）」，请于2024年3月20日（周三）前报送。');
    const late = at('2024-03-21T10:00:00');
    const lateOnes = taskNotices(created, opened, fresh, late, { batchNew: true });
    expect(to(lateOnes, 'unit:u-a')[0].message).toMatch(/^【新任务】「指标1 .+」等3项任务已下达：「指标1 .+」（原定2024年3月20日（周三）前完成，已逾期）；「指标C1 .+」（原定2024年3月20日（周三）前完成，已逾期）；「规划征求意见（发改局）」（2024年3月22日（周五）前），请按期限报送。$/);
    // four tasks to one unit (a fourth milestone of u-a's)
    const more = createCampaign(
      smallTemplate((t) => t.phases[1].milestones.push({ key: 'self-check', name: '自查报告', taskKind: 'plan-comments', owner: 'units', units: ['u-a'], due: { date: '2024-03-27', text: '3月27日前' } } as never)),
      { campaignId: 'c1' },
      T0,
    );
    const moreOpened = completePhase(more, T1);
    const moreFresh = moreOpened.tasks.filter((t) => !more.tasks.some((c) => c.id === t.id)).map((t) => t.id);
    const four = to(taskNotices(more, moreOpened, moreFresh, late, { batchNew: true }), 'unit:u-a');
    expect(four).toHaveLength(1);
    expect(four[0].message).toMatch(/^【新任务】「指标1 .+」等4项任务已下达：「指标1 .+」（原定2024年3月20日（周三）前完成，已逾期）；「指标C1 .+」（原定2024年3月20日（周三）前完成，已逾期）；「规划征求意见（发改局）」（2024年3月22日（周五）前）；「自查报告（发改局）」（2024年3月27日（周三）前），请按期限报送。$/);
    // twelve: the first ten by name, the earliest date
    const many = createCampaign(
      smallTemplate((t) => {
        for (let i = 1; i <= 9; i++) t.phases[1].milestones.push({ key: `self-check-${i}`, name: `自查报告${i}`, taskKind: 'plan-comments', owner: 'units', units: ['u-a'], due: { date: `2024-03-${20 + (i % 7)}`, text: '3月下旬' } } as never);
      }),
      { campaignId: 'c1' },
      T0,
    );
    const manyOpened = completePhase(many, T1);
    const twelve = to(taskNotices(many, manyOpened, manyOpened.tasks.filter((t) => !many.tasks.some((c) => c.id === t.id)).map((t) => t.id), T1, { batchNew: true }), 'unit:u-a');
    expect(twelve).toHaveLength(1);
    // every one named (walkthrough: the eleventh of 11 was never named), the earliest date
    expect(twelve[0].message).toMatch(/^【新任务】「指标1 .+」等12项任务已下达：(「[^」]+」、){11}「[^」]+」，最早一项须于2024年3月20日（周三）前报送，各项期限见「我的待办」。$/);
  });

  it('the campaign\'s start: one per addressee too (each of the small plan\'s units has one task: its own words)', () => {
    const ids = created.tasks.map((t) => t.id);
    expect(taskNotices(null, created, ids, T0, { batchNew: true })).toEqual(taskNotices(null, created, ids, T0));
  });
});

describe('callsToAct: which notices ask their people to act (and are done once the task stops waiting for them)', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);

  it('新任务 and 待审批 ask to act; the approval\'s news to the submitter does not; 督办 never; reminders and 催办 do', () => {
    const started = taskNotices(null, created, ['work-plan-issued:plan-issued'], T0);
    const sub = act(created, { type: 'submit', taskId: 'work-plan-issued:plan-issued', comment: '方案已印发' }, office, T1);
    const first = act(sub.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued' }, office2, T2);
    const done = act(first.state, { type: 'approve', taskId: 'work-plan-issued:plan-issued' }, leader, T2 + 1000);
    const approved = done.notices.find((n) => n.taskId === 'work-plan-issued:plan-issued')!;
    expect(approved.message).toContain('已审批通过');
    // as the outbox keys them (`<campaign>|<reminder key>`) and as the reminder itself
    for (const prefix of ['', 'c1|']) {
      expect([...started, ...sub.notices, ...first.notices].map((n) => callsToAct(n.level, prefix + n.key))).toEqual([true, true, true]);
      expect(callsToAct(approved.level, prefix + approved.key)).toBe(false);
    }
    expect(callsToAct('escalation', 'c1|t|1|escalation|1')).toBe(false);
    for (const level of ['blue', 'yellow', 'red', 'urge'] as const) expect(callsToAct(level, `c1|t|1|${level}|1`)).toBe(true);
  });
});

describe('【活动暂停】 and 【活动终止】: a pause or an end tells everyone a live task waited for, once each, why, and that nothing runs out', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1', name: '示范县创建' }, T0);

  it('one message per addressee naming its tasks and the reason; nothing asked of them; nothing before nor after', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1).state;
    const paused = applyCommand(sub, { type: 'pause', reason: '疫情防控，创建工作视情延后。' }, leader, T2).state;
    const notices = stopNotices(sub, paused, T2);
    // who each live task waited for, before the pause (the policy's own answer)
    const owed = new Map<string, string[]>();
    for (const t of sub.tasks) for (const r of recipientsNow(t)) owed.set(r, [...(owed.get(r) ?? []), t.title]);
    expect(owed.get('role:office')).toContain(task(sub, 'unit-contacts:u-a').title); // submitted: the office reviews it
    expect(notices.map((n) => n.recipients[0]).sort()).toEqual([...owed.keys()].sort()); // everyone, once each
    expect(notices.every((n) => n.recipients.length === 1)).toBe(true);
    expect(new Set(notices.map((n) => n.key)).size).toBe(notices.length);
    for (const n of notices) {
      const titles = owed.get(n.recipients[0])!;
      const which = titles.length > 1 ? `「${titles[0]}」等${titles.length}项任务` : `「${titles[0]}」`;
      // the reason without its own 。, the first task by name and how many
      expect(n.message).toBe(`【活动暂停】「示范县创建」自2024年3月5日（周二）起暂停（原因：疫情防控，创建工作视情延后）。暂停期间${which}不能报送或审批，期限暂停计算；恢复后期限按暂停期间的工作日数顺延，届时另行通知。`);
    }
    expect(notices.find((n) => n.recipients[0] === 'unit:u-b')).toBeDefined(); // a unit whose task is open
    for (const n of notices) {
      expect(n).toMatchObject({ level: 'notice', at: T2 });
      expect(callsToAct(n.level, `c1|${n.key}`)).toBe(false); // news: it asks nothing, and stays unread until read
    }
    // only the change that paused an active campaign tells
    expect(stopNotices(paused, paused, T2 + 1000)).toEqual([]);
    expect(stopNotices(created, sub, T1)).toEqual([]);
    const resumed = applyCommand(paused, { type: 'resume' }, leader, T2 + 60_000).state;
    expect(stopNotices(paused, resumed, T2 + 60_000)).toEqual([]);
  });

  it('【活动终止】: the same people, once each, told their tasks are no longer worked on and why — also when ended while paused', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1).state;
    const owed = new Map<string, string[]>();
    for (const t of sub.tasks) for (const r of recipientsNow(t)) owed.set(r, [...(owed.get(r) ?? []), t.title]);
    for (const from of [sub, applyCommand(sub, { type: 'pause', reason: '暂停' }, leader, T2 - 60_000).state]) {
      const ended = applyCommand(from, { type: 'cancel', reason: '上级调整创建计划' }, office, T2).state;
      const notices = stopNotices(from, ended, T2);
      expect(notices.map((n) => n.recipients[0]).sort()).toEqual([...owed.keys()].sort());
      for (const n of notices) {
        const titles = owed.get(n.recipients[0])!;
        const which = titles.length > 1 ? `「${titles[0]}」等${titles.length}项任务` : `「${titles[0]}」`;
        expect(n.message).toBe(`【活动终止】「示范县创建」已于2024年3月5日（周二）终止（原因：上级调整创建计划）。${which}无需继续办理，系统不再发送提醒。`);
        expect(callsToAct(n.level, `c1|${n.key}`)).toBe(false);
      }
      expect(stopNotices(ended, ended, T2 + 1000)).toEqual([]);
    }
  });

  it('【创建未通过】: a stage recorded 未通过 ends the campaign — the same people told, the stage named without its English', () => {
    const failed: CampaignState = { ...created, status: 'failed', finished: { status: 'failed', at: T2, by: 'i1', reason: '市生态环境局预审未通过 (pre-review failed)' } };
    const notices = stopNotices(created, failed, T2);
    expect(notices.length).toBeGreaterThan(1);
    for (const n of notices) expect(n.message).toMatch(/^【创建未通过】「示范县创建」已于2024年3月5日（周二）结束（原因：市生态环境局预审未通过）。「.+」(等\d+项任务)?无需继续办理，系统不再发送提醒。$/);
  });

  it('a consolidation campaign (巩固提升 → 复核) that failed reads 【活动未通过】, to its task people and its leaders — not 创建', () => {
    const failed: CampaignState = { ...created, kind: 'consolidation', status: 'failed', finished: { status: 'failed', at: T2, by: 'i1', reason: '复核未通过' } };
    const notices = stopNotices({ ...created, kind: 'consolidation' }, failed, T2, { leaders: true });
    expect(notices.length).toBeGreaterThan(1);
    for (const n of notices) expect(n.message).toMatch(/^【活动未通过】「示范县创建」已于2024年3月5日（周二）结束（原因：复核未通过）。/);
    expect(notices.filter((n) => n.recipients[0] === 'role:leader').map((n) => n.message)).toEqual(['【活动未通过】「示范县创建」已于2024年3月5日（周二）结束（原因：复核未通过）。各项任务停止办理，系统不再发送提醒。']);
    // news, as the creation campaign's 【创建未通过】: labelled by what happened, asking nothing
    for (const n of notices) expect([newsNoticeLabel(n.level, n.message), callsToAct(n.level, `c1|${n.key}`)]).toEqual(['活动未通过', false]);
  });

  it('the leaders are told the end too, once, though no task waited for them (runs since end-notices-leaders); earlier runs: not', () => {
    const failed: CampaignState = { ...created, status: 'failed', finished: { status: 'failed', at: T2, by: 'i1', reason: '市生态环境局预审未通过 (pre-review failed)' } };
    const waitedFor = new Set(stopNotices(created, failed, T2).map((n) => n.recipients[0]));
    expect(waitedFor.has('role:leader')).toBe(false);
    const withLeaders = stopNotices(created, failed, T2, { leaders: true });
    const toLeaders = withLeaders.filter((n) => n.recipients[0] === 'role:leader');
    expect(toLeaders.map((n) => n.message)).toEqual(['【创建未通过】「示范县创建」已于2024年3月5日（周二）结束（原因：市生态环境局预审未通过）。各项任务停止办理，系统不再发送提醒。']);
    expect(withLeaders.length).toBe(waitedFor.size + 1);
    expect(callsToAct(toLeaders[0].level, `c1|${toLeaders[0].key}`)).toBe(false);
    const cancelled = applyCommand(created, { type: 'cancel', reason: '上级调整创建计划' }, office, T2).state;
    expect(stopNotices(created, cancelled, T2, { leaders: true }).filter((n) => n.recipients[0] === 'role:leader').map((n) => n.message)).toEqual(['【活动终止】「示范县创建」已于2024年3月5日（周二）终止（原因：上级调整创建计划）。各项任务停止办理，系统不再发送提醒。']);
    // a pause is not an end: the leaders are not told separately
    const paused = applyCommand(created, { type: 'pause', reason: '暂停' }, leader, T2).state;
    expect(stopNotices(created, paused, T2, { leaders: true }).some((n) => campaignNotice(`c1|${n.key}`))).toBe(false);
    expect(stopNotices(created, paused, T2, { leaders: true }).some((n) => n.recipients[0] === 'role:leader')).toBe(false);
  });

  it('the leaders\' notice is about the campaign (campaignNotice: its own occasion, no unit), the per-task ones to units are not', () => {
    const cancelled = applyCommand(created, { type: 'cancel', reason: '上级调整创建计划' }, office, T2).state;
    const told = stopNotices(created, cancelled, T2, { leaders: true });
    const [toLeaders, ...more] = told.filter((n) => n.recipients[0] === 'role:leader');
    expect(more).toEqual([]);
    // its key names its occasion and addressee; the router and the renderer read it (an item's key: the outbox row's and the reader)
    expect(toLeaders.key).toBe(`${toLeaders.taskId}|${toLeaders.round}|notice|campaign-ended:role:leader@${T2}`);
    expect(campaignNotice(`c1|${toLeaders.key}`)).toBe(true);
    expect(campaignNotice(`c1|${toLeaders.key}|user:l1`)).toBe(true);
    // the outbox keeps a task for it (required there), of no unit: not a unit's reminder (its log, its robot)
    expect(toLeaders.taskId).toBe(created.tasks.find((t) => t.status === 'open')!.id);
    expect(toLeaders.unitId).toBeUndefined();
    expect(callsToAct(toLeaders.level, `c1|${toLeaders.key}`)).toBe(false); // news, as before
    // the units' 【活动终止】 of their tasks: about their tasks, as before; so are the notices that only resemble it
    const perTask = told.filter((n) => n !== toLeaders);
    expect(perTask.length).toBeGreaterThan(0);
    for (const n of perTask) expect(campaignNotice(`c1|${n.key}`)).toBe(false);
    expect(campaignNotice(`c1|t1|1|notice|ended:role:leader@${T2}`)).toBe(false); // built before its key said so
    expect(campaignNotice(`c1|t1|1|notice|assigned:unit:u-a#t1,t2@${T2}`)).toBe(false);
  });

  it('…a leader a live task waited for is told once, with their tasks; with the campaign\'s people, each active leader by name', () => {
    const withPeople: CampaignState = { ...created, directory: [
      { id: 'o1', name: '办公室', roles: ['office'], active: true },
      { id: 'l1', name: '组长', roles: ['leader'], active: true },
      { id: 'l2', name: '副组长', roles: ['leader'], active: true },
      { id: 'l3', name: '已离任', roles: ['leader'], active: false },
    ] } as CampaignState;
    const failed: CampaignState = { ...withPeople, status: 'failed', finished: { status: 'failed', at: T2, by: 'i1', reason: '预审未通过' } };
    const told = stopNotices(withPeople, failed, T2, { leaders: true });
    const to = told.flatMap((n) => n.recipients);
    expect(new Set(to).size).toBe(to.length);
    expect(to).toEqual(expect.arrayContaining(['user:l1', 'user:l2']));
    expect(to).not.toContain('user:l3');
  });

  it('where the campaign knows its people (directory), the office is its clerks: a clerk named on a step is told once; an English tail of a reason is not read out', () => {
    const withPeople: CampaignState = { ...created, directory: [
      { id: 'o1', name: '办公室', roles: ['office'], active: true },
      { id: 'o2', name: '办公室乙', roles: ['office'], active: true },
      { id: 'o3', name: '已离岗', roles: ['office'], active: false },
    ] } as CampaignState;
    const sub = act(withPeople, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1).state;
    const paused = applyCommand(sub, { type: 'pause', reason: '上级调整 (province moved the review)' }, leader, T2).state;
    const notices = stopNotices(sub, paused, T2);
    const keys = notices.map((n) => n.recipients[0]);
    expect(keys).not.toContain('role:office');
    expect(keys.filter((k) => k === 'user:o1')).toHaveLength(1);
    expect(keys).toContain('user:o2');
    expect(keys).not.toContain('user:o3');
    for (const n of notices) expect(n.message).toContain('（原因：上级调整）');
  });
});

describe('【活动恢复】: a resume tells everyone a live task waits for, once, whether or not a date moved', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1', name: '示范县创建' }, T0);
  const calendar = new WeekendCalendar();
  const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1).state;
  const owed = new Map<string, string[]>();
  for (const t of sub.tasks) for (const r of recipientsNow(t)) owed.set(r, [...(owed.get(r) ?? []), t.id]);
  const which = (ids: string[]) => `「${task(sub, ids[0]).title}」${ids.length > 1 ? `等${ids.length}项任务` : ''}`;

  it('a same-day pause moves no date: each addressee is still told the campaign resumed, their dates unchanged', () => {
    const paused = applyCommand(sub, { type: 'pause', reason: '临时调整' }, leader, T2).state;
    const resumed = applyCommand(paused, { type: 'resume' }, leader, T2 + 3_600_000, { calendar, resumeByWorkingDays: true });
    expect(resumed.changedTaskIds).toEqual([]); // nothing moved: no 【期限调整】 either
    const notices = resumeNotices(paused, resumed.state, T2 + 3_600_000);
    expect(notices.map((n) => n.recipients[0]).sort()).toEqual([...owed.keys()].sort()); // everyone, once each
    for (const n of notices) {
      const ids = owed.get(n.recipients[0])!;
      const dates = new Set(ids.map((id) => task(sub, id).dueAt));
      const due = dateLabel(localDate(task(sub, ids[0]).dueAt));
      expect(n.message).toBe(`【活动恢复】「示范县创建」已于2024年3月5日（周二）恢复。${which(ids)}可继续报送或审批，期限不变，${dates.size === 1 ? `请于${due}前办理` : '请按原期限办理'}。`);
      expect(n).toMatchObject({ level: 'notice', at: T2 + 3_600_000 });
      expect(callsToAct(n.level, `c1|${n.key}`)).toBe(false); // news
    }
    // only the change that resumed tells
    expect(resumeNotices(sub, paused, T2)).toEqual([]);
    expect(resumeNotices(resumed.state, resumed.state, T2 + 7_200_000)).toEqual([]);
  });

  it('dates moved: the same one message says so with the new dates (the resume owes no separate 【期限调整】)', () => {
    const paused = applyCommand(sub, { type: 'pause', reason: '疫情防控' }, leader, T2).state;
    const later = at('2024-03-07T10:00:00'); // Tuesday to Thursday: two working days
    const resumed = applyCommand(paused, { type: 'resume', reason: '疫情解除。' }, leader, later, { calendar, resumeByWorkingDays: true }).state;
    const notices = resumeNotices(paused, resumed, later);
    expect(notices.map((n) => n.recipients[0]).sort()).toEqual([...owed.keys()].sort());
    for (const n of notices) {
      const ids = owed.get(n.recipients[0])!;
      const news = [...new Set(ids.map((id) => dateLabel(localDate(task(resumed, id).dueAt))))];
      expect(n.message.startsWith(`【活动恢复】「示范县创建」已于2024年3月7日（周四）恢复（疫情解除）。${which(ids)}可继续报送或审批，期限按暂停期间的工作日数顺延`)).toBe(true);
      if (news.length === 1) expect(n.message.endsWith(`调整为${news[0]}，请于${news[0]}前办理。`)).toBe(true);
      else expect(n.message).toMatch(/：「.+」调整为.+。请按新期限办理。$/);
    }
  });

  it('some of an addressee\'s dates moved to one day: which moved, and that the others keep theirs (not 「…等N项…调整为X」)', () => {
    const paused = applyCommand(sub, { type: 'pause', reason: '临时调整' }, leader, T2).state;
    const [recipient, ids] = [...owed.entries()].find(([, v]) => v.length > 1)!;
    const resumed = structuredClone({ ...paused, status: 'active' as const });
    task(resumed, ids[0]).dueAt += 2 * 86_400_000; // one of its tasks moved, the others not
    const n = resumeNotices(paused, resumed, T2 + 3_600_000).find((x) => x.recipients[0] === recipient)!;
    const to = dateLabel(localDate(task(resumed, ids[0]).dueAt));
    expect(n.message.endsWith(`其中「${task(sub, ids[0]).title}」的期限按暂停期间的工作日数顺延，调整为${to}；其余期限不变。请按新期限办理。`)).toBe(true);
  });
});

describe('【任务取消】: 结束阶段 tells the people of every live task it cancelled, once each, why', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1', name: '示范县创建' }, T0);

  it('the units that owed one, the signers of a submitted one and its submitter; nothing else, nothing asked', () => {
    const sub = act(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1).state;
    const r = applyCommand(sub, { type: 'closePhase', phase: 'mobilization', reason: '按市局要求提前进入创建实施阶段。' }, office, T2);
    const closed = r.state.phases.find((p) => p.key === 'mobilization')!.closed!;
    expect(closed.cancelledTaskIds).toContain('unit-contacts:u-a'); // submitted, awaiting the office: cancelled too
    const owed = new Map<string, string[]>();
    for (const id of closed.cancelledTaskIds) for (const k of recipientsNow(task(sub, id))) owed.set(k, [...(owed.get(k) ?? []), id]);
    owed.set('unit:u-a', [...new Set([...(owed.get('unit:u-a') ?? []), 'unit-contacts:u-a'])]); // its submitter
    const notices = phaseClosedNotices(sub, r.state, T2);
    expect(owed.get('role:office')).toContain('unit-contacts:u-a');
    expect(notices.map((n) => n.recipients[0]).sort()).toEqual([...owed.keys()].sort());
    for (const n of notices) {
      const ids = owed.get(n.recipients[0])!;
      expect(n.message).toMatch(new RegExp(`^【任务取消】「示范县创建」的「${r.state.phases[0].name.replace(/阶段$/, '')}阶段」已由领导小组办公室结束（原因：按市局要求提前进入创建实施阶段），「[^」]+」${ids.length > 1 ? `等${ids.length}项任务` : ''}已取消，无需继续办理，系统不再发送提醒。$`));
      expect(callsToAct(n.level, `c1|${n.key}`)).toBe(false);
    }
    expect(phaseClosedNotices(r.state, r.state, T2 + 1000)).toEqual([]);
    expect(phaseClosedNotices(created, sub, T1)).toEqual([]);
  });
});

describe("a new 整改's notice says where it comes from", () => {
  it('names the stage that found it, who recorded it and when, and the result’s note; an office-opened 整改 reads as any new task', () => {
    const T = at('2024-03-05T10:00:00');
    let s = createCampaign(smallTemplate(), { campaignId: 'c1' }, at('2024-03-01T09:00:00'));
    s = completePhase(completePhase(s, at('2024-03-04T10:00:00')), at('2024-03-04T11:00:00'));
    s = complete(s, ['application:apply'], at('2024-03-04T12:00:00'));
    const inspector: Actor = { id: 'insp-1', name: '省厅核查组', roles: ['inspector'] };
    const r = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', comment: '原则通过，需限期整改。', findings: [{ title: '污水处理台账不全', unitId: 'u-a' }] } as Command, inspector, T);
    const stage = task(r.state, 'pre-review:pre-review');
    const notices = taskNotices(s, r.state, r.changedTaskIds, T);
    const rect = notices.find((n) => n.taskId === 'rectification:1')!;
    expect(rect.message).toBe(`【新任务】「${task(r.state, 'rectification:1').title}」已下达（${stage.title}发现，省厅核查组于2024年3月5日（周二）登记：原则通过，需限期整改），请于${rect.message.match(/请于(.+)前报送/)![1]}前报送。`);
    // once sent and reviewed by the office, the inspector (核查组确认整改) is asked to confirm the fix, not to 审批
    const rules = createCampaign(smallTemplate(), { campaignId: 'c2', planRules: { inspectorConfirms: true } }, at('2024-03-01T09:00:00'));
    const found = applyCommand(complete(completePhase(completePhase(rules, at('2024-03-04T10:00:00')), at('2024-03-04T11:00:00')), ['application:apply'], at('2024-03-04T12:00:00')), { type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', findings: [{ title: '污水处理台账不全', unitId: 'u-a' }] } as Command, inspector, T).state;
    const sent = applyCommand(found, { type: 'submit', taskId: 'rectification:1', comment: '台账已补齐' }, unitUser('u-a'), T + 1000).state;
    const reviewed = act(sent, { type: 'approve', taskId: 'rectification:1' }, office, T + 2000);
    expect(reviewed.notices.map((n) => [n.recipients, n.message.replace(/期限.+$/, '')])).toEqual([[['user:insp-1'], `【待确认整改】「${task(sent, 'rectification:1').title}」已由${unitUser('u-a').name}报送整改情况，经领导小组办公室审核，请您核查并确认整改，`]]);
    // the office's own 整改 (no stage) reads as any new task
    const o = applyCommand(r.state, { type: 'openRectification', title: '档案目录缺页', unitId: 'u-b' } as Command, office, T + 1000);
    const mine = taskNotices(r.state, o.state, o.changedTaskIds, T + 1000).find((n) => n.taskId === 'rectification:2');
    expect(mine?.message).toMatch(/^【新任务】「[^」]+」已下达，请于/);
  });
});

describe('【新任务】 to a newly named liaison: a directory refresh tells them the unit\'s live tasks, once', () => {
  const people = (liaisonOfB: string[]): DirectoryUser[] => [
    { id: 'o1', name: '办公室', roles: ['office'], unitId: null, active: true },
    { id: 'b-old', name: '原联络员', roles: ['unit'], unitId: 'u-b', active: true, ...(liaisonOfB.includes('b-old') ? { liaisonOf: ['u-b'] } : {}) },
    { id: 'b-new', name: '王晓红', roles: ['unit'], unitId: 'u-b', active: true, ...(liaisonOfB.includes('b-new') ? { liaisonOf: ['u-b'] } : {}) },
    { id: 'a-1', name: '发改局联络员', roles: ['unit'], unitId: 'u-a', active: true, liaisonOf: ['u-a'] },
  ];
  const created = withDirectory(createCampaign(smallTemplate(), { campaignId: 'c1', name: '示范县创建' }, T0), people(['b-old']));
  const owedByB = created.tasks.filter((t) => recipientsNow(t).includes('unit:u-b'));

  it('the new liaison (in place of the old one) gets one 【新任务】 naming the unit\'s tasks with their dates; the old one and the other units nothing', () => {
    expect(owedByB.length).toBeGreaterThan(0);
    const r = refreshDirectory(created, people(['b-new']), office, T1);
    const told = liaisonNotices(created, r.state, T1);
    expect(told).toHaveLength(1);
    const [n] = told;
    expect(n).toMatchObject({ level: 'notice', at: T1, recipients: ['user:b-new'], unitId: 'u-b' });
    const sorted = [...owedByB].sort((a, b) => a.dueAt - b.dueAt);
    expect(assignedTaskIds(`c1|${n.key}`)?.sort()).toEqual(owedByB.map((t) => t.id).sort());
    expect(n.taskId).toBe(sorted[0].id);
    const named = `「${sorted[0].title}」${sorted.length > 1 ? `等${sorted.length}项任务` : ''}`;
    expect(n.message.startsWith(`【新任务】${named}已下达（您已被指定为区统计局联络员）`)).toBe(true);
    expect(n.message).toContain(dateLabel(localDate(sorted[0].dueAt)));
    expect(callsToAct(n.level, `c1|${n.key}`)).toBe(true);
  });

  it('a liaison added beside the old one is told; one who already was, nothing; a refresh that names nobody new, nothing', () => {
    const both = refreshDirectory(created, people(['b-old', 'b-new']), office, T1);
    expect(liaisonNotices(created, both.state, T1).map((n) => n.recipients)).toEqual([['user:b-new']]);
    const again = refreshDirectory(both.state, people(['b-old', 'b-new']), office, T2);
    expect(liaisonNotices(both.state, again.state, T2)).toEqual([]);
    // the old liaison removed: nobody new, nothing
    const removed = refreshDirectory(both.state, people(['b-new']), office, T2);
    expect(liaisonNotices(both.state, removed.state, T2)).toEqual([]);
  });

  it('a task done or submitted no longer waits for the unit; an inactive account, a paused campaign or one without a directory before: nothing', () => {
    const contacts = owedByB.find((t) => t.id === 'unit-contacts:u-b')!;
    const sub = applyCommand(created, { type: 'submit', taskId: contacts.id, value: '联络员：王晓红' }, unitUser('u-b'), T1).state;
    const r = refreshDirectory(sub, people(['b-new']), office, T2);
    const ids = liaisonNotices(sub, r.state, T2).flatMap((n) => assignedTaskIds(`c1|${n.key}`) ?? []);
    expect(ids.sort()).toEqual(owedByB.filter((t) => t !== contacts).map((t) => t.id).sort());
    const inactive = people(['b-new']).map((u) => (u.id === 'b-new' ? { ...u, active: false } : u));
    expect(liaisonNotices(created, refreshDirectory(created, inactive, office, T1).state, T1)).toEqual([]);
    const paused = applyCommand(created, { type: 'pause', reason: '暂停' }, leader, T1).state;
    expect(liaisonNotices(paused, refreshDirectory(paused, people(['b-new']), office, T2).state, T2)).toEqual([]);
    const legacy = { ...created, directory: undefined } as CampaignState;
    expect(liaisonNotices(legacy, refreshDirectory(legacy, people(['b-new']), office, T1).state, T1)).toEqual([]);
  });
});
