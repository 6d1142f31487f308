/** The Chinese name of every audit action: each command's module `label`, then the engine's and the API's own actions. */
import { INSPECTOR_CONFIRMATION_STEP, SYSTEM_ACTION_LABEL, UNIT_SIGN_OFF_STEP, type AuditAction } from '../labels';
import { COMMAND_LIST, type CommandType } from './registry';
import { defineValueLabels } from '../text/field-names';

export const ACTION_LABEL: Record<AuditAction, string> = {
  ...(Object.fromEntries(COMMAND_LIST.map((m) => [m.type, m.label])) as Record<CommandType, string>),
  ...SYSTEM_ACTION_LABEL,
};

// the audit's action filter names its choices by these words (field-names.ts)
defineValueLabels('action', () => ACTION_LABEL);

/** The label of an audit action; an action this build does not know shows its code. */
export function actionLabel(action: string): string {
  return (ACTION_LABEL as Record<string, string>)[action] ?? action;
}

/**
 * What an approval was on the steps that are not an 审批, by the step the entry names (`detail.stepName`, which the
 * engine records with every decision): 签字确认 on 分管负责人签字, 确认整改 on 核查组确认整改 — the words of the
 * button the signer pressed (approveWording); the record said 审批通过 for both (walkthrough).
 */
const APPROVAL_ON_STEP: Record<string, string> = { [UNIT_SIGN_OFF_STEP]: '签字确认', [INSPECTOR_CONFIRMATION_STEP]: '确认整改' };

/** A stage whose findings' 整改 are all settled, recorded by the engine: what happened, not a verdict of the authority. */
export const RECTIFIED_STAGE_LABEL = '整改全部完成，环节办结';

/** An audit entry's action as people read it (the screen and the exports): a refused or denied one was only tried (尝试…). */
export function auditActionLabel(e: { action: string; outcome: string; detail?: Record<string, unknown> | null }): string {
  const stepName = e.detail?.stepName;
  const label =
    (e.action === 'approve' && typeof stepName === 'string' ? APPROVAL_ON_STEP[stepName] : undefined) ??
    // a stage settled by its 整改 (the engine's, actor 系统): nobody passed it (walkthrough: a 复核 with findings read
    // 外部审查通过 by 系统 once the county's own 整改 was approved)
    (e.action === 'external-passed' && e.detail?.afterRectification ? RECTIFIED_STAGE_LABEL : undefined) ??
    actionLabel(e.action);
  return e.outcome === 'accepted' ? label : `尝试${label}`;
}

/** A refusal's reason as people read it (the Chinese part of `中文 (english)`): text/chinese-reason. */
export { chineseReason } from '../text/chinese-reason';
