/**
 * 调整期限的预览: what a moveDeadlines command would change, computed by running the very command (validation and
 * application: `decide`) on the campaign's current state and comparing — never a second formula, so the preview
 * cannot differ from the move. Nothing is kept: `decide` works on a draft of the state.
 *
 * The context is the one a campaign started today runs its moves with (every rule of the deadline language on, see
 * the workflow's patches); a campaign whose run began before one of those rules ('uniform-move-working-days' and the
 * re-planning rules are decided once per run) may move a date differently from its preview until its next run.
 */
import type { Actor, CampaignState } from './campaign-state';
import { decide } from './commands';
import type { MoveDeadlinesCommandSchema } from '../commands/move-deadlines.command';
import type { CalendarPort, CommandContext } from './ports';
import type { RefusalCode } from '../policy/access-policy';
import type { z } from 'zod';

type MoveDeadlines = Omit<z.infer<typeof MoveDeadlinesCommandSchema>, 'type'>;

/**
 * The rules a campaign started today runs a command by (each behind its patch in the workflow's handler): every field
 * of CommandContext is stated (`Required`), so a rule added there must be decided here too or this does not compile —
 * the preview cannot silently fall behind the move.
 */
export function currentMoveContext(calendar: CalendarPort): Required<CommandContext> {
  return {
    calendar, replan: true, deadlineLanguage: true, laterPhasesAfterMoved: true, uniformMoveWorkingDays: true, phaseMoveKeepsDone: true,
    replanKeepsExternal: true, replanCancelNotCompletion: true, replanKeepsPreparation: true, replanKeepsHigherAuthority: true, replanWithinPlan: true,
    // the old way, off in runs since 'replan-by-working-days'
    replanFromInstant: false,
    // rules of other commands (a 公示's window, 整改 before the next stage, a resume): as a run started today has them
    publicNoticeWindow: true, publicNoticeEndOfDay: true, rectificationBeforeNextStage: true, resumeByWorkingDays: true,
  };
}

export interface DeadlineMovePreview {
  /** Every milestone (节点) whose date the move changes: the ones moved and those re-dated with them, in plan order. */
  milestones: { phase: string; phaseName: string; key: string; name: string; from: number; to: number }[];
  /** Every phase whose end the move changes. */
  phases: { key: string; name: string; from: number; to: number }[];
  /** Every task whose due date the move changes. */
  tasks: { id: string; title: string; unitId: string | null; milestoneKey: string | null; from: number; to: number }[];
  /** The warnings the move would answer with (a non-working day, a date already past, later steps re-dated…). */
  warnings: string[];
}

/** The preview of `command` by `actor` now, or the refusal the move itself would answer (same code and reason). */
export function previewDeadlineMove(state: CampaignState, command: MoveDeadlines, actor: Actor, now: number, calendar: CalendarPort): { ok: true; preview: DeadlineMovePreview } | { ok: false; code: RefusalCode; reason: string } {
  const r = decide(state, { ...command, type: 'moveDeadlines' }, actor, now, currentMoveContext(calendar));
  if (!r.ok) return { ok: false, code: r.code, reason: r.reason };
  const after = r.state;
  const milestones: DeadlineMovePreview['milestones'] = [];
  const phases: DeadlineMovePreview['phases'] = [];
  for (const p of state.phases) {
    const q = after.phases.find((x) => x.key === p.key);
    if (!q) continue;
    if (q.dueAt !== p.dueAt) phases.push({ key: p.key, name: p.name, from: p.dueAt, to: q.dueAt });
    for (const m of p.milestones) {
      const n = q.milestones.find((x) => x.key === m.key);
      if (n && n.dueAt !== m.dueAt) milestones.push({ phase: p.key, phaseName: p.name, key: m.key, name: m.name, from: m.dueAt, to: n.dueAt });
    }
  }
  const before = new Map(state.tasks.map((t) => [t.id, t]));
  const tasks = after.tasks.flatMap((t) => {
    const was = before.get(t.id);
    return was && was.dueAt !== t.dueAt ? [{ id: t.id, title: t.title, unitId: t.unitId ?? null, milestoneKey: t.milestoneKey ?? null, from: was.dueAt, to: t.dueAt }] : [];
  });
  // as the workflow answers the move: every warning its events carry
  const warnings = r.events.flatMap((e) => (Array.isArray(e.detail?.warnings) ? (e.detail.warnings as string[]) : []));
  return { ok: true, preview: { milestones, phases, tasks, warnings } };
}
