/**
 * THE read model: the typed views the workflow's Queries answer and the projection writes (a task row's `view`, the
 * campaign row's `snapshot`), and the API maps into its response DTOs (apps/api/src/campaigns/campaign.mapper.ts).
 * Times as ISO-8601 strings (UTC), plain JSON.
 */
import { PHASE_NAMES, type PhaseKey } from '../template/template.schema';
import { isCreationCampaign } from '../template/campaign-kind';
import { whoMayAct, taskFacts } from '../policy';
import { newSteps } from './approval-chain';
import { stageBlocks, type StageWait } from './stage-order';
import type { Actor, CampaignState, ExternalResult, ReminderLevel, Round, StepState, TaskState, TaskStatus } from './campaign-state';
import { isOverdueAt, type OverdueCampaign } from './overdue';
import { canSubmit, validateCommand } from './command-validation';
import type { Command, CommandType } from './command.schema';
import { COMMAND_TYPES, COMMANDS } from '../commands/registry';
import { applicationGate, type GateResult } from './progression';
import { iso } from './time';
import { CAMPAIGN_STATUS_LABEL, taskStatusText } from '../labels';
import { overdueWait } from './assessment';

/**
 * Task statuses the API shows: the engine's extra states fold into them (rectifying → submitted, failed → cancelled);
 * the engine's own status travels beside it as `engineStatus`.
 */
export const PUBLIC_TASK_STATUSES = ['open', 'submitted', 'returned', 'approved', 'cancelled'] as const satisfies readonly TaskStatus[];
export type PublicTaskStatus = (typeof PUBLIC_TASK_STATUSES)[number];
export const PUBLIC_TASK_STATUS: Record<TaskStatus, PublicTaskStatus> = {
  open: 'open',
  submitted: 'submitted',
  returned: 'returned',
  approved: 'approved',
  cancelled: 'cancelled',
  rectifying: 'submitted',
  failed: 'cancelled',
};

export type Progress = {
  total: number;
  approved: number;
  /** Awaiting approval (incl. external stages in rectification). */
  submitted: number;
  returned: number;
  /** Live tasks past their due date (also counted in open / submitted / returned). */
  overdue: number;
  open: number;
  /** 逾期未报: overdue tasks still to be sent by the unit that answers for them (overdueWait `unit`, as the 单位排名). */
  overdueAwaitingUnit: number;
  /** 逾期待审核: overdue tasks sent and under review (overdueWait `review`): the reviewers' lateness, not the unit's. */
  overdueAwaitingReview: number;
};

export type StepView = {
  index: number;
  name: string;
  mode: StepState['mode'];
  n: number | null;
  status: StepState['status'];
  assignees: string[];
  /** The people (and units) resolved when the step opened; null under the earlier rules or before it opens. */
  signers: string[] | null;
  /** Unit places signed by the unit's designated liaisons: unit id → user ids. */
  unitHolders: Record<string, string[]> | null;
  insertedBy: StepState['insertedBy'] | null;
  added: { userId: string; userName: string | null; mode: string | null; by: string; reason: string; at: string }[];
  transfers: { from: string; fromHolder: string; to: string; toName: string | null; by: string; reason: string; at: string }[];
  decisions: { by: string; byName: string; as: string; onBehalfOf: string | null; decision: 'approve' | 'return'; comment: string | null; withChanges?: boolean; at: string }[];
};

export type RoundView = {
  round: number;
  submission: { by: string; byName: string; unitId: string | null; at: string; comment: string | null; value: unknown; evidence: unknown[]; formalities?: unknown };
  steps: StepView[];
  outcome: Round['outcome'];
  closedAt: string | null;
  /** Joint tasks (共同负责): the listed units still to confirm this submission, and the confirmations given. */
  awaitingConfirmation?: string[];
  confirmations?: { unitId: string; by: string; byName: string; agree: boolean; comment: string | null; at: string }[];
};

export type TaskView = {
  id: string;
  kind: string;
  phase: PhaseKey;
  phaseName: string;
  title: string;
  indicatorCode?: string;
  unitId?: string;
  /** Joint responsibility (共同负责): every listed unit; any may submit, the others confirm. */
  jointUnitIds?: string[];
  owner: TaskState['owner'];
  parentTaskId?: string;
  milestoneKey?: string;
  required: boolean;
  external: boolean;
  status: TaskState['status'];
  statusLabel: string;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  completedAt: string | null;
  /** The round being worked on (1-based). */
  round: number;
  /** Steps of the current round (a preview of the chain when not yet submitted in this round). */
  steps: StepView[];
  rounds: RoundView[];
  /** Who can act now: `unit:<id>`, `role:<role>`, `user:<id>`. */
  waitingFor: string[];
  assessmentFlag: boolean;
  resolution: string | null;
  externalResult: (Omit<ExternalResult, 'at'> & { at: string }) | null;
  deadlineChanges: { from: string; to: string; by: string; reason: string; at: string; cause: string }[];
  cancelled: { by: string; reason: string; at: string } | null;
  /** 催办 by hand (the newest last): who chased it, when, their words. Absent when never chased. */
  urges?: { by: string; byName: string; at: string; comment: string | null }[];
  /** Supervision cadence tasks: the cadence and the period reported on. */
  cadence?: { key: string; period: string; periodLabel: string };
  /** 待前序环节 (stage order): the step this task follows and that is not done yet — nobody may act on it until then. */
  blockedBy?: { milestoneKey: string; milestoneName: string };
};

const isoOf = (ms: number) => iso(ms) as string;

function stepView(s: StepState): StepView {
  return {
    index: s.index,
    name: s.name,
    mode: s.mode,
    n: s.n ?? null,
    status: s.status,
    assignees: [...s.assignees],
    signers: s.signers ? [...s.signers] : null,
    unitHolders: s.unitHolders ? { ...s.unitHolders } : null,
    insertedBy: s.insertedBy ?? null,
    added: s.added.map((a) => ({ userId: a.userId, userName: a.userName ?? null, mode: a.mode ?? null, by: a.by, reason: a.reason, at: isoOf(a.at) })),
    transfers: s.transfers.map((t) => ({ from: t.from, fromHolder: t.fromHolder, to: t.to, toName: t.toName ?? null, by: t.by, reason: t.reason, at: isoOf(t.at) })),
    decisions: s.decisions.map((d) => ({ by: d.by, byName: d.byName, as: d.as, onBehalfOf: d.onBehalfOf ?? null, decision: d.decision, comment: d.comment ?? null, ...(d.withChanges ? { withChanges: true } : {}), at: isoOf(d.at) })),
  };
}

/** Who may act on the task now (the access policy's answer); nobody while stage order holds it back (`wait`). */
export function waitingFor(task: TaskState, wait?: Pick<StageWait, 'milestoneKey'> | null): string[] {
  return whoMayAct(wait ? { ...taskFacts(task), waitsFor: wait.milestoneKey } : taskFacts(task));
}

/** Overdue at `now` by the one rule (./overdue: isOverdueAt), of a campaign in `campaign`'s state when given (paused: frozen). */
export function isOverdue(task: TaskState, now: number, campaign?: OverdueCampaign | null): boolean {
  return isOverdueAt(task, now, campaign);
}

/**
 * What the overdue rule reads of a campaign's state: its status, and the current pause's start while paused; ended,
 * when (`endedAt`) and the start of a pause still open when it ended (`pausedSince`) — the record's clock (recordClock).
 */
export function overdueFactsOf(state: Pick<CampaignState, 'status' | 'pauses' | 'finished'>): OverdueCampaign {
  if (state.finished) return { status: state.status, pausedSince: openPause(state)?.from ?? null, endedAt: state.finished.at };
  return { status: state.status, pausedSince: state.status === 'paused' ? (state.pauses.at(-1)?.from ?? null) : null };
}

/** The last pause while it is still open (not resumed): the current one while paused, the one it ended in once ended. */
function openPause(state: Pick<CampaignState, 'pauses'>) {
  const last = state.pauses.at(-1);
  return last && last.to === undefined ? last : undefined;
}

/**
 * How the campaign ended (null while it goes on): status, when, by whom, why; ended while paused, since when that pause
 * (`pausedSince`: the 考核汇总's clock stops there, engine/overdue recordClock — absent on views projected before).
 */
function finishedView(state: CampaignState): CampaignView['finished'] {
  if (!state.finished) return null;
  const pause = openPause(state);
  return { status: state.finished.status, at: isoOf(state.finished.at), by: state.finished.by, reason: state.finished.reason ?? null, ...(pause ? { pausedSince: isoOf(pause.from) } : {}) };
}

/** A task as the screens show it; `wait`: what stage order holds it back for (the read model's projection knows). */
export function taskView(task: TaskState, now: number, wait?: StageWait | null): TaskView {
  const last = task.rounds[task.rounds.length - 1];
  const working = task.status === 'open' || task.status === 'returned' || !last;
  const steps = working ? newSteps(task.chain).map((s) => ({ ...s, status: 'waiting' as const })) : last.steps;
  const v: TaskView = {
    id: task.id,
    kind: task.kind,
    phase: task.phase,
    phaseName: PHASE_NAMES[task.phase],
    title: task.title,
    owner: task.owner,
    required: task.required,
    external: task.external,
    status: task.status,
    statusLabel: taskStatusText(task),
    dueAt: isoOf(task.dueAt),
    overdue: isOverdue(task, now),
    createdAt: isoOf(task.createdAt),
    completedAt: iso(task.completedAt),
    round: working ? task.rounds.length + 1 : task.rounds.length,
    steps: steps.map(stepView),
    rounds: task.rounds.map((r) => ({
      round: r.round,
      submission: {
        by: r.submission.by,
        byName: r.submission.byName,
        unitId: r.submission.unitId ?? null,
        at: isoOf(r.submission.at),
        comment: r.submission.comment ?? null,
        value: r.submission.value ?? null,
        evidence: r.submission.evidence ?? [],
        ...(r.submission.formalities ? { formalities: r.submission.formalities } : {}),
      },
      steps: r.steps.map(stepView),
      outcome: r.outcome,
      closedAt: iso(r.closedAt),
      ...(r.awaitingConfirmation ? { awaitingConfirmation: [...r.awaitingConfirmation] } : {}),
      ...(r.confirmations ? { confirmations: r.confirmations.map((x) => ({ unitId: x.unitId, by: x.by, byName: x.byName, agree: x.agree, comment: x.comment ?? null, at: isoOf(x.at) })) } : {}),
    })),
    waitingFor: waitingFor(task, wait),
    assessmentFlag: task.assessmentFlag,
    resolution: task.resolution ?? null,
    externalResult: task.externalResult ? { ...task.externalResult, at: isoOf(task.externalResult.at) } : null,
    deadlineChanges: task.deadlineChanges.map((d) => ({ from: isoOf(d.from), to: isoOf(d.to), by: d.by, reason: d.reason, at: isoOf(d.at), cause: d.cause })),
    cancelled: task.cancelled ? { ...task.cancelled, at: isoOf(task.cancelled.at) } : null,
  };
  if (task.indicatorCode !== undefined) v.indicatorCode = task.indicatorCode;
  if (task.unitId !== undefined) v.unitId = task.unitId;
  if (task.jointUnitIds !== undefined) v.jointUnitIds = [...task.jointUnitIds];
  if (task.parentTaskId !== undefined) v.parentTaskId = task.parentTaskId;
  if (task.milestoneKey !== undefined) v.milestoneKey = task.milestoneKey;
  if (task.cadence) v.cadence = { ...task.cadence };
  if (task.urges?.length) v.urges = task.urges.map((u) => ({ by: u.by, byName: u.byName, at: isoOf(u.at), comment: u.comment ?? null }));
  if (wait) v.blockedBy = { milestoneKey: wait.milestoneKey, milestoneName: wait.milestoneName };
  return v;
}

/** Counts over non-cancelled tasks. `now` defaults to the latest time the engine saw (state.clock). */
export function progress(state: CampaignState, now: number = state.clock, tasks: TaskState[] = state.tasks): Progress {
  const facts = overdueFactsOf(state);
  return countProgress(tasks, (t) => isOverdue(t, now, facts));
}

/** What progress reads of a task (TaskState and TaskView have it all): its status, and what overdueWait reads. */
export type CountedTask = Parameters<typeof overdueWait>[0];

/**
 * The one count of progress: cancelled tasks left out, 退回 / 审批中 (整改中 with it) / 待报送 / 已通过 each, overdue
 * beside them as `overdueOf` tells it (the engine: against now; a read model: the row's projected flag), and of those
 * the unit's 逾期未报 and the 逾期待审核 apart (overdueWait).
 */
export function countProgress<T extends CountedTask>(tasks: Iterable<T>, overdueOf: (t: T) => boolean): Progress {
  const p: Progress = { total: 0, approved: 0, submitted: 0, returned: 0, overdue: 0, open: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 };
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    p.total++;
    if (t.status === 'approved') p.approved++;
    else if (t.status === 'submitted' || t.status === 'rectifying') p.submitted++;
    else if (t.status === 'returned') p.returned++;
    else if (t.status === 'open') p.open++;
    const overdue = overdueOf(t);
    if (overdue) p.overdue++;
    const wait = overdueWait(t, overdue);
    if (wait === 'unit') p.overdueAwaitingUnit++;
    else if (wait === 'review') p.overdueAwaitingReview++;
  }
  return p;
}

export type PhaseView = {
  key: PhaseKey;
  name: string;
  status: string;
  dueAt: string;
  overdue: boolean;
  shiftMs: number;
  activatedAt: string | null;
  completedAt: string | null;
  closed: { by: string; reason: string; at: string; cancelledTaskIds: string[]; carriedTaskIds: string[] } | null;
  milestones: { key: string; name: string; taskKind: string; dueAt: string; text: string; required: boolean; followsHigherAuthority: boolean; estimate: boolean; after: string[] }[];
  progress: Progress;
};

export type CampaignView = {
  campaignId: string;
  name: string;
  templateId: string;
  templateName: string;
  region: string;
  kind: CampaignState['kind'];
  status: CampaignState['status'];
  statusLabel: string;
  currentPhase: PhaseKey | 'completed';
  currentPhaseName: string;
  revision: number;
  createdAt: string;
  startAt: string;
  paused: { since: string; reason: string; by: string } | null;
  /** How it ended; `pausedSince`: ended while paused, that pause's start (views projected before lack it). */
  finished: { status: string; at: string; by: string; reason: string | null; pausedSince?: string } | null;
  phases: PhaseView[];
  progress: Progress;
  /** 申报条件 (creation campaigns). */
  gate: GateResult | null;
  flaggedTaskIds: string[];
  overdueTaskIds: string[];
  reminderPolicy: CampaignState['reminderPolicy'];
};

/** A write the database refused because of its data (non-retryable): shown to the office, the campaign goes on. */
export interface DataFailure {
  at: string; // ISO
  activity: string;
  message: string;
  /** What was not written: audit actions (`submit:t1`), task ids, reminder keys. */
  items: string[];
}

/** What the campaign row's `snapshot` holds: the campaign's view, and the writes refused for their data, if any. */
export type CampaignSnapshot = CampaignView & { dataFailures?: DataFailure[] };

/**
 * The newest reminder of a task since it started waiting for whoever it waits for now (waitingSince), as the inbox shows
 * it beside the task: `count` reminders of any level since then, `escalations` of them 督办 (the rest: reminders and 催办).
 */
export type LatestReminderView = { level: ReminderLevel; at: string; message: string; count: number; escalations: number };

/**
 * Since when the task waits for whoever it waits for now (ISO): its last hand-over in the current round — the
 * submission, a decision, a transfer, an added signer, a confirmation — or, returned, its return. Null while it was
 * never submitted (open: every reminder so far was its owner's). Reminders before it chased someone else (the unit
 * before it submitted, the office's step before the leaders'), so the inbox does not show them as this reader's.
 */
export function waitingSince(view: Pick<TaskView, 'status' | 'rounds'>): string | null {
  const round = view.rounds.at(-1);
  if (!round || view.status === 'open') return null;
  if (view.status === 'returned') return round.closedAt ?? round.submission.at;
  const times = [
    round.submission.at,
    ...round.steps.flatMap((s) => [...s.decisions.map((d) => d.at), ...s.transfers.map((t) => t.at), ...s.added.map((a) => a.at)]),
    ...(round.confirmations ?? []).map((c) => c.at),
  ];
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

export function campaignView(state: CampaignState, now: number = state.clock): CampaignView {
  const pause = state.status === 'paused' ? state.pauses[state.pauses.length - 1] : undefined;
  return {
    campaignId: state.campaignId,
    name: state.name,
    templateId: state.templateId,
    templateName: state.templateName,
    region: state.region,
    kind: state.kind,
    status: state.status,
    statusLabel: CAMPAIGN_STATUS_LABEL[state.status] ?? state.status,
    currentPhase: state.currentPhase,
    currentPhaseName: state.currentPhase === 'completed' ? '已完成' : PHASE_NAMES[state.currentPhase],
    revision: state.revision,
    createdAt: isoOf(state.createdAt),
    startAt: isoOf(state.startAt),
    paused: pause ? { since: isoOf(pause.from), reason: pause.reason, by: pause.by } : null,
    finished: finishedView(state),
    phases: state.phases.map((p) => ({
      key: p.key,
      name: p.name,
      status: p.status,
      dueAt: isoOf(p.dueAt),
      overdue: p.status === 'active' && p.dueAt < now,
      shiftMs: p.shiftMs,
      activatedAt: iso(p.activatedAt),
      completedAt: iso(p.completedAt),
      closed: p.closed ? { ...p.closed, at: isoOf(p.closed.at) } : null,
      milestones: p.milestones.map((m) => ({
        key: m.key,
        name: m.name,
        taskKind: m.taskKind,
        dueAt: isoOf(m.dueAt),
        text: m.text,
        required: m.required,
        followsHigherAuthority: m.followsHigherAuthority,
        // The date follows the higher authority and the office has not set it yet: an estimate (预估).
        estimate: m.followsHigherAuthority && !m.plan?.fixed,
        after: m.plan?.after ?? [],
      })),
      progress: progress(
        state,
        now,
        state.tasks.filter((t) => t.phase === p.key),
      ),
    })),
    progress: progress(state, now),
    gate: isCreationCampaign(state.kind) ? applicationGate(state) : null,
    flaggedTaskIds: state.tasks.filter((t) => t.assessmentFlag).map((t) => t.id),
    overdueTaskIds: state.tasks.filter((t) => isOverdue(t, now, overdueFactsOf(state))).map((t) => t.id),
    reminderPolicy: state.reminderPolicy,
  };
}

/** What an action's answer carries about its campaign (the full view is a read away): no phases, gate or task lists. */
export function campaignSummary(state: CampaignState, now: number = state.clock): Pick<CampaignView, 'campaignId' | 'status' | 'currentPhase' | 'finished' | 'paused' | 'progress' | 'revision'> {
  const pause = state.status === 'paused' ? state.pauses[state.pauses.length - 1] : undefined;
  return {
    campaignId: state.campaignId,
    status: state.status,
    currentPhase: state.currentPhase,
    finished: finishedView(state),
    paused: pause ? { since: isoOf(pause.from), reason: pause.reason, by: pause.by } : null,
    progress: progress(state, now),
    revision: state.revision,
  };
}

export type TaskFilter = {
  phase?: PhaseKey;
  unitId?: string;
  kind?: string;
  status?: TaskState['status'];
  indicatorCode?: string;
  overdue?: boolean;
  flagged?: boolean;
};

export function listTasks(state: CampaignState, now: number = state.clock, filter: TaskFilter = {}): TaskView[] {
  const waits = stageBlocks(state);
  return state.tasks
    .filter(
      (t) =>
        (filter.phase === undefined || t.phase === filter.phase) &&
        (filter.unitId === undefined || t.unitId === filter.unitId || !!t.jointUnitIds?.includes(filter.unitId)) &&
        (filter.kind === undefined || t.kind === filter.kind) &&
        (filter.status === undefined || t.status === filter.status) &&
        (filter.indicatorCode === undefined || t.indicatorCode === filter.indicatorCode) &&
        (filter.overdue === undefined || isOverdue(t, now, overdueFactsOf(state)) === filter.overdue) &&
        (filter.flagged === undefined || t.assessmentFlag === filter.flagged),
    )
    .map((t) => taskView(t, now, waits.get(t.id)));
}

/** Task-level commands the actor could issue now: the registry's probes, validated (read-only). */
export function availableActions(state: CampaignState, taskId: string, actor: Actor, now: number = state.clock): CommandType[] {
  const probes: Command[] = [];
  for (const type of COMMAND_TYPES) {
    const probe = COMMANDS[type].probe as ((taskId: string, now: number) => Command) | undefined;
    if (probe) probes.push(probe(taskId, now));
  }
  return probes.filter((p) => validateCommand(state, p, actor, now, { probe: true }) === null).map((p) => p.type);
}

/** 待办: tasks the actor can submit or decide now. */
export function inbox(state: CampaignState, actor: Actor, now: number = state.clock): TaskView[] {
  if (state.status !== 'active') return [];
  const waits = stageBlocks(state);
  return state.tasks
    .filter(
      (t) =>
        ((t.status === 'open' || t.status === 'returned') && canSubmit(state, t, actor)) ||
        (t.status === 'submitted' && validateCommand(state, { type: 'approve', taskId: t.id }, actor, now) === null) ||
        (t.status === 'submitted' && !!t.jointUnitIds && validateCommand(state, { type: 'confirmJoint', taskId: t.id }, actor, now) === null),
    )
    .filter((t) => !waits.has(t.id))
    .map((t) => taskView(t, now));
}
