import { reminderTag } from './reminder-tag';

describe('the tag of a listed reminder (我的提醒 and 提醒与催办记录)', () => {
  it('a notice that only reports reads what happened, not 待办通知', () => {
    expect(reminderTag('notice', '【已通过】「县统计局 材料报送」已通过全部审批').text).toBe('已通过');
    expect(reminderTag('notice', '【任务取消】「县统计局 材料报送」已取消').text).toBe('任务取消');
  });

  it('a notice with something to do, and every other level, reads its level', () => {
    expect(reminderTag('notice', '【新任务】「县统计局 材料报送」请于期限前报送')).toEqual({ text: '待办通知', color: 'green' });
    expect(reminderTag('urge', '【催办】请尽快报送')).toEqual({ text: '催办', color: 'volcano' });
    expect(reminderTag('red', '已逾期')).toEqual({ text: '已逾期', color: 'red' });
    expect(reminderTag('escalation', null).text).toBe('督办');
  });

  it('an unknown level reads as it is, uncoloured', () => {
    expect(reminderTag('purple', 'x')).toEqual({ text: 'purple', color: undefined });
  });
});
