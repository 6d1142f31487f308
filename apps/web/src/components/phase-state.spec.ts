import { phaseState } from './phase-state';

describe('phaseState: an ended campaign has no phase 进行中', () => {
  it('the phase a campaign ended in: 已终止 (终止), 已结束（创建未通过）(未通过), 已结束（活动已完成）', () => {
    expect(phaseState('cancelled', { status: 'active' })).toEqual({ status: 'ended', text: '已终止', color: 'default' });
    expect(phaseState('failed', { status: 'active' })).toEqual({ status: 'ended', text: '已结束（创建未通过）', color: 'default' });
    expect(phaseState('completed', { status: 'active' }).text).toBe('已结束（活动已完成）');
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
