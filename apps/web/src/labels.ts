/**
 * Chinese words people read. The domain's codes (actions, statuses, roles, kinds, modes) are labelled once, in
 * libs/domain/src/labels.ts, which the audit exports use too; this file adds what only the screens need.
 */
import type { ApiTaskStatus, InboxItem, Role } from './api/types';
import { INBOX_NEED_LABEL, ROLE_LABEL, TASK_STATUS_LABEL } from '@eco/domain';

export {
  ACTION_LABEL,
  actionLabel,
  ATTRIBUTE_LABEL,
  CAMPAIGN_STATUS_LABEL,
  DOMAIN_LABEL,
  FORMALITY_LABEL,
  formalitiesText,
  INBOX_NEED_LABEL,
  TASK_ACTION_LABEL,
  OUTCOME_LABEL,
  PHASE_STATUS_LABEL,
  REMINDER_LEVEL_LABEL as LEVEL_LABEL,
  ROLE_LABEL,
  STEP_MODE_LABEL,
  STEP_STATUS_LABEL,
  TASK_KIND_LABEL,
  TASK_OWNER_LABEL,
} from '@eco/domain';

export const STATUS_LABEL: Record<ApiTaskStatus, string> = {
  open: TASK_STATUS_LABEL.open,
  submitted: TASK_STATUS_LABEL.submitted,
  returned: TASK_STATUS_LABEL.returned,
  approved: TASK_STATUS_LABEL.approved,
  cancelled: TASK_STATUS_LABEL.cancelled,
};
export const STATUS_COLOR: Record<ApiTaskStatus, string> = { open: 'default', submitted: 'processing', returned: 'warning', approved: 'success', cancelled: 'default' };

/** What an inbox item needs from me now (the server's `need`); 或签 where any one of several signers decides. */
export function needLabel(t: Pick<InboxItem, 'need' | 'steps'>): string {
  if (t.need === 'approve') {
    const step = t.steps.find((s) => s.status === 'active');
    if (step && step.mode === 'any' && (step.signers ?? step.assignees).length > 1) return '或签';
  }
  return INBOX_NEED_LABEL[t.need];
}

export function principalLabel(p: string, names: Map<string, string> = new Map()): string {
  const [kind, id] = p.includes(':') ? [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] : ['user', p];
  if (kind === 'role') return ROLE_LABEL[id as Role] ?? id;
  if (kind === 'unit') return names.get(id) ?? names.get(p) ?? id;
  return names.get(id) ?? names.get(p) ?? id;
}

/** A code's label from one of the maps above; an unknown code shows itself. */
export function labelOf(map: Record<string, string>, code: string | null | undefined): string {
  return code ? (map[code] ?? code) : '';
}
