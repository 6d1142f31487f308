/**
 * The state of one running campaign (创建/复核工作), held by the Temporal workflow and passed through
 * continue-as-new and Queries. Plain JSON only: no Map/Set/Date/class instances, no reliance on
 * `undefined` vs missing keys. Every engine function takes a state and returns a NEW state.
 */
import type { OrganizationUser as OrganizationDirectoryUser } from '../directory/organization-directory';
import type { CampaignKind, Formalities, PhaseKey, ReminderPolicy, Role, TaskKind, Unit } from '../template/template.schema';

export const ENGINE_STATE_VERSION = 1;

/** Who is acting (from the JWT). */
export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  unitId?: string | null;
  /** The user's organization (tenant); null/absent for system administrators. */
  organizationId?: string | null;
}

/** Assignee strings: `role:<role>`, `user:<userId>`, `unit:<unitId>` (any user of that unit). */
export type Assignee = string;
export type StepMode = 'all' | 'any' | 'n-of-m';
/** 加签 modes: before me (前加签: a step before this one, then back to it), after me (后加签: a new step after it), co-sign (并加签: required on this step). */
export const ADD_APPROVER_MODES = ['before', 'after', 'co-sign'] as const;
export type AddApproverMode = (typeof ADD_APPROVER_MODES)[number];

/**
 * One person of the campaign's organization as the engine keeps it: the organization directory's user (ports/
 * directory.port.ts) reduced to what resolution needs. The workflow receives the snapshot at start (and through the
 * `refreshDirectory` Update when accounts change); role places of approval steps resolve to these people.
 */
export type DirectoryUser = Pick<OrganizationDirectoryUser, 'id' | 'name' | 'roles' | 'unitId' | 'active'> & {
  /** Units for which this person is a designated liaison (联络员): a `unit:<id>` place is then signed by its liaisons. */
  liaisonOf?: string[];
  /** Units for which this person is a responsible leader (分管负责人): a `unit-leader:<id>` place resolves to them. */
  leaderOf?: string[];
};

/** One step of an approval chain, with its assignees resolved for a task. */
export interface ChainStep {
  name: string;
  mode: StepMode;
  /** n-of-m: approvals needed; all + role assignee: distinct approvers needed per role (default 1). */
  n?: number;
  assignees: Assignee[];
}

export interface StepDecision {
  /** Actor id. */
  by: string;
  byName: string;
  /** The assignee place (slot) the decision fills, e.g. `role:office`, `user:li`, `unit:qu-tjj`. */
  as: Assignee;
  /** Set when a transferee acts: the original assignee place (= `as`). */
  onBehalfOf?: Assignee;
  decision: 'approve' | 'return';
  comment?: string;
  /** 修改后通过: approved on condition of the changes the comment names. */
  withChanges?: boolean;
  at: number;
}

export interface StepTransfer {
  /** The assignee place handed over. */
  from: Assignee;
  /** Who held it before this transfer (the place itself, or the previous transferee). */
  fromHolder: Assignee;
  /** `user:<id>`. */
  to: Assignee;
  toName?: string;
  by: string;
  reason: string;
  at: number;
}

export interface StepAddition {
  userId: string;
  /** Absent in campaigns from before the 加签 modes: co-sign. */
  mode?: AddApproverMode;
  userName?: string;
  by: string;
  /** Who added them, by name (additions since it was kept: the 【加签】 notice names them). */
  byName?: string;
  reason: string;
  at: number;
}

export interface StepState extends ChainStep {
  index: number;
  /**
   * The concrete places of the step, resolved from the directory when the step opened (campaigns with a directory):
   * `user:<id>` per person holding a role place (minus the submitter and the submitting unit's people), `user:<id>`
   * places as given, `unit:<id>` places (signed once, by any user of that unit). Co-signers (并加签) are appended.
   * Empty = nobody can sign: the step waits visibly ('nobody:…') until the office transfers it or refreshes the
   * directory. Absent in campaigns without a directory: the assignees are the places (legacy rules).
   */
  signers?: Assignee[];
  /** Who holds each `unit:<id>` place when the unit has designated liaisons (user ids); other units: any member. */
  unitHolders?: Record<string, string[]>;
  /** Set on a step inserted by 前加签/后加签. */
  insertedBy?: { mode: 'before' | 'after'; userId: string; by: string };
  added: StepAddition[];
  transfers: StepTransfer[];
  decisions: StepDecision[];
  status: 'waiting' | 'active' | 'done';
}

export interface Evidence {
  name: string;
  /** File id / URL / archive reference. */
  ref: string;
  sha256?: string;
  size?: number;
}

/** An uploaded file is referenced as evidence by `file:<id>` (a link by its URL). */
export function fileEvidenceRef(fileId: string): string {
  return `file:${fileId}`;
}

/** The uploaded file an evidence entry refers to; undefined for a link. */
export function evidenceFileId(e: { ref?: string } | null | undefined): string | undefined {
  return e?.ref?.startsWith('file:') ? e.ref.slice('file:'.length) : undefined;
}

export type SubmissionValue = string | number | boolean | null;

/** The formalities a submission carries (see template Formalities; validated on submit). */
export interface SubmissionFormalities {
  /** The submitted document carries the unit's seal (加盖单位公章). */
  seal?: boolean;
  /** The principal (主要负责人) who signed, by name. */
  principalSignature?: string;
  /** The chosen outcome's key. */
  outcome?: string;
  /** 重点工程项目 list. */
  projects?: { name: string; scale?: string; content?: string; investment?: string }[];
}

export interface Submission {
  formalities?: SubmissionFormalities;
  by: string;
  byName: string;
  /** The submitter's unit, for a unit-owned task (segregation of duties: that unit never approves it). */
  unitId?: string;
  at: number;
  comment?: string;
  value?: SubmissionValue;
  evidence?: Evidence[];
}

/** A listed unit's answer to a jointly-owned task's submission (共同负责: every other listed unit confirms it). */
export interface JointConfirmation {
  unitId: string;
  by: string;
  byName: string;
  agree: boolean;
  comment?: string;
  at: number;
}

export interface Round {
  round: number;
  submission: Submission;
  /**
   * Joint tasks: the listed units still to confirm the submission before its approval chain starts (its steps wait
   * until this is empty), and the confirmations given so far.
   */
  awaitingConfirmation?: string[];
  confirmations?: JointConfirmation[];
  steps: StepState[];
  outcome: 'pending' | 'approved' | 'returned' | 'cancelled';
  closedAt?: number;
}

/**
 * open → submitted → approved, or → returned → (resubmit) submitted …;
 * external tasks: open → approved (passed) | rectifying (issues, until rectifications approved) | failed.
 */
export const TASK_STATUSES = ['open', 'submitted', 'returned', 'approved', 'rectifying', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const LIVE_STATUSES: readonly TaskStatus[] = ['open', 'submitted', 'returned'];

/** Who does the work of a task. */
export type TaskOwner = 'unit' | 'office' | 'leader' | 'technical-unit' | 'government' | 'experts' | 'inspector';

export interface Finding {
  title: string;
  indicatorCode?: string;
  unitId?: string;
}

export interface ExternalResult {
  outcome: 'passed' | 'failed' | 'issues';
  findings: Finding[];
  comment?: string;
  by: string;
  byName: string;
  at: number;
  /** Ids of the rectification tasks opened for the findings. */
  rectificationTaskIds: string[];
  /** The written opinion (预审意见, 核查意见 …): files uploaded to the stage's task, with their hashes. */
  evidence?: Evidence[];
}

/** Reminder bookkeeping (bounded counters, not lists of sent keys). */
export interface ReminderCounters {
  /** Reminders scheduled at or before this instant are never sent (task creation / deadline change). */
  from: number;
  /** How many of the policy's before-reminders (ordered by time) are done. */
  before: number;
  /** Index of the latest overdue (red) reminder done (1 = the one at dueAt). */
  overdue: number;
  /** Escalation levels done (0, 1, 2). */
  escalation: number;
}

export interface DeadlineChange {
  from: number;
  to: number;
  by: string;
  reason: string;
  at: number;
  cause: 'move' | 'phase-move' | 'resume' | 'replan';
}

/** One 催办 by hand: who chased the task, when, and their words. */
export interface Urge {
  by: string;
  byName: string;
  at: number;
  comment?: string;
}

export interface TaskState {
  id: string;
  kind: TaskKind;
  phase: PhaseKey;
  milestoneKey?: string;
  title: string;
  owner: TaskOwner;
  unitId?: string;
  indicatorCode?: string;
  vetoCode?: string;
  keyTaskNumber?: number;
  /** Joint responsibility (共同负责): every listed unit; any may submit, the others confirm the submission. */
  jointUnitIds?: string[];
  /** indicator-contribution → its indicator task; rectification → the external task whose finding it answers. */
  parentTaskId?: string;
  /** Required tasks must be approved (or cancelled) before the phase completes. */
  required: boolean;
  /** Answered by recordExternalResult (pre-review, public-notice, inspection, review). */
  external: boolean;
  createdAt: number;
  dueAt: number;
  status: TaskStatus;
  /** The approval chain each round starts from. Empty = a submission completes the task. */
  chain: ChainStep[];
  rounds: Round[];
  /** Flagged for the annual assessment (年度考核) after the second escalation. */
  assessmentFlag: boolean;
  reminders: ReminderCounters;
  deadlineChanges: DeadlineChange[];
  /** 催办 by hand (the urge command), the newest last; the audit trail keeps every one. */
  urges?: Urge[];
  completedAt?: number;
  /** How the task was completed when not through its approval chain. */
  resolution?: 'no-comment' | 'external-passed' | 'rectified' | 'taken-over';
  externalResult?: ExternalResult;
  cancelled?: { by: string; reason: string; at: number };
  /** Supervision cadence tasks (调度/督查): the cadence and the period the task reports on. */
  cadence?: TaskCadence;
}

/** The cadence period a progress-report / supervision-bulletin task belongs to. */
export interface TaskCadence {
  key: string;
  /** '2026-12' (month) or '2026-Q4' (quarter). */
  period: string;
  /** 2026年12月, 2026年第四季度. */
  periodLabel: string;
}

export interface MilestoneState {
  key: string;
  name: string;
  taskKind: TaskKind;
  owner: 'office' | 'leader' | 'units' | 'technical-unit' | 'experts' | 'government' | 'higher-authority';
  units?: string[];
  required: boolean;
  /** Due instant, including every shift applied to the phase so far. */
  dueAt: number;
  text: string;
  followsHigherAuthority: boolean;
  /**
   * The relative plan (campaigns started with one): the steps it follows ('start' or milestone keys) and the gap.
   * The steps it follows are also its stage order. `fixed`: the office set this date by hand (no live re-plan).
   */
  plan?: { after: string[]; workingDays?: number; duration?: string; fixed?: boolean };
  /** When every task of the milestone was settled (live re-planning dates its dependants from it). */
  completedAt?: number;
  /**
   * Runs since 'cancel-not-completion': some ('some') or all ('all': nothing of it was done) of its tasks were
   * cancelled, not completed. A cancellation is not a completion: the step counts as settled on its due date at the
   * earliest (it pulls nothing earlier); settled late, its dependants move later as after a late completion (stage
   * order held them back until then). Unset in runs before, where a cancellation counted as the completion itself.
   */
  cancelled?: 'all' | 'some';
}

export type PhaseStatus = 'pending' | 'active' | 'completed' | 'closed';

export interface PhaseState {
  key: PhaseKey;
  name: string;
  status: PhaseStatus;
  /** Max milestone due of the phase (shifted). */
  dueAt: number;
  /** Accumulated shift (ms) applied to this phase by deadline moves and pauses. */
  shiftMs: number;
  activatedAt?: number;
  completedAt?: number;
  closed?: { by: string; reason: string; at: number; cancelledTaskIds: string[]; carriedTaskIds: string[] };
  milestones: MilestoneState[];
}

export interface IndicatorRef {
  code: string;
  name: string;
  attribute: 'binding' | 'reference';
  applicability: 'applicable' | 'certificate-only';
  leadUnitIds: string[];
  coUnitIds: string[];
  /** Every responsible unit: leads (incl. sub-items' leads) then co-units, de-duplicated; lead first. */
  responsibleUnitIds: string[];
  /**
   * 'split' (依据职责分别牵头): one part task per lead unit (campaigns with planRules.splitLeads); 'joint' (共同负责):
   * one task shared by every responsible unit (template `responsibility: joint` under planRules.jointResponsibility, or
   * the office's choice at start).
   */
  leadMode?: 'split' | 'joint';
  /** The lead is not the plan's own statement: a template convention (derived) or the office's choice at start. */
  leadChoice?: { source: 'derived' | 'office'; reason: string };
}

export interface VetoRef {
  code: string;
  text: string;
  leadUnitIds: string[];
  lookBackYears: number;
  /** Every unit that attests (lead and co-units, collectives expanded): campaigns with planRules.vetoUnits. */
  attestingUnitIds?: string[];
}

export interface KeyTaskRef {
  number: number;
  title: string;
  unitIds: string[];
}

export type UnitRef = Pick<Unit, 'id' | 'name' | 'shortName' | 'kind' | 'members'>;

/** What the engine keeps from the template (the template itself is not kept in the state). */
export interface CampaignCatalog {
  officeUnitId?: string;
  units: UnitRef[];
  indicators: IndicatorRef[];
  vetoes: VetoRef[];
  keyTasks: KeyTaskRef[];
  inspectionPreparation: { key: string; name: string }[];
  /** 公示期: working days the public notice stays open once the pre-review has passed (template, default 5). */
  publicNoticeWorkingDays?: number;
  /** Template overrides, already converted to assignee strings (may contain `@lead` / `@unit` placeholders). */
  approvalChains: Partial<Record<TaskKind, ChainStep[]>>;
  /** Formalities by task kind (campaigns with planRules.formalities / vetoUnits). */
  formalities?: Partial<Record<TaskKind, Formalities>>;
  /** Supervision cadences (campaigns with planRules.cadence): recurring reports opened period by period. */
  cadences?: CadenceRef[];
  /** Assessment consequences of the plan (campaigns with planRules.assessment; empty = escalations carry no flag). */
  assessment?: AssessmentRef[];
}

/** A supervision cadence as the engine keeps it (template SupervisionCadence, units resolved). */
export interface CadenceRef {
  key: string;
  name: string;
  taskKind: 'progress-report' | 'supervision-bulletin';
  every: 'month' | 'quarter';
  owner: 'units' | 'office';
  /** The reporting units (owner units), collectives expanded. */
  unitIds: string[];
  phases: PhaseKey[];
  workingDaysBeforePeriodEnd: number;
  minLeadWorkingDays: number;
}

/** An assessment consequence in the plan's words (template AssessmentConsequence). */
export interface AssessmentRef {
  appliesTo: 'escalation' | 'matter';
  label: string;
  text: string;
  matter?: string;
}

export const CAMPAIGN_STATUSES = ['active', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A campaign that goes on (active, or paused and to be resumed): its open tasks are still someone's work — listed in
 * 我的待办, their notices not yet done. One that has ended (completed, 未通过, 终止) waits for nobody.
 */
/** A phase as the messages name it: 「动员部署阶段」 (a name already ending in 阶段 kept as it is). */
export function phaseCalled(name: string): string {
  return name.endsWith('阶段') ? name : `${name}阶段`;
}

export const CAMPAIGN_GOES_ON: readonly CampaignStatus[] = ['active', 'paused'];
export function campaignGoesOn(status: string | null | undefined): boolean {
  return (CAMPAIGN_GOES_ON as readonly string[]).includes(status ?? '');
}

/** How a campaign ended: 已完成, 未通过 (创建未通过), 已终止. */
export const CAMPAIGN_ENDED: readonly CampaignStatus[] = ['completed', 'failed', 'cancelled'];
export type CampaignEnd = 'completed' | 'failed' | 'cancelled';

/** A task's statuses once settled: nothing is to be done on it whatever its campaign does (通过, 取消, 未通过). */
const SETTLED_STATUSES: readonly string[] = ['approved', 'cancelled', 'failed'];

/**
 * How the campaign ended when it ended with this task still to be worked on (待报送, 审批中, 已退回, 整改中 — its row
 * keeps that status): nobody works on it any more (不再办理), it waits for nobody and is late for nothing. Null while
 * the campaign goes on (暂停 included: its tasks are resumed) or for a task settled before the end. The one rule the
 * task reads (status label, 待处理, 逾期) and the campaign's counts follow.
 */
export function endedUndone(task: { status: string }, campaignStatus: string | null | undefined): CampaignEnd | null {
  if (!(CAMPAIGN_ENDED as readonly string[]).includes(campaignStatus ?? '')) return null;
  return SETTLED_STATUSES.includes(task.status) ? null : (campaignStatus as CampaignEnd);
}

export interface PauseRecord {
  from: number;
  to?: number;
  reason: string;
  by: string;
  resumedBy?: string;
  resumeReason?: string;
}

export interface CampaignState {
  engineVersion: number;
  campaignId: string;
  name: string;
  templateId: string;
  templateName: string;
  region: string;
  kind: CampaignKind;
  status: CampaignStatus;
  /** The active phase; 'completed' after the last one. Stays at the phase where it failed / was cancelled. */
  currentPhase: PhaseKey | 'completed';
  createdAt: number;
  startAt: number;
  /** Latest `now` the engine saw (used by views when no `now` is given). */
  clock: number;
  /** +1 on every accepted command and every tick that changed something. */
  revision: number;
  reminderPolicy: ReminderPolicy;
  phases: PhaseState[];
  tasks: TaskState[];
  catalog: CampaignCatalog;
  pauses: PauseRecord[];
  /** Sequence counters for generated ids (`rectification:<n>`). */
  seq: { rectification: number };
  /**
   * The people of the campaign's organization (snapshot). Present ⇔ the sign-off rules of issue 9 apply: role places
   * resolve to people when a step opens, co-signers are required, segregation of duties. Campaigns started without a
   * directory keep the earlier rules (and replay unchanged).
   */
  directory?: DirectoryUser[];
  finished?: { status: 'completed' | 'failed' | 'cancelled'; at: number; by: string; reason?: string };
  /** Taken over in progress: tasks of these milestones start completed. */
  takeOver?: { done: string[] };
  /**
   * The plans' own rules (issue 10), set at creation for new campaigns only (campaigns started before replay as they
   * were): splitLeads = each lead of a split-led indicator/certificate gets its own part task.
   */
  planRules?: PlanRules;
  /** What blocks the application on a veto condition (campaigns with planRules.vetoFindings), newest last. */
  vetoBlocks?: VetoBlock[];
}

/**
 * One blocker of the application gate on a veto condition: a unit's 'occurred' attestation or an office finding. It
 * stays until a recorded decision (liftVetoBlock: who, when, why) lifts it.
 */
export interface VetoBlock {
  /** `veto-block:<n>`. */
  id: string;
  vetoCode: string;
  source: 'attestation' | 'finding';
  /** attestation: the attestation task and its round. */
  taskId?: string;
  round?: number;
  /** The unit that attested, or the unit a finding concerns. */
  unitId?: string;
  /** The finding's text, or the attestation's comment. */
  text?: string;
  by: string;
  byName: string;
  at: number;
  lifted?: { by: string; byName: string; reason: string; at: number };
}

export interface PlanRules {
  splitLeads?: boolean;
  /** Template `responsibility: joint` gives one shared task that every other listed unit confirms. */
  jointResponsibility?: boolean;
  /**
   * Veto conditions: an 'occurred' attestation or an office finding blocks the application gate until a recorded
   * decision (liftVetoBlock) lifts it (see vetoBlocks).
   */
  vetoFindings?: boolean;
  /** Every unit the plan names attests each veto condition; an 'occurred' attestation blocks the application. */
  vetoUnits?: boolean;
  /** Submissions carry the template's formalities (seal, signature, outcome), validated on submit. */
  formalities?: boolean;
  /** The template's supervision cadences open recurring report tasks period by period. */
  cadence?: boolean;
  /** Escalations carry an assessment flag and wording only where the template's plan states one. */
  assessment?: boolean;
  /**
   * Signers sign (access policy, AccessContext.signersSignOnly): an expert on a panel neither hands a place over (转交)
   * nor adds approvers (加签) — the office organises the panel —, and a signer who has decided in the active step adds
   * no approver there; the office and leaders keep both (walkthrough: experts were offered 转交 / 加签, and a co-signer
   * who had signed still 加签). The workflow re-validates commands on replay, so only campaigns started since have it.
   */
  signersSignOnly?: boolean;
  /**
   * Steps the office marked done when taking the campaign over (接管) were done before, on their plan: they re-date
   * nothing (before, they counted as completed at the take-over and pushed every dependant by the weeks since).
   */
  takeoverOnTime?: boolean;
  /**
   * A task assigned after its due date (a campaign taken over, a step opened late) is told so when assigned (【新任务】 …
   * 已逾期), gets no separate catch-up 【逾期】 at once, and is escalated (督办) only if still not done escalateAfter after
   * it was assigned — not at once at the highest level (问责, 考核扣分) for dates that passed before anyone had it.
   */
  lateTasksFromCreation?: boolean;
  /**
   * A 整改 opened by an inspector's finding (预审, 现场核查 …) is confirmed by that inspector after the office's review
   * (核查组确认整改): the one who found the problem says it is fixed, not the office alone.
   */
  inspectorConfirms?: boolean;
  /**
   * A unit's sealed statement (a submission whose chosen 办理要求 needs the unit's seal or its principal's signature:
   * 无重点工程项目提报, the sealed project table) is signed by the unit's 分管负责人 before the office reviews it
   * (分管负责人签字, the first step of the round) — not only a name the liaison types.
   */
  unitLeaderSigns?: boolean;
  /** A 整改's title names its indicator by code and name (指标17 单位地区生产总值能耗), not by its code alone. */
  rectificationIndicatorNamed?: boolean;
  /**
   * 修改后通过 (an approval on condition of the changes it names) is an expert review's verdict (offersWithChanges): on any
   * other step it is refused — the changes would be tracked nowhere; the task is returned for 补正 instead.
   */
  withChangesOnReviewsOnly?: boolean;
  /**
   * 转交 keeps the step's sign-off (AccessContext.strictHandOver): the submitter hands no place of their own submission
   * over, and a place goes only to someone the step could have named (its role, its unit, that unit's leaders).
   */
  strictHandOver?: boolean;
  /**
   * 加签 keeps the step's sign-off too (AccessContext.strictAddApprover): the person added is someone the step could have
   * named — an expert on the 专家评审, a clerk or a leader on the office's review, a member of the unit on a unit's step —,
   * judged by its planned places, not by those added before (walkthrough: the office added a unit's liaison to the
   * experts' 会签, who then signed it).
   */
  strictAddApprover?: boolean;
  /**
   * One person does not sign two levels of one submission (一人不签两级): a step that opens leaves out whoever decided
   * an earlier step of the round (nobody left: it waits for the office, 【无人签批】), and such a person is refused the
   * decision (AccessContext.distinctLevels). Walkthrough: the office's review handed to the 组长, who then signed the
   * 县政府印发 step too.
   */
  distinctLevels?: boolean;
}

/** Audit event, one per accepted command plus system events. */
/** An audit record's outcome — accepted: the workflow applied it; refused: wrong state or payload (409/400); denied: not allowed (403). */
export const AUDIT_OUTCOMES = ['accepted', 'refused', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface EngineEvent {
  action: string;
  taskId?: string;
  indicatorCode?: string;
  step?: number;
  /** Actor id, or 'system'. */
  actorId: string;
  onBehalfOf?: string;
  comment?: string;
  reason?: string;
  at: number;
  detail?: Record<string, unknown>;
}

export const SYSTEM_ACTOR = 'system';

/**
 * Reminder levels, 'notice' (待办通知: something started waiting for these people) and 'urge' (催办 by hand: the office
 * or a leader chased the task; engine/notices.ts).
 */
export const REMINDER_LEVELS = ['blue', 'yellow', 'red', 'escalation', 'notice', 'urge'] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];

export interface Reminder {
  /** `${taskId}|${round}|${level}|${n}`: deterministic, unique within the campaign. */
  key: string;
  taskId: string;
  unitId?: string;
  round: number;
  level: ReminderLevel;
  n: number;
  /** The scheduled instant (not the tick's now). */
  at: number;
  dueAt: number;
  /** `unit:<id>`, `role:<role>`, `user:<id>`, `unit-leader:<unitId>`. */
  recipients: string[];
  message: string;
}

/** JSON deep copy (also strips `undefined`), used to return new states. */
export function cloneState<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Tasks by id, per tasks array: the engine finishes every state it returns with immer (engine/draft.ts), which freezes
 * it, and an unchanged tasks array is shared from state to state — so one index serves every state until a task
 * changes. Only frozen arrays are indexed (a draft or a hand-built state can still change in place: scanned instead).
 * A WeakMap beside the state, not in it: the state's JSON (carried through continue-as-new, answered to Queries) is
 * unchanged, and so are the histories of running campaigns.
 */
const TASK_INDEX = new WeakMap<readonly TaskState[], Map<string, TaskState>>();

export function findTask(state: CampaignState, taskId: string): TaskState | undefined {
  const tasks = state.tasks;
  if (!Object.isFrozen(tasks)) return tasks.find((t) => t.id === taskId);
  let index = TASK_INDEX.get(tasks);
  if (!index) {
    index = new Map();
    for (const t of tasks) if (!index.has(t.id)) index.set(t.id, t); // the first of a (never expected) duplicate id, as a scan finds
    TASK_INDEX.set(tasks, index);
  }
  return index.get(taskId);
}

export function findPhase(state: CampaignState, key: string): PhaseState | undefined {
  return state.phases.find((p) => p.key === key);
}

export function isLive(task: TaskState): boolean {
  return LIVE_STATUSES.includes(task.status);
}

/** Approved or cancelled: no longer blocks its phase. */
export function isSettled(task: TaskState): boolean {
  return task.status === 'approved' || task.status === 'cancelled';
}

export function unitName(state: CampaignState, unitId: string | undefined): string {
  if (!unitId) return '';
  const u = state.catalog.units.find((x) => x.id === unitId);
  return u ? u.shortName : unitId;
}
