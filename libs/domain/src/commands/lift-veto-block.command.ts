/** 解除否决阻断: the recorded decision (office or leader, with a reason) that lifts every open blocker of a veto condition. */
import { z } from 'zod';
import { err } from '../engine/command-checks';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { notBlank } from './http-fields';
import { reason, text } from './fields';
import { vetoCondition } from './veto';

export const LiftVetoBlockCommandSchema = z.object({ type: z.literal('liftVetoBlock'), vetoCode: text().min(1, '缺少否决情形编号 (vetoCode required)'), reason }).strict();

export const liftVetoBlock = defineCommand(LiftVetoBlockCommandSchema, {
  type: 'liftVetoBlock',
  label: '解除否决阻断',
  update: 'liftVetoBlock',
  route: ':id/vetoes/:code/lift',
  summary: '解除否决阻断 — the recorded decision (office or leader, with a reason) that lifts every open blocker of a veto condition',
  http: { name: 'LiftVetoBlockDto', body: z.object({ reason: notBlank('reason', 2000) }).strict() },
  campaignProbe: () => ({ type: 'liftVetoBlock', vetoCode: '-', reason: '-' }),
  access: (_ctx, actor) => byRoles(actor, ['office', 'leader'], '仅领导小组办公室或领导可决定解除否决情形的阻断 (only the office or a leader may lift a veto block)'),
  validate(state, c, _actor, _now, { who }) {
    const refused = who();
    if (refused) return refused;
    const found = vetoCondition(state, c.vetoCode);
    if ('error' in found) return found.error;
    if (!(state.vetoBlocks ?? []).some((b) => b.vetoCode === c.vetoCode && !b.lifted)) {
      return err('conflict', `否决情形${c.vetoCode}「${found.veto.text}」当前没有阻断申报的记录 (nothing blocks the application on veto condition ${c.vetoCode})`);
    }
    return null;
  },
  apply(s, c, actor, now, { out }) {
    const lifted: string[] = [];
    for (const b of s.vetoBlocks ?? []) {
      if (b.vetoCode !== c.vetoCode || b.lifted) continue;
      b.lifted = { by: actor.id, byName: actor.name, reason: c.reason, at: now };
      lifted.push(b.id);
    }
    const veto = s.catalog.vetoes.find((v) => v.code === c.vetoCode);
    out.push({ action: 'liftVetoBlock', reason: c.reason, detail: { vetoCode: c.vetoCode, condition: veto?.text ?? null, lifted } });
  },
});
