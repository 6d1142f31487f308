import { WorkingCalendar } from '../rules/working-calendar';
import type { CampaignState, Reminder } from './campaign-state';
import { createCampaign } from './create-campaign';
import { at, DAY, endOf, leader, office, run, smallTemplate, task, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { nextWakeAt, tick, tickDraft, tickMayChange } from './reminders';
import { applyCommand } from './commands';
import { WeekendCalendar } from './weekend-calendar';

const cal = new WeekendCalendar();
const T0 = at('2024-03-01T09:00:00');
const DUE = endOf('2024-03-20'); // Wednesday

function campaign(due = '2024-03-20', policy?: Parameters<typeof createCampaign>[1]['reminderPolicy']): CampaignState {
  const tpl = smallTemplate((x) => {
    for (const m of x.phases[0].milestones) m.due = { date: due, text: `${due}前` };
  });
  return createCampaign(tpl, { campaignId: 'r1', ...(policy ? { reminderPolicy: policy } : {}) }, T0);
}

/** Sleeps from wake-up to wake-up like the workflow does, until `until`. */
function simulate(s: CampaignState, until: number, calendar = cal, opts: Parameters<typeof tick>[3] = {}): { state: CampaignState; reminders: Reminder[]; wakes: number[] } {
  const reminders: Reminder[] = [];
  const wakes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const next = nextWakeAt(s, calendar);
    if (next === null || next > until) break;
    wakes.push(next);
    const r = tick(s, next, calendar, opts);
    reminders.push(...r.reminders);
    s = r.state;
  }
  return { state: s, reminders, wakes };
}

const brief = (r: Reminder) => [r.level, r.n, r.at];

describe('reminders for a unit that never answers', () => {
  it('blue, yellow, red at due, daily red on working days, escalation twice and the assessment flag', () => {
    const { state, reminders } = simulate(campaign(), endOf('2024-03-28'));
    const mine = reminders.filter((r) => r.taskId === 'unit-contacts:u-a');
    expect(mine.map(brief)).toEqual([
      ['blue', 1, endOf('2024-03-15')], // 3 working days before (Fri; the weekend is skipped)
      ['yellow', 2, endOf('2024-03-19')],
      ['red', 1, DUE],
      ['red', 2, endOf('2024-03-21')],
      ['red', 3, endOf('2024-03-22')],
      ['red', 4, endOf('2024-03-25')],
      ['escalation', 1, endOf('2024-03-25')],
      ['red', 5, endOf('2024-03-26')],
      ['red', 6, endOf('2024-03-27')],
      ['red', 7, endOf('2024-03-28')],
      ['escalation', 2, endOf('2024-03-28')],
    ]);
    expect(mine[0].recipients).toEqual(['unit:u-a']);
    expect(mine[0].key).toBe('unit-contacts:u-a|1|blue|1');
    expect(mine[0].message).toBe('【提醒】「确定分管责任人和联络员（发改局）」将于2024年3月20日（周三）23:59到期，请按时报送。');
    expect(mine.find((r) => r.level === 'red')?.message).toContain('已于2024年3月20日（周三）23:59到期');
    expect(mine.find((r) => r.level === 'escalation' && r.n === 1)?.recipients).toEqual(['unit-leader:u-a']);
    expect(mine.find((r) => r.level === 'escalation' && r.n === 2)?.recipients).toEqual(['role:leader', 'role:office']);
    expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
    expect(task(state, 'unit-contacts:u-a').assessmentFlag).toBe(true);
    // office-owned tasks remind the office and escalate to the leaders
    const office1 = reminders.filter((r) => r.taskId === 'work-plan-issued:plan-issued');
    expect(office1[0].recipients).toEqual(['role:office']);
    expect(office1.find((r) => r.level === 'escalation' && r.n === 1)?.recipients).toEqual(['role:leader']);
  });

  it('a jointly-owned task (共同负责) nobody submitted escalates to every listed unit\'s 分管负责人', () => {
    const s = JSON.parse(JSON.stringify(campaign())) as CampaignState;
    const t = s.tasks.find((x) => x.id === 'unit-contacts:u-a')!;
    t.jointUnitIds = ['u-a', 'u-b'];
    const mine = simulate(s, endOf('2024-03-28')).reminders.filter((r) => r.taskId === 'unit-contacts:u-a');
    expect(mine[0].recipients).toEqual(['unit:u-a', 'unit:u-b']);
    expect(mine.find((r) => r.level === 'escalation' && r.n === 1)?.recipients).toEqual(['unit-leader:u-a', 'unit-leader:u-b']);
    expect(mine.find((r) => r.level === 'escalation' && r.n === 2)?.recipients).toEqual(['role:leader', 'role:office']);
  });

  it('the flag is not set before the second escalation and nothing is repeated on a second tick', () => {
    const s = simulate(campaign(), endOf('2024-03-27')).state;
    expect(task(s, 'unit-contacts:u-a').assessmentFlag).toBe(false);
    const again = tick(s, endOf('2024-03-27'), cal);
    expect(again.reminders).toEqual([]);
  });

  it('after a long sleep: only the latest overdue reminder, each passed escalation once', () => {
    const r = tick(campaign(), at('2024-03-27T12:00:00'), cal);
    const mine = r.reminders.filter((x) => x.taskId === 'unit-contacts:u-a');
    expect(mine.map(brief)).toEqual([
      ['red', 5, endOf('2024-03-26')],
      ['escalation', 1, endOf('2024-03-25')],
    ]);
    expect(r.events.filter((e) => e.action === 'escalated' && e.taskId === 'unit-contacts:u-a')).toHaveLength(1);
    const before = tick(campaign(), at('2024-03-19T12:00:00'), cal);
    expect(before.reminders.filter((x) => x.taskId === 'unit-contacts:u-a').map(brief)).toEqual([['blue', 1, endOf('2024-03-15')]]);
  });

  it('a submitted task reminds the approvers of the active step, and is not flagged', () => {
    let s = campaign();
    s = run(s, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), at('2024-03-18T10:00:00'));
    const { state, reminders } = simulate(s, endOf('2024-03-28'));
    const mine = reminders.filter((r) => r.taskId === 'unit-contacts:u-a');
    expect(mine.find((r) => r.level === 'red')?.recipients).toEqual(['role:office']);
    expect(mine.find((r) => r.level === 'red')?.message).toContain('审批');
    expect(task(state, 'unit-contacts:u-a').assessmentFlag).toBe(false);
  });

  it('a task waiting for its review is escalated as a late review, not as the unit\'s fault (runs since notice-wording-2); the targets stay the leaders, then leaders and office', () => {
    let s = campaign();
    s = run(s, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), at('2024-03-18T10:00:00'));
    const title = task(s, 'unit-contacts:u-a').title;
    const step = task(s, 'unit-contacts:u-a').rounds[0].steps[0].name;
    const escalations = (opts: Parameters<typeof tick>[3]) => simulate(s, endOf('2024-03-28'), cal, opts).reminders.filter((r) => r.taskId === 'unit-contacts:u-a' && r.level === 'escalation');
    const now = escalations({ sane: true, reviewLate: true });
    expect(now.map((r) => [r.n, r.recipients, r.message])).toEqual([
      [1, ['role:leader'], `【督办】「${title}」已于2024年3月18日（周一）报送，${step}已逾期3个工作日，期限2024年3月20日（周三）23:59，请督促办理。`],
      [2, ['role:leader', 'role:office'], `【督办】「${title}」已于2024年3月18日（周一）报送，${step}已逾期6个工作日，期限2024年3月20日（周三）23:59。已报领导小组。`],
    ]);
    // earlier runs: the unit's wording
    expect(escalations({ sane: true }).map((r) => r.message)[0]).toBe(`【督办】「${title}」已逾期3个工作日，期限2024年3月20日（周三）23:59，请单位分管负责人督促办理。`);
    // a task the unit still owes keeps the unit's wording
    const owed = simulate(campaign(), endOf('2024-03-28'), cal, { sane: true, reviewLate: true }).reminders.find((r) => r.taskId === 'unit-contacts:u-a' && r.level === 'escalation' && r.n === 1);
    expect(owed?.message).toMatch(/^【督办】「.+」已逾期\d+个工作日，期限.+，请单位分管负责人督促办理。$/);
    expect(owed?.recipients).toEqual(['unit-leader:u-a']);
  });

  it('counts working days with the statutory calendar (清明 2024)', () => {
    const real = new WorkingCalendar();
    const s = campaign('2024-04-08');
    const withReal = tick(s, endOf('2024-04-02'), real).reminders.filter((r) => r.taskId === 'unit-contacts:u-a');
    expect(withReal.map(brief)).toEqual([['blue', 1, endOf('2024-04-02')]]); // 04-07 (调休 Sunday), 04-03, 04-02
    expect(tick(s, endOf('2024-04-02'), cal).reminders).toEqual([]); // weekends-only would say 04-03
  });

  it('supports second-scale test campaigns (PT durations are exact)', () => {
    const tpl = smallTemplate((x) => {
      for (const m of x.phases[0].milestones) m.due = { offset: 'PT5S', text: '5秒' };
    });
    const s = createCampaign(tpl, { campaignId: 'fast', reminderPolicy: { before: ['PT2S'], overdueEvery: 'PT1S', escalateAfter: 'PT3S' } }, T0);
    const { reminders, state } = simulate(s, T0 + 11_000);
    const mine = reminders.filter((r) => r.taskId === 'unit-contacts:u-a').map((r) => [r.level, r.n, r.at - T0]);
    expect(mine).toEqual([
      ['yellow', 1, 3000],
      ['red', 1, 5000],
      ['red', 2, 6000],
      ['red', 3, 7000],
      ['red', 4, 8000],
      ['escalation', 1, 8000],
      ['red', 5, 9000],
      ['red', 6, 10000],
      ['red', 7, 11000],
      ['escalation', 2, 11000],
    ]);
    expect(task(state, 'unit-contacts:u-a').assessmentFlag).toBe(true);
  });
});

/**
 * The workflow wakes late after an outage (worker or Temporal down over a reminder's moment). What a person expects:
 * a before-reminder (blue/yellow: "将于…到期") whose moment passed during the outage is still delivered — once, when the
 * engine wakes — as long as its task is not overdue yet; once the task is overdue it would announce a deadline already
 * missed, so the red reminder (逾期) supersedes it. Nothing is delivered twice.
 */
describe('an outage over a before-reminder (the workflow wakes late)', () => {
  const sane = { sane: true } as const;
  const mine = (rs: Reminder[]) => rs.filter((r) => r.taskId === 'unit-contacts:u-a').map(brief);
  /** The campaign as the workflow left it just before the outage: the blue reminder (3 working days ahead) delivered. */
  const beforeOutage = () => {
    const r = tick(campaign(), endOf('2024-03-18'), cal, sane);
    expect(mine(r.reminders)).toEqual([['blue', 1, endOf('2024-03-15')]]);
    return r.state;
  };

  it('a yellow whose moment passed during the outage is delivered once, late, while its task is not overdue yet', () => {
    const woke = tick(beforeOutage(), at('2024-03-20T10:00:00'), cal, sane); // down from 03-18 until the due day's morning
    expect(mine(woke.reminders)).toEqual([['yellow', 2, endOf('2024-03-19')]]);
    expect(mine(tick(woke.state, at('2024-03-20T10:00:01'), cal, sane).reminders)).toEqual([]); // not again
    expect(mine(tick(woke.state, DUE, cal, sane).reminders)).toEqual([['red', 1, DUE]]); // then the red, at the due time
  });

  it('a yellow reached only after its task fell due is superseded by the red one (delivered once, not the yellow)', () => {
    const woke = tick(beforeOutage(), at('2024-03-21T09:00:00'), cal, sane); // down over the yellow's moment and the due time
    expect(mine(woke.reminders)).toEqual([['red', 1, DUE]]);
    expect(woke.reminders.find((r) => r.taskId === 'unit-contacts:u-a')?.message).toMatch(/^【逾期】「.+」已于2024年3月20日（周三）23:59到期，已逾期1个工作日，请尽快报送。$/);
    expect(nextWakeAt(woke.state, cal)).toBeGreaterThan(at('2024-03-21T09:00:00'));
    expect(mine(tick(woke.state, at('2024-03-21T12:00:00'), cal, sane).reminders)).toEqual([]); // the yellow never comes
  });

  it('at the due instant itself the red is due: it supersedes the yellow', () => {
    expect(mine(tick(beforeOutage(), DUE, cal, sane).reminders)).toEqual([['red', 1, DUE]]);
  });

  it('an outage over both before-reminders, ended before the due date: each delivered once, at the wake-up', () => {
    const woke = tick(campaign(), at('2024-03-20T08:30:00'), cal, sane);
    expect(mine(woke.reminders)).toEqual([
      ['blue', 1, endOf('2024-03-15')],
      ['yellow', 2, endOf('2024-03-19')],
    ]);
    expect(new Set(woke.reminders.map((r) => r.key)).size).toBe(woke.reminders.length);
    expect(mine(tick(woke.state, at('2024-03-20T18:00:00'), cal, sane).reminders)).toEqual([]);
  });
});

describe('pause and resume', () => {
  it('no reminders while paused; resume shifts due dates, phases and future milestones by the paused time', () => {
    let s = campaign();
    s = run(s, { type: 'pause', reason: '因疫情暂停' }, office, at('2024-03-14T10:00:00'));
    expect(nextWakeAt(s, cal)).toBeNull();
    const during = tick(s, endOf('2024-03-25'), cal);
    expect(during.reminders).toEqual([]);
    expect(during.state).toBe(s);
    const implDue = s.phases[1].milestones[0].dueAt;
    s = run(s, { type: 'resume', reason: '疫情缓解' }, leader, at('2024-03-21T10:00:00')); // paused 7 days
    const t = task(s, 'unit-contacts:u-a');
    expect(t.dueAt).toBe(DUE + 7 * DAY);
    expect(t.deadlineChanges).toEqual([{ from: DUE, to: DUE + 7 * DAY, by: 'leader-1', reason: '疫情缓解', at: at('2024-03-21T10:00:00'), cause: 'resume' }]);
    expect(s.phases[0].dueAt).toBe(DUE + 7 * DAY);
    expect(s.phases[1].milestones[0].dueAt).toBe(implDue + 7 * DAY);
    expect(s.phases[1].shiftMs).toBe(7 * DAY);
    expect(s.pauses).toEqual([{ from: at('2024-03-14T10:00:00'), to: at('2024-03-21T10:00:00'), reason: '因疫情暂停', by: 'office-1', resumedBy: 'leader-1', resumeReason: '疫情缓解' }]);
    const { reminders } = simulate(s, endOf('2024-03-27'));
    const mine = reminders.filter((r) => r.taskId === 'unit-contacts:u-a');
    // the blue (03-15) fell in the pause: its shifted instant (03-22) comes next; yellow and red follow the new due date
    expect(mine.map(brief)).toEqual([
      ['blue', 1, endOf('2024-03-22')],
      ['yellow', 2, endOf('2024-03-26')],
      ['red', 1, DUE + 7 * DAY],
    ]);
  });
});

describe('resume by the working days the pause covered (campaigns since resume-by-working-days)', () => {
  const resume = (s: CampaignState, now: number) => applyCommand(s, { type: 'resume', reason: '疫情缓解' }, leader, now, { calendar: cal, resumeByWorkingDays: true });

  it('a pause within one day moves nothing (a two-minute pause moved 23:59 to 00:01 of the next day)', () => {
    let s = run(campaign(), { type: 'pause', reason: '临时调整' }, office, at('2024-03-14T10:00:00'));
    const phases = s.phases.map((p) => [p.dueAt, ...p.milestones.map((m) => m.dueAt)]);
    const r = resume(s, at('2024-03-14T10:02:00'));
    s = r.state;
    expect([s.status, task(s, 'unit-contacts:u-a').dueAt, task(s, 'unit-contacts:u-a').deadlineChanges]).toEqual(['active', DUE, []]);
    expect(s.phases.map((p) => [p.dueAt, ...p.milestones.map((m) => m.dueAt)])).toEqual(phases);
    expect(r.events.find((e) => e.action === 'resume')?.detail).toMatchObject({ workingDays: 0, tasksShifted: 0 });
  });

  it('a pause over a weekend moves every open date by the working days it covered, each still at 23:59 of a working day', () => {
    let s = run(campaign(), { type: 'pause', reason: '因疫情暂停' }, office, at('2024-03-14T10:00:00')); // Thursday
    const implDue = s.phases[1].milestones[0].dueAt;
    const r = resume(s, at('2024-03-19T10:00:00')); // Tuesday: Thu, Fri, Mon were lost — 3 working days
    s = r.state;
    const t = task(s, 'unit-contacts:u-a');
    expect(t.dueAt).toBe(endOf('2024-03-25')); // Wed 03-20 + 3 working days: Monday 03-25, 23:59
    expect(t.deadlineChanges).toEqual([{ from: DUE, to: endOf('2024-03-25'), by: 'leader-1', reason: '活动恢复，期限顺延3个工作日；疫情缓解', at: at('2024-03-19T10:00:00'), cause: 'resume' }]);
    expect(s.phases[0].dueAt).toBe(endOf('2024-03-25'));
    expect(s.phases[1].milestones[0].dueAt).toBe(cal.shiftInstantByWorkingDays(implDue, 3));
    expect(r.events.find((e) => e.action === 'resume')?.detail).toMatchObject({ workingDays: 3 });
    // the same pause in a run recorded before: by the paused time (five days), 23:59 kept only by chance of the hour
    const legacy = run(run(campaign(), { type: 'pause', reason: '因疫情暂停' }, office, at('2024-03-14T10:00:00')), { type: 'resume' }, leader, at('2024-03-19T10:00:00'));
    expect(task(legacy, 'unit-contacts:u-a').dueAt).toBe(DUE + 5 * DAY);
  });
});

describe('a tick that can change nothing skips the draft (the loop ticks after every action)', () => {
  /** Every instant worth looking at: just before, at and just after each wake-up, until the campaign's end. */
  function instants(s: CampaignState, until: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < 400; i++) {
      const next = nextWakeAt(s, cal);
      if (next === null || next > until) break;
      out.push(next - 60_000, next, next + 1);
      s = tick(s, next, cal).state;
    }
    return out;
  }

  it('gives what the draft gives at every instant around every wake-up, and is the same state object when idle', () => {
    let s = campaign();
    let skipped = 0;
    let ticked = 0;
    // each instant twice: the second tick finds the clock there already (as the loop's tick after an action does)
    for (const now of instants(s, endOf('2024-03-28')).flatMap((x) => [x, x])) {
      const fast = tick(s, now, cal, { sane: true, replan: true });
      const full = tickDraft(s, now, cal, { sane: true, replan: true });
      expect(fast.reminders).toEqual(full.reminders);
      expect(fast.events).toEqual(full.events);
      expect(fast.changedTaskIds).toEqual(full.changedTaskIds);
      expect(fast.state).toEqual(full.state);
      if (!tickMayChange(s, now, cal)) {
        skipped++;
        expect(full.state).toBe(s); // the draft found nothing either
      } else ticked++;
      s = full.state;
    }
    expect(skipped).toBeGreaterThan(5);
    expect(ticked).toBeGreaterThan(5);
  });

  it('right after an action at the same instant: nothing to do, same state; a due reminder at that instant is not skipped', () => {
    const s0 = campaign();
    const now = T0 + DAY;
    const acted = applyCommand(s0, { type: 'submit', taskId: 'unit-contacts:u-a', comment: '已报送' }, unitUser('u-a'), now).state;
    expect(tickMayChange(acted, now, cal)).toBe(false);
    expect(tick(acted, now, cal).state).toBe(acted);
    const blue = nextWakeAt(acted, cal)!;
    const atBlue = applyCommand(acted, { type: 'return', taskId: 'unit-contacts:u-a', reason: '不全' }, office, blue).state;
    expect(tickMayChange(atBlue, blue, cal)).toBe(true);
    expect(tick(atBlue, blue, cal).reminders.length).toBeGreaterThan(0);
  });
});
