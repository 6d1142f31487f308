/** 否决情形核查发现: the office records a finding on a veto condition; it blocks the application until a decision lifts it. */
import { z } from 'zod';
import { err } from '../engine/command-checks';
import { addVetoBlock } from '../engine/command-effects';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { notBlank } from './http-fields';
import { text } from './fields';
import { vetoCondition } from './veto';

export const RecordVetoFindingCommandSchema = z
  .object({
    type: z.literal('recordVetoFinding'),
    vetoCode: text().min(1, '缺少否决情形编号 (vetoCode required)'),
    finding: text().trim().min(1, '须填写核查发现 (finding required)').max(2000),
    unitId: text().min(1).optional(),
  })
  .strict();

export const recordVetoFinding = defineCommand(RecordVetoFindingCommandSchema, {
  type: 'recordVetoFinding',
  label: '记录否决情形核查发现',
  update: 'recordVetoFinding',
  route: ':id/vetoes/:code/findings',
  summary: '否决情形核查发现 — the office records a finding on a veto condition: it blocks the application, naming the condition, until a recorded decision lifts it',
  http: { name: 'VetoFindingDto', body: z.object({ finding: notBlank('finding', 2000), unitId: z.string().min(1).optional().describe('the unit the finding concerns') }).strict() },
  campaignProbe: () => ({ type: 'recordVetoFinding', vetoCode: '-', finding: '-' }),
  access: (_ctx, actor) => byRoles(actor, ['office'], '仅领导小组办公室可记录否决情形核查发现 (only the office may record a finding on a veto condition)'),
  validate(state, c, _actor, _now, { who }) {
    const refused = who();
    if (refused) return refused;
    const found = vetoCondition(state, c.vetoCode);
    if ('error' in found) return found.error;
    if (c.unitId && !state.catalog.units.some((u) => u.id === c.unitId)) return err('invalid', `所选单位不在本活动中 (unknown unit ${c.unitId})`);
    return null;
  },
  apply(s, c, actor, now, { out }) {
    const block = addVetoBlock(s, { vetoCode: c.vetoCode, source: 'finding', unitId: c.unitId, text: c.finding, by: actor.id, byName: actor.name, at: now });
    const veto = s.catalog.vetoes.find((v) => v.code === c.vetoCode);
    out.push({ action: 'recordVetoFinding', comment: c.finding, detail: { blockId: block.id, vetoCode: c.vetoCode, condition: veto?.text ?? null, finding: c.finding, unitId: c.unitId ?? null } });
  },
});
