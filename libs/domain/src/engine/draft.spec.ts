import { findTask } from './campaign-state';
import { createCampaign } from './create-campaign';
import { applyCommand } from './commands';
import { at, office, smallTemplate, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { tick } from './reminders';
import { WeekendCalendar } from './weekend-calendar';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');

describe('changes, not snapshots: the engine reports which tasks changed and copies only those', () => {
  const start = () => createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);

  it('a submit changes one task: reported, copied, every other task shared with the previous state', () => {
    const s0 = start();
    const before = JSON.stringify(s0);
    const t = s0.tasks.find((x) => x.kind === 'unit-contacts' && x.unitId === 'u-a')!;
    const r = applyCommand(s0, { type: 'submit', taskId: t.id, comment: '已报送' }, unitUser('u-a'), T1);
    expect(r.changedTaskIds).toEqual([t.id]);
    expect(JSON.stringify(s0)).toBe(before); // the previous state is untouched
    expect(r.state.tasks.find((x) => x.id === t.id)).not.toBe(t);
    for (const x of r.state.tasks) if (x.id !== t.id) expect(x).toBe(s0.tasks.find((y) => y.id === x.id));
    expect(r.state.catalog).toBe(s0.catalog);
    expect(r.events.map((e) => e.action)).toEqual(['submit']);
  });

  it('a new task is reported as changed', () => {
    const s0 = start();
    const r = applyCommand(s0, { type: 'openRectification', unitId: 'u-a', title: '整改台账' }, office, T1);
    expect(r.changedTaskIds).toEqual(['rectification:1']);
    expect(r.state.tasks.length).toBe(s0.tasks.length + 1);
  });

  it('states are frozen: an in-place edit outside the engine throws instead of changing an older state too', () => {
    const s0 = start();
    const t = s0.tasks.find((x) => x.kind === 'unit-contacts')!;
    const s1 = applyCommand(s0, { type: 'submit', taskId: t.id }, unitUser(t.unitId!), T1).state;
    expect(() => {
      (s1.tasks[0] as { title: string }).title = 'x';
    }).toThrow(TypeError);
  });

  it('a tick that changes nothing returns the same state and no changed tasks', () => {
    const s0 = start();
    const calendar = new WeekendCalendar();
    const a = tick(s0, T0 + 1000, calendar, { sane: true });
    const b = tick(a.state, T0 + 2000, calendar, { sane: true });
    expect(b.changedTaskIds).toEqual([]);
    expect(b.state.tasks).toBe(a.state.tasks);
  });
});

describe('tasks by id: an index per (frozen, shared) tasks array', () => {
  const start = () => createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);

  it('finds every task of a finished state as a scan would, before and after a change', () => {
    const s0 = start();
    const t = s0.tasks.find((x) => x.kind === 'unit-contacts' && x.unitId === 'u-a')!;
    const s1 = applyCommand(s0, { type: 'submit', taskId: t.id }, unitUser('u-a'), T1).state;
    expect(Object.isFrozen(s1.tasks)).toBe(true);
    for (const s of [s0, s1]) for (const x of s.tasks) expect(findTask(s, x.id)).toBe(s.tasks.find((y) => y.id === x.id));
    expect(findTask(s1, t.id)?.status).toBe('submitted');
    expect(findTask(s0, t.id)?.status).toBe('open'); // the earlier state keeps its own answer
    expect(findTask(s1, 'no-such-task')).toBeUndefined();
  });

  it('a state that can still change in place is scanned, not indexed (no stale answer)', () => {
    const s0 = JSON.parse(JSON.stringify(start())) as ReturnType<typeof start>; // as carried through continue-as-new
    const id = s0.tasks[0].id;
    expect(findTask(s0, id)).toBe(s0.tasks[0]);
    s0.tasks[0] = { ...s0.tasks[0], title: '改' };
    expect(findTask(s0, id)?.title).toBe('改');
  });
});
