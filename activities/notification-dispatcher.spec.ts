import type { ItemRow } from '@eco/persistence';
import { towardStillWaiting } from './notification-dispatcher';

const item = (over: Partial<ItemRow> = {}): ItemRow => ({
  id: '1', userId: 'u1', kind: 'reminder', campaignId: 'c1', taskId: 'materials:sx-tjj', unitId: 'sx-tjj', level: 'notice', title: '全部材料等3项任务',
  message: '【新任务】「全部材料」等3项任务已下达，请于2026年12月21日（周一）前报送。', link: 'https://x/campaigns/c1/tasks/materials%3Asx-tjj', dueAt: new Date('2026-12-21T10:00:00Z'),
  at: new Date('2026-12-07T10:00:00Z'), readAt: null, createdAt: new Date('2026-12-07T10:00:00Z'), acts: true, ...over,
});
const w = (taskId: string, title: string) => ({ taskId, title, dueAt: new Date('2026-12-28T10:00:00Z') });

describe('towardStillWaiting: a 新任务 of several tasks whose own task is done names and links one still to do', () => {
  it('retargets title and link (the date its words state stays, for the render to compare) and says how many are done and which are left', () => {
    const got = towardStillWaiting(item(), { listed: 3, waiting: [w('key-projects:sx-tjj', '重点项目'), w('indicator:1:sx-tjj', '指标1')] });
    expect(got).toMatchObject({
      taskId: 'key-projects:sx-tjj', title: '重点项目等2项任务', tasks: 2, dueAt: new Date('2026-12-21T10:00:00Z'), link: 'https://x/campaigns/c1/tasks/key-projects%3Asx-tjj',
      message: '【新任务】「全部材料」等3项任务已下达，请于2026年12月21日（周一）前报送。〔其中1项已无需您办理，仍待办理：「重点项目」、「指标1」〕',
    });
  });

  it('leaves an item whose own task still waits, one not of several tasks, and one with nothing left waiting', () => {
    const own = item();
    expect(towardStillWaiting(own, { listed: 2, waiting: [w('materials:sx-tjj', '全部材料'), w('key-projects:sx-tjj', '重点项目')] })).toBe(own);
    expect(towardStillWaiting(own, undefined)).toBe(own);
    expect(towardStillWaiting(own, { listed: 2, waiting: [] })).toBe(own);
  });
});
