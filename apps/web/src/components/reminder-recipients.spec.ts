import { reminderRecipientsText } from './reminder-recipients';

const names = new Map([['unit:sx-tjj', '县统计局'], ['unit:sx-fgj', '县发展和改革局']]);

describe('催办与督办记录 names who was chased', () => {
  it('a 催办 routed to a unit’s liaison: 催办对象：县统计局（张三）', () => {
    const r = { level: 'urge', recipients: ['unit:sx-tjj'], resolved: { people: [{ id: 'u1', name: '张三', via: 'unit:sx-tjj' }], unresolved: [] } };
    expect(reminderRecipientsText(r, names)).toBe('催办对象：县统计局（张三）');
  });

  it('an account named after its unit (the demo’s sx-jtj is 县交通运输局): the unit once, not 「县交通运输局（县交通运输局）」', () => {
    const r = { level: 'urge', recipients: ['unit:sx-tjj'], resolved: { people: [{ id: 'sx-tjj', name: '县统计局', via: 'unit:sx-tjj' }], unresolved: [] } };
    expect(reminderRecipientsText(r, names)).toBe('催办对象：县统计局');
    const two = { ...r, resolved: { people: [{ id: 'sx-tjj', name: '县统计局', via: 'unit:sx-tjj' }, { id: 'u1', name: '张三', via: 'unit:sx-tjj' }], unresolved: [] } };
    expect(reminderRecipientsText(two, names)).toBe('催办对象：县统计局（县统计局、张三）');
  });

  it('a 督办 to a unit’s 分管负责人 and the office: each recipient with the people it reached; one that reached nobody says so', () => {
    const r = {
      level: 'escalation',
      recipients: ['unit-leader:sx-tjj', 'role:office', 'unit:sx-fgj'],
      resolved: { people: [{ id: 'l1', name: '王局长', via: 'unit-leader:sx-tjj' }, { id: 'o1', name: '孙丽', via: 'role:office' }, { id: 'o2', name: '周敏', via: 'role:office' }], unresolved: [{ key: 'unit:sx-fgj', reason: '单位「县发展和改革局」未设置在岗的联络员' }] },
    };
    expect(reminderRecipientsText(r, names)).toBe('督办对象：县统计局分管负责人（王局长）；领导小组办公室（孙丽、周敏）；县发展和改革局（无人接收）');
  });

  it('not yet routed (待发送): the recipients alone; a person by their name; no recipients: nothing', () => {
    expect(reminderRecipientsText({ level: 'red', recipients: ['unit:sx-tjj'], resolved: null }, names)).toBe('提醒对象：县统计局');
    expect(reminderRecipientsText({ level: 'urge', recipients: ['user:u9'], resolved: { people: [{ id: 'u9', name: '李四', via: 'user:u9' }], unresolved: [] } }, names)).toBe('催办对象：李四');
    expect(reminderRecipientsText({ level: 'urge', recipients: [], resolved: null }, names)).toBeNull();
    // unit names not loaded: the id rather than nothing
    expect(reminderRecipientsText({ level: 'urge', recipients: ['unit:sx-tjj'], resolved: null })).toBe('催办对象：sx-tjj');
  });
});

describe('a person named by their account (user:<id>: a signer chased)', () => {
  const unresolved = (key: string, reason: string) => ({ people: [], unresolved: [{ key, reason }] });

  it('a deactivated signer nobody reached: 郭霞（已停用，无人接收）, not the account id (walkthrough: 催办对象：sx-yjj-fzr)', () => {
    const r = { level: 'urge', recipients: ['user:sx-yjj-fzr'], resolved: unresolved('user:sx-yjj-fzr', '用户「郭霞」已停用'), users: [{ id: 'sx-yjj-fzr', name: '郭霞', active: false }] };
    expect(reminderRecipientsText(r, names)).toBe('催办对象：郭霞（已停用，无人接收）');
  });

  it('not reached while the account is active again: 无人接收 alone; no account any more: the id, 无人接收', () => {
    expect(reminderRecipientsText({ level: 'urge', recipients: ['user:u9'], resolved: unresolved('user:u9', '用户「李四」已停用'), users: [{ id: 'u9', name: '李四', active: true }] }, names)).toBe('催办对象：李四（无人接收）');
    expect(reminderRecipientsText({ level: 'urge', recipients: ['user:gone'], resolved: unresolved('user:gone', '用户 gone 不存在'), users: [] }, names)).toBe('催办对象：gone（无人接收）');
  });

  it('not yet routed: their name alone; beside a unit, each by name', () => {
    const users = [{ id: 'u9', name: '李四', active: true }];
    expect(reminderRecipientsText({ level: 'red', recipients: ['user:u9'], resolved: null, users }, names)).toBe('提醒对象：李四');
    const r = { level: 'escalation', recipients: ['unit:sx-tjj', 'user:u9'], resolved: { people: [{ id: 'a', name: '张三', via: 'unit:sx-tjj' }], unresolved: [{ key: 'user:u9', reason: '用户「李四」已停用' }] }, users: [{ id: 'u9', name: '李四', active: false }] };
    expect(reminderRecipientsText(r, names)).toBe('督办对象：县统计局（张三）；李四（已停用，无人接收）');
  });
});
