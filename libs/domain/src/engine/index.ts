/**
 * Pure campaign engine (创建工作引擎): the functions a Temporal workflow calls to run a campaign.
 * Deterministic, no I/O, JSON state.
 */
export * from './campaign-state';
export * from './ports';
export * from './command.schema';
export { DEFAULT_APPROVAL_CHAINS, chainFor, stepFromTemplate, activeStep, waitingOn, holderOf, slotsFor, stepComplete, transferablePlaces, unitMatches } from './approval-chain';
export { CampaignInputError, createCampaign, createCampaignWithEvents, type CreateCampaignOptions } from './create-campaign';
export { validateCommand, parseCommand, canSubmit, statusLabel, type CommandError } from './command-validation';
export { applyCommand, decide, type DecideResult } from './commands';
export { applicationGate, currentPhaseState, pendingRequired, type GateMissing, type GateResult, type GateTakenOver } from './progression';
export { EXTERNAL_KINDS, PER_UNIT_KINDS } from './task-factory';
export { GATE_KINDS } from './command-effects';
export { URGE_INTERVAL_MS } from '../commands/urge.command';
export { tick, nextWakeAt, upcomingReminders, AHEAD_INSTANTS, beforeSchedule, overdueAt, escalationAt, type TickResult } from './reminders';
export * from './views';
export * from './overdue';
export { taskNotices, urgeNotices, stopNotices, resumeNotices, phaseClosedNotices, liaisonNotices, stuckSignerNotices, callsToAct, assignedTaskIds, reminderTitle, reminderTaskCount, campaignNotice, ASSIGNED_IDS_PATTERN } from './notices';
export { findingOpening, type ResultFindings } from './findings';
export { isSealedStatement } from './formalities';
export { stageBlocks, type StageWait } from './stage-order';
export { PLANNING_YEARS, deadlineTarget } from './deadlines';
export { previewDeadlineMove, currentMoveContext, type DeadlineMovePreview } from './deadline-preview';
export { WeekendCalendar } from './weekend-calendar';
export { exactDurationMs } from './time';
export { CampaignCalendar } from './campaign-calendar';
export * from '../commands/registry';
