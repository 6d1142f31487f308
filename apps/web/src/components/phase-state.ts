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
 * campaignGoesOn) nothing of it is 进行中: the phase it ended in reads 已终止 (a 终止) or 已结束（创建未通过）(a
 * consolidation campaign's 已结束（活动未通过）: `kind`, campaignEndedText); the others keep their status (已完成, 已结束, 未开始).
 */
export function phaseState(campaignStatus: string | undefined, phase: { status: string }, kind?: string | null): PhaseState {
  if (phase.status === 'active' && campaignStatus && !campaignGoesOn(campaignStatus)) {
    const text = campaignStatus === 'cancelled' ? CAMPAIGN_STATUS_LABEL.cancelled : `${PHASE_STATUS_LABEL.closed}（${campaignEndedText(campaignStatus, kind)}）`;
    return { status: 'ended', text, color: 'default' };
  }
  const color = phase.status === 'active' ? 'processing' : phase.status === 'completed' ? 'success' : 'default';
  return { status: phase.status, text: PHASE_STATUS_LABEL[phase.status as keyof typeof PHASE_STATUS_LABEL] ?? phase.status, color };
}

/** What a phase's card says of its tasks, and its bar (0–100). */
export interface PhaseProgressText {
  percent: number;
  text: string;
}

/**
 * A phase's progress as the overview's card reads it: `approved/total 项完成` over its tasks not cancelled; a phase the
 * office closed (结束阶段) also says how many of its tasks it cancelled unfinished, and its bar counts them as not done
 * (walkthrough: a closed phase read 4/4 项完成 with a full bar while 31 of its tasks were cancelled undone). A unit's
 * reader has the phase's closing time only (campaign.mapper): its card reads as before.
 */
export function phaseProgress(p: { status: string; progress: { approved: number; total: number }; closed?: { cancelledTaskIds?: readonly string[] } | null }): PhaseProgressText {
  const { approved, total } = p.progress;
  // a unit's people read when a phase closed, not which tasks it cancelled (the office's record): no count for them
  const cancelled = p.closed?.cancelledTaskIds?.length ?? 0;
  if (p.status === 'pending' && !total) return { percent: 0, text: '任务在本阶段开始时下达' };
  const all = total + cancelled;
  const percent = all ? Math.round((approved / all) * 100) : 0;
  return { percent, text: `${approved}/${total} 项完成${cancelled ? `，${cancelled} 项任务结束时未完成（已取消）` : ''}` };
}
