import type { Candidate, Task, TaskDetailView } from '../api/types';
import { personNameOf, unitNameOf } from '../principal-names';
import { candidateLabel, namesInTask, taskPageNames } from './task-names';

describe('names on the task page', () => {
  it('a 转交 / 加签 candidate reads 姓名（单位） or 姓名（角色）; a unit’s own account its name alone', () => {
    expect(candidateLabel({ id: 'u1', name: '张三', unitName: '县统计局', roles: ['unit'] } as Candidate)).toBe('张三（县统计局）');
    expect(candidateLabel({ id: 'u2', name: '县统计局', unitName: '县统计局', roles: ['unit'] } as Candidate)).toBe('县统计局');
    expect(candidateLabel({ id: 'u3', name: '李四', roles: [] } as unknown as Candidate)).toBe('李四');
  });

  it('the task’s own people by id and by user:<id>: deciders, added and transferred signers, submitters', () => {
    const step = {
      decisions: [{ by: 'd1', byName: '王审', as: 'user:d1' }, { by: 'd2', byName: '赵审', as: 'role:office' }],
      added: [{ userId: 'a1', userName: '钱加' }, { userId: 'a2' }],
      transfers: [{ to: 'user:x1', toName: '孙转' }],
    };
    const t = { steps: [step], rounds: [{ steps: [], submission: { by: 's1', byName: '周报' } }] } as unknown as Task;
    const m = namesInTask(t);
    expect(Object.fromEntries(m)).toEqual({ d1: '王审', d2: '赵审', a1: '钱加', x1: '孙转', s1: '周报' });
  });

  it('the page’s names keep people and units apart: a unit id equal to a username reads the unit as 责任单位', () => {
    const t = {
      unitId: 'sx-gxj',
      steps: [],
      rounds: [{ steps: [], submission: { by: 'sx-gxj', byName: '徐杰' } }],
      names: { 'unit:sx-gxj': '县工业和信息化局', 'user:sx-gxj': '徐杰', 'user:o1': '孙丽' },
    } as unknown as TaskDetailView;
    const m = taskPageNames(new Map([['sx-gxj', '徐杰'], ['o2', '周敏']]), t);
    expect(unitNameOf(m, 'sx-gxj')).toBe('县工业和信息化局');
    expect(personNameOf(m, 'sx-gxj')).toBe('徐杰');
    expect(personNameOf(m, 'o1')).toBe('孙丽');
    expect(personNameOf(m, 'o2')).toBe('周敏');
    expect(m.has('sx-gxj')).toBe(false);
    // without the API's unit name (a reader who was not sent it), the id — never the account of that name
    expect(unitNameOf(taskPageNames(new Map([['sx-gxj', '徐杰']]), undefined), 'sx-gxj')).toBe('sx-gxj');
  });
});
