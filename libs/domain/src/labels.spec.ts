import { approveWording, joinClauses, offersWithChanges, auditDetailText, auditTasksText, decisionLabel, auditTaskIds, INSPECTOR_CONFIRMATION_STEP, newsNoticeLabel, ownerLabel, reminderItemLabel, roleText, taskLabel, taskStatusText } from './labels';
import { unitSignOffStep } from './engine/approval-chain';

describe('task labels where tasks of several units are listed together', () => {
  const gxj = { name: '县工业和信息化局', shortName: '县工信局' };

  it('does not name the unit twice: a title ending with the short name keeps it alone', () => {
    expect(taskLabel('报送创建资料（县工信局）', gxj)).toBe('报送创建资料（县工信局）');
    expect(taskLabel('指标3 — 协办材料（县工业和信息化局）', gxj)).toBe('指标3 — 协办材料（县工业和信息化局）');
  });

  it('adds the unit where the title does not name it, and nothing without a unit', () => {
    expect(taskLabel('形成《规划》（报批稿）', gxj)).toBe('形成《规划》（报批稿）（县工业和信息化局）');
    expect(taskLabel('印发工作方案', { name: '县统计局' })).toBe('印发工作方案（县统计局）');
    expect(taskLabel('印发工作方案', null)).toBe('印发工作方案');
  });
});

describe('the tasks a plan change touched', () => {
  it('reads them from the entry: taskIds (计划调整, 调整期限 of chosen tasks), else the moved list (a phase move)', () => {
    expect(auditTaskIds({ milestone: 'materials', taskIds: ['materials:a', 'materials:b'], from: 1, to: 2 })).toEqual(['materials:a', 'materials:b']);
    expect(auditTaskIds({ phase: 'mobilization', moved: [{ id: 'x', from: 1, to: 2 }, { taskId: 'y' }, { id: 'x' }], tasksMoved: 3 })).toEqual(['x', 'y']);
    expect(auditTaskIds({ taskIds: [], moved: [{ id: 'z' }] })).toEqual(['z']);
    expect(auditTaskIds({ comment: '同意' })).toEqual([]);
    expect(auditTaskIds(undefined)).toEqual([]);
  });

  it('counts them and names the first three', () => {
    const title = (id: string) => `任务${id}`;
    expect(auditTasksText(['1', '2'], title)).toBe('2 项任务：任务1、任务2');
    expect(auditTasksText(['1', '2', '3', '4', '5'], title)).toBe('5 项任务：任务1、任务2、任务3 等');
    expect(auditTasksText([], title)).toBe('');
  });
});

describe("a task's owner as the county reads it", () => {
  it('names the government of the template region’s county; the generic words without one; other owners unchanged', () => {
    expect(ownerLabel('government', { county: '泗水县' })).toBe('泗水县人民政府');
    expect(ownerLabel('government', { county: '市南区' })).toBe('市南区人民政府');
    expect(ownerLabel('government', { county: '' })).toBe('县（区）政府');
    expect(ownerLabel('government', null)).toBe('县（区）政府');
    expect(ownerLabel('office', { county: '泗水县' })).toBe('领导小组办公室');
    expect(ownerLabel('something-new')).toBe('something-new');
  });
});

describe('the approve action on a step', () => {
  it('reads 确认整改 on 核查组确认整改 (button, dialog, success), 会签同意 on a 会签, else 审批通过', () => {
    const signOff = unitSignOffStep('sx-tjj');
    const confirm = approveWording({ name: INSPECTOR_CONFIRMATION_STEP, assignees: ['user:insp-1'] }, false);
    expect(confirm).toMatchObject({ button: '确认整改', title: '确认整改', ok: '确认整改', done: '已确认整改' });
    expect(Object.values(confirm).join()).not.toContain('审批');
    expect([decisionLabel({ decision: 'approve' }, signOff), decisionLabel({ decision: 'approve' }, { name: INSPECTOR_CONFIRMATION_STEP, assignees: ['user:insp-1'] }), decisionLabel({ decision: 'approve' }, { name: '专家评审', assignees: ['role:expert'] }), decisionLabel({ decision: 'return' }, signOff)]).toEqual(['已签字', '已确认整改', '同意', '退回']);
    expect(approveWording(signOff, false)).toMatchObject({ button: '签字确认', ok: '确认签字', done: '已签字确认，送领导小组办公室审核' });
    // the office's step follows the signature: the leader is not told 「已同意，待其他审批人签署」 (hand check)
    expect(approveWording(signOff, false).doneInReview).toBe('已签字确认，送领导小组办公室审核');
    expect(approveWording({ name: '领导小组办公室审核', assignees: ['role:office'] }, false)).toMatchObject({ doneInReview: '已同意，待其他审批人签署', doneInReviewWithChanges: '已签署：修改后通过，待其他审批人签署' });
    expect(approveWording({ name: '专家评审', assignees: ['role:expert'] }, true)).toMatchObject({ titleWithChanges: '会签：修改后通过', okWithChanges: '确认修改后通过' });
    expect(approveWording({ name: '专家评审', assignees: ['role:expert'] }, true)).toMatchObject({ button: '会签同意', title: '会签：同意', done: '已会签同意', doneWithChanges: '已会签：修改后通过' });
    expect(approveWording({ name: '领导小组办公室审核', assignees: ['role:office'] }, false)).toMatchObject({ button: '审批通过', ok: '确认通过', done: '已审批通过' });
    expect(approveWording(undefined, false).button).toBe('审批通过');
  });
});

describe('修改后通过 is an expert review\'s verdict, not an approval of a unit\'s materials', () => {
  it('offered on the step the plan puts before the experts; not where an expert was added (加签) beside the office', () => {
    expect(offersWithChanges({ name: '专家评审', assignees: ['role:expert'] })).toBe(true);
    expect(offersWithChanges({ name: '领导小组办公室审核', assignees: ['role:office', 'user:expert-1'] })).toBe(false);
    expect(offersWithChanges({ name: '领导签批', assignees: ['role:leader'] })).toBe(false);
    expect(offersWithChanges(undefined)).toBe(false);
    // a plan's own chain may name its experts: the expert-review task is one whoever signs it
    expect(offersWithChanges({ name: '专家评审', assignees: ['user:expert-1', 'user:expert-2'] }, 'plan-expert-review')).toBe(true);
    expect(offersWithChanges({ name: '领导小组办公室审核', assignees: ['role:office', 'user:expert-1'] }, 'indicator')).toBe(false);
  });
});

describe('taskStatusText: a task’s status as people read it', () => {
  it('an open external stage (预审, 公示, 现场核查, 复核) waits for its result: 待登记结果, not 待报送', () => {
    expect(taskStatusText({ status: 'open', external: true })).toBe('待登记结果');
    expect(taskStatusText({ status: 'open', external: false })).toBe('待报送');
  });

  it('a stage whose findings were rectified reads 发现问题 · 已整改; otherwise the status’s label', () => {
    expect(taskStatusText({ status: 'approved', external: true, externalResult: { outcome: 'issues' } })).toBe('发现问题 · 已整改');
    expect(taskStatusText({ status: 'approved', external: true, externalResult: { outcome: 'passed' } })).toBe('已通过');
    expect(taskStatusText({ status: 'rectifying', external: true, externalResult: { outcome: 'issues' } })).toBe('整改中');
    expect(taskStatusText({ status: 'submitted' })).toBe('审批中');
  });
  it('a joint task sent by one unit reads 待共同负责单位确认 until the others confirm, then 审批中', () => {
    expect(taskStatusText({ status: 'submitted', rounds: [{ awaitingConfirmation: ['sn-cgj'] }] })).toBe('待共同负责单位确认');
    expect(taskStatusText({ status: 'submitted', rounds: [{ awaitingConfirmation: ['sn-cgj'] }, { awaitingConfirmation: [] }] })).toBe('审批中');
    expect(taskStatusText({ status: 'returned', rounds: [{ awaitingConfirmation: ['sn-cgj'] }] })).toBe('已退回');
  });
  it('given its campaign’s status: a task the campaign ended with still to do reads 不再办理 (walkthrough: after 终止 it read 待报送); a paused one as it is', () => {
    for (const end of ['cancelled', 'failed', 'completed']) {
      expect(taskStatusText({ status: 'open' }, end)).toBe('不再办理');
      expect(taskStatusText({ status: 'open', external: true }, end)).toBe('不再办理');
      expect(taskStatusText({ status: 'submitted', rounds: [{ awaitingConfirmation: ['sn-cgj'] }] }, end)).toBe('不再办理');
      expect(taskStatusText({ status: 'returned' }, end)).toBe('不再办理');
      expect(taskStatusText({ status: 'rectifying', external: true }, end)).toBe('不再办理');
      // settled before the end: as it was
      expect(taskStatusText({ status: 'approved' }, end)).toBe('已通过');
      expect(taskStatusText({ status: 'cancelled' }, end)).toBe('已取消');
      expect(taskStatusText({ status: 'failed', external: true }, end)).toBe('未通过');
    }
    expect(taskStatusText({ status: 'open' }, 'paused')).toBe('待报送');
    expect(taskStatusText({ status: 'open' }, 'active')).toBe('待报送');
    expect(taskStatusText({ status: 'open' }, null)).toBe('待报送');
  });
});

describe('roleText: what the header says a person is', () => {
  it("reads the roles' words; an inspector of a city or province is 督导（只读）, of a county 核查组", () => {
    expect(roleText(['office', 'leader'], 'county')).toBe('领导小组办公室、领导小组领导');
    expect(roleText(['inspector'], 'city')).toBe('督导（只读）');
    expect(roleText(['inspector'], 'province')).toBe('督导（只读）');
    expect(roleText(['inspector'], 'county')).toBe('核查组');
    expect(roleText(['inspector'], null)).toBe('核查组');
  });
});

describe('auditDetailText: 结束阶段 and 更新人员名录 in words', () => {
  it('says which phase closed, how many tasks it cancelled and kept; how large the directory is and how many steps it re-assigned', () => {
    expect(auditDetailText('closePhase', { phase: 'mobilization', cancelled: 31, carried: [] })).toEqual(['阶段：动员部署阶段', '取消未完成任务 31 项']);
    expect(auditDetailText('closePhase', { phase: 'implementation', cancelled: 0, carried: ['a', 'b'] })).toEqual(['阶段：创建实施阶段', '取消未完成任务 0 项', '指标类任务 2 项转入下一阶段']);
    expect(auditDetailText('refreshDirectory', { users: 40, active: 38, resolved: [{ taskId: 't', step: 0, signers: ['x'] }] })).toEqual(['名录 40 人（在岗 38 人）', '1 项待审批任务重新确定审批人']);
    expect(auditDetailText('refreshDirectory', { users: 40, active: 40, resolved: [] })).toEqual(['名录 40 人（在岗 40 人）']);
    expect(auditDetailText('approve', { phase: 'mobilization' })).toEqual([]);
  });

  it('says which phase 调整期限 moved, from which end to which (Beijing dates), how many tasks or plan dates; and what a resume shifted', () => {
    const from = Date.parse('2026-11-25T23:59:59.999+08:00');
    const to = Date.parse('2026-12-18T23:59:59.999+08:00');
    expect(auditDetailText('moveDeadlines', { phase: 'mobilization', phaseDueAt: to, phaseDueFrom: from, tasksMoved: 16, moved: [] })).toEqual(['阶段：动员部署', '期限：2026年11月25日（周三）→ 2026年12月18日（周五）', '调整任务：16项']);
    // a phase not started: no task moved, its plan's dates did
    expect(auditDetailText('moveDeadlines', { phase: 'application', phaseDueAt: to, phaseDueFrom: to, tasksMoved: 0, milestonesMoved: [{ key: 'a' }, { key: 'b' }] })).toEqual(['阶段：申报迎查', '期限：2026年12月18日（周五）（不变）', '调整任务：0项', '调整计划节点：2个']);
    // a move of named tasks says nothing here (the export lists them)
    expect(auditDetailText('moveDeadlines', { taskIds: ['t'], moved: [{ id: 't', from, to }] })).toEqual([]);
    expect(auditDetailText('resume', { pausedMs: 1000, workingDays: 0, tasksShifted: 0 })).toEqual(['暂停期间工作日：0', '顺延任务：0项（期限不变）']);
    expect(auditDetailText('resume', { pausedMs: 60_000, tasksShifted: 3 })).toEqual(['暂停时长：不足1小时', '顺延任务：3项']);
  });
});

describe('a note of several clauses (the audit 说明, the export 详情)', () => {
  it('joins them with 「；」 without doubling a clause\'s own closing punctuation', () => {
    expect(joinClauses(['材料已签字盖章。', '办理结果：提报项目', '已通知：张敏'])).toBe('材料已签字盖章；办理结果：提报项目；已通知：张敏');
    expect(joinClauses(['请补充项目说明；', ' 已通知：张敏 '])).toBe('请补充项目说明；已通知：张敏');
  });

  it('leaves out empty clauses and keeps punctuation inside a clause', () => {
    expect(joinClauses([null, '', '。', '一、资料。二、台账', undefined])).toBe('一、资料。二、台账');
    expect(joinClauses([])).toBe('');
  });
});

describe('how a reminder is labelled where it is listed (e-mail items, the 提醒 page)', () => {
  it('a notice that only reports by what happened (已通过, 任务取消…), not 待办通知; any other by its level', () => {
    expect(reminderItemLabel('notice', '【已通过】「报送联络员」已审批通过。审批意见：材料齐全，同意。')).toBe('已通过');
    expect(reminderItemLabel('notice', '【任务取消】「A」已取消')).toBe('任务取消');
    expect(reminderItemLabel('notice', '【活动暂停】「示范县创建」自…起暂停')).toBe('活动暂停');
    expect(newsNoticeLabel('notice', '【已办结】「A」已报送，本环节无需审批，已办结。')).toBe('已办结');
    // notices that ask to act, reminders, 催办: as before
    expect(reminderItemLabel('notice', '【新任务】「A」已下达，请于…前报送。')).toBe('待办通知');
    expect(reminderItemLabel('notice', '【退回】「A」已被李娜退回：缺少公章。')).toBe('待办通知');
    expect(newsNoticeLabel('notice', '【退回】「A」已被李娜退回')).toBeNull();
    expect(reminderItemLabel('urge', '【催办】「A」请尽快报送')).toBe('催办');
    expect(reminderItemLabel('red', '【已通过】「A」')).toBe('已逾期'); // only a notice reads as news
    expect(newsNoticeLabel(null, '【已通过】「A」')).toBeNull();
    expect(reminderItemLabel('other', '')).toBe('other');
  });
});
