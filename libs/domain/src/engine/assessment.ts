/**
 * Assessment summaries (考核汇总) of a campaign, computed from its tasks as the read model holds them (TaskView: ISO
 * times) and its escalations (督办, from the audit trail):
 *  - per unit: the unit's tasks on time / late / overdue / not yet due, returns (退回), escalations and assessment flags;
 *  - per supervision period (调度): who was to report, who reported, on time or late, who did not.
 * Pure functions: the API reads the rows and exports them (xlsx, Chinese headers, Beijing time).
 */

import { awaitsConfirmation } from '../labels';
import { wasOverdueAt, type OverdueCampaign } from './overdue';

/** What the summaries read of a task (TaskView has all of it). */
export interface AssessedTask {
  id: string;
  kind: string;
  title: string;
  owner: string;
  unitId?: string | null;
  status: string;
  dueAt: string;
  external?: boolean;
  assessmentFlag: boolean;
  resolution?: string | null;
  rounds: { round: number; submission: { at: string }; outcome: string }[];
  cadence?: { key: string; period: string; periodLabel: string } | null;
}

/** One escalation (督办) as the audit trail records it. */
export interface AssessedEscalation {
  taskId: string;
  level: number;
}

export type Timeliness = 'on-time' | 'late' | 'overdue' | 'pending' | 'other';

export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  'on-time': '按时报送',
  late: '逾期报送',
  overdue: '逾期未报',
  pending: '未到期',
  other: '其他办结',
};

/**
 * A task its unit answers for: the unit's own (not the office's — filed under the unit that houses the office —, nor an
 * external stage's). What the 考核汇总 and the overview's 单位排名 count, so the two never disagree.
 */
export function unitAnswersFor(t: { owner: string; unitId?: string | null; external?: boolean }): t is { owner: 'unit'; unitId: string; external?: boolean } {
  return t.owner === 'unit' && !!t.unitId && !t.external;
}

/**
 * A task still waiting for its unit to send it (报送): not yet sent, or returned to be sent again — not one it sent that
 * waits for the office's review (submitted), nor one done. Past due, it is the unit's 逾期未报.
 */
export function awaitsUnit(t: { status: string }): boolean {
  return t.status === 'open' || t.status === 'returned';
}

/** What an overdue task is late for (overdueWait): its unit's 报送 (逾期未报) or its review (逾期待审核). */
export const OVERDUE_WAITS = ['unit', 'review'] as const;
export type OverdueWait = (typeof OVERDUE_WAITS)[number];

/**
 * What an overdue task waits for — the one rule of the overview's figures and its 单位排名: `unit` (逾期未报), a task its
 * unit answers for (unitAnswersFor) still to be sent by it (awaitsUnit — the 考核汇总's 逾期未报 too); `review`
 * (逾期待审核), a task sent and under review (审批中: the office's or the leaders' step, not a joint task still awaiting
 * its other units' 确认). Null when not overdue, and for the rest (the office's own work still to do, an external
 * stage awaiting its result, a joint task awaiting 确认): a unit's lateness never counts a task that waits for the office.
 */
export function overdueWait(
  t: { status: string; owner?: string; unitId?: string | null; external?: boolean; rounds?: readonly { awaitingConfirmation?: readonly string[] }[] },
  overdue: boolean,
): OverdueWait | null {
  if (!overdue) return null;
  if (awaitsUnit(t) && unitAnswersFor({ owner: t.owner ?? '', unitId: t.unitId, external: t.external })) return 'unit';
  if (t.status === 'submitted' && !awaitsConfirmation(t)) return 'review';
  return null;
}

/**
 * How a unit met a task's deadline — the record of what happened: its first submission at or before the due date (on
 * time) or after it (late); settled without a submission (taken over, 无意见 by silence, passed externally) is `other`
 * (其他办结); still unsent, overdue (逾期未报) when its due instant had come by the record's clock (engine/overdue:
 * recordClock, wasOverdueAt — now; a paused campaign's clock stopped at its pause; an ended one's (终止, 未通过,
 * completed) at its end, or at the pause it ended in), else not yet due (pending, 未到期). So ending a campaign does not
 * erase a unit's lateness: a task it left unsent weeks past due stays 逾期未报 after a 终止, as 结束阶段 counts such a
 * task against it (cancelledAtClose); one not yet due when the campaign ended stays 未到期 (not counted against it).
 * `campaign`: the task's campaign as the rule reads it (its status; paused, since when; ended, when) — null/undefined:
 * goes on.
 */
export function timeliness(t: AssessedTask, now: number, campaign: OverdueCampaign | null | undefined): Timeliness {
  const first = t.rounds[0];
  if (first) return Date.parse(first.submission.at) <= Date.parse(t.dueAt) ? 'on-time' : 'late';
  if (!awaitsUnit(t)) return 'other';
  return wasOverdueAt(t, now, campaign) ? 'overdue' : 'pending';
}

export interface UnitAssessmentRow {
  unitId: string;
  unitName: string;
  tasks: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  other: number;
  /** Rounds returned (退回) to the unit. */
  returns: number;
  /** Escalation notices (督办, each level counted). */
  escalations: number;
  /**
   * 已取消（阶段结束时未完成）: tasks cancelled when the office closed their phase (结束阶段) while they were still due
   * from the unit — never submitted, or returned to it and not submitted again. Not done by the unit: counted in
   * `tasks` and against the on-time rate, as an overdue task is.
   */
  cancelledAtClose: number;
  /** Tasks flagged for assessment (only where the plan states a consequence). */
  assessmentFlags: number;
  /**
   * On time among the tasks that were due and answered or overdue, or were still due from the unit when their phase
   * was closed (0–1), null when none.
   */
  onTimeRate: number | null;
}

/** What the summary knows of how tasks were cancelled: the ids each closed phase cancelled (PhaseView.closed). */
export interface AssessmentCancellations {
  /** Tasks cancelled by 结束阶段 (every closed phase's `closed.cancelledTaskIds`). */
  closedPhaseTaskIds?: Iterable<string>;
}

/**
 * A task cancelled by 结束阶段 while it was still due from its unit: never submitted, or its last round returned to the
 * unit (a round in review when the phase closed ends `cancelled`: the unit had done its part, left out as before).
 * Supervision reports (调度) are left out as the 调度汇总 counts them: a period the phase's end cut short is 已取消
 * there, as when the cadence ends with its phase. Tasks cancelled for any other reason are not this case.
 */
export function missedAtPhaseClose(t: Pick<AssessedTask, 'id' | 'status' | 'cadence'> & { rounds: readonly { outcome: string }[] }, closedPhaseTaskIds: ReadonlySet<string>): boolean {
  if (t.status !== 'cancelled' || !closedPhaseTaskIds.has(t.id) || t.cadence) return false;
  const last = t.rounds[t.rounds.length - 1];
  return !last || last.outcome === 'returned';
}

/**
 * Per-unit summary over the unit-owned tasks of a campaign (external tasks left out; cancelled tasks left out but those
 * 结束阶段 cancelled while still due from the unit, counted as not done: `cancelledAtClose`), in the order of `units`
 * (units without tasks are listed with zeros, but a collective unit — 各镇(街道), standing for several — only where it
 * has tasks, by its name; units not in `units` are appended). Overdue at `now` in `campaign` (its status and pause:
 * timeliness), as the overview's 单位排名 counts 逾期未报 (overdueWait over the same rule) while the campaign goes on;
 * once it has ended, as it stood at the end (the ranking, a view of now, reads none: 不再办理).
 */
export function unitAssessment(
  tasks: readonly AssessedTask[],
  escalations: readonly AssessedEscalation[],
  units: readonly { id: string; name: string; kind?: string }[],
  now: number,
  campaign: OverdueCampaign | null | undefined,
  cancellations: AssessmentCancellations = {},
): UnitAssessmentRow[] {
  const closedPhase = new Set(cancellations.closedPhaseTaskIds ?? []);
  const rows = new Map<string, UnitAssessmentRow>();
  const row = (unitId: string) => {
    let r = rows.get(unitId);
    if (!r) {
      r = { unitId, unitName: units.find((u) => u.id === unitId)?.name ?? unitId, tasks: 0, onTime: 0, late: 0, overdue: 0, pending: 0, other: 0, cancelledAtClose: 0, returns: 0, escalations: 0, assessmentFlags: 0, onTimeRate: null };
      rows.set(unitId, r);
    }
    return r;
  };
  for (const u of units) if (u.kind !== 'collective') row(u.id);
  const escalationsByTask = new Map<string, number>();
  for (const e of escalations) escalationsByTask.set(e.taskId, (escalationsByTask.get(e.taskId) ?? 0) + 1);
  for (const t of tasks) {
    if (!unitAnswersFor(t)) continue;
    const missed = missedAtPhaseClose(t, closedPhase);
    if (t.status === 'cancelled' && !missed) continue;
    const r = row(t.unitId);
    r.tasks++;
    const k = timeliness(t, now, campaign);
    if (missed) r.cancelledAtClose++;
    else if (k === 'on-time') r.onTime++;
    else if (k === 'late') r.late++;
    else if (k === 'overdue') r.overdue++;
    else if (k === 'pending') r.pending++;
    else r.other++;
    r.returns += t.rounds.filter((x) => x.outcome === 'returned').length;
    r.escalations += escalationsByTask.get(t.id) ?? 0;
    if (t.assessmentFlag) r.assessmentFlags++;
  }
  for (const r of rows.values()) {
    const judged = r.onTime + r.late + r.overdue + r.cancelledAtClose;
    r.onTimeRate = judged ? r.onTime / judged : null;
  }
  return [...rows.values()];
}

export interface CadenceReportRow {
  taskId: string;
  unitId: string | null;
  unitName: string;
  status: string;
  timeliness: Timeliness;
  submittedAt: string | null;
  returns: number;
}

export interface CadencePeriodSummary {
  cadence: string;
  name: string;
  period: string;
  periodLabel: string;
  dueAt: string;
  /** Reports expected (tasks not cancelled) and how they stand. */
  expected: number;
  reported: number;
  onTime: number;
  late: number;
  missing: number;
  cancelled: number;
  rows: CadenceReportRow[];
}

/**
 * Per-period summary of the supervision cadence tasks, periods in order (earliest first), rows in task order; missing
 * at `now` in `campaign` by the same rule as the 考核汇总 (timeliness).
 */
export function cadenceSummary(tasks: readonly AssessedTask[], cadenceNames: Record<string, string>, units: readonly { id: string; name: string }[], now: number, campaign: OverdueCampaign | null | undefined): CadencePeriodSummary[] {
  const out = new Map<string, CadencePeriodSummary>();
  for (const t of tasks) {
    if (!t.cadence) continue;
    const key = `${t.cadence.key}|${t.cadence.period}`;
    let s = out.get(key);
    if (!s) {
      s = { cadence: t.cadence.key, name: cadenceNames[t.cadence.key] ?? t.cadence.key, period: t.cadence.period, periodLabel: t.cadence.periodLabel, dueAt: t.dueAt, expected: 0, reported: 0, onTime: 0, late: 0, missing: 0, cancelled: 0, rows: [] };
      out.set(key, s);
    }
    const k = timeliness(t, now, campaign);
    const unitName = t.unitId ? (units.find((u) => u.id === t.unitId)?.name ?? t.unitId) : '领导小组办公室';
    s.rows.push({ taskId: t.id, unitId: t.unitId ?? null, unitName, status: t.status, timeliness: k, submittedAt: t.rounds[0]?.submission.at ?? null, returns: t.rounds.filter((x) => x.outcome === 'returned').length });
    if (t.status === 'cancelled' && !t.rounds.length) {
      s.cancelled++;
      continue;
    }
    s.expected++;
    if (k === 'on-time' || k === 'late') s.reported++;
    if (k === 'on-time') s.onTime++;
    if (k === 'late') s.late++;
    if (k === 'overdue') s.missing++;
  }
  return [...out.values()].sort((a, b) => (a.period === b.period ? a.cadence.localeCompare(b.cadence) : a.period.localeCompare(b.period)));
}
