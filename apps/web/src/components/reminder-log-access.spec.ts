import { pageLogAccess, reminderLogAsked, reminderLogShown } from './reminder-log-access';

describe('提醒: whether a campaign’s 提醒与催办记录 is read and shown', () => {
  const reads = (id: string, r: string[]) => ({ data: { id, reads: r as never }, loading: false });

  it('decides by the chosen campaign’s detail, else by the newest one’s; none to decide by: nothing, or ask when the list failed', () => {
    expect(pageLogAccess({ id: 'c1', target: 'c1', detail: reads('c1', ['reminders']), listFailed: false })).toBe('read');
    expect(pageLogAccess({ id: undefined, target: 'c2', detail: reads('c2', ['audit']), listFailed: false })).toBe('refused');
    expect(pageLogAccess({ id: 'c1', target: 'c1', detail: reads('c0', ['reminders']), listFailed: false })).toBe('loading'); // another campaign's detail
    expect(pageLogAccess({ id: undefined, target: undefined, detail: { data: null, loading: false }, listFailed: false })).toBeNull();
    expect(pageLogAccess({ id: undefined, target: undefined, detail: { data: null, loading: false }, listFailed: true })).toBe('ask');
  });

  it('asks GET …/reminders only for a chosen campaign whose detail names the log or could not be read', () => {
    expect(['read', 'ask', 'refused', 'loading', null].map((a) => reminderLogAsked('c1', a as never))).toEqual([true, true, false, false, false]);
    expect(reminderLogAsked(undefined, 'read')).toBe(false); // the picker chooses first
  });

  it('a reader of the log: the card and the 无人接收 list; first when opened from 催办记录', () => {
    expect(reminderLogShown({ id: 'c1', viewLog: false }, 'read', false)).toEqual({ refused: false, forbiddenNotice: false, card: true, first: false, problems: true });
    expect(reminderLogShown({ id: 'c1', viewLog: true }, 'read', false)).toMatchObject({ card: true, first: true });
    // no campaign chosen yet, the newest readable: the card (its picker chooses), nothing asked of it yet
    expect(reminderLogShown({ id: undefined, viewLog: false }, 'read', false)).toMatchObject({ card: true, problems: false });
  });

  it('refused by the detail: the notice only to whoever was sent there, no card; the newest refused: silence', () => {
    expect(reminderLogShown({ id: 'c1', viewLog: false }, 'refused', false)).toEqual({ refused: true, forbiddenNotice: true, card: false, first: false, problems: false });
    expect(reminderLogShown({ id: undefined, viewLog: true }, 'refused', false)).toMatchObject({ forbiddenNotice: true, card: false });
    expect(reminderLogShown({ id: undefined, viewLog: false }, 'refused', false)).toMatchObject({ forbiddenNotice: false, card: false });
  });

  it('the detail on its way: loading in the card for whoever was sent there, never a refusal; nothing for the others', () => {
    expect(reminderLogShown({ id: 'c1', viewLog: false }, 'loading', false)).toEqual({ refused: false, forbiddenNotice: false, card: true, first: false, problems: false });
    expect(reminderLogShown({ id: undefined, viewLog: false }, 'loading', false)).toMatchObject({ card: false, forbiddenNotice: false });
  });

  it('the detail failed: the log is asked and shown; its 403 is the refusal (a 403 counts only then)', () => {
    expect(reminderLogShown({ id: 'c1', viewLog: false }, 'ask', false)).toMatchObject({ card: true, problems: true, refused: false });
    expect(reminderLogShown({ id: 'c1', viewLog: false }, 'ask', true)).toEqual({ refused: true, forbiddenNotice: true, card: false, first: false, problems: false });
    expect(reminderLogShown({ id: 'c1', viewLog: false }, 'read', true)).toMatchObject({ refused: false, card: true });
    expect(reminderLogShown({ id: undefined, viewLog: false }, null, false)).toEqual({ refused: false, forbiddenNotice: false, card: false, first: false, problems: false });
  });
});
