import { taskReading } from './task-reading';

const siteCheck = { status: 'open' as const, engineStatus: 'open' as const, external: true, externalResult: null, blockedBy: { milestoneKey: 'site-prep', milestoneName: '现场核查准备' } };

describe('taskReading: an open task of an ended campaign reads as the server says (endedUndone)', () => {
  it('现场核查 of a campaign 创建未通过: 不再办理, no 待前序环节 promise, nobody named to record its result', () => {
    const r = taskReading({ ...siteCheck, endedUndone: 'failed', statusLabel: '不再办理' });
    expect(r).toEqual({ status: '不再办理', blocked: false, unrecorded: '未登记结果（创建未通过）', unsent: '外部审查环节无需报送；创建未通过，未登记结果' });
    expect(Object.values(r).join()).not.toMatch(/待登记结果|待前序|由领导小组办公室或核查组登记/);
    expect(taskReading({ status: 'open', engineStatus: 'open', endedUndone: 'cancelled', statusLabel: '不再办理' })).toMatchObject({ status: '不再办理', unsent: '未报送（活动已终止）' });
    // of a consolidation campaign (巩固提升 → 复核): 活动未通过, no 创建
    expect(taskReading({ ...siteCheck, endedUndone: 'failed', statusLabel: '不再办理' }, 'consolidation')).toMatchObject({ unrecorded: '未登记结果（活动未通过）', unsent: '外部审查环节无需报送；活动未通过，未登记结果' });
  });
  it('a campaign that goes on: 待登记结果 / 待报送, 待前序环节 while blocked', () => {
    expect(taskReading(siteCheck)).toEqual({ status: '待登记结果', blocked: true, unrecorded: '尚未登记结果（由领导小组办公室或核查组登记）', unsent: '外部审查环节无需报送，待登记结果' });
    expect(taskReading({ status: 'open', engineStatus: 'open' })).toMatchObject({ status: '待报送', blocked: false, unsent: '尚未报送' });
    expect(taskReading({ status: 'approved', engineStatus: 'approved', external: true, externalResult: { outcome: 'issues' } }).status).toBe('发现问题 · 已整改');
  });
  it('a joint task sent by one unit reads 待共同负责单位确认 until the others confirm, then 审批中', () => {
    const sent = { status: 'submitted' as const, engineStatus: 'submitted' as const };
    expect(taskReading({ ...sent, rounds: [{ awaitingConfirmation: ['sn-cgj'] }] }).status).toBe('待共同负责单位确认');
    expect(taskReading({ ...sent, rounds: [{ awaitingConfirmation: [] }] }).status).toBe('审批中');
    expect(taskReading({ ...sent, rounds: [{ awaitingConfirmation: ['sn-cgj'] }, {}] }).status).toBe('审批中');
  });
});
