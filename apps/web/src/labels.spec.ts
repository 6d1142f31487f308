import { stepModeText, stepStatusLabel, needLabel, principalLabel, auditNote, transferText, soleDutyText, campaignEndedText, campaignEndState, CAMPAIGN_STATUS, placeHolderText, reminderLogTitle } from './labels';

describe('an audit row’s 说明 as people read it', () => {
  it('a sealed statement’s 办理要求 (outcome, seal, signer), not 「—」', () => {
    expect(auditNote({ reason: null, comment: null, detail: { formalities: { outcome: 'none', seal: true, principalSignature: '王局长' } } } as never)).toBe('办理结果：无重点工程项目提报；已加盖单位公章；主要负责人签字：王局长');
  });
  it('a 催办 says whom it reached (the people its reminder was routed to), after its words', () => {
    expect(auditNote({ reason: null, comment: '请于周五前报送', action: 'urge', detail: { to: ['unit:sx-tjj'] }, reached: ['张敏', '李强'] } as never)).toBe('请于周五前报送；已通知：张敏、李强');
    expect(auditNote({ reason: null, comment: null, action: 'urge', detail: { to: ['unit:sx-tjj'] }, reached: [] } as never)).toBe('已通知：无人接收');
    expect(auditNote({ reason: null, comment: null, action: 'urge', detail: { to: ['unit:sx-tjj'] } } as never)).toBe(''); // not routed yet
  });
  it('修改后通过 before the signer’s words', () => {
    expect(auditNote({ reason: null, comment: '补充水环境章节', detail: { withChanges: true } } as never)).toBe('修改后通过；补充水环境章节');
    expect(auditNote({ reason: null, comment: '同意', detail: {} } as never)).toBe('同意');
  });
  it('a 转交 says whose place went to whom, by name (as the CSV does), then why', () => {
    const names = new Map([['user:u-wang', '王芳（创建办）'], ['unit:sx-tjj', '县统计局']]);
    const row = { action: 'transfer', outcome: 'success', reason: '王芳出差', comment: null, detail: { from: 'role:office', fromHolder: 'user:u-wang', to: 'user:u-li', toName: '李强（创建办）', stepName: '办公室审核' } };
    expect(auditNote(row as never, names)).toBe('转交：王芳（创建办） → 李强（创建办）；王芳出差');
    expect(transferText({ action: 'transfer', detail: { from: 'unit:sx-tjj', to: 'user:u-li' } }, names)).toBe('转交：县统计局 → u-li');
    expect(transferText({ action: 'transfer', detail: { from: 'role:office', to: 'user:u-li', toName: '李强' } })).toBe('转交：领导小组办公室 → 李强');
    expect(transferText({ action: 'approve', detail: {} })).toBeNull();
    // a refused or denied 转交 keeps the command as sent: it names whom it named (review: the table named nobody)
    expect(transferText({ action: 'transfer', detail: { command: { taskId: 't', toUserId: 'u-li', from: 'unit:sx-tjj', reason: '出差' } } }, names)).toBe('转交：县统计局 → u-li');
    expect(transferText({ action: 'transfer', detail: { command: { taskId: 't', reason: '出差' } } }, names)).toBeNull();
  });
});

describe('a step\'s signing mode tag', () => {
  const step = (mode: 'any' | 'all' | 'n-of-m', added: { userId: string; mode?: 'before' | 'after' | 'co-sign' }[] = [], n?: number) => ({ mode, added, ...(n ? { n } : {}) }) as never;
  it('says nothing when one named person signs (分管负责人签字 – 签批人：周静), the mode otherwise', () => {
    expect(stepModeText(step('any'), ['user:zhoujing'])).toBeNull();
    expect(stepModeText(step('any'), ['user:a', 'user:b'])).toBe('或签');
    expect(stepModeText(step('any'), ['role:office'])).toBe('或签'); // a role's place: whoever holds it
    expect(stepModeText(step('all'), ['user:e1', 'user:e2'])).toBe('会签');
    expect(stepModeText(step('n-of-m', [], 2), ['user:a', 'user:b', 'user:c'])).toBe('多人签（2人）');
    expect(stepModeText(step('any', [{ userId: 'leader', mode: 'co-sign' }]), ['user:leader'])).toBe('或签 + 加签');
  });
});

describe('who a step waits for, in words', () => {
  it('names a unit’s 分管负责人 place by the unit, and says what to do when it has nobody', () => {
    const names = new Map([['unit:sx-tjj', '县统计局']]);
    expect(principalLabel('unit-leader:sx-tjj', names)).toBe('县统计局分管负责人');
    expect(principalLabel('nobody:unit-leader:sx-tjj', names)).toBe('暂无可签字人员（县统计局分管负责人未设置或已停用，已通知领导小组办公室指定或转交）');
  });

  it('a unit id equal to a username reads the unit, the account the person (the demo’s sx-gxj: 县工业和信息化局, 徐杰)', () => {
    const names = new Map([['unit:sx-gxj', '县工业和信息化局'], ['user:sx-gxj', '徐杰']]);
    expect(principalLabel('unit:sx-gxj', names)).toBe('县工业和信息化局');
    expect(principalLabel('unit-leader:sx-gxj', names)).toBe('县工业和信息化局分管负责人');
    expect(principalLabel('user:sx-gxj', names)).toBe('徐杰');
    // a bare key is nobody's: neither namespace borrows it
    expect(principalLabel('unit:sx-x', new Map([['sx-x', '某人']]))).toBe('sx-x');
  });
});

describe('what an inbox item asks of me', () => {
  it('a unit’s statement waiting for its 分管负责人 reads 签字; a 整改 to send reads 整改; others their need', () => {
    const signOff = { need: 'approve' as const, kind: 'key-projects', steps: [{ assignees: ['unit-leader:sx-tjj'], status: 'active' as const }, { assignees: ['role:office'], status: 'waiting' as const }] };
    expect(needLabel(signOff)).toBe('签字');
    expect(needLabel({ ...signOff, steps: [{ assignees: ['unit-leader:sx-tjj'], status: 'done' as const }, { assignees: ['role:office'], status: 'active' as const }] })).toBe('审批');
    expect(needLabel({ need: 'submit', kind: 'rectification' })).toBe('整改');
  });
  it('the inspector’s step on a 整改 (核查组确认整改) reads 确认整改, not 审批', () => {
    const steps = [{ name: '领导小组办公室审核', assignees: ['role:office'], status: 'done' as const }, { name: '核查组确认整改', assignees: ['user:inspector'], status: 'active' as const }];
    expect(needLabel({ need: 'approve', kind: 'rectification', steps })).toBe('确认整改');
    expect(needLabel({ need: 'approve', kind: 'rectification', steps: [{ ...steps[0], status: 'active' as const }, { ...steps[1], status: 'waiting' as const }] })).toBe('审批');
  });
});

describe('停用 the only liaison or 分管负责人: what the unit loses', () => {
  it('notices reach nobody only without a liaison; without a 分管负责人 its sealed statements wait unsigned', () => {
    expect(soleDutyText(['联络员'])).toBe('该单位的任务通知、提醒和督办将无人接收。请先在「指定人员」中指定接替的人员。');
    expect(soleDutyText(['分管负责人'])).toBe('该单位须分管负责人签字的报送将无人签字（待领导小组办公室指定或转交）。请先在「指定人员」中指定接替的人员。');
    expect(soleDutyText(['联络员', '分管负责人'])).toContain('无人接收；该单位须分管负责人签字');
  });
});

describe('an ended campaign is named as its people read it', () => {
  it('终止 and completed by their status, a failed creation as 创建未通过', () => {
    expect(campaignEndedText('cancelled')).toBe('活动已终止');
    expect(campaignEndedText('completed')).toBe(`活动${CAMPAIGN_STATUS.completed.text}`);
    expect(campaignEndedText('failed')).toBe('创建未通过');
    expect(campaignEndedText('unknown')).toBe('活动已结束');
  });

  it('a consolidation campaign (巩固提升 → 复核) that failed is no 创建: 活动未通过 (the domain\'s campaignFailedText); a creation one\'s as before', () => {
    expect(campaignEndedText('failed', 'consolidation')).toBe('活动未通过');
    expect(campaignEndedText('failed', 'creation')).toBe('创建未通过');
    expect(campaignEndedText('cancelled', 'consolidation')).toBe('活动已终止');
    expect(campaignEndState('failed', 'consolidation')).toEqual({ text: '活动未通过', color: 'red' });
    expect(campaignEndState('failed', 'creation')).toEqual({ text: '创建未通过', color: 'red' });
  });

  it('the overview header names the end state in the list\'s colour (walkthrough: a failed campaign read 当前阶段 in green), nothing while it goes on', () => {
    expect(campaignEndState('failed')).toEqual({ text: '创建未通过', color: 'red' });
    expect(campaignEndState('cancelled')).toEqual({ text: '已终止', color: CAMPAIGN_STATUS.cancelled.color });
    expect(campaignEndState('completed')).toEqual({ text: '已完成', color: CAMPAIGN_STATUS.completed.color });
    for (const s of ['active', 'paused']) expect(campaignEndState(s)).toBeNull();
  });
});

describe('审批流程 of a cancelled task', () => {
  it('a step not done reads 已取消, not 审批中 / 未开始; a done step stays 已完成', () => {
    expect(stepStatusLabel({ status: 'active' }, true)).toBe('已取消');
    expect(stepStatusLabel({ status: 'waiting' }, true)).toBe('已取消');
    expect(stepStatusLabel({ status: 'done' }, true)).toBe('已完成');
    expect(stepStatusLabel({ status: 'active' }, false)).toBe('审批中');
  });
});

describe('a step’s 签批人 after a 转交', () => {
  const names = new Map([['user:zhang', '张敏'], ['user:li', '李主任'], ['user:wang', '王副县长'], ['user:qian', '钱进']]);
  const hop = (from: string, to: string, toName: string | null) => ({ from, fromHolder: from, to, toName, by: 'x', reason: 'r', at: '2027-01-04T01:00:00.000Z' });

  it('names the transferee holding the place now, with whose place it was; a place not handed over keeps its holder', () => {
    const step = { transfers: [hop('user:zhang', 'user:li', '李主任')] };
    expect(placeHolderText(step, 'user:zhang', names)).toBe('李主任（转交自张敏）');
    expect(placeHolderText(step, 'user:qian', names)).toBe('钱进');
  });

  it('a place handed on twice is its latest transferee’s (named from the directory when the transfer has no name)', () => {
    const step = { transfers: [hop('user:zhang', 'user:li', '李主任'), hop('user:zhang', 'user:wang', null)] };
    expect(placeHolderText(step, 'user:zhang', names)).toBe('王副县长（转交自张敏）');
  });
});

describe('the reminder log’s title, on its page and on 活动总览’s button', () => {
  const as = (...mine: string[]) => (...roles: string[]) => roles.some((r) => mine.includes(r));
  it('a unit reads its own unit’s; the office, a leader or an inspector the campaign’s', () => {
    expect(reminderLogTitle(as('unit') as never)).toBe('本单位收到的提醒');
    expect(reminderLogTitle(as('office') as never)).toBe('提醒与催办记录');
    expect(reminderLogTitle(as('inspector') as never)).toBe('提醒与催办记录');
  });
});
