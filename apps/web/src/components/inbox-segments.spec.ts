import { approveSegmentLabel, inboxSegments, inboxTotalText } from './inbox-segments';

const counts = { all: 9, submit: 4, correct: 2, confirm: 0, approve: 0, countersign: 0, record: 0, overdue: 3 };

describe('我的待办 at 390 px: 逾期 is said once', () => {
  it('the segments: 全部, the needs that hold items (or the chosen one), and 逾期 with its count, in red while it holds items', () => {
    expect(inboxSegments(counts, 'all').map((s) => [s.label, s.alert])).toEqual([['全部 9', false], ['报送 4', false], ['补正 2', false], ['逾期 3', true]]);
    expect(inboxSegments(counts, 'confirm').map((s) => s.label)).toContain('确认 0');
    expect(inboxSegments({ ...counts, overdue: 0 }, 'all').at(-1)).toEqual({ value: 'overdue', label: '逾期 0', alert: false });
  });

  it('no counts: while loading only 全部, the chosen need and 逾期; after a failed load no segment bar (the error and its retry are the screen)', () => {
    // (it listed every need, 确认 · 审批 · 会签 · 登记结果 too, wrapping to two lines above 加载失败 on a phone)
    expect(inboxSegments(undefined, 'all').map((s) => s.label)).toEqual(['全部', '逾期']);
    expect(inboxSegments(undefined, 'correct').map((s) => s.label)).toEqual(['全部', '补正', '逾期']);
    expect(inboxSegments(undefined, 'all', undefined, true)).toEqual([]);
    // a failed refresh over counts already read keeps them (the list stays, with 刷新失败)
    expect(inboxSegments(counts, 'all', undefined, true).map((s) => s.label)).toEqual(['全部 9', '报送 4', '补正 2', '逾期 3']);
  });

  it('the line above the list counts the items, and leaves 逾期 N to its segment (no second 逾期 on the screen)', () => {
    const screen = [...inboxSegments(counts, 'all').map((s) => s.label), inboxTotalText('all', 9, 9)];
    expect(screen.filter((w) => w.includes('逾期'))).toEqual(['逾期 3']);
    expect(inboxTotalText('all', 9, 9)).toBe('共 9 项，按截止时间排序');
    expect(inboxTotalText('overdue', 3, 9)).toBe('符合条件 3 项（共 9 项），按截止时间排序');
  });
});

describe('我的待办: the 审批 segment says what its cards say', () => {
  const item = (id: string, need: string, word: string) => ({ id, need, word });
  const label = (i: { word: string }) => i.word;
  it('a 分管负责人 whose one item is a 签字: 「签字 1」, not 「审批 1」 above a card saying 签字', () => {
    const items = [item('a', 'submit', '报送'), item('b', 'approve', '签字')];
    const word = approveSegmentLabel(items, 1, label);
    expect(word).toBe('签字');
    expect(inboxSegments({ ...counts, approve: 1 }, 'all', word).map((s) => s.label)).toContain('签字 1');
  });
  it('mixed words, or items of that need not all on the page: 审批', () => {
    expect(approveSegmentLabel([item('b', 'approve', '签字'), item('c', 'approve', '审批')], 2, label)).toBe('审批');
    expect(approveSegmentLabel([item('b', 'approve', '签字')], 3, label)).toBe('审批');
    expect(approveSegmentLabel([], 0, label)).toBe('审批');
  });
});
