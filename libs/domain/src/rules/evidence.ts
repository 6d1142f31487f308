/** Which task kinds must carry uploaded files (支撑材料) when submitted. A template may override per kind. */
import type { CampaignTemplate, TaskKind } from '../template/template.schema';
import { campaignGoesOn } from '../engine/campaign-state';

export interface EvidenceRequirement {
  minFiles: number;
  /** What the unit must upload, in the plans' words (shown in the 400 message). */
  label: string;
}

export const DEFAULT_REQUIRED_EVIDENCE: Partial<Record<TaskKind, EvidenceRequirement>> = {
  indicator: { minFiles: 1, label: '指标支撑材料' },
  // The plans (Sishui 附件4): the project table sealed by the unit, or — without a key project — the 无重点工程项目提报
  // statement signed by the unit's head and sealed; either way a document the inspection keeps.
  'key-projects': { minFiles: 1, label: '盖章的重点工程项目提报表，或经主要负责人签字并盖章的“无重点工程项目提报”说明（扫描件）' },
  certificate: { minFiles: 1, label: '不涉及证明（盖章扫描件）' },
  'veto-attestation': { minFiles: 1, label: '一票否决事项承诺书（盖章扫描件）' },
  // 专家评审: the experts sign on the text sent to them — the office attaches it, or they would sign with nothing to read
  'plan-expert-review': { minFiles: 1, label: '《规划》评审稿（送专家评审的文本）' },
};

export function evidenceRequirement(template: Pick<CampaignTemplate, 'requiredEvidence'>, kind: string): EvidenceRequirement | null {
  const table = template.requiredEvidence ?? DEFAULT_REQUIRED_EVIDENCE;
  const r = (table as Record<string, EvidenceRequirement | undefined>)[kind];
  return r && r.minFiles > 0 ? r : null;
}

/**
 * Why no file can be uploaded to a campaign's tasks now, or null: paused (nothing is sent or decided until it resumes)
 * or ended (终止, 未通过, 已完成). The API refuses the upload with it (409) and the task page says it beside the picker.
 */
export function uploadsClosedReason(c: { status?: string | null; paused?: boolean | null }): string | null {
  if (c.paused || c.status === 'paused') return '活动已暂停：暂停期间不能上传材料';
  if (c.status && !campaignGoesOn(c.status)) return '活动已结束：不能再上传材料';
  return null;
}
