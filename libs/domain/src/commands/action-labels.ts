/** The Chinese name of every audit action: each command's module `label`, then the engine's and the API's own actions. */
import { INSPECTOR_CONFIRMATION_STEP, SYSTEM_ACTION_LABEL, UNIT_SIGN_OFF_STEP, type AuditAction } from '../labels';
import { COMMAND_LIST, type CommandType } from './registry';
import { campaignKindOf } from '../template/campaign-kind';
import type { CampaignKind } from '../template/template.schema';
import { defineValueLabels } from '../text/field-names';

/** Every audit action's name, as a creation campaign's trail reads it (actionLabels: by the campaign's kind). */
export const ACTION_LABEL: Record<AuditAction, string> = {
  ...(Object.fromEntries(COMMAND_LIST.map((m) => [m.type, m.label])) as Record<CommandType, string>),
  ...SYSTEM_ACTION_LABEL,
};

// the audit's action filter names its choices by these words (field-names.ts)
defineValueLabels('action', () => ACTION_LABEL);

/**
 * The names a consolidation campaign's trail (巩固提升 → 复核) reads otherwise: it was not started as a 创建活动
 * (its campaign-created entry read 发起创建活动).
 */
const CONSOLIDATION_ACTION_LABEL: Partial<Record<AuditAction, string>> = { 'campaign-created': '发起巩固提升活动' };

/** Every audit action's name in the trail of a campaign of `kind` (the 操作 filter of its 审计记录). */
export function actionLabels(kind: CampaignKind | string | null | undefined): Record<AuditAction, string> {
  return campaignKindOf(kind) === 'consolidation' ? { ...ACTION_LABEL, ...CONSOLIDATION_ACTION_LABEL } : ACTION_LABEL;
}

/** The label of an audit action in the trail of a campaign of `kind`; an action this build does not know shows its code. */
export function actionLabel(action: string, kind: CampaignKind | string | null | undefined): string {
  return (actionLabels(kind) as Record<string, string>)[action] ?? action;
}

/**
 * What an approval was on the steps that are not an 审批, by the step the entry names (`detail.stepName`, which the
 * engine records with every decision): 签字确认 on 分管负责人签字, 确认整改 on 核查组确认整改 — the words of the
 * button the signer pressed (approveWording); the record said 审批通过 for both (walkthrough).
 */
const APPROVAL_ON_STEP: Record<string, string> = { [UNIT_SIGN_OFF_STEP]: '签字确认', [INSPECTOR_CONFIRMATION_STEP]: '确认整改' };

/** A stage whose findings' 整改 are all settled, recorded by the engine: what happened, not a verdict of the authority. */
export const RECTIFIED_STAGE_LABEL = '整改全部完成，环节办结';

/**
 * An audit entry's action as people read it (the screen and the exports) in the trail of a campaign of `kind`: a
 * refused or denied one was only tried (尝试…).
 */
export function auditActionLabel(e: { action: string; outcome: string; detail?: Record<string, unknown> | null }, kind: CampaignKind | string | null | undefined): string {
  const stepName = e.detail?.stepName;
  const label =
    (e.action === 'approve' && typeof stepName === 'string' ? APPROVAL_ON_STEP[stepName] : undefined) ??
    // a stage settled by its 整改 (the engine's, actor 系统): nobody passed it (walkthrough: a 复核 with findings read
    // 外部审查通过 by 系统 once the county's own 整改 was approved)
    (e.action === 'external-passed' && e.detail?.afterRectification ? RECTIFIED_STAGE_LABEL : undefined) ??
    actionLabel(e.action, kind);
  return e.outcome === 'accepted' ? label : `尝试${label}`;
}

/** A refusal's reason as people read it (the Chinese part of `中文 (english)`): text/chinese-reason. */
export { chineseReason } from '../text/chinese-reason';
