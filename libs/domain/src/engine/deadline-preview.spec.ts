/**
 * 调整期限的预览: the dates a move would change, from the move itself (decide on the current state) — a phase's
 * milestones old → new, one node's tasks for every unit with the node and the steps after it — and the move's own
 * refusals; the state is left as it was.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { loadBuiltInTemplates } from '@eco/templates';
import { WorkingCalendar } from '../rules/working-calendar';
import type { CampaignTemplate } from '../template/template.schema';
import type { Actor, CampaignState } from './campaign-state';
import { isLive } from './campaign-state';
import { decide } from './commands';
import { createCampaign } from './create-campaign';
import { currentMoveContext, previewDeadlineMove } from './deadline-preview';
import { planSchedule } from './schedule';

const o = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8'));
const calendar = new WorkingCalendar({ override: { years: o.years, holidays: o.holidays, workdays: o.workdays } });
const START = Date.parse('2026-12-03T09:00:00+08:00');
const NOW = Date.parse('2026-12-07T10:00:00+08:00');
const office: Actor = { id: 'o1', name: '办公室', roles: ['office'] };
const unit: Actor = { id: 'u1', name: '联络员', roles: ['unit'], unitId: 'sx-tjj' };

let sishui: CampaignTemplate;
beforeAll(async () => {
  sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
});

function campaign(): CampaignState {
  const plan = planSchedule(sishui, { startAt: START }, calendar);
  const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
  return createCampaign(sishui, { campaignId: 'pv', startAt: START, schedule, fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key) }, START);
}

describe('previewDeadlineMove', () => {
  it('a phase moved by working days: each milestone whose date changes, old → new, as the move itself sets them; nothing kept', () => {
    const s = campaign();
    const copy = JSON.stringify(s);
    const command = { phase: 'mobilization' as const, shiftByWorkingDays: 5, reason: '预览' };
    const r = previewDeadlineMove(s, command, office, NOW, calendar);
    if (!r.ok) throw new Error(r.reason);
    expect(JSON.stringify(s)).toBe(copy);
    const moved = decide(s, { type: 'moveDeadlines', ...command }, office, NOW, currentMoveContext(calendar));
    if (!moved.ok) throw new Error(moved.reason);
    const mob = s.phases.find((p) => p.key === 'mobilization')!;
    const after = moved.state.phases.flatMap((p) => p.milestones.map((m) => [m.key, m.dueAt] as const));
    // every mobilization milestone is listed, with the date the move gives it
    for (const m of mob.milestones) {
      expect(r.preview.milestones).toContainEqual({ phase: 'mobilization', phaseName: mob.name, key: m.key, name: m.name, from: m.dueAt, to: new Map(after).get(m.key)! });
    }
    // …and nothing the move leaves alone
    for (const m of r.preview.milestones) expect(m.to).not.toBe(m.from);
    expect(r.preview.phases[0]).toMatchObject({ key: 'mobilization', from: mob.dueAt, to: moved.state.phases[0].dueAt });
    expect(r.preview.tasks.length).toBe(s.tasks.filter((t) => t.phase === 'mobilization' && isLive(t)).length);
  });

  it('one node for every unit (its live tasks to one date): the node itself moves, its tasks too, and the move’s warnings', () => {
    const s = campaign();
    const ids = s.tasks.filter((t) => t.milestoneKey === 'materials' && isLive(t)).map((t) => t.id);
    expect(ids.length).toBe(16);
    const node = s.phases[0].milestones.find((m) => m.key === 'materials')!;
    const r = previewDeadlineMove(s, { taskIds: ids, dueDate: '2027-01-16', reason: '预览' }, office, NOW, calendar); // a Saturday
    if (!r.ok) throw new Error(r.reason);
    expect(r.preview.milestones.find((m) => m.key === 'materials')).toMatchObject({ from: node.dueAt, to: Date.parse('2027-01-18T23:59:59.999+08:00') });
    expect(r.preview.tasks.map((t) => t.id).sort()).toEqual([...ids].sort());
    // the node's date moves the step after it too: the preview lists it and says so, as the move's answer will
    expect(r.preview.milestones.map((m) => m.key)).toEqual(['materials', 'unit-contacts']);
    expect(r.preview.warnings).toEqual(['2027年1月16日（周六）不是工作日，期限顺延至2027年1月18日（周一）', '后续1个节点的期限随之调整：「各责任单位确定1名分管责任人及1名联络员」（详见审计记录）']);
  });

  it('refuses as the move does: an unknown task (404), a date already past (400), a unit (403)', () => {
    const s = campaign();
    expect(previewDeadlineMove(s, { taskIds: ['nope'], dueDate: '2027-01-18', reason: '预览' }, office, NOW, calendar)).toMatchObject({ ok: false, code: 'not-found' });
    expect(previewDeadlineMove(s, { phase: 'mobilization', dueDate: '2026-12-01', reason: '预览' }, office, NOW, calendar)).toMatchObject({ ok: false, code: 'invalid', reason: expect.stringContaining('早于当前时间') });
    expect(previewDeadlineMove(s, { phase: 'mobilization', shiftByWorkingDays: 1, reason: '预览' }, unit, NOW, calendar)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
