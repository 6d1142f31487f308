import type { CampaignState, Reminder } from './campaign-state';
import type { CalendarPort } from './ports';
import { createCampaign } from './create-campaign';
import { at, endOf, smallTemplate, task } from '../../../../test/fixtures/engine-fixtures';
import { AHEAD_INSTANTS, nextWakeAt, tick, upcomingReminders } from './reminders';
import { WeekendCalendar } from './weekend-calendar';
import { CampaignCalendar } from './campaign-calendar';

const cal = new WeekendCalendar();
const T0 = at('2024-03-01T09:00:00');

function campaign(): CampaignState {
  const tpl = smallTemplate((x) => {
    for (const m of x.phases[0].milestones) m.due = { date: '2024-03-20', text: '2024-03-20前' };
  });
  return createCampaign(tpl, { campaignId: 'r1' }, T0);
}

/** What the workflow's ticks emit, wake-up by wake-up, for one task, over its next `instants` instants of its own. */
function ticked(s: CampaignState, taskId: string, until: number, calendar: CalendarPort = cal): Reminder[] {
  const out: Reminder[] = [];
  for (let i = 0; i < 1000; i++) {
    const next = nextWakeAt(s, calendar);
    if (next === null || next > until) break;
    const r = tick(s, next, calendar, { sane: true });
    out.push(...r.reminders.filter((x) => x.taskId === taskId));
    s = r.state;
  }
  return out;
}

describe('reminders written ahead of their instant (upcomingReminders)', () => {
  it('are exactly the reminders the ticks emit at those instants: keys, instants, recipients, messages', () => {
    const s = campaign();
    const id = 'unit-contacts:u-a';
    const ahead = upcomingReminders(s, task(s, id), cal);
    expect(ahead.length).toBeGreaterThanOrEqual(AHEAD_INSTANTS - 1);
    const last = ahead[ahead.length - 1].at;
    expect(ticked(s, id, last)).toEqual(ahead);
    expect(ahead.map((r) => r.level)).toEqual(expect.arrayContaining(['blue', 'yellow', 'red', 'escalation']));
  });

  it('slide forward once the tick emitted the first (the task row is rewritten with the rest)', () => {
    const s = campaign();
    const id = 'unit-contacts:u-a';
    const first = upcomingReminders(s, task(s, id), cal);
    const after = tick(s, first[0].at, cal, { sane: true }).state;
    const next = upcomingReminders(after, task(after, id), cal);
    expect(next[0]).toEqual(first[1]);
    expect(next.map((r) => r.key)).not.toContain(first[0].key);
  });

  it('none for a settled task or a campaign that is not active', () => {
    const s = campaign();
    const t = task(s, 'unit-contacts:u-a');
    expect(upcomingReminders(s, { ...t, status: 'approved' } as typeof t, cal)).toEqual([]);
    expect(upcomingReminders({ ...s, status: 'paused' } as CampaignState, t, cal)).toEqual([]);
  });

  it('none left to write ahead for a task past every escalation, or created after its due date (the tick catches up)', () => {
    const s = campaign();
    const t = task(s, 'unit-contacts:u-a');
    expect(upcomingReminders(s, { ...t, reminders: { from: t.reminders.from, before: 2, overdue: 3, escalation: 2 } } as typeof t, cal)).toEqual([]);
    expect(upcomingReminders(s, { ...t, reminders: { ...t.reminders, from: t.dueAt + 1 } } as typeof t, cal)).toEqual([]);
  });

  it('do not change the task they are computed from', () => {
    const s = campaign();
    const t = task(s, 'unit-contacts:u-a');
    const before = JSON.stringify(t);
    upcomingReminders(s, t, cal);
    expect(JSON.stringify(t)).toBe(before);
  });
});

describe('a task taken over after its due date: its coming reminders written ahead once the tick caught it up (lateAhead)', () => {
  const NOW = at('2026-12-03T10:00:00'); // Thursday
  // the workflow's calendar (it counts working days since 2023 at once: WeekendCalendar walks them day by day)
  const wf = new CampaignCalendar(undefined);
  /** Taken over today, its tasks due since 2023, in a campaign since planRules.lateTasksFromCreation. */
  function takenOverLate(): CampaignState {
    const tpl = smallTemplate((x) => {
      for (const m of x.phases[0].milestones) m.due = { date: '2023-03-20', text: '2023-03-20前' };
    });
    return createCampaign(tpl, { campaignId: 'r-late-ahead', reminderPolicy: { before: ['P1D'], overdueEvery: 'P1D', escalateAfter: 'P3D' }, planRules: { lateTasksFromCreation: true } }, NOW);
  }
  const id = 'unit-contacts:u-a';

  it('are the first 【逾期】 and the 督办 the ticks emit later, keys, instants and messages alike; nothing before the first tick', () => {
    const s = takenOverLate();
    expect(upcomingReminders(s, task(s, id), wf, { sane: true, lateAhead: true })).toEqual([]); // the tick catches it up first
    const caught = tick(s, NOW, wf, { sane: true }).state;
    expect(tick(s, NOW, wf, { sane: true }).reminders.filter((r) => r.taskId === id)).toEqual([]); // its 【新任务】 says 已逾期
    const ahead = upcomingReminders(caught, task(caught, id), wf, { sane: true, lateAhead: true });
    expect(ahead.length).toBeGreaterThanOrEqual(AHEAD_INSTANTS - 1);
    expect(ahead[0]).toMatchObject({ level: 'red', at: endOf('2026-12-03') });
    expect(ahead.filter((r) => r.level === 'escalation').map((r) => [r.n, r.at])).toEqual([[1, at('2026-12-08T10:00:00')]]); // three working days after it was assigned
    expect(ticked(caught, id, ahead[ahead.length - 1].at, wf)).toEqual(ahead);
  });

  it('runs before: left to the loop\'s wake-ups (nothing written ahead)', () => {
    const caught = tick(takenOverLate(), NOW, wf, { sane: true }).state;
    expect(upcomingReminders(caught, task(caught, id), wf, { sane: true })).toEqual([]);
  });

  it('costs no walk over the years overdue: every task of the campaign in a fraction of a second', () => {
    const caught = tick(takenOverLate(), NOW, wf, { sane: true }).state;
    const t0 = performance.now();
    for (const t of caught.tasks) upcomingReminders(caught, t, wf, { sane: true, lateAhead: true });
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
