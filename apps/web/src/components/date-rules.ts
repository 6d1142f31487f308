import dayjs, { type Dayjs } from 'dayjs';
import type { Rule } from 'antd/es/form';

/**
 * A deadline may not lie in the past: said as an error under the field. (A picker's disabledDate also greys the
 * past days, but a past date TYPED into it was dropped without a word on blur and the field fell back to the date
 * it held — a 调整期限 then moved the deadline to that old date.)
 */
export const notBeforeToday: Rule = {
  validator: async (_rule, v: Dayjs | undefined | null) => {
    if (v && beforeToday(v)) throw new Error('不能早于今天');
  },
};

/** A date before today (the browser's): what notBeforeToday refuses. */
export function beforeToday(d: Dayjs): boolean {
  return d.isBefore(dayjs().startOf('day'));
}

/** A note under a new deadline earlier than the task's current one: the unit gets less time (allowed, but said). */
export function earlierNote(next: Dayjs | undefined | null, current: string, label: (iso: string) => string): string | null {
  if (!next || !next.isValid()) return null;
  return next.endOf('day').valueOf() < Date.parse(current) ? `早于当前截止日期 ${label(current)}：办理时间将缩短` : null;
}
