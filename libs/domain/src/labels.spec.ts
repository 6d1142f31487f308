import { taskLabel } from './labels';

describe('task labels where tasks of several units are listed together', () => {
  const gxj = { name: '县工业和信息化局', shortName: '县工信局' };

  it('does not name the unit twice: a title ending with the short name keeps it alone', () => {
    expect(taskLabel('报送创建资料（县工信局）', gxj)).toBe('报送创建资料（县工信局）');
    expect(taskLabel('指标3 — 协办材料（县工业和信息化局）', gxj)).toBe('指标3 — 协办材料（县工业和信息化局）');
  });

  it('adds the unit where the title does not name it, and nothing without a unit', () => {
    expect(taskLabel('形成《规划》（报批稿）', gxj)).toBe('形成《规划》（报批稿）（县工业和信息化局）');
    expect(taskLabel('印发工作方案', { name: '县统计局' })).toBe('印发工作方案（县统计局）');
    expect(taskLabel('印发工作方案', null)).toBe('印发工作方案');
  });
});
