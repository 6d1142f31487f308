import { campaignGoesOn } from '@eco/domain';
import { CAMPAIGN_STATUS_LABEL, campaignEndedText, PHASE_STATUS_LABEL } from '../labels';

/** How a phase reads on the overview: its status in words, the tag's colour, and whether it still runs (进行中). */
export interface PhaseState {
  /** 'ended' for a phase the campaign's end stopped (it was active when the campaign ended); else the phase's own status. */
  status: string;
  text: string;
  color: string;
}

/**
 * A phase as people read it. Once the campaign has ended (completed, 未通过, 已终止 — the domain's rule: not
 * campaignGoesOn) nothing of it is 进行中: the phase it ended in reads 已终止 (a 终止) or 已结束（创建未通过）; the
 * others keep their status (已完成, 已结束, 未开始).
 */
export function phaseState(campaignStatus: string | undefined, phase: { status: string }): PhaseState {
  if (phase.status === 'active' && campaignStatus && !campaignGoesOn(campaignStatus)) {
    const text = campaignStatus === 'cancelled' ? CAMPAIGN_STATUS_LABEL.cancelled : `${PHASE_STATUS_LABEL.closed}（${campaignEndedText(campaignStatus)}）`;
    return { status: 'ended', text, color: 'default' };
  }
  const color = phase.status === 'active' ? 'processing' : phase.status === 'completed' ? 'success' : 'default';
  return { status: phase.status, text: PHASE_STATUS_LABEL[phase.status as keyof typeof PHASE_STATUS_LABEL] ?? phase.status, color };
}
