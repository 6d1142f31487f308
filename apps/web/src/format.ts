/**
 * How people read times: Beijing time (UTC+8, no DST), dates as `2027-03-05 周五`, deadlines in working days
 * (工作日) counted with the domain's working calendar (statutory holidays and 调休).
 */
import { CalendarNotCoveredError, WorkingCalendar, campaignGoesOn, type CalendarOverride } from '@eco/domain';

const UTC8 = 8 * 3600_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function parts(v: string | number | Date) {
  const ms = typeof v === 'number' ? v : new Date(v).getTime();
  const d = new Date(ms + UTC8);
  const p = (n: number) => String(n).padStart(2, '0');
  return { ymd: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`, hm: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`, wd: WEEKDAYS[d.getUTCDay()], valid: !Number.isNaN(ms) };
}

/** `2027-03-05 周五` (Beijing). */
export function fmtDate(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const p = parts(v);
  return p.valid ? `${p.ymd} ${p.wd}` : '—';
}

/** `2027-03-05 周五 18:00` (Beijing). */
export function fmtDateTime(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const p = parts(v);
  return p.valid ? `${p.ymd} ${p.wd} ${p.hm}` : '—';
}

/**
 * `未开始（2027-03-01 周一 启动）` while a campaign that goes on (active or paused: the words do not change with a pause)
 * starts later; null once it has started or ended.
 */
export function notStartedText(c: { status: string; startAt?: string | null }, now: number = Date.now()): string | null {
  return campaignGoesOn(c.status) && c.startAt && Date.parse(c.startAt) > now ? `未开始（${fmtDate(c.startAt)} 启动）` : null;
}

/** Beijing calendar date `YYYY-MM-DD` of an instant. */
export function beijingDate(v: string | number | Date): string {
  return parts(v).ymd;
}

let calendar = new WorkingCalendar();

/**
 * The server's holiday data beyond the built-in calendar (GET /api/calendar: e.g. a year whose 放假安排 was published
 * after this build), so the screens count the same working days as the deadlines were computed with.
 */
export function setCalendarOverride(override: CalendarOverride): void {
  calendar = new WorkingCalendar(override.years.length ? { override } : {});
}

function isWorkingDay(date: string): { working: boolean; estimated: boolean } {
  try {
    return { working: calendar.isWorkingDay(date), estimated: false };
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    return { working: wd !== 0 && wd !== 6, estimated: true };
  }
}

function nextDate(date: string, step: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + step);
  return d.toISOString().slice(0, 10);
}

export interface DueInfo {
  /** Working days from today (exclusive) to the due date (inclusive); when overdue, minus the working days after the due date up to today (inclusive), possibly 0. */
  workingDays: number;
  overdue: boolean;
  /** The calendar data did not cover a year in between: weekends only. */
  estimated: boolean;
  /** blue: more than 3 working days; yellow: 3 or fewer; red: overdue. */
  level: 'blue' | 'yellow' | 'red';
  label: string;
}

/** Working days left until `dueAt`, or overdue by, relative to `now` (Beijing calendar dates). */
export function dueInfo(dueAt: string | number, now: number = Date.now(), overdueFlag?: boolean): DueInfo {
  const due = typeof dueAt === 'number' ? dueAt : Date.parse(dueAt);
  const overdue = overdueFlag ?? due < now;
  const from = beijingDate(now);
  const to = beijingDate(due);
  let n = 0;
  let estimated = false;
  if (to > from) {
    for (let d = nextDate(from, 1); d <= to && n < 400; d = nextDate(d, 1)) {
      const w = isWorkingDay(d);
      estimated ||= w.estimated;
      if (w.working) n++;
    }
  } else if (to < from) {
    for (let d = nextDate(to, 1); d <= from && n > -400; d = nextDate(d, 1)) {
      const w = isWorkingDay(d);
      estimated ||= w.estimated;
      if (w.working) n--;
    }
  }
  if (overdue) {
    // Working days after the due date up to and including today: 0 on the weekend after a Friday deadline.
    const late = Math.max(0, -n);
    return { workingDays: late ? -late : 0, overdue, estimated, level: 'red', label: late ? `已逾期 ${late} 个工作日` : '已逾期' };
  }
  if (n <= 0) return { workingDays: 0, overdue, estimated, level: 'yellow', label: '今日到期' };
  return { workingDays: n, overdue, estimated, level: n <= 3 ? 'yellow' : 'blue', label: `剩余 ${n} 个工作日` };
}

export const LEVEL_COLOR: Record<DueInfo['level'], string> = { blue: '#1677ff', yellow: '#d48806', red: '#cf1322' };
export const LEVEL_TAG: Record<DueInfo['level'], string> = { blue: 'blue', yellow: 'gold', red: 'red' };

/** An ISO-8601 duration as people say it: `P3D` → `3 天`, `PT4H` → `4 小时`, `P1W` → `1 周`; anything else as given. */
export function durationText(iso: string): string {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return iso;
  const parts = [m[1] && `${m[1]} 周`, m[2] && `${m[2]} 天`, m[3] && `${m[3]} 小时`, m[4] && `${m[4]} 分钟`].filter(Boolean);
  return parts.length ? parts.join(' ') : iso;
}
