import { actionLabels, auditActionLabel } from './action-labels';

describe('auditActionLabel: an audit entry names what was done', () => {
  it('reads the command label, and 尝试… for a refused or denied one', () => {
    expect(auditActionLabel({ action: 'submit', outcome: 'accepted' }, 'creation')).toBe('报送');
    expect(auditActionLabel({ action: 'approve', outcome: 'refused' }, 'creation')).toBe('尝试审批通过');
    expect(auditActionLabel({ action: 'no-such-action', outcome: 'accepted' }, 'creation')).toBe('no-such-action');
  });

  it('says 签字确认 for an approval on 分管负责人签字 and 确认整改 on 核查组确认整改 (not 审批通过)', () => {
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: { stepName: '分管负责人签字', decision: 'approve' } }, 'creation')).toBe('签字确认');
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: { stepName: '核查组确认整改', decision: 'approve' } }, 'creation')).toBe('确认整改');
    expect(auditActionLabel({ action: 'approve', outcome: 'denied', detail: { stepName: '分管负责人签字' } }, 'creation')).toBe('尝试签字确认');
  });

  it('keeps 审批通过 on other steps and the command label for other actions on those steps', () => {
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: { stepName: '领导小组办公室审核' } }, 'creation')).toBe('审批通过');
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: null }, 'creation')).toBe('审批通过');
    expect(auditActionLabel({ action: 'return', outcome: 'accepted', detail: { stepName: '分管负责人签字' } }, 'creation')).toBe('退回');
  });

  it('a stage settled by its 整改 reads 整改全部完成，环节办结, not 外部审查通过 (nobody passed it); a recorded pass reads as before', () => {
    expect(auditActionLabel({ action: 'external-passed', outcome: 'accepted', detail: { stage: 'review', afterRectification: true } }, 'creation')).toBe('整改全部完成，环节办结');
    expect(auditActionLabel({ action: 'external-passed', outcome: 'accepted', detail: { stage: 'review' } }, 'creation')).toBe('外部审查通过');
  });

  it('the entry that started the campaign reads by its kind: 发起创建活动, 发起巩固提升活动 for a consolidation campaign (巩固提升 → 复核)', () => {
    expect(auditActionLabel({ action: 'campaign-created', outcome: 'accepted' }, 'creation')).toBe('发起创建活动');
    expect(auditActionLabel({ action: 'campaign-created', outcome: 'accepted' }, 'consolidation')).toBe('发起巩固提升活动');
    expect(actionLabels('consolidation')['campaign-created']).toBe('发起巩固提升活动');
    expect(actionLabels('creation')['campaign-created']).toBe('发起创建活动');
    // every other action reads the same in both
    const { 'campaign-created': _c, ...rest } = actionLabels('consolidation');
    const { 'campaign-created': _k, ...same } = actionLabels('creation');
    expect(rest).toEqual(same);
  });
});
