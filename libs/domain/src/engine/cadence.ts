/**
 * Supervision cadence (督促检查 / 调度): the recurring reports a plan asks for run as tasks for the life of their phases.
 * Each period (a calendar month or quarter, Beijing time) opens its tasks when it starts — one per reporting unit
 * (`progress-report`) or one for the office (`supervision-bulletin`) — never years of them in advance. A task falls due
 * at the end of the period's last working day (moved earlier by `workingDaysBeforePeriodEnd` working days), is reminded
 * and escalated like any task, and never blocks its phase (not required). When no phase of the cadence is active any
 * more, its open tasks are cancelled. Deterministic: only `now`, the state and the working calendar decide.
 *
 * Helpers here mutate the state they are given: callers pass a fresh clone (tick does).
 */
import { addCalendarDays, endOfLocalDay, localDate, parseLocalDate, startOfLocalDay } from '../rules/working-calendar';
import type { CadenceRef, CampaignState, EngineEvent, TaskState } from './campaign-state';
import { SYSTEM_ACTOR, isLive, unitName } from './campaign-state';
import { workingDaysAfter, type CalendarPort } from './ports';
import { cancelTask } from './progression';
import { makeTask } from './task-factory';

export interface CadencePeriod {
  /** '2026-12' or '2026-Q4'. */
  key: string;
  /** 2026年12月, 2026年第四季度. */
  label: string;
  /** First and last calendar day (local dates). */
  start: string;
  end: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The period (month or quarter, Beijing time) containing the instant `ms`. */
export function periodOf(ms: number, every: CadenceRef['every']): CadencePeriod {
  const { y, m } = parseLocalDate(localDate(ms));
  if (every === 'month') {
    return { key: `${y}-${pad(m)}`, label: `${y}年${m}月`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
  }
  const q = Math.floor((m - 1) / 3) + 1;
  const first = 3 * q - 2;
  const last = 3 * q;
  return { key: `${y}-Q${q}`, label: `${y}年第${QUARTER_NAMES[q - 1]}季度`, start: `${y}-${pad(first)}-01`, end: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
}

/** 00:00 Beijing time of the first day after the period containing `ms`. */
export function nextPeriodStart(ms: number, every: CadenceRef['every']): number {
  return startOfLocalDay(addCalendarDays(periodOf(ms, every).end, 1));
}

/** The due date of a period: its last working day, moved `workingDaysBeforePeriodEnd` working days earlier. */
export function periodDueDate(period: CadencePeriod, cadence: Pick<CadenceRef, 'workingDaysBeforePeriodEnd'>, calendar: CalendarPort): string {
  const last = calendar.isWorkingDay(period.end) ? period.end : calendar.addWorkingDays(period.end, -1);
  return cadence.workingDaysBeforePeriodEnd > 0 ? calendar.addWorkingDays(last, -cadence.workingDaysBeforePeriodEnd) : last;
}


/** The active phase the cadence runs in now, or null when none of its phases is active. */
function runningPhase(state: CampaignState, cadence: CadenceRef): CampaignState['phases'][number] | null {
  if (state.status !== 'active') return null;
  return state.phases.find((p) => p.status === 'active' && cadence.phases.includes(p.key)) ?? null;
}

export function cadenceTaskId(cadence: Pick<CadenceRef, 'key' | 'taskKind'>, period: string, unitId?: string): string {
  return `${cadence.taskKind}:${cadence.key}:${period}${unitId ? `:${unitId}` : ''}`;
}

/**
 * Opens the current period's tasks of every running cadence (once per period), and cancels the open tasks of cadences
 * none of whose phases is active any more. Returns true when the state changed.
 */
export function runCadences(state: CampaignState, now: number, calendar: CalendarPort, events: EngineEvent[]): boolean {
  let changed = false;
  for (const cadence of state.catalog.cadences ?? []) {
    const step = cadenceStep(state, cadence, now, calendar);
    if (!step) continue;
    if (step.kind === 'close') {
      for (const t of step.open) cancelTask(t, SYSTEM_ACTOR, `「${cadence.name}」所属阶段已结束，本期不再报送`, now);
      events.push({ action: 'cadence-closed', actorId: SYSTEM_ACTOR, at: now, detail: { cadence: cadence.key, name: cadence.name, cancelledTaskIds: step.open.map((t) => t.id) } });
      changed = true;
      continue;
    }
    const { phase, period, dueAt } = step;
    const tasks = openPeriod(state, cadence, phase.key, period, dueAt, now);
    state.tasks.push(...tasks);
    events.push({
      action: 'cadence-opened',
      actorId: SYSTEM_ACTOR,
      at: now,
      detail: { cadence: cadence.key, name: cadence.name, period: period.key, periodLabel: period.label, phase: phase.key, dueAt, count: tasks.length },
    });
    changed = true;
  }
  return changed;
}

/** True when `runCadences` at `now` would open or close something (read only: the tick's idle check). */
export function cadencesDue(state: CampaignState, now: number, calendar: CalendarPort): boolean {
  return (state.catalog.cadences ?? []).some((c) => cadenceStep(state, c, now, calendar) !== null);
}

/** What one cadence needs at `now`, decided without changing anything: close its open tasks, open a period, or nothing. */
function cadenceStep(
  state: CampaignState,
  cadence: CadenceRef,
  now: number,
  calendar: CalendarPort,
): { kind: 'close'; open: TaskState[] } | { kind: 'open'; phase: CampaignState['phases'][number]; period: CadencePeriod; dueAt: number } | null {
  const phase = runningPhase(state, cadence);
  if (!phase) {
    const open = state.tasks.filter((t) => t.cadence?.key === cadence.key && isLive(t));
    return open.length ? { kind: 'close', open } : null;
  }
  const period = periodOf(now, cadence.every);
  if (state.tasks.some((t) => t.cadence?.key === cadence.key && t.cadence.period === period.key)) return null;
  const dueDate = periodDueDate(period, cadence, calendar);
  // A period with too little time left when it would open (a phase starting late in the month, a campaign resumed
  // late) is skipped: the first report is the next period's.
  if (workingDaysAfter(calendar, localDate(now), dueDate) < cadence.minLeadWorkingDays) return null;
  return { kind: 'open', phase, period, dueAt: endOfLocalDay(dueDate) };
}

function openPeriod(state: CampaignState, cadence: CadenceRef, phase: TaskState['phase'], period: CadencePeriod, dueAt: number, now: number): TaskState[] {
  const stamp = (t: TaskState) => {
    t.cadence = { key: cadence.key, period: period.key, periodLabel: period.label };
    return t;
  };
  if (cadence.owner === 'office') {
    const unitId = state.catalog.officeUnitId;
    return [
      stamp(
        makeTask(state, phase, { id: cadenceTaskId(cadence, period.key), kind: cadence.taskKind, title: `${cadence.name}（${period.label}）`, owner: 'office', unitId, required: false, dueAt }, now),
      ),
    ];
  }
  return cadence.unitIds.map((unitId) =>
    stamp(
      makeTask(
        state,
        phase,
        { id: cadenceTaskId(cadence, period.key, unitId), kind: cadence.taskKind, title: `${cadence.name}（${period.label}）（${unitName(state, unitId)}）`, owner: 'unit', unitId, required: false, dueAt },
        now,
      ),
    ),
  );
}

/** When the next period of a running cadence starts (the workflow wakes then), or null. */
export function nextCadenceAt(state: CampaignState): number | null {
  let best: number | null = null;
  for (const cadence of state.catalog.cadences ?? []) {
    if (!runningPhase(state, cadence)) continue;
    const t = nextPeriodStart(state.clock, cadence.every);
    if (best === null || t < best) best = t;
  }
  return best;
}
