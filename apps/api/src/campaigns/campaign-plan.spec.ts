import type { PlannedMilestone } from '@eco/domain';
import { assignedLateWarnings } from './campaign-plan';

const node = (phase: string, phaseName: string, key: string, name: string, dueAt: number, dueLabel: string) => ({ phase, phaseName, key, name, dueAt, dueLabel }) as PlannedMilestone;

describe('assignedLateWarnings: a later phase\'s node due no later than an earlier phase\'s last node is said', () => {
  const order = ['mobilization', 'implementation', 'acceptance'];
  const plan = [
    node('mobilization', '动员部署', 'plan-issued', '印发创建工作方案', 100, '2026年12月18日（周五）'),
    node('mobilization', '动员部署', 'plan-started', '召开动员大会', 200, '2026年12月23日（周三）'),
    node('implementation', '创建实施', 'contacts', '各责任单位确定1名分管责任人及1名联络员', 200, '2026年12月23日（周三）'),
    node('implementation', '创建实施', 'projects', '落实重点工程', 300, '2027年3月1日（周一）'),
    node('acceptance', '申报验收', 'apply', '申报', 250, '2027年2月1日（周一）'),
  ];

  it('names the node, its phase, the earlier node it does not follow, and asks for another date', () => {
    expect(assignedLateWarnings(plan, order)).toEqual([
      '「各责任单位确定1名分管责任人及1名联络员」（创建实施）与上一阶段「召开动员大会」同日截止（2026年12月23日（周三））：本阶段在前面各阶段完成后才下达，届时此任务可能已逾期，请调整其期限',
      '「申报」（申报验收）期限2027年2月1日（周一）早于上一阶段「落实重点工程」的期限2027年3月1日（周一）：本阶段在前面各阶段完成后才下达，届时此任务可能已逾期，请调整其期限',
    ]);
  });

  it('nothing for a plan whose phases follow each other, nor for the first phase', () => {
    expect(assignedLateWarnings(plan.filter((m) => m.key !== 'contacts' && m.key !== 'apply'), order)).toEqual([]);
    expect(assignedLateWarnings(plan.slice(0, 2), order)).toEqual([]);
  });
});
