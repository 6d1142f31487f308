import { totalText } from './task-total';

describe("任务清单's 共 N 项 says how many cancelled tasks it includes", () => {
  it('names the cancelled ones when the unfiltered list has more than the campaign total, and none when it has none', () => {
    expect(totalText(37, { filtered: false, byState: false, campaignTotal: 35 })).toBe('共 37 项（含已取消 2 项）');
    expect(totalText(35, { filtered: false, byState: false, campaignTotal: 35 })).toBe('共 35 项');
  });

  it('a list narrowed by unit, phase or text still may hold cancelled tasks; a 状态 or 逾期 filter does not', () => {
    expect(totalText(4, { filtered: true, byState: false, campaignTotal: 35 })).toBe('共 4 项（含已取消的任务）');
    expect(totalText(35, { filtered: false, byState: false })).toBe('共 35 项（含已取消的任务）'); // the campaign not read yet
    expect(totalText(3, { filtered: false, byState: true, campaignTotal: 35 })).toBe('共 3 项');
  });
});
