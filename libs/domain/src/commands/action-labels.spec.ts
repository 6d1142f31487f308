import { auditActionLabel } from './action-labels';

describe('auditActionLabel: an audit entry names what was done', () => {
  it('reads the command label, and 尝试… for a refused or denied one', () => {
    expect(auditActionLabel({ action: 'submit', outcome: 'accepted' })).toBe('报送');
    expect(auditActionLabel({ action: 'approve', outcome: 'refused' })).toBe('尝试审批通过');
    expect(auditActionLabel({ action: 'no-such-action', outcome: 'accepted' })).toBe('no-such-action');
  });

  it('says 签字确认 for an approval on 分管负责人签字 and 确认整改 on 核查组确认整改 (not 审批通过)', () => {
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: { stepName: '分管负责人签字', decision: 'approve' } })).toBe('签字确认');
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: { stepName: '核查组确认整改', decision: 'approve' } })).toBe('确认整改');
    expect(auditActionLabel({ action: 'approve', outcome: 'denied', detail: { stepName: '分管负责人签字' } })).toBe('尝试签字确认');
  });

  it('keeps 审批通过 on other steps and the command label for other actions on those steps', () => {
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: { stepName: '领导小组办公室审核' } })).toBe('审批通过');
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted', detail: null })).toBe('审批通过');
    expect(auditActionLabel({ action: 'return', outcome: 'accepted', detail: { stepName: '分管负责人签字' } })).toBe('退回');
  });

  it('a stage settled by its 整改 reads 整改全部完成，环节办结, not 外部审查通过 (nobody passed it); a recorded pass reads as before', () => {
    expect(auditActionLabel({ action: 'external-passed', outcome: 'accepted', detail: { stage: 'review', afterRectification: true } })).toBe('整改全部完成，环节办结');
    expect(auditActionLabel({ action: 'external-passed', outcome: 'accepted', detail: { stage: 'review' } })).toBe('外部审查通过');
  });
});
