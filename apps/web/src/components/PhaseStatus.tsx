import { Tag } from 'antd';
import { phaseState } from './phase-state';

/** A phase's status on the overview: 进行中 only while the campaign goes on (an ended campaign's phase reads 已终止 …). */
export function PhaseStatusTag({ campaignStatus, phase, kind }: { campaignStatus: string | undefined; phase: { status: string }; kind?: string | null }) {
  const s = phaseState(campaignStatus, phase, kind);
  return <Tag color={s.color} data-testid="phase-status" data-state={s.status}>{s.text}</Tag>;
}

/** The progress bar's colour: grey for the phase an ended campaign stopped in (antd's default blue reads as running). */
export function phaseStroke(campaignStatus: string | undefined, phase: { status: string }): string | undefined {
  return phaseState(campaignStatus, phase).status === 'ended' ? '#8c8c8c' : undefined;
}
