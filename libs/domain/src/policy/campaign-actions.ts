/**
 * What the caller may do on a campaign as a whole now, and which of its records they may read — the campaign detail's
 * `actions` and `reads`, so 活动总览 offers exactly what the API will accept (a supervising organization's office sees no
 * 暂停, a campaign that has ended — 完成, 创建未通过, 终止 — offers nothing). "Who" is the access policy's answer
 * (authorize over each command module's campaignProbe); "when" is the campaign's status as command validation reads
 * it: nothing once it has ended, while paused only the commands a pause lets through (whilePaused: 恢复, 调整期限,
 * 终止), 恢复 only while paused; "which" is the campaign's kind (campaignHasCommand: a consolidation campaign has no
 * 否决情形 commands, campaignHasRecord: nor 申报条件). Task-level state (which task, which phase is still open) stays with the screen and the validators.
 */
import { commandModule, type Command } from '../commands/registry';
import { campaignGoesOn, type Actor, type CampaignStatus } from '../engine/campaign-state';
import { authorize, type ReadResource } from './access-policy';
import type { AccessContext } from './decision';
import type { CampaignKind } from '../template/template.schema';
import { isCreationCampaign } from '../template/campaign-kind';
import type { CommandType } from '../commands/registry';

/**
 * Campaign-level commands a screen offers (活动总览, 申报条件, 任务清单's 批量催办), in the order it shows them: the
 * commands whose module has a `campaignProbe` (campaign-actions.spec checks the two agree).
 */
export const CAMPAIGN_ACTIONS = ['pause', 'resume', 'cancel', 'closePhase', 'moveDeadlines', 'openRectification', 'recordVetoFinding', 'liftVetoBlock', 'urge'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/**
 * The campaign's records a screen links to (审计, 考核汇总表, 调度汇总表, 督办通知单, the whole 催办记录, a unit's own
 * reminders — 本单位收到的提醒 —, 无人接收的提醒), and what 活动总览 shows of the campaign: `all-tasks` (its counts,
 * overdue and flagged tasks over every task: the detail the API answers is the office's, else the reader's —
 * CampaignsService), `gate` (申报条件). 活动总览 links 提醒与催办记录 for `reminders` or `unit-reminders` (walkthrough: an
 * expert, who reads neither, was linked to it and GET …/reminders answered 403).
 */
export const CAMPAIGN_READS = ['audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'unit-reminders', 'notification-problems', 'all-tasks', 'gate'] as const satisfies readonly ReadResource[];
export type CampaignRead = (typeof CAMPAIGN_READS)[number];

/** The probe of a campaign-level command (for asking "may this actor do X on the campaign"): its module's campaignProbe. */
export function campaignProbe(action: CampaignAction): Command {
  const probe = commandModule(action).campaignProbe;
  if (!probe) throw new Error(`${action}: a campaign action whose command module has no campaignProbe`);
  return probe();
}

/** Whether the campaign's status lets the command through (as validateCommand: ended → none; paused → whilePaused). */
function inCampaignState(status: CampaignStatus | string, action: CampaignAction): boolean {
  if (!campaignGoesOn(status)) return false;
  const m = commandModule(action);
  return status === 'paused' ? !!m.whilePaused : !m.endsPause;
}

/**
 * The commands only a creation campaign has: 否决情形核查 — a finding recorded on a veto condition blocks the
 * application (申报条件) until a recorded decision lifts it —, and a consolidation campaign (巩固提升 → 复核) applies for
 * nothing (the detail of a jiyang-2021 campaign listed both in its `actions`).
 */
const CREATION_ONLY_COMMANDS: readonly CommandType[] = ['recordVetoFinding', 'liftVetoBlock'];

/** Whether a campaign of `kind` has the command at all (CREATION_ONLY_COMMANDS: a creation campaign's only). */
export function campaignHasCommand(kind: CampaignKind | string, type: CommandType): boolean {
  return isCreationCampaign(kind) || !CREATION_ONLY_COMMANDS.includes(type);
}

/**
 * Why a campaign of `kind` refuses the command outright (a 409 conflict, whoever asks and whatever its state), or null
 * when it has the command (campaignHasCommand). The API answers it before the workflow sees the command.
 */
export function campaignKindRefusal(kind: CampaignKind | string, type: CommandType): string | null {
  if (campaignHasCommand(kind, type)) return null;
  return `巩固提升活动不申报、没有申报条件，不能${commandModule(type).label}（仅创建活动可以） (a consolidation campaign has no application gate: ${type} is a creation campaign's command)`;
}

/**
 * The campaign-level commands `actor` may send now to a campaign of `kind` in `status` (ctx: its units, organization,
 * rules): those the campaign has (campaignHasCommand), its status lets through and the policy allows.
 */
export function campaignActions(ctx: AccessContext, actor: Actor, status: CampaignStatus | string, kind: CampaignKind | string): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((a) => campaignHasCommand(kind, a) && inCampaignState(status, a) && authorize(ctx, actor, { kind: 'command', command: campaignProbe(a) }).allowed);
}

/**
 * Whether a campaign of `kind` has the record at all: 申报条件 (`gate`) is a creation campaign's only — a consolidation
 * campaign (巩固提升 → 复核) applies for nothing, its view has no gate and GET …/gate answers it 404 (walkthrough: a
 * jiyang-2021 campaign's 活动总览 asked for it and showed 此活动无申报条件检查).
 */
export function campaignHasRecord(kind: CampaignKind | string, read: CampaignRead): boolean {
  return read !== 'gate' || isCreationCampaign(kind);
}

/** The campaign's records `actor` may read (ctx: its organization) that a campaign of `kind` has (campaignHasRecord). */
export function campaignReads(ctx: AccessContext, actor: Actor, kind: CampaignKind | string): CampaignRead[] {
  return CAMPAIGN_READS.filter((r) => campaignHasRecord(kind, r) && authorize(ctx, actor, { kind: 'read', resource: r }).allowed);
}
