import { createCampaign } from './create-campaign';
import { taskView, waitingSince } from './views';
import { at, office, office2, run, smallTemplate, task, unitUser } from '../../../../test/fixtures/engine-fixtures';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const T2 = at('2024-03-05T10:00:00');
const T3 = at('2024-03-06T10:00:00');

describe('waitingSince: since when a task waits for whoever it waits for now (the inbox shows reminders after it)', () => {
  const created = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);
  const since = (s: typeof created, id: string) => waitingSince(taskView(task(s, id), s.clock));

  it('never submitted: null (every reminder so far was its owner\'s)', () => {
    expect(since(created, 'unit-contacts:u-a')).toBeNull();
  });

  it('submitted: the submission; returned: the return; resubmitted: the new submission', () => {
    const sub = run(created, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    expect(since(sub, 'unit-contacts:u-a')).toBe(new Date(T1).toISOString());
    const ret = run(sub, { type: 'return', taskId: 'unit-contacts:u-a', reason: '缺少分管负责人' }, office, T2);
    expect(since(ret, 'unit-contacts:u-a')).toBe(new Date(T2).toISOString());
    const again = run(ret, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员；分管：钱局长' }, unitUser('u-a'), T3);
    expect(since(again, 'unit-contacts:u-a')).toBe(new Date(T3).toISOString());
  });

  it('the next step of the chain: the decision that opened it (the leaders\' step after the office\'s)', () => {
    const sub = run(created, { type: 'submit', taskId: 'work-plan-issued:plan-issued', comment: '方案已印发' }, office, T1);
    const first = run(sub, { type: 'approve', taskId: 'work-plan-issued:plan-issued' }, office2, T2);
    expect(task(first, 'work-plan-issued:plan-issued').status).toBe('submitted');
    expect(since(first, 'work-plan-issued:plan-issued')).toBe(new Date(T2).toISOString());
  });
});
