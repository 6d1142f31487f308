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
 * Whether 活动总览 links 提醒与催办记录: the reader reads the campaign's whole reminder log or their own unit's (GET
 * …/reminders answers the others 403 — an expert).
 */
export function reminderLogLinked(controls: CampaignControls): boolean {
  return controls.read.reminders || controls.read['unit-reminders'];
}
