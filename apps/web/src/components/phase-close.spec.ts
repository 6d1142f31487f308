import { createCampaign, listTasks } from '@eco/domain';
import { at, completePhase, office, run, smallTemplate } from '../../../../test/fixtures/engine-fixtures';
import { closeEffect, closeEffectText } from './phase-close';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-12T10:00:00');

/** 创建实施 of the small template, its 规划专家论证 sent to the experts (under review). */
function inImplementation() {
  let s = completePhase(createCampaign(smallTemplate(), { campaignId: 'close' }, T0), T0);
  s = run(s, { type: 'submit', taskId: 'plan-expert-review:expert-review', comment: '送专家评审' }, office, T1);
  return s;
}
const rows = (s: ReturnType<typeof inImplementation>) => listTasks(s, T1).map((t) => ({ id: t.id, title: t.title, phase: t.phase, kind: t.kind, engineStatus: t.status }));

describe('结束阶段 says what it cancels before the office confirms', () => {
  it('cancels what the engine cancels and keeps what it carries over (the rule of the engine’s GATE_KINDS)', () => {
    const s = inImplementation();
    const e = closeEffect(rows(s), 'implementation');
    const closed = run(s, { type: 'closePhase', phase: 'implementation', reason: '提前申报' }, office, T1).phases.find((p) => p.key === 'implementation')!.closed!;
    expect(e.cancelled.map((t) => t.id).sort()).toEqual([...closed.cancelledTaskIds].sort());
    expect(e.kept.map((t) => t.id).sort()).toEqual([...closed.carriedTaskIds].sort());
    expect(e.kept.length).toBeGreaterThan(0);
    expect(e.inReview.map((t) => t.id)).toEqual(['plan-expert-review:expert-review']);
  });

  it('names how many, the first three, and those already submitted and under review', () => {
    const e = closeEffect(rows(inImplementation()), 'implementation');
    const text = closeEffectText(e, (t) => t.title);
    expect(text).toBe(`将取消本阶段 3 项未完成的任务：${e.cancelled.map((t) => `「${t.title}」`).join('、')}。其中1项已报送、正在审批，也将取消。申报条件涉及的 ${e.kept.length} 项任务保留，可继续办理。`);
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `k${i}`, title: `任务${i + 1}`, phase: 'implementation', kind: 'key-task', engineStatus: i < 2 ? 'submitted' : 'open' }));
    expect(closeEffectText(closeEffect(many, 'implementation'), (t) => t.title)).toBe('将取消本阶段 5 项未完成的任务：「任务1」、「任务2」、「任务3」等。其中2项已报送、正在审批，也将取消。');
  });

  it('nothing to cancel; the last phase says nothing of keeping', () => {
    const t = { id: 'a', title: '指标1', phase: 'implementation', kind: 'indicator', engineStatus: 'open' };
    expect(closeEffectText(closeEffect([t], 'implementation'), (x) => x.title)).toBe('本阶段没有将被取消的任务。申报条件涉及的 1 项任务保留，可继续办理。');
    const u = { id: 'b', title: '现场核查', phase: 'application', kind: 'inspection', engineStatus: 'submitted' };
    expect(closeEffectText(closeEffect([u, { ...u, id: 'c', engineStatus: 'approved' }], 'application'), (x) => x.title, true)).toBe('将取消本阶段 1 项未完成的任务：「现场核查」。其中1项已报送、正在审批，也将取消。');
  });
});
