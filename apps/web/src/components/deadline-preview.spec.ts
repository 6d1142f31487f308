import { keepEnterInField, otherTasks, ownTaskLine, phaseDueLine, previewWarningText } from './deadline-preview';

describe('调整前预览: its words before anything is recorded', () => {
  it('leaves 「（详见审计记录）」 out of the move’s warnings', () => {
    expect(previewWarningText('后续2个节点的期限随之调整：「A」、「B」（详见审计记录）')).toBe('后续2个节点的期限随之调整：「A」、「B」');
    expect(previewWarningText('「A」为固定期限，未随之调整，请核实')).toBe('「A」为固定期限，未随之调整，请核实');
  });

  it('says each re-dated phase’s own end: 动员部署阶段截止：old → new', () => {
    const day = (v: string) => v.slice(5, 10);
    expect(phaseDueLine({ name: '动员部署', from: '2026-12-24T15:59:59Z', to: '2026-12-28T15:59:59Z' }, day)).toBe('动员部署阶段截止：12-24 → 12-28');
    expect(phaseDueLine({ name: '创建实施阶段', from: '2027-06-30T15:59:59Z', to: '2027-07-05T15:59:59Z' }, day)).toBe('创建实施阶段截止：06-30 → 07-05');
  });
});

describe('调整前预览 of one task’s own move: the date it will have, what else moves', () => {
  const day = (v: string) => v.slice(0, 10);
  const tasks = [
    { id: 't1', from: '2027-01-20T15:59:59Z', to: '2027-02-09T15:59:59Z' },
    { id: 't2', from: '2027-02-01T15:59:59Z', to: '2027-02-12T15:59:59Z' },
  ];
  it('says the task’s own date old → new (the 顺延 date, not the one picked), or that it stays', () => {
    expect(ownTaskLine('t1', tasks, day)).toBe('本任务截止：2027-01-20 → 2027-02-09');
    expect(ownTaskLine('t3', tasks, day)).toBe('本任务期限不变');
  });
  it('counts the other tasks apart from the dialog’s own; without one, every task', () => {
    expect(otherTasks(tasks, 't1').map((t) => t.id)).toEqual(['t2']);
    expect(otherTasks(tasks).map((t) => t.id)).toEqual(['t1', 't2']);
  });
});

describe('a dialog form: Enter in a single-line field does not submit it', () => {
  const press = (key: string, tagName: string) => {
    const e = { key, target: { tagName } as unknown as EventTarget, preventDefault: jest.fn() };
    keepEnterInField(e);
    return e.preventDefault.mock.calls.length;
  };
  it('stops the browser’s implicit submission from a date or number input, not a text area’s new line nor other keys', () => {
    expect(press('Enter', 'INPUT')).toBe(1);
    expect(press('Enter', 'TEXTAREA')).toBe(0);
    expect(press('Tab', 'INPUT')).toBe(0);
  });
});
