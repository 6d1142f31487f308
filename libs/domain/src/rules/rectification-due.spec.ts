import { completePhase, at, office, run, smallTemplate, task, DAY, endOf } from '../../../../test/fixtures/engine-fixtures';
import { createCampaign } from '../engine/create-campaign';
import { RECTIFICATION_DUE_HINT, RECTIFICATION_MIN_CALENDAR_DAYS, STAGE_RECTIFICATION_DUE_HINT, defaultRectificationDueAt } from './rectification-due';

describe('整改期限 left empty: the phase’s due date, not sooner than 7 calendar days (自然日), and the forms say so', () => {
  it('the engine counts calendar days: a 整改 opened on a Monday, its phase due that Friday, is due the next Monday at the same hour (a weekend inside, not 7 working days)', () => {
    const T0 = at('2024-03-01T09:00:00');
    const opened = at('2024-03-25T10:00:00'); // Monday; the implementation phase is due on Friday 2024-03-29
    let s = completePhase(createCampaign(smallTemplate(), { campaignId: 'rect' }, T0), at('2024-03-04T10:00:00'));
    expect(s.phases[1].dueAt).toBe(endOf('2024-03-29'));
    s = run(s, { type: 'openRectification', unitId: 'u-b', title: '督查发现统计数据滞后' }, office, opened);
    expect(task(s, 'rectification:1').dueAt).toBe(at('2024-04-01T10:00:00'));
    expect(task(s, 'rectification:1').dueAt).toBe(opened + RECTIFICATION_MIN_CALENDAR_DAYS * DAY);
    // a phase due later than that: the phase's date
    expect(defaultRectificationDueAt(endOf('2024-04-30'), opened)).toBe(endOf('2024-04-30'));
    expect(defaultRectificationDueAt(undefined, opened)).toBe(opened + 7 * DAY);
  });

  it('the hints (下达整改; 登记结果 · 发现问题) name the unit of the minimum: 自然日, and that it is the default’s', () => {
    expect(RECTIFICATION_DUE_HINT).toBe('不填则为本阶段截止日期，且不早于7个自然日后');
    expect(RECTIFICATION_DUE_HINT).toContain(`${RECTIFICATION_MIN_CALENDAR_DAYS}个自然日`);
    expect(STAGE_RECTIFICATION_DUE_HINT).toBe('不填则不晚于后续环节（如公示、现场核查）的截止日期及本阶段截止日期，且不早于7个自然日后');
  });
});

describe('a stage’s 整改 left undated: before the steps that wait for the stage', () => {
  const opened = at('2024-03-25T10:00:00');
  it('takes the earliest waiting step’s date when it is sooner than the phase’s, never sooner than 7 calendar days', () => {
    expect(defaultRectificationDueAt(endOf('2024-04-30'), opened, endOf('2024-04-12'))).toBe(endOf('2024-04-12'));
    expect(defaultRectificationDueAt(endOf('2024-04-30'), opened, endOf('2024-03-27'))).toBe(opened + 7 * DAY);
    expect(defaultRectificationDueAt(endOf('2024-04-10'), opened, endOf('2024-04-20'))).toBe(endOf('2024-04-10'));
    expect(defaultRectificationDueAt(endOf('2024-04-30'), opened, null)).toBe(endOf('2024-04-30'));
  });
});
