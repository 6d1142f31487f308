import type { Task } from '../api/types';
import { byDueDate, nodeScope, nodeScopeText, NOT_STARTED_TEXT } from './milestone-move';

const task = (id: string, unitId: string, engineStatus: string, milestoneKey = 'materials') => ({ id, title: `材料（${unitId}）`, unitId, engineStatus, milestoneKey }) as unknown as Task;

describe('调整本节点全部单位期限: what one node’s move takes and leaves', () => {
  it('every task still to be done (open, submitted, returned), the done ones left and named', () => {
    const tasks = [task('a', 'u1', 'open'), task('b', 'u2', 'submitted'), task('c', 'u3', 'returned'), task('d', 'u4', 'approved'), task('e', 'u5', 'cancelled'), task('x', 'u1', 'open', 'key-projects')];
    const s = nodeScope('active', 'materials', tasks);
    if (!s.movable) throw new Error(s.text);
    expect(s.open.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(nodeScopeText(s, (t) => t.title)).toBe('将调整本节点 3 项未完成任务的期限（3 个单位）。已办结的 2 项不调整：「材料（u4）」、「材料（u5）」。');
  });

  it('not offered where there is nothing to move: a phase not started (no tasks yet), a node without tasks, all done', () => {
    expect(nodeScope('pending', 'unit-contacts', [])).toMatchObject({ movable: false, why: 'not-started', text: NOT_STARTED_TEXT });
    expect(nodeScope('active', 'plan-started', [task('a', 'u1', 'open')])).toMatchObject({ movable: false, why: 'no-tasks' });
    expect(nodeScope('active', 'materials', [task('d', 'u4', 'approved')])).toMatchObject({ movable: false, why: 'all-done' });
  });
});

describe('节点期限: the phase’s nodes by due date, then plan order', () => {
  it('lists 12-08, 12-08, 12-22, 12-22, 12-24 for a plan ordered 12-22, 12-22, 12-08, 12-08, 12-24', () => {
    const m = (key: string, dueAt: string) => ({ key, dueAt });
    const plan = [m('a', '2026-12-22T15:59:59.000Z'), m('b', '2026-12-22T15:59:59.000Z'), m('c', '2026-12-08T23:59:00+08:00'), m('d', '2026-12-08T15:59:00.000Z'), m('e', '2026-12-24T15:59:59.000Z')];
    expect(byDueDate(plan).map((x) => x.key)).toEqual(['c', 'd', 'a', 'b', 'e']);
    expect(plan.map((x) => x.key)).toEqual(['a', 'b', 'c', 'd', 'e']); // the plan itself is left as it is
  });
});
