/**
 * 结束阶段: the office closes the active phase early or late, with a recorded reason; gate tasks are carried over, the
 * others cancelled — their people are told (【任务取消】, runs since 'close-phase-notices').
 */
import { z } from 'zod';
import { isLive, type PhaseState } from '../engine/campaign-state';
import { err } from '../engine/command-checks';
import { flush, GATE_KINDS } from '../engine/command-effects';
import { cancelTask, currentPhaseState, moveToNextPhase } from '../engine/progression';
import { PHASE_KEYS } from '../template/template.schema';
import { PHASE_LABEL } from '../labels';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { notBlank } from './http-fields';
import { reason } from './fields';
import { TEXT_MAX } from './text-limits';

export const ClosePhaseCommandSchema = z.object({ type: z.literal('closePhase'), phase: z.enum(PHASE_KEYS), reason }).strict();

export const closePhase = defineCommand(ClosePhaseCommandSchema, {
  type: 'closePhase',
  label: '结束阶段',
  update: 'closePhase',
  route: ':id/close-phase',
  summary: '结束阶段 — close the active phase early or late, with a recorded reason',
  closesPhase: true,
  http: { name: 'ClosePhaseDto', body: z.object({ phase: z.enum(PHASE_KEYS), reason: notBlank('reason', TEXT_MAX.closePhase.reason) }).strict() },
  campaignProbe: () => ({ type: 'closePhase', phase: 'mobilization', reason: '-' }),
  access: (_ctx, actor) => byRoles(actor, ['office'], '仅领导小组办公室可结束阶段 (only office may close a phase)'),
  validate(state, c, _actor, _now, { who }) {
    const refused = who();
    if (refused) return refused;
    const phase = currentPhaseState(state);
    if (!phase || phase.key !== c.phase) return err('conflict', `阶段「${state.phases.find((p) => p.key === c.phase)?.name ?? PHASE_LABEL[c.phase]}」未在进行中 (phase ${c.phase} not active; current: ${state.currentPhase})`);
    return null;
  },
  apply(s, c, actor, now, { out, sys }) {
    const phase = currentPhaseState(s) as PhaseState;
    const cancelled: string[] = [];
    const carried: string[] = [];
    for (const task of s.tasks.filter((t) => t.phase === phase.key && isLive(t))) {
      if (GATE_KINDS.includes(task.kind)) carried.push(task.id);
      else {
        cancelTask(task, actor.id, c.reason, now);
        cancelled.push(task.id);
      }
    }
    phase.status = 'closed';
    phase.completedAt = now;
    phase.closed = { by: actor.id, reason: c.reason, at: now, cancelledTaskIds: cancelled, carriedTaskIds: carried };
    out.push({ action: 'closePhase', reason: c.reason, detail: { phase: phase.key, cancelled: cancelled.length, carried } });
    flush(out, actor, now, sys);
    moveToNextPhase(s, phase, now, sys);
  },
});
