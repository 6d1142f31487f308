import type { Task } from '../api/types';
import { URGE_INTERVAL_MS, urgeAudience, urgeSplit, urgeWait } from './urge-rules';

describe('催办 once per task per hour, said before the click', () => {
  const last = { byName: '孙丽（创建办）', at: '2027-03-05T02:30:00.000Z' }; // 10:30 in Beijing
  const at = Date.parse(last.at);

  it('within the hour: not offered, saying when, by whom and from when again (Beijing time)', () => {
    expect(urgeWait(last, at + 10 * 60_000)).toEqual({ reason: '上次催办：2027-03-05 周五 10:30，孙丽（创建办）。同一任务1小时内只能催办一次，11:30后可再催办', short: '同一任务1小时内只能催办一次，11:30后可再催办', until: at + URGE_INTERVAL_MS });
    expect(urgeWait(last, at + URGE_INTERVAL_MS - 1)).not.toBeNull();
  });

  it('never chased, or an hour or more ago: offered', () => {
    expect(urgeWait(undefined, at)).toBeNull();
    expect(urgeWait(last, at + URGE_INTERVAL_MS)).toBeNull();
  });
});

describe('催办 within the hour across midnight (Beijing time)', () => {
  it('says the date too when the hour ends the next day', () => {
    const at = Date.parse('2027-03-05T15:40:00Z'); // 23:40 in Beijing
    expect(urgeWait({ byName: '孙丽', at: new Date(at).toISOString() }, at + 60_000)?.short).toBe('同一任务1小时内只能催办一次，2027-03-06 周六 00:40后可再催办');
  });
});

describe('催办所选: tasks chased within the hour are skipped, and said so before sending', () => {
  it('splits the selection by the last chase of each task', () => {
    const at = Date.parse('2027-03-05T02:30:00Z');
    const tasks = [
      row({ id: 'a', urges: [{ by: 'o1', byName: '孙丽', at: new Date(at).toISOString() }] as never }),
      row({ id: 'b' }),
      row({ id: 'c', urges: [{ by: 'o1', byName: '孙丽', at: new Date(at - URGE_INTERVAL_MS).toISOString() }] as never }),
    ];
    const { ready, waiting, own } = urgeSplit(tasks, office, at + 60_000);
    expect(ready.map((t) => t.id)).toEqual(['b', 'c']);
    expect(waiting.map((w) => [w.task.id, w.short])).toEqual([['a', '同一任务1小时内只能催办一次，11:30后可再催办']]);
    expect(own).toEqual([]);
  });

  it('the office’s own tasks (they wait only for the office) are skipped for the office, as the API refuses them — a leader chases them', () => {
    const tasks = [row({ id: 'unit-task' }), row({ id: 'work-plan-issued', kind: 'work-plan-issued', owner: 'office', unitId: undefined })];
    const forOffice = urgeSplit(tasks, office);
    expect(forOffice.ready.map((t) => t.id)).toEqual(['unit-task']);
    expect(forOffice.own.map((t) => t.id)).toEqual(['work-plan-issued']);
    expect(urgeSplit(tasks, leader).ready.map((t) => t.id)).toEqual(['unit-task', 'work-plan-issued']);
  });
});

const office = { id: 'office-1', roles: ['office' as const] };
const leader = { id: 'leader-1', roles: ['leader' as const] };

/** A list row of an open unit task (what urgeSplit reads of it). */
function row(over: Partial<Task>): Task {
  return { id: 'x', title: '任务', kind: 'indicator', owner: 'unit', unitId: 'u-a', external: false, status: 'open', engineStatus: 'open', rounds: [], ...over } as Task;
}

describe('催办 names the people it reaches, and warns when nobody would receive it', () => {
  const label = (k: string) => ({ 'unit:sx-tjj': '县统计局', 'unit:sx-fgj': '县发改局' })[k] ?? k;

  it('each place with its people', () => {
    expect(urgeAudience(['unit:sx-tjj'], [{ key: 'unit:sx-tjj', people: ['王敏'] }], label)).toEqual({ to: '县统计局（王敏）', nobody: [] });
  });

  it('a unit whose only liaison was 停用: nobody there, with the reason in Chinese', () => {
    const places = [{ key: 'unit:sx-tjj', people: [], unresolved: '单位「县统计局」未设置在岗的联络员 (unit sx-tjj has no active liaison)' }, { key: 'unit:sx-fgj', people: ['李强', '赵丽'] }];
    expect(urgeAudience(['unit:sx-tjj', 'unit:sx-fgj'], places, label)).toEqual({ to: '县发改局（李强、赵丽）', nobody: [{ place: '县统计局', why: '单位「县统计局」未设置在岗的联络员' }] });
  });

  it('a person waited for by name, or an account named as its unit, is said once', () => {
    const names = (k: string) => ({ 'unit:sx-wjj': '县卫生健康局', 'user:u1': '孙丽（创建办）' })[k] ?? k;
    expect(urgeAudience(['unit:sx-wjj', 'user:u1'], [{ key: 'unit:sx-wjj', people: ['县卫生健康局', '周红'] }, { key: 'user:u1', people: ['孙丽（创建办）'] }], names)).toEqual({ to: '县卫生健康局（周红）、孙丽（创建办）', nobody: [] });
    expect(urgeAudience(['unit:sx-wjj'], [{ key: 'unit:sx-wjj', people: ['县卫生健康局'] }], names).to).toBe('县卫生健康局');
  });

  it('without the people (an older API): the places, as before', () => {
    expect(urgeAudience(['unit:sx-tjj'], undefined, label)).toEqual({ to: '县统计局', nobody: [] });
  });
});
