import { applyCommand } from './commands';
import { createCampaign } from './create-campaign';
import type { Actor, CampaignState } from './campaign-state';
import { WorkingCalendar } from '../rules/working-calendar';
import { CampaignTemplateSchema } from '../template/template.schema';
import { readFileSync } from 'fs';
import { join } from 'path';

const office: Actor = { id: 'o', name: '办公室', roles: ['office'] };
const inspector: Actor = { id: 'i', name: '省厅', roles: ['inspector'] };

function atApplication(): CampaignState {
  const t = CampaignTemplateSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../templates/data/sishui-2023.json'), 'utf8')));
  const start = Date.parse('2026-03-02T09:00:00+08:00');
  let s = createCampaign(t, { campaignId: 'pn' }, start);
  s = applyCommand(s, { type: 'closePhase', phase: 'mobilization', reason: 'r' }, office, start).state;
  s = applyCommand(s, { type: 'closePhase', phase: 'implementation', reason: 'r' }, office, start).state;
  return s;
}

describe('public notice window (公示期)', () => {
  const now = Date.parse('2026-04-30T10:00:00+08:00'); // Thursday before the 劳动节 holiday (May 1–5, 2026)
  const calendar = new WorkingCalendar();

  it('runs N working days from the pre-review pass, counting statutory holidays out', () => {
    const s = atApplication();
    const r = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, now, { calendar, publicNoticeWindow: true });
    const notice = r.state.tasks.find((t) => t.kind === 'public-notice')!;
    // 5 working days after Thu 2026-04-30: May 1–5 are holidays, May 9 (Sat) is a make-up workday → Wed 05-06, Thu 05-07, Fri 05-08, Sat 05-09, Mon 05-11.
    expect(new Date(notice.dueAt + 8 * 3600_000).toISOString().slice(0, 10)).toBe('2026-05-11');
    expect(notice.deadlineChanges.at(-1)).toMatchObject({ by: 'system', reason: expect.stringContaining('公示期5个工作日') });
    expect(r.events.some((e) => e.action === 'public-notice-opened')).toBe(true);
  });

  it('ends at the close of its last working day (23:59:59 Beijing time) for runs since the end-of-day rule; at the pass\'s minute before', () => {
    const s = atApplication();
    const r = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, now, { calendar, publicNoticeWindow: true, publicNoticeEndOfDay: true });
    const due = r.state.tasks.find((t) => t.kind === 'public-notice')!.dueAt;
    expect(new Date(due + 8 * 3600_000).toISOString()).toBe('2026-05-11T23:59:59.999Z');
    const earlier = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, now, { calendar, publicNoticeWindow: true });
    expect(new Date(earlier.state.tasks.find((t) => t.kind === 'public-notice')!.dueAt + 8 * 3600_000).toISOString()).toBe('2026-05-11T10:00:00.000Z');
  });

  it('leaves the due date alone without the flag (campaigns started before the window existed)', () => {
    const s = atApplication();
    const before = s.tasks.find((t) => t.kind === 'public-notice')!.dueAt;
    const r = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' }, inspector, now, { calendar });
    expect(r.state.tasks.find((t) => t.kind === 'public-notice')!.dueAt).toBe(before);
  });
});

describe('a 预审 that found problems (发现问题): its 整改 are due before the steps waiting for it', () => {
  const findings = [{ title: '统计数据口径与省厅要求不一致', unitId: 'sx-tjj' }];

  it('since the rule: no later than the earliest of 公示 and 现场核查 (they wait for the 预审 until its 整改 close); before it, the phase’s end', () => {
    const s = structuredClone(atApplication()); // its dates set below
    const phaseDue = s.phases.find((p) => p.key === 'application')!.dueAt;
    // as a campaign on its own dates lays them out (公示 4-09, 现场核查 4-23, the phase 5-07): before the phase's end
    const notice = s.tasks.find((t) => t.kind === 'public-notice')!;
    notice.dueAt = phaseDue - 28 * 86400000;
    const waitingDue = Math.min(...s.tasks.filter((t) => t.kind === 'public-notice' || t.kind === 'inspection').map((t) => t.dueAt));
    expect(waitingDue).toBe(notice.dueAt);
    const now = waitingDue - 30 * 86400000; // recorded a month before the first of them
    const r = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', findings }, inspector, now, { rectificationBeforeNextStage: true });
    expect(r.state.tasks.find((t) => t.kind === 'rectification')!.dueAt).toBe(waitingDue);
    const before = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', findings }, inspector, now, {});
    expect(before.state.tasks.find((t) => t.kind === 'rectification')!.dueAt).toBe(phaseDue); // after the steps waiting (the walkthrough's 05-07 against 04-09)
  });

  it('never sooner than 7 calendar days after it is recorded', () => {
    const s = atApplication();
    const waitingDue = Math.min(...s.tasks.filter((t) => t.kind === 'public-notice' || t.kind === 'inspection').map((t) => t.dueAt));
    const now = waitingDue - 2 * 86400000;
    const r = applyCommand(s, { type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', findings }, inspector, now, { rectificationBeforeNextStage: true });
    expect(r.state.tasks.find((t) => t.kind === 'rectification')!.dueAt).toBe(now + 7 * 86400000);
  });
});
