import { phaseProgress, phaseState } from './phase-state';

describe('phaseState: an ended campaign has no phase 进行中', () => {
  it('the phase a campaign ended in: 已终止 (终止), 已结束（创建未通过）(未通过), 已结束（活动已完成）', () => {
    expect(phaseState('cancelled', { status: 'active' })).toEqual({ status: 'ended', text: '已终止', color: 'default' });
    expect(phaseState('failed', { status: 'active' })).toEqual({ status: 'ended', text: '已结束（创建未通过）', color: 'default' });
    expect(phaseState('completed', { status: 'active' }).text).toBe('已结束（活动已完成）');
    // a consolidation campaign's 未通过 is no 创建
    expect(phaseState('failed', { status: 'active' }, 'consolidation').text).toBe('已结束（活动未通过）');
    expect(phaseState('failed', { status: 'active' }, 'creation').text).toBe('已结束（创建未通过）');
  });
  it('a campaign that goes on (active, paused): 进行中; the other phases keep their status', () => {
    expect(phaseState('active', { status: 'active' })).toEqual({ status: 'active', text: '进行中', color: 'processing' });
    expect(phaseState('paused', { status: 'active' }).text).toBe('进行中');
    expect(phaseState('failed', { status: 'completed' })).toEqual({ status: 'completed', text: '已完成', color: 'success' });
    expect(phaseState('cancelled', { status: 'closed' }).text).toBe('已结束');
    expect(phaseState('cancelled', { status: 'pending' }).text).toBe('未开始');
    expect(phaseState(undefined, { status: 'active' }).text).toBe('进行中');
  });
});

describe('phaseProgress: a closed phase says what it left undone', () => {
  it('结束阶段 with tasks cancelled: 4/4 项完成，31 项任务结束时未完成（已取消）, and the bar is not full', () => {
    const ids = Array.from({ length: 31 }, (_, i) => `t${i}`);
    expect(phaseProgress({ status: 'closed', progress: { approved: 4, total: 4 }, closed: { cancelledTaskIds: ids } })).toEqual({ percent: 11, text: '4/4 项完成，31 项任务结束时未完成（已取消）' });
  });
  it('otherwise as before: approved/total, and a pending phase without tasks says when they come', () => {
    expect(phaseProgress({ status: 'active', progress: { approved: 1, total: 4 }, closed: null })).toEqual({ percent: 25, text: '1/4 项完成' });
    expect(phaseProgress({ status: 'closed', progress: { approved: 2, total: 2 }, closed: { cancelledTaskIds: [] } })).toEqual({ percent: 100, text: '2/2 项完成' });
    expect(phaseProgress({ status: 'pending', progress: { approved: 0, total: 0 } })).toEqual({ percent: 0, text: '任务在本阶段开始时下达' });
    // a unit's reader: the closing time only (no cancelled ids), the card as before
    expect(phaseProgress({ status: 'closed', progress: { approved: 4, total: 4 }, closed: { at: '2027-03-01T00:00:00.000Z' } as never })).toEqual({ percent: 100, text: '4/4 项完成' });
  });
});
