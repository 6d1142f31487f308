/** What the veto-condition commands (recordVetoFinding, liftVetoBlock) share: the campaign records findings, and the condition exists. */
import type { CampaignState, VetoRef } from '../engine/campaign-state';
import { err, type CommandError } from '../engine/command-checks';

export function vetoCondition(state: CampaignState, vetoCode: string): { veto: VetoRef } | { error: CommandError } {
  if (!state.planRules?.vetoFindings) return { error: err('conflict', '本活动启动时尚未启用否决情形核查记录 (campaign started before veto findings existed)') };
  const veto = state.catalog.vetoes.find((v) => v.code === vetoCode);
  if (!veto) return { error: err('invalid', `否决情形${vetoCode}不存在 (unknown veto condition ${vetoCode}; known: ${state.catalog.vetoes.map((v) => v.code).join(', ')})`) };
  return { veto };
}
