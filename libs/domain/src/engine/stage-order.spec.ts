import { loadBuiltInTemplates } from '@eco/templates';
import type { CampaignTemplate } from '../template/template.schema';
import type { Actor, CampaignState } from './campaign-state';
import { validateCommand } from './command-validation';
import { createCampaign } from './create-campaign';
import { taskNotices } from './notices';
import { nextWakeAt, tick, upcomingReminders } from './reminders';
import { WeekendCalendar } from './weekend-calendar';
import { stageBlocks, stageOrderBlocker } from './stage-order';
import { taskProjection } from '../read-model/projection';
import { taskActions } from '../policy/task-actions';
import { taskFactsFromView } from '../policy/facts';
import { chineseReason } from '../text/chinese-reason';

const NOW = Date.parse('2026-12-03T09:00:00+08:00');
const office: Actor = { id: 'o1', name: '办公室', roles: ['office'] };
const inspector: Actor = { id: 'i1', name: '核查组', roles: ['inspector'] };

let lixia: CampaignTemplate;
beforeAll(async () => {
  lixia = (await loadBuiltInTemplates()).find((t) => t.id === 'lixia-2021')!;
});

/** A Lixia campaign taken over with the given phases done, every milestone due in the future. */
function campaign(donePhases: string[]): CampaignState {
  const keys = lixia.phases.flatMap((p) => p.milestones.map((m) => m.key));
  const schedule = Object.fromEntries(keys.map((k, i) => [k, NOW + (i + 1) * 86400000]));
  const done = lixia.phases.filter((p) => donePhases.includes(p.key)).flatMap((p) => p.milestones.map((m) => m.key));
  return createCampaign(lixia, { campaignId: 'c1', startAt: NOW, schedule, takeOver: { done } }, NOW);
}

function settle(s: CampaignState, milestoneKey: string): void {
  for (const t of s.tasks.filter((x) => x.milestoneKey === milestoneKey)) t.status = 'approved';
}

describe('stage order: a task is actionable only when the steps it follows are done', () => {
  it('refuses department comments before the draft exists, naming the draft; accepts them after', () => {
    const s = campaign(['mobilization']);
    expect(s.currentPhase).toBe('implementation');
    const unit: Actor = { id: 'u1', name: '联络员', roles: ['unit'], unitId: s.tasks.find((t) => t.kind === 'plan-comments')!.unitId };
    const cmd = { type: 'submit', taskId: `plan-comments:${unit.unitId}`, comment: '无意见' };
    const e = validateCommand(s, cmd, unit, NOW);
    expect(e).toMatchObject({ code: 'conflict' });
    expect(e!.reason).toContain('须先完成「完成《规划》（征求意见稿）」');
    expect(e!.reason).toContain('plan-draft:plan-draft');
    settle(s, 'plan-draft');
    expect(validateCommand(s, cmd, unit, NOW)).toBeNull();
  });

  it('refuses the expert review before the review draft (论证稿)', () => {
    const s = campaign(['mobilization']);
    settle(s, 'plan-draft');
    settle(s, 'plan-comments');
    const e = validateCommand(s, { type: 'submit', taskId: 'plan-expert-review:plan-expert-review' }, office, NOW);
    expect(e?.code).toBe('conflict');
    expect(e?.reason).toContain('须先完成「修改形成《规划》（论证稿）」');
  });

  it('refuses a pre-review result before the application is done, and naming before the inspection passed', () => {
    const s = campaign(['mobilization', 'implementation']);
    expect(s.currentPhase).toBe('application');
    const pre = validateCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, NOW);
    expect(pre?.code).toBe('conflict');
    expect(pre?.reason).toContain('须先完成「提报申报材料」');
    const naming = validateCommand(s, { type: 'submit', taskId: 'naming:naming' }, office, NOW);
    expect(naming?.reason).toContain('须先完成「迎接生态环境部现场核查」');
    // An inspection with findings still under rectification keeps naming blocked.
    for (const k of ['application', 'pre-review', 'public-notice', 'platform-fill', 'inspection-prep', 'supplement']) settle(s, k);
    const insp = s.tasks.find((t) => t.kind === 'inspection')!;
    insp.status = 'rectifying';
    expect(validateCommand(s, { type: 'submit', taskId: 'naming:naming' }, office, NOW)?.code).toBe('conflict');
    insp.status = 'approved';
    expect(validateCommand(s, { type: 'submit', taskId: 'naming:naming' }, office, NOW)).toBeNull();
  });

  it('names the steps still open by their titles (the ids only in the English part)', () => {
    const s = campaign(['mobilization', 'implementation']);
    for (const k of ['application', 'pre-review', 'public-notice', 'platform-fill']) settle(s, k);
    const open = s.tasks.filter((t) => t.milestoneKey === 'inspection-prep' && t.status !== 'approved' && t.status !== 'cancelled');
    expect(open.length).toBeGreaterThan(0);
    const e = validateCommand(s, { type: 'recordExternalResult', stage: 'inspection', outcome: 'passed' }, inspector, NOW);
    expect(e?.code).toBe('conflict');
    const zh = chineseReason(e!.reason);
    expect(zh).toContain(`尚未完成：${open[0].title}`);
    for (const t of open) expect(zh).not.toContain(t.id);
    expect(e!.reason).toContain(open[0].id); // the English part keeps the id
  });

  it('leaves campaigns started without a relative plan unordered (running campaigns keep their behaviour)', () => {
    const s = campaign(['mobilization', 'implementation']);
    for (const p of s.phases) for (const m of p.milestones) delete m.plan;
    expect(validateCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, NOW)).toBeNull();
  });
});

describe('held back (待前序环节): the read model, the actions offered and the notices agree with stage order', () => {
  const commentTasks = (s: CampaignState) => s.tasks.filter((t) => t.kind === 'plan-comments');

  it('stageBlocks lists every task still to be done whose step is not done, with that step; none once it is', () => {
    const s = campaign(['mobilization']);
    const held = stageBlocks(s);
    for (const t of commentTasks(s)) expect(held.get(t.id)).toMatchObject({ milestoneKey: 'plan-draft', milestoneName: '完成《规划》（征求意见稿）' });
    // Each held task is exactly one the validators refuse for stage order (the same rule, computed once per milestone).
    for (const t of s.tasks) expect(held.has(t.id)).toBe(t.status === 'open' && !!stageOrderBlocker(s, t));
    settle(s, 'plan-draft');
    expect([...stageBlocks(s).keys()].filter((id) => id.startsWith('plan-comments:'))).toEqual([]);
  });

  it('a held task waits for nobody in the read model (no inbox lists it), shows the step, and offers no 报送', () => {
    const s = campaign(['mobilization']);
    const t = commentTasks(s)[0];
    const row = taskProjection(t, NOW, stageBlocks(s).get(t.id));
    expect(row.waitingFor).toEqual([]);
    expect(row.view.blockedBy).toEqual({ milestoneKey: 'plan-draft', milestoneName: '完成《规划》（征求意见稿）' });
    const unit: Actor = { id: 'u1', name: '联络员', roles: ['unit'], unitId: t.unitId };
    const ctx = { units: s.catalog.units, separationOfDuties: false };
    expect(taskActions({ ...ctx, task: taskFactsFromView(row.view) }, unit)).toEqual([]);
    settle(s, 'plan-draft');
    const free = taskProjection(t, NOW, stageBlocks(s).get(t.id));
    expect(free.waitingFor).toEqual([`unit:${t.unitId}`]);
    expect(free.view.blockedBy).toBeUndefined();
    expect(taskActions({ ...ctx, task: taskFactsFromView(free.view) }, unit)).toContain('submit');
  });

  it('notices (stageOrder): nobody is told of a held task when it opens; its people are told 【可办理】 once the step is done', () => {
    const s = campaign(['mobilization']);
    const all = s.tasks.map((t) => t.id);
    const opened = taskNotices(null, s, all, NOW, { stageOrder: true });
    expect(opened.filter((n) => n.taskId.startsWith('plan-comments:'))).toEqual([]);
    // Without the option (runs before the patch) every live task is announced, held or not.
    expect(taskNotices(null, s, all, NOW).filter((n) => n.taskId.startsWith('plan-comments:')).length).toBe(commentTasks(s).length);
    const after = structuredClone(s);
    settle(after, 'plan-draft');
    const draftIds = after.tasks.filter((t) => t.milestoneKey === 'plan-draft').map((t) => t.id);
    const released = taskNotices(s, after, draftIds, NOW + 1000, { stageOrder: true }).filter((n) => n.taskId.startsWith('plan-comments:'));
    expect(released.map((n) => n.taskId).sort()).toEqual(commentTasks(s).map((t) => t.id).sort());
    for (const n of released) {
      expect(n.recipients).toEqual([`unit:${n.unitId}`]);
      expect(n.message).toMatch(/^【可办理】「.+」的前序环节「完成《规划》（征求意见稿）」已完成，请于.+前报送。$/);
    }
    // Told once: the next change (nothing released) tells nobody again.
    expect(taskNotices(after, after, draftIds, NOW + 2000, { stageOrder: true }).filter((n) => n.taskId.startsWith('plan-comments:'))).toEqual([]);
  });
});

describe('held back (待前序环节): no reminder, no 督办, no wake-up until released (heldQuiet)', () => {
  const calendar = new WeekendCalendar();
  const publicNotice = (s: CampaignState) => s.tasks.find((t) => t.kind === 'public-notice')!;

  it('a 公示 waiting for 预审 is reminded of nothing at its due date and wakes nobody; once 预审 passed it is', () => {
    const fresh = () => {
      const s = campaign(['mobilization', 'implementation']);
      for (const k of ['application', 'platform-fill']) settle(s, k);
      return s;
    };
    // Its wake-up instants are not the campaign's: with every other task settled, nothing wakes the campaign.
    const alone = fresh();
    const id = publicNotice(alone).id;
    for (const t of alone.tasks) {
      if (t.kind === 'pre-review') t.status = 'rectifying'; // not done (the notice stays held), not live (wakes nobody)
      else if (t.id !== id && (t.status === 'open' || t.status === 'returned' || t.status === 'submitted')) t.status = 'approved';
    }
    expect(stageBlocks(alone).get(id)?.milestoneKey).toBe('pre-review');
    const withoutIt = { ...alone, tasks: alone.tasks.filter((t) => t.id !== id) };
    expect(nextWakeAt(alone, calendar, { heldQuiet: true })).toBe(nextWakeAt(withoutIt, calendar));
    expect(nextWakeAt(alone, calendar)).not.toBe(nextWakeAt(withoutIt, calendar)); // runs before the patch: it woke the campaign

    const s = fresh();
    const notice = publicNotice(s);
    const late = notice.dueAt + 3 * 86400000;
    expect(tick(s, late, calendar, { sane: true, heldQuiet: true }).reminders.filter((r) => r.taskId === notice.id)).toEqual([]);
    expect(upcomingReminders(s, notice, calendar, { sane: true, heldQuiet: true })).toEqual([]);
    // Without the option (runs before the patch) it is reminded as before.
    expect(tick(s, late, calendar, { sane: true }).reminders.some((r) => r.taskId === notice.id)).toBe(true);
    const released = fresh();
    settle(released, 'pre-review');
    expect(tick(released, late, calendar, { sane: true, heldQuiet: true }).reminders.some((r) => r.taskId === notice.id)).toBe(true);
    expect(upcomingReminders(released, publicNotice(released), calendar, { sane: true, heldQuiet: true }).length).toBeGreaterThan(0);
  });
});
