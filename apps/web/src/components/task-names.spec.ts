import type { Candidate, Task } from '../api/types';
import { candidateLabel, namesInTask } from './task-names';

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
    expect(Object.fromEntries(m)).toEqual({
      d1: '王审',
      'user:d1': '王审',
      d2: '赵审',
      'user:d2': '赵审',
      a1: '钱加',
      'user:a1': '钱加',
      x1: '孙转',
      'user:x1': '孙转',
      s1: '周报',
      'user:s1': '周报',
    });
  });
});
