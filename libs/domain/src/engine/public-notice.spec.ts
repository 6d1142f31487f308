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
