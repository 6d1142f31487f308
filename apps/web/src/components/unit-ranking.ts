import { missedAtPhaseClose, overdueWait, unitAnswersFor } from '@eco/domain';
import type { Task, UnitInfo } from '../api/types';

/** One unit's row of the overview's 单位排名（逾期未报、退回）. */
export interface UnitRow {
  unitId: string;
  /** The unit's full name (its id when the template does not name it). */
  name: string;
  /** The template's short name (区住建局), or the full name when it has none. */
  shortName: string;
  /** Its place in the whole ranking (1 the first), whatever page shows it. */
  rank: number;
  /**
   * 逾期未报: its tasks past due and still waiting for it to send them (open, or returned — overdueWait `unit`, the
   * 考核汇总's rule and the overview's 逾期未报 figure); not those it sent that wait for the office's review, however late.
   */
  overdue: number;
  returned: number;
  open: number;
  approved: number;
  /**
   * Tasks 结束阶段 cancelled while still due from the unit (never submitted, or returned): not done by it, as the
   * 考核汇总 counts them (已取消（阶段结束时未完成）).
   */
  missed: number;
  /** The unit's tasks but those cancelled (those 结束阶段 cancelled while still due from it included: not done). */
  total: number;
}

type RankedTask = Pick<Task, 'unitId' | 'overdue' | 'status' | 'owner' | 'external'> & Partial<Pick<Task, 'id' | 'rounds' | 'cadence'>>;

/**
 * The units of the campaign's tasks, most overdue and not sent (or left undone when their phase was closed: `closedPhaseTaskIds`,
 * the ids the closed phases cancelled) first, then most returned, then most still open, then by name. Other cancelled
 * tasks are not counted, nor tasks the unit does not answer for (unitAnswersFor: the office's, external stages').
 */
export function unitRanking(tasks: readonly RankedTask[], units: readonly Pick<UnitInfo, 'id' | 'name' | 'shortName'>[], closedPhaseTaskIds: Iterable<string> = []): UnitRow[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const closed = new Set(closedPhaseTaskIds);
  const m = new Map<string, UnitRow>();
  for (const t of tasks) {
    if (!unitAnswersFor(t)) continue; // as the 考核汇总: not the office's tasks filed under the unit housing it
    const missed = t.status === 'cancelled' && t.id !== undefined && missedAtPhaseClose({ id: t.id, status: t.status, cadence: t.cadence, rounds: t.rounds ?? [] }, closed);
    if (t.status === 'cancelled' && !missed) continue;
    let r = m.get(t.unitId);
    if (!r) {
      const u = byId.get(t.unitId);
      const name = u?.name ?? t.unitId;
      r = { unitId: t.unitId, name, shortName: u?.shortName || name, rank: 0, overdue: 0, returned: 0, open: 0, approved: 0, missed: 0, total: 0 };
      m.set(t.unitId, r);
    }
    r.total++;
    if (overdueWait(t, t.overdue) === 'unit') r.overdue++; // the overview's 逾期未报 by the same rule
    if (t.status === 'returned') r.returned++;
    if (t.status === 'open') r.open++;
    if (t.status === 'approved') r.approved++;
    if (missed) r.missed++;
  }
  const rows = [...m.values()].sort((a, b) => b.overdue + b.missed - (a.overdue + a.missed) || b.returned - a.returned || b.open - a.open || a.name.localeCompare(b.name, 'zh'));
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}

/**
 * How a row names its unit: on a phone (390 px leave the name column about ten characters) the short name, wrapping
 * rather than cut, with the full name as its title; on a desktop the full name.
 */
export function rankingName(r: Pick<UnitRow, 'name' | 'shortName'>, phone: boolean): { text: string; title: string } {
  return { text: phone ? r.shortName : r.name, title: r.name };
}

/**
 * Widths of the ranking's fixed columns (#, 逾期未报, 退回, 完成): on a phone narrow enough that the unit's name keeps most
 * of the row (390 px less the page's and the card's padding leave the table about 340 px; 逾期未报 wraps in two lines);
 * on a desktop 逾期未报 in one line.
 */
export function rankingWidths(phone: boolean): { rank: number; overdue: number; returned: number; done: number } {
  return phone ? { rank: 32, overdue: 48, returned: 48, done: 60 } : { rank: 40, overdue: 76, returned: 60, done: 80 };
}
