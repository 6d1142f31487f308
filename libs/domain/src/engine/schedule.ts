/**
 * The campaign schedule (工作计划): a template's milestones laid on the office's own calendar.
 *
 * Each milestone follows the campaign start or other milestones (`plan.after`) by a gap in working days (工作日,
 * statutory holidays and 调休 from the calendar) or a calendar duration (P1M, P1Y: calendar months and years). A due
 * date on a non-working day moves to the end of the next working day, with the reason recorded. Due instants are the
 * end of the local (Asia/Shanghai) day. `mode: 'published'` instead takes the plan's published dates as they are
 * (reference data) and plans only the milestones the plan gives no date for.
 *
 * Pure: the API previews and starts with it, the workflow re-plans with it.
 */
import { dayOfWeek, endOfLocalDay, localDate, statutoryDayName } from '../rules/working-calendar';
import type { CampaignTemplate, Milestone, MilestonePlan, TaskKind } from '../template/template.schema';
import { CALENDAR_DURATION_RE, PHASE_NAMES } from '../template/template.schema';
import { CampaignInputError } from './campaign-errors';
import type { CalendarPort } from './ports';

export type ScheduleMode = 'plan' | 'published';

/** The gap a milestone keeps after the steps it follows. */
export interface ScheduleGap {
  workingDays?: number;
  duration?: string;
}

/** Why a due date is what it is. */
export type DueOrigin = 'plan' | 'published' | 'override' | 'legacy';

export interface PlannedMilestone {
  phase: string;
  phaseName: string;
  key: string;
  name: string;
  taskKind: string;
  owner: string;
  units?: string[];
  /** Due instant (epoch ms), the end of a local day unless overridden. */
  dueAt: number;
  /** Local date 'YYYY-MM-DD' and weekday ('周五'). */
  dueDate: string;
  weekday: string;
  /** '2027年3月5日（周五）'. */
  dueLabel: string;
  /** Working days from the start date to the due date. */
  workingDaysFromStart: number;
  /** 'start' and/or milestone keys. */
  after: string[];
  gap: ScheduleGap | null;
  /** '3个工作日', '1个月'… */
  gapLabel: string;
  origin: DueOrigin;
  /** The date follows the higher authority (上级通知): an estimate until the office sets it. */
  estimate: boolean;
  /** A date the office fixed (override, published): live re-planning leaves it alone. */
  fixed: boolean;
  /** Moved off a non-working day. */
  moved?: { from: string; to: string; reason: string };
  source?: string;
  publishedText: string;
  publishedDate?: string;
  basis?: string;
}

export interface SchedulePlan {
  templateId: string;
  mode: ScheduleMode;
  startAt: number;
  startDate: string;
  milestones: PlannedMilestone[];
  /** Holiday moves, estimates, published dates on non-working days (Chinese, for people). */
  warnings: string[];
}

export interface PlanScheduleOptions {
  startAt: number;
  mode?: ScheduleMode;
  /** Due instants the office sets for single milestones (validated like the plan: after what they follow). */
  overrides?: Record<string, number>;
  /**
   * The overrides given as a date alone (the end of that day): one on a weekend or holiday moves to the end of the next
   * working day, with the reason, as 调整期限 moves a date alone and as the computed dates move (walkthrough: 市南区's
   * 健全工作机制 set to a Saturday was kept, every liaison told 「请于2027年1月9日（周六）前报送」, while 调整期限 to a
   * Saturday moved it to Monday). An override given as an exact date-time is kept, with a warning, as 调整期限 keeps one.
   */
  dateOnly?: ReadonlySet<string>;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function weekdayOf(date: string): string {
  return WEEKDAYS[dayOfWeek(date)];
}

/** '2027年3月5日（周五）'. */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日（${weekdayOf(date)}）`;
}

/** Adds a calendar duration (P1Y, P1M, P2W, P10D, P1Y6M) to a local date; month ends clamp (01-31 + P1M = 02-28). */
export function addCalendarDuration(date: string, iso: string): string {
  const m = CALENDAR_DURATION_RE.exec(iso.trim().toUpperCase());
  if (!m) throw new RangeError(`日历时长格式错误 / invalid calendar duration "${iso}" (expected e.g. P10D, P2W, P1M, P1Y)`);
  const [y0, mo0, d0] = date.split('-').map(Number);
  const years = Number((m[1] ?? '0Y').slice(0, -1));
  const months = Number((m[2] ?? '0M').slice(0, -1));
  const days = Number((m[3] ?? '0W').slice(0, -1)) * 7 + Number((m[4] ?? '0D').slice(0, -1));
  const totalMonths = (y0 + years) * 12 + (mo0 - 1) + months;
  const y = Math.floor(totalMonths / 12);
  const mo = totalMonths % 12;
  const lastDay = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const base = Date.UTC(y, mo, Math.min(d0, lastDay));
  return new Date(base + days * 86400000).toISOString().slice(0, 10);
}

export function gapLabel(gap: ScheduleGap | null): string {
  if (!gap) return '';
  if (gap.workingDays !== undefined) return `${gap.workingDays}个工作日`;
  const m = CALENDAR_DURATION_RE.exec(gap.duration ?? '');
  if (!m) return gap.duration ?? '';
  const parts: string[] = [];
  if (m[1]) parts.push(`${m[1].slice(0, -1)}年`);
  if (m[2]) parts.push(`${m[2].slice(0, -1)}个月`);
  if (m[3]) parts.push(`${m[3].slice(0, -1)}周`);
  if (m[4]) parts.push(`${m[4].slice(0, -1)}天`);
  return parts.join('');
}

function holidayNote(date: string): string {
  try {
    const name = statutoryDayName(date);
    if (name) return `${name}假期`;
  } catch {
    /* not in the package data */
  }
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6 ? '周末' : '法定节假日';
}

/**
 * The due date `gap` after `base` (an instant): working days count from the base's local date; calendar durations
 * add to it. A date on a non-working day moves to the end of the next working day (`moved` says why).
 */
export function dueAfter(base: number, gap: ScheduleGap, calendar: CalendarPort): { dueAt: number; date: string; moved?: { from: string; to: string; reason: string } } {
  const baseDate = localDate(base);
  const date = gap.workingDays !== undefined ? calendar.addWorkingDays(baseDate, gap.workingDays) : addCalendarDuration(baseDate, gap.duration ?? 'P0D');
  const r = onNextWorkingDay(endOfLocalDay(date), calendar);
  return { ...r, date: r.moved?.to ?? date };
}

/** The working days between what a milestone follows (`base`, an instant) and its date; '' when not countable. */
function actualGapLabel(base: number, dueDate: string, calendar: CalendarPort): string {
  if (!Number.isFinite(base) || !calendar.workingDaysBetween) return '';
  try {
    return `${calendar.workingDaysBetween(localDate(base), dueDate)}个工作日`;
  } catch {
    return '';
  }
}

/** A date the office named (the end of that day) on a non-working day: the end of the next working day, and why. */
function onNextWorkingDay(at: number, calendar: CalendarPort): { dueAt: number; moved?: { from: string; to: string; reason: string } } {
  const date = localDate(at);
  if (calendar.isWorkingDay(date)) return { dueAt: at };
  const to = calendar.addWorkingDays(date, 1);
  return { dueAt: endOfLocalDay(to), moved: { from: date, to, reason: `${dateLabel(date)}为${holidayNote(date)}，顺延至下一个工作日${dateLabel(to)}` } };
}

/** The relative plan of a milestone: its own, or one derived from the published date / legacy offset. */
export function milestonePlanOf(template: CampaignTemplate, m: Milestone, calendar: CalendarPort): { after: string[]; gap: ScheduleGap; basis?: string } {
  if (m.plan) return { after: [...m.plan.after], gap: gapOf(m.plan), basis: m.plan.basis };
  if (m.due.offset && CALENDAR_DURATION_RE.test(m.due.offset)) return { after: ['start'], gap: { duration: m.due.offset }, basis: `模板期限${m.due.offset}（自启动日起）` };
  if (m.due.date && calendar.workingDaysBetween && m.due.date >= template.issueDate) {
    try {
      const n = calendar.workingDaysBetween(template.issueDate, m.due.date);
      return { after: ['start'], gap: { workingDays: n }, basis: `按原文日期推算：印发日${template.issueDate}至${m.due.date}相隔${n}个工作日` };
    } catch {
      /* uncovered year: fall through */
    }
  }
  return { after: ['start'], gap: { workingDays: 5 }, basis: '模板未给出计划，按启动后5个工作日计' };
}

function gapOf(p: MilestonePlan): ScheduleGap {
  return p.workingDays !== undefined ? { workingDays: p.workingDays } : { duration: p.duration };
}

/**
 * Lays the template on the calendar from `startAt`. Throws CampaignInputError for unknown or unordered overrides,
 * and lets the calendar's CalendarNotCoveredError through for years it does not know.
 */
export function planSchedule(template: CampaignTemplate, opts: PlanScheduleOptions, calendar: CalendarPort): SchedulePlan {
  const mode = opts.mode ?? 'plan';
  const overrides = opts.overrides ?? {};
  const all = template.phases.flatMap((p) => p.milestones.map((m) => ({ phase: p, m })));
  const byKey = new Map(all.map((x) => [x.m.key, x]));
  const issues: string[] = [];
  for (const [k, v] of Object.entries(overrides)) {
    if (!byKey.has(k)) issues.push(`未知节点 / unknown milestone key "${k}"`);
    else if (!Number.isFinite(v)) issues.push(`节点时间无效 / invalid due instant for "${k}"`);
  }
  if (issues.length) throw new CampaignInputError(issues);

  const startDate = localDate(opts.startAt);
  const planned = new Map<string, PlannedMilestone>();
  const warnings: string[] = [];
  const resolve = (key: string, trail: string[]): PlannedMilestone => {
    const got = planned.get(key);
    if (got) return got;
    if (trail.includes(key)) throw new CampaignInputError([`节点依赖成环 / milestone dependencies form a cycle: ${[...trail, key].join(' → ')}`]);
    const { phase, m } = byKey.get(key)!;
    const rel = milestonePlanOf(template, m, calendar);
    const deps = rel.after.filter((a) => a !== 'start' && byKey.has(a)).map((a) => resolve(a, [...trail, key]));
    const base = Math.max(rel.after.includes('start') ? opts.startAt : -Infinity, ...deps.map((d) => d.dueAt));
    let dueAt: number;
    let origin: DueOrigin;
    let moved: PlannedMilestone['moved'];
    if (overrides[key] !== undefined) {
      dueAt = overrides[key];
      origin = 'override';
      if (opts.dateOnly?.has(key)) {
        const r = onNextWorkingDay(dueAt, calendar);
        dueAt = r.dueAt;
        moved = r.moved;
      }
      const late = deps.filter((d) => d.dueAt >= dueAt);
      if (dueAt <= opts.startAt) {
        issues.push(`节点「${m.name}」的期限${dateLabel(localDate(dueAt))}须晚于活动启动日期${dateLabel(startDate)} (override of ${key} is not after the campaign's start)`);
      } else if (late.length) {
        issues.push(`节点「${m.name}」的期限须晚于其前序节点：${late.map((d) => `「${d.name}」${d.dueDate}`).join('、')} (override of ${key} must come after ${late.map((d) => d.key).join(', ')})`);
      }
    } else if (mode === 'published' && m.due.date) {
      dueAt = endOfLocalDay(m.due.date);
      origin = 'published';
    } else {
      const r = dueAfter(Number.isFinite(base) ? base : opts.startAt, rel.gap, calendar);
      dueAt = r.dueAt;
      moved = r.moved;
      origin = m.plan ? 'plan' : 'legacy';
    }
    const dueDate = localDate(dueAt);
    const fixed = origin === 'override' || origin === 'published';
    const pm: PlannedMilestone = {
      phase: phase.key,
      phaseName: PHASE_NAMES[phase.key] ?? phase.name,
      key,
      name: m.name,
      taskKind: m.taskKind,
      owner: m.owner,
      ...(m.units ? { units: [...m.units] } : {}),
      dueAt,
      dueDate,
      weekday: weekdayOf(dueDate),
      dueLabel: dateLabel(dueDate),
      workingDaysFromStart: calendar.workingDaysBetween ? calendar.workingDaysBetween(startDate, dueDate) : 0,
      after: rel.after,
      gap: rel.gap,
      // a date the office set: the working days it actually leaves after what it follows, not the plan's gap
      gapLabel: origin === 'override' ? actualGapLabel(base, dueDate, calendar) : gapLabel(rel.gap),
      origin,
      estimate: m.followsHigherAuthority && !fixed,
      fixed,
      ...(moved ? { moved } : {}),
      ...(m.source ? { source: m.source } : {}),
      publishedText: m.due.text,
      ...(m.due.date ? { publishedDate: m.due.date } : {}),
      ...(rel.basis ? { basis: rel.basis } : {}),
    };
    if (moved) warnings.push(`「${m.name}」：${moved.reason}`);
    if (pm.estimate) warnings.push(`「${m.name}」时间以上级通知为准，${pm.dueLabel}为预估日期`);
    if (origin !== 'plan' && origin !== 'legacy' && !calendar.isWorkingDay(dueDate)) warnings.push(`「${m.name}」的期限${pm.dueLabel}不是工作日`);
    planned.set(key, pm);
    return pm;
  };
  for (const { m } of all) resolve(m.key, []);
  if (issues.length) throw new CampaignInputError(issues);
  const milestones = all.map(({ m }) => planned.get(m.key)!);
  return { templateId: template.id, mode, startAt: opts.startAt, startDate, milestones, warnings: [...warnings, ...feedWarnings(milestones)] };
}

/**
 * Work that feeds other work without a step between them (no stage order: each lead unit waits only for its own
 * indicator's contributions): a co-unit's 协办材料 go into the lead unit's indicator summary. The plans give both the
 * phase's end; a date chosen for the summary before the contributions asks the lead to report before it has them
 * (walkthrough: 指标达标及支撑材料汇总 set to 1月8日, 配合单位提供指标支撑材料 left on 1月26日, said nowhere).
 */
const FEEDS: readonly { from: TaskKind; into: TaskKind; why: string }[] = [
  { from: 'indicator-contribution', into: 'indicator', why: '协办材料须在牵头单位汇总报送前提供' },
];

/** A warning for each milestone due before work that feeds it (FEEDS). */
function feedWarnings(milestones: readonly PlannedMilestone[]): string[] {
  const out: string[] = [];
  for (const f of FEEDS) {
    for (const into of milestones.filter((m) => m.taskKind === f.into)) {
      for (const from of milestones.filter((m) => m.taskKind === f.from && m.dueAt > into.dueAt)) {
        out.push(`「${into.name}」的期限${into.dueLabel}早于「${from.name}」${from.dueLabel}：${f.why}，请调整其中一项`);
      }
    }
  }
  return out;
}

/** Milestones due at or before `now` (a start on such a plan is refused unless the campaign is taken over). */
export function pastMilestones(plan: SchedulePlan, now: number): PlannedMilestone[] {
  return plan.milestones.filter((m) => m.dueAt <= now);
}
