import type { CampaignState } from '../engine/campaign-state';
import { createCampaign } from '../engine/create-campaign';
import { applyCommand } from '../engine/commands';
import { validateCommand } from '../engine/command-validation';
import { urgeNotices } from '../engine/notices';
import { at, HOUR, leader, office, office2, run, smallTemplate, task, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { URGE_INTERVAL_MS } from './urge.command';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const UNIT_TASK = 'unit-contacts:u-a';

/** A chase through the engine as the workflow runs it: validated, applied, and the messages it owes. */
function urge(s: CampaignState, taskId: string, actor = office, now = T1, comment?: string) {
  const command = { type: 'urge' as const, taskId, ...(comment ? { comment } : {}) };
  const refused = validateCommand(s, command, actor, now);
  if (refused) return { refused, state: s, notices: [] };
  const r = applyCommand(s, command, actor, now);
  return { refused: null, state: r.state, notices: urgeNotices(s, r.state, r.changedTaskIds, now), events: r.events, changed: r.changedTaskIds };
}

describe('催办 by hand: the office or a leader chases a task, its people are told at once', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);

  it("an open unit task: the unit's liaisons get a 【催办】 naming who chased it and their words; the task keeps the chase", () => {
    const r = urge(created, UNIT_TASK, office, T1, '请于本周五前报送。');
    expect(r.refused).toBeNull();
    expect(r.changed).toEqual([UNIT_TASK]);
    expect(r.notices).toEqual([
      expect.objectContaining({ taskId: UNIT_TASK, level: 'urge', at: T1, recipients: ['unit:u-a'], unitId: 'u-a', message: `【催办】「${task(created, UNIT_TASK).title}」请于2024年3月8日（周五）前报送。办公室张主任催办：请于本周五前报送。` }),
    ]);
    expect(task(r.state, UNIT_TASK).urges).toEqual([{ by: office.id, byName: office.name, at: T1, comment: '请于本周五前报送。' }]);
    expect(r.events).toEqual([expect.objectContaining({ action: 'urge', taskId: UNIT_TASK, actorId: office.id, comment: '请于本周五前报送。', detail: { to: ['unit:u-a'], status: 'open' } })]);
  });

  it('a task in review chases its signers; an overdue one says so', () => {
    const sub = run(created, { type: 'submit', taskId: UNIT_TASK, value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const late = at('2024-03-12T10:00:00');
    const r = urge(sub, UNIT_TASK, leader, late);
    expect(r.notices).toEqual([expect.objectContaining({ recipients: ['role:office'], message: expect.stringMatching(/^【催办】「.+」已于2024年3月8日（周五）到期，请尽快审批。王区长催办。$/) })]);
  });

  it('once per task per hour, by anyone: the refusal names the last chase', () => {
    const first = urge(created, UNIT_TASK, office, T1);
    const again = urge(first.state, UNIT_TASK, office2, T1 + URGE_INTERVAL_MS - 1);
    expect(again.refused).toEqual({ code: 'conflict', reason: expect.stringMatching(/^该任务已于10:00由办公室张主任催办，1小时内不再重复催办/) });
    expect(urge(first.state, UNIT_TASK, office2, T1 + HOUR).refused).toBeNull();
    // another task is not held back by it
    expect(urge(first.state, 'unit-contacts:u-b', office2, T1 + 1).refused).toBeNull();
  });

  it('only the office and leaders; not a settled task nor one stage order holds back', () => {
    expect(urge(created, UNIT_TASK, unitUser('u-a')).refused).toMatchObject({ code: 'forbidden' });
    expect(urge(created, UNIT_TASK, unitUser('u-b')).refused).toMatchObject({ code: 'forbidden' });
    const sub = run(created, { type: 'submit', taskId: UNIT_TASK, value: '联络员：赵科员' }, unitUser('u-a'), T1);
    const done = run(sub, { type: 'approve', taskId: UNIT_TASK }, office, T1 + 1000);
    expect(urge(done, UNIT_TASK, office, T1 + 2000).refused).toMatchObject({ code: 'conflict', reason: expect.stringContaining('无需催办') });
    expect(urge(created, 'no-such-task').refused).toMatchObject({ code: 'not-found' });
  });

  it('nobody chases themselves: an office clerk not the office’s own work (it waits for the office), a leader may', () => {
    const own = 'work-plan-issued:plan-issued';
    expect(urge(created, own, office).refused).toMatchObject({ code: 'conflict', reason: expect.stringContaining('正等待您本人') });
    const r = urge(created, own, leader);
    expect(r.refused).toBeNull();
    expect(r.notices).toEqual([expect.objectContaining({ recipients: ['role:office'] })]);
  });

  it('a chase is kept on the task (the newest 20) and no notice is owed by any other change', () => {
    let s = created;
    for (let i = 0; i < 22; i++) s = urge(s, UNIT_TASK, office, T1 + i * HOUR).state;
    expect(task(s, UNIT_TASK).urges).toHaveLength(20);
    expect(task(s, UNIT_TASK).urges!.at(-1)!.at).toBe(T1 + 21 * HOUR);
    const sub = applyCommand(s, { type: 'submit', taskId: UNIT_TASK, value: '联络员：赵科员' }, unitUser('u-a'), T1 + 30 * HOUR);
    expect(urgeNotices(s, sub.state, sub.changedTaskIds, T1 + 30 * HOUR)).toEqual([]);
  });
});
