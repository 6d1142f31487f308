import { AWAITED_UNREAD, awaitedItemText, awaitedLead, awaitedTail } from './awaited-signatures';

describe('the 停用 confirmation’s awaited signatures', () => {
  const t = { campaignId: 'c1', campaignName: '泗水县创建', taskId: 'key-projects:sx-tjj', title: '重点工程项目', stepName: '分管负责人签字', dueAt: '2027-03-04T16:30:00.000Z' };

  it('names a task with its campaign and its Beijing due date; none when it has no date', () => {
    expect(awaitedItemText(t)).toBe('《重点工程项目》（泗水县创建，截止 2027-03-05）');
    expect(awaitedItemText({ ...t, dueAt: null })).toBe('《重点工程项目》（泗水县创建）');
  });

  it('says how many, and 等 when more wait than are listed', () => {
    expect(awaitedLead(3)).toBe('该用户有3项正在等待其签批的事项：');
    expect(awaitedTail(3, 3)).toBe('。停用后，等待其签批的环节多数会自动转给同一岗位的其他在岗人员，无人可签时通知领导小组办公室指定；转交、加签给其本人的环节请在任务页转交他人。');
    expect(awaitedTail(50, 61).startsWith('等。停用后')).toBe(true);
  });

  it('the list unread: what stopping does to awaited signatures is still said, once', () => {
    expect(AWAITED_UNREAD).toBe('未能读取该用户正在等待签批的事项。停用后，等待其签批的环节多数会自动转给同一岗位的其他在岗人员，无人可签时通知领导小组办公室指定；转交、加签给其本人的环节请在任务页转交他人。');
  });
});
