import type { CampaignState } from './campaign-state';
import { createCampaign } from './create-campaign';
import { HOUR, at, endOf, smallTemplate, task } from '../../../../test/fixtures/engine-fixtures';
import { tick, workingDaysOverdue } from './reminders';
import { WeekendCalendar } from './weekend-calendar';

const cal = new WeekendCalendar();
const NOW = at('2026-12-03T10:00:00'); // Thursday

/** A campaign taken over today whose tasks fell due long ago (2023) and were never done. */
function longOverdue(): CampaignState {
  const tpl = smallTemplate((x) => {
    for (const m of x.phases[0].milestones) m.due = { date: '2023-03-20', text: '2023-03-20前' };
  });
  return createCampaign(tpl, { campaignId: 'r-sane', reminderPolicy: { before: ['P1D'], overdueEvery: 'P1D', escalateAfter: 'P3D' } }, NOW);
}

describe('reminder sanity: no catch-up, working days in messages, late escalation', () => {
  it('a task overdue since 2023 gets one red reminder now counting working days, never a serial number, and one escalation at the highest level', () => {
    const s = longOverdue();
    const r = tick(s, NOW + 1000, cal, { sane: true });
    const mine = r.reminders.filter((x) => x.taskId === 'unit-contacts:u-a');
    expect(mine.map((x) => [x.level, x.level === 'red' ? 'latest' : x.n])).toEqual([
      ['red', 'latest'],
      ['escalation', 2],
    ]);
    const days = workingDaysOverdue(task(s, 'unit-contacts:u-a'), NOW + 1000, cal);
    expect(days).toBeGreaterThan(900);
    expect(mine[0].message).toContain(`已逾期${days}个工作日`);
    expect(mine[0].message).not.toMatch(/第\d+次/);
    expect(mine[0].at).toBe(NOW + 1000);
    expect(mine[1].recipients).toEqual(['unit-leader:u-a', 'role:leader', 'role:office']); // the unit's 分管负责人 too: the first level passed unsaid
    expect(task(r.state, 'unit-contacts:u-a').assessmentFlag).toBe(true);
    expect(r.events.filter((e) => e.action === 'escalated' && e.taskId === 'unit-contacts:u-a')).toHaveLength(1);

    // No catch-up: later the same day nothing more; the next working day one more red, then one per interval.
    const later = tick(r.state, NOW + 2 * HOUR, cal, { sane: true });
    expect(later.reminders.filter((x) => x.taskId === 'unit-contacts:u-a')).toEqual([]);
    const next = tick(later.state, endOf('2026-12-04') + 1, cal, { sane: true });
    const reds = next.reminders.filter((x) => x.taskId === 'unit-contacts:u-a');
    expect(reds.map((x) => x.level)).toEqual(['red']);
    expect(reds[0].message).toContain(`已逾期${days + 1}个工作日`);
  });

  it('escalates a task that became overdue after its creation as before (level 1, then level 2)', () => {
    const tpl = smallTemplate((x) => {
      for (const m of x.phases[0].milestones) m.due = { date: '2026-12-07', text: '2026-12-07前' };
    });
    let s = createCampaign(tpl, { campaignId: 'r-sane2', reminderPolicy: { before: ['P1D'], overdueEvery: 'P1D', escalateAfter: 'P2D' } }, NOW);
    const levels: string[] = [];
    for (let t = NOW; t < endOf('2026-12-14'); t += HOUR) {
      const r = tick(s, t, cal, { sane: true });
      s = r.state;
      levels.push(...r.reminders.filter((x) => x.taskId === 'unit-contacts:u-a').map((x) => `${x.level}${x.level === 'escalation' ? x.n : ''}`));
    }
    expect(levels.filter((l) => l.startsWith('escalation'))).toEqual(['escalation1', 'escalation2']);
    expect(levels[0]).toBe('yellow');
    expect(levels.filter((l) => l === 'red').length).toBeLessThanOrEqual(6);
  });

  it('keeps the old behaviour without the switch (running campaigns replay unchanged)', () => {
    const r = tick(longOverdue(), NOW + 1000, cal);
    expect(r.reminders.filter((x) => x.taskId === 'unit-contacts:u-a')).toEqual([]);
  });
});


describe('a task assigned after its due date (taken over, opened late): escalated from when it was assigned', () => {
  /** longOverdue() in a campaign since planRules.lateTasksFromCreation. */
  function assignedLate(): CampaignState {
    const tpl = smallTemplate((x) => {
      for (const m of x.phases[0].milestones) m.due = { date: '2023-03-20', text: '2023-03-20前' };
    });
    return createCampaign(tpl, { campaignId: 'r-late', reminderPolicy: { before: ['P1D'], overdueEvery: 'P1D', escalateAfter: 'P3D' }, planRules: { lateTasksFromCreation: true } }, NOW);
  }

  it('nothing at once (its 【新任务】 says 已逾期); one 【逾期】 the next working day; 督办 three working days after it was assigned, level 1 first, no assessment flag at once', () => {
    const s = assignedLate();
    const first = tick(s, NOW + 1000, cal, { sane: true });
    expect(first.reminders.filter((x) => x.taskId === 'unit-contacts:u-a')).toEqual([]);
    expect(task(first.state, 'unit-contacts:u-a').assessmentFlag).toBe(false);
    const friday = tick(first.state, endOf('2026-12-04') + 1, cal, { sane: true });
    expect(friday.reminders.filter((x) => x.taskId === 'unit-contacts:u-a').map((x) => x.level)).toEqual(['red']);
    // Not before three working days (P3D) after it was assigned (Thursday 10:00 → Tuesday 10:00); then level 1, not 2.
    const monday = tick(friday.state, at('2026-12-07T18:00:00'), cal, { sane: true });
    expect(monday.reminders.filter((x) => x.taskId === 'unit-contacts:u-a' && x.level === 'escalation')).toEqual([]);
    const tuesday = tick(monday.state, at('2026-12-08T10:00:01'), cal, { sane: true });
    const esc = tuesday.reminders.filter((x) => x.taskId === 'unit-contacts:u-a' && x.level === 'escalation');
    expect(esc.map((x) => x.n)).toEqual([1]);
    expect(esc[0].message).toMatch(/^【督办】「.+」已逾期\d+个工作日，期限2023年3月20日（周一）\d\d:\d\d，请单位分管负责人督促办理。$/); // no bracket inside a bracket
    expect(task(tuesday.state, 'unit-contacts:u-a').assessmentFlag).toBe(false);
  });
});
