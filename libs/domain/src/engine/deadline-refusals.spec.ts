/**
 * 调整期限's refusals as people read them (the audit an office and an inspector read, its CSV): the task by its title,
 * the fields by their Chinese names — walkthrough: 「任务materials:sx-zfb调整后期限超过十年，不予调整」,
 * 「须指定新期限（dueAt）或顺延时长（shiftBy / shiftByWorkingDays）之一」. The code stays for matching.
 */
import { at, office, smallTemplate, task } from '../../../../test/fixtures/engine-fixtures';
import { chineseReason } from '../text/chinese-reason';
import { createCampaign } from './create-campaign';
import { validateCommand } from './command-validation';

const T0 = at('2024-03-01T09:00:00');
const ID = 'unit-contacts:u-a';
const s = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);
const read = (c: Record<string, unknown>) => {
  const r = validateCommand(s, { type: 'moveDeadlines', reason: '顺延', ...c }, office, T0);
  return r && { code: r.code, reason: chineseReason(r.reason) };
};

describe('调整期限 refusals name things in Chinese', () => {
  it('a date beyond the planning window names the task by its title, not its id', () => {
    const title = task(s, ID).title;
    expect(read({ taskIds: [ID], shiftBy: 'P11Y' })).toEqual({ code: 'invalid', reason: `任务「${title}」调整后的截止日期超过十年，不予调整` });
    expect(read({ taskIds: [ID], shiftBy: 'P4Y' })?.reason).toMatch(new RegExp(`^任务「${title}」调整后的截止日期.*超过三年，如确需调整请填写超期调整理由$`));
  });

  it('neither a new date nor a shift: said without API field names', () => {
    expect(read({ taskIds: [ID] })).toEqual({ code: 'invalid', reason: '须指定新的截止日期或顺延时长（二者选一）' });
    expect(read({ shiftBy: 'P7D' })).toEqual({ code: 'invalid', reason: '须选择要调整的任务或阶段（二者选一）' });
    expect(read({ taskIds: [], shiftBy: 'P7D' })).toEqual({ code: 'invalid', reason: '指令格式错误：须至少选择1项任务' });
  });

  it('a phase by its name', () => {
    expect(read({ phase: 'review', shiftBy: 'P7D' })).toEqual({ code: 'invalid', reason: '本活动无「复核」阶段' });
  });
});
