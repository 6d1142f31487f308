import { auditActionLabel, auditNote, principalLabel, responsibleLabel } from './labels';

describe('who and what people read', () => {
  it('names principals: roles, units and users by name, a place nobody can sign in words', () => {
    const names = new Map([['sx-tjj', '县统计局'], ['user:u1', '张三']]);
    expect(principalLabel('role:office')).toBe('领导小组办公室');
    expect(principalLabel('unit:sx-tjj', names)).toBe('县统计局');
    expect(principalLabel('user:u1', names)).toBe('张三');
    expect(principalLabel('nobody:role:office')).toBe('暂无可审批人员（报送人本人不能审批；请转交他人，或在「用户与单位」中补充人员）');
    expect(principalLabel('nobody:role:expert')).toBe('暂无可审批人员（专家暂无人员，请转交他人或更新人员名录）');
  });

  it('marks a refused or denied audit entry as an attempt and shows its reasons in Chinese', () => {
    expect(auditActionLabel({ action: 'approve', outcome: 'accepted' })).toBe('审批通过');
    expect(auditActionLabel({ action: 'approve', outcome: 'refused' })).toBe('尝试审批通过');
    expect(auditNote({ reason: '任务不属于您的单位 (task belongs to unit sx-jtj)', comment: '同意' })).toBe('任务不属于您的单位；同意');
    expect(auditNote({})).toBe('');
    // what an entry carried besides its words: the files by name, one task's deadline from → to
    expect(auditNote({ detail: { files: [{ name: '统计局资料清单（盖章）.pdf', size: 1 }, { name: '现场照片.jpg' }] } })).toBe('文件：统计局资料清单（盖章）.pdf、现场照片.jpg');
    expect(auditNote({ detail: { fileId: 'f1', name: '河长制台账.xlsx' } })).toBe('文件：河长制台账.xlsx');
    expect(auditNote({ reason: '省厅调整', detail: { moved: [{ id: 't', from: Date.parse('2027-01-18T15:59:59Z'), to: Date.parse('2027-01-25T15:59:59Z') }] } })).toBe('省厅调整；期限 2027-01-18 周一 → 2027-01-25 周一');
    expect(auditNote({ detail: { files: 3 } })).toBe(''); // a dossier download counts its files: no names
  });
});

describe('责任单位 of a task: the plan\'s owner when it has no unit', () => {
  it('names joint units, the unit, or the owner (县（区）政府 for the government\'s work, not 领导小组办公室)', () => {
    const name = (id: string) => ({ a: '县统计局', b: '县财政局' })[id] ?? id;
    expect(responsibleLabel({ owner: 'unit', jointUnitIds: ['a', 'b'] }, name)).toBe('县统计局、县财政局（共同负责）');
    expect(responsibleLabel({ owner: 'unit', unitId: 'a' }, name)).toBe('县统计局');
    expect(responsibleLabel({ owner: 'government' }, name)).toBe('县（区）政府');
    expect(responsibleLabel({ owner: 'office' }, name)).toBe('领导小组办公室');
  });
});
