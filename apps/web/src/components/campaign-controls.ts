/**
 * What 活动总览 (and 申报条件, the phases' controls, 任务清单's 催办所选) offer on a campaign: exactly the campaign detail's
 * `actions` and `reads` — the API's access policy over the campaign's status (GET /campaigns/:id). Nothing here is
 * derived from roles or statuses again: a supervising organization's office is offered no 暂停 the API would refuse, a
 * campaign that has ended (完成, 创建未通过, 终止) offers nothing, a paused one 恢复 and not 暂停. A detail without them
 * (a server before they were added) offers nothing.
 */
import type { CampaignAction, CampaignRead } from '@eco/domain';

export type CampaignControls = { readonly [A in CampaignAction]: boolean } & { readonly read: { readonly [R in CampaignRead]: boolean } };

export function campaignControls(c: { actions?: readonly CampaignAction[]; reads?: readonly CampaignRead[] } | null | undefined): CampaignControls {
  const may = (a: CampaignAction) => !!c?.actions?.includes(a);
  const reads = (r: CampaignRead) => !!c?.reads?.includes(r);
  return {
    pause: may('pause'),
    resume: may('resume'),
    cancel: may('cancel'),
    closePhase: may('closePhase'),
    moveDeadlines: may('moveDeadlines'),
    openRectification: may('openRectification'),
    recordVetoFinding: may('recordVetoFinding'),
    liftVetoBlock: may('liftVetoBlock'),
    urge: may('urge'),
    read: {
      audit: reads('audit'),
      assessment: reads('assessment'),
      supervision: reads('supervision'),
      'supervision-notice': reads('supervision-notice'),
      reminders: reads('reminders'),
      'unit-reminders': reads('unit-reminders'),
      'notification-problems': reads('notification-problems'),
      'all-tasks': reads('all-tasks'),
      gate: reads('gate'),
    },
  };
}

/** Whether a phase shows its controls (调整期限, 结束阶段 of the active one): one of them is offered and the phase is still to be done. */
export function phaseControlsShown(controls: CampaignControls, phaseStatus: string): boolean {
  return (controls.moveDeadlines || (controls.closePhase && phaseStatus === 'active')) && phaseStatus !== 'completed' && phaseStatus !== 'closed';
}

/**
 * Whether the reader reads the campaign's 提醒与催办记录 — its whole reminder log or their own unit's (GET …/reminders
 * answers the others 403: an expert): 活动总览 links it, the 提醒 page shows it (reminderLogAccess). From the detail's
 * reads only, so a supervising organization's office reads what the API gives it.
 */
export function reminderLogLinked(controls: CampaignControls): boolean {
  return controls.read.reminders || controls.read['unit-reminders'];
}

/**
 * What the 提醒 page does about campaign `id`'s 提醒与催办记录, from that campaign's detail (GET /campaigns/:id) as loaded —
 * only a detail of `id` decides (a loader keeps the previous campaign's while the next one loads):
 * - 'read': its reads name the log (reminderLogLinked) — ask GET …/reminders;
 * - 'refused': they do not — say so (REMINDER_LOG_FORBIDDEN) and ask nothing;
 * - 'loading': the detail is on its way — show loading, not a refusal;
 * - 'ask': the detail failed to load — ask GET …/reminders anyway and let its answer say (403: the same notice).
 */
export type ReminderLogAccess = 'read' | 'refused' | 'loading' | 'ask';

export function reminderLogAccess(
  id: string,
  detail: { data?: { id: string; actions?: readonly CampaignAction[]; reads?: readonly CampaignRead[] } | null; error?: unknown; loading?: boolean },
): ReminderLogAccess {
  if (detail.data?.id === id) return reminderLogLinked(campaignControls(detail.data)) ? 'read' : 'refused';
  return detail.error && !detail.loading ? 'ask' : 'loading';
}

/** What the 提醒 page says to someone sent to a campaign's log they may not read (a link, a bookmark). */
export const REMINDER_LOG_FORBIDDEN = '您无权查看本活动的提醒与催办记录：全部记录由领导小组办公室、领导、核查人员和管理员查看，各责任单位查看本单位收到的提醒。下方为您本人的提醒。';
