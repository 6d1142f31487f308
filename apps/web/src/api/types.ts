/**
 * Response types of the API. Task and campaign views are the domain's own read models (type-only imports: nothing
 * of the domain is bundled); the shapes the API adds around them are written here by hand — test/e2e/web.e2e.ts checks
 * the endpoints against the running app's /api/openapi.json, not these shapes (no client is generated from it yet).
 */
import type { AddApproverMode, CampaignEnd, GateResult, VetoBlocker, PhaseView, Progress, RoundView, StepView, TaskView, PhaseKey, Role, TaskKind, InboxNeed, TaskAction, CampaignAction, CampaignRead } from '@eco/domain';

export type { GateResult, VetoBlocker, PhaseKey, PhaseView, Progress, Role, RoundView, StepView, TaskKind };

export type ApiTaskStatus = 'open' | 'submitted' | 'returned' | 'approved' | 'cancelled';

/**
 * GET /api/campaigns/:id/tasks/:taskId — the engine's TaskView with the API's folded status; `endedUndone`: how its
 * campaign ended when it ended with this task still to do (the server then says 不再办理, waiting for nobody, not overdue).
 */
export type Task = Omit<TaskView, 'status'> & { status: ApiTaskStatus; engineStatus: TaskView['status']; endedUndone?: CampaignEnd | null; /** Since when it is overdue (its due instant), null when not. */ overdueSince?: string | null };

/** What a submission of the task's kind must carry (加盖单位公章, 主要负责人签字, a choice of outcomes). */
export interface RequiredFormalities {
  /** A statement sent with the seal or the principal's signature goes to the unit's 分管负责人 first (planRules.unitLeaderSigns). */
  leaderSigns?: boolean;
  seal: boolean;
  principalSignature: boolean;
  outcomes: { key: string; label: string; seal: boolean; principalSignature: boolean; projects: boolean }[];
  source: string | null;
}

/** 问题来源 of a 整改 opened by an external stage's finding (GET …/tasks/:taskId of a rectification). */
export interface RectificationOrigin {
  stageTaskId: string;
  stage: string;
  stageName: string;
  finding: string;
  recordedBy: string;
  recordedAt: string;
  comment: string | null;
  /** The written opinion recorded with the result (预审意见 …): read through the 整改 (downloadOriginFile). */
  opinion?: OriginFile[];
}

/** A file of the written opinion behind a 整改. */
export interface OriginFile {
  fileId: string;
  name: string;
  size?: number;
}

/** An external stage's 整改 with its status (GET …/tasks/:taskId of a stage that found problems). */
export interface RectificationStatus {
  taskId: string;
  title: string;
  unitId: string | null;
  status: ApiTaskStatus;
  statusLabel: string;
  dueAt: string;
  overdue: boolean;
  completedAt: string | null;
}

/** 协办单位材料: a co-unit's contribution to an indicator task, as the server lets the reader see it. */
export interface TaskContribution {
  taskId: string;
  unitId: string;
  unitName: string;
  status: ApiTaskStatus;
  engineStatus: TaskView['status'];
  statusLabel: string;
  dueAt: string;
  overdue: boolean;
  submittedAt: string | null;
  approvedAt: string | null;
  /** Files its latest submission carries (0 before it is submitted). */
  fileCount: number;
}

/**
 * The single task read adds the names of the people and units it refers to, what a submission must carry; for an
 * indicator task, its co-units' contributions the reader may see; about 整改: the finding that opened it (`origin`), or
 * an external stage's 整改 with their status (`rectifications`).
 */
export type TaskDetailView = Task & {
  names?: Record<string, string>;
  requiredFormalities?: RequiredFormalities | null;
  requiredEvidence?: { minFiles: number; label: string } | null;
  actions?: TaskAction[];
  origin?: RectificationOrigin;
  rectifications?: RectificationStatus[];
  contributions?: TaskContribution[];
  /** For a caller offered 催办: each place the task waits for now with the people a 催办 would reach there, or why nobody would. */
  waitingPeople?: WaitingPlace[];
};

export type { SubmissionFormalities, InboxNeed, TaskAction } from '@eco/domain';

/** One place a task waits for now (a unit's liaisons, a signer, a role) and the people a 催办 would reach there. */
export interface WaitingPlace {
  key: string;
  people: string[];
  /** Why nobody would receive it there (the router files it as 无人接收). */
  unresolved?: string;
}
export type InboxItem = Task & { campaignId: string; campaignName: string | null; need: InboxNeed; latestReminder?: { level: string; at: string; message: string; count: number; escalations?: number } | null };

/** GET /api/me/inbox — one page; counts per need (and overdue) over the campaign filter, for the segments. */
export interface InboxPage {
  total: number;
  limit: number;
  offset: number;
  counts: Record<InboxNeed | 'all' | 'overdue', number>;
  items: InboxItem[];
}

export interface Me {
  id: string;
  username: string | null;
  name: string;
  roles: Role[];
  unitId: string | null;
  organizationName?: string | null;
  /** county: runs its campaigns; city/province: supervises its counties (read-only). */
  organizationLevel?: 'province' | 'city' | 'county' | null;
  createdAt: string | null;
  /** The password was set by someone else (creation, a reset) and not changed since: the app asks to change it. */
  initialPassword?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; username: string; name: string; roles: Role[]; unitId: string | null };
}

export interface CampaignSummary {
  id: string;
  name: string;
  templateId: string;
  kind: 'creation' | 'consolidation';
  region: string;
  phase: string;
  status: string;
  paused?: boolean;
  progress: Progress;
  createdAt?: string;
  /** The campaign's start (list items: null for rows not projected since it was recorded). */
  startAt?: string | null;
}

export interface CampaignDetail extends CampaignSummary {
  workflowId: string;
  templateName: string | null;
  phaseName: string | null;
  statusLabel: string | null;
  paused: boolean;
  startAt: string | null;
  phases: Pick<PhaseView, 'key' | 'name' | 'dueAt' | 'status' | 'overdue' | 'activatedAt' | 'completedAt' | 'closed' | 'milestones' | 'progress'>[];
  // Office only (absent from a unit's view of the campaign):
  pause?: { since: string; reason: string; by: string } | null;
  finished?: { status: string; at: string; by: string; reason: string | null } | null;
  gate?: GateResult | null;
  overdueTaskIds?: string[];
  flaggedTaskIds?: string[];
  reminderPolicy?: { before: string[]; overdueEvery: string; escalateAfter: string } | null;
  revision?: number;
  updatedAt: string;
  /** What the caller may do on the campaign now (the access policy over its status): the screens offer exactly these. */
  actions: CampaignAction[];
  /** Which of the campaign's records the caller may read (审计, 考核汇总, 调度汇总, 督办通知单, the whole 催办记录, 无人接收的提醒). */
  reads: CampaignRead[];
}

/**
 * POST …/tasks/:taskId/add-approver (加签): whom, why, and how — `co-sign` 并加签 (the default: also a required signer of
 * this step), `before` 前加签 (a one-person step before this one, signing first; this step then resumes), `after` 后加签
 * (a one-person step right after this one).
 */
export type AddApproverBody = { userId: string; reason: string; mode?: AddApproverMode };

export interface ActionResult {
  task: Task | null;
  campaign: { id: string; phase: string; status: string; revision: number; progress: Progress };
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; name: string; roles: string[]; unitId: string | null };
  onBehalfOf?: string;
  action: string;
  taskId?: string;
  indicatorCode?: string;
  step?: number;
  outcome: string;
  reason?: string;
  comment?: string;
  /** What the entry records besides (a plan change's or deadline move's tasks: taskIds, moved). */
  detail?: Record<string, unknown>;
  /** 催办 (accepted): the people the chase reached, by name (absent until routed). */
  reached?: string[];
  hash: string;
  prevHash: string;
}

export interface AuditVerify {
  valid: boolean;
  count: number;
  brokenAt?: number;
}

export interface ReminderEntry {
  taskId: string | null;
  unitId: string | null;
  level: string;
  recipients: string[];
  message: string;
  at: string;
  deliveredAt: string | null;
}

export interface TemplateSummary {
  id: string;
  name: string;
  region: string;
  kind: 'creation' | 'consolidation';
  indicatorCount: number;
  unitCount: number;
  builtIn: boolean;
  /** Of the caller's own region (older servers: absent). */
  ownRegion?: boolean;
}

export interface UnitInfo {
  id: string;
  name: string;
  shortName: string;
  kind: string;
}

export interface IndicatorInfo {
  code: string;
  domain: string;
  task?: number;
  section?: string;
  name: string;
  unit: string;
  target: string;
  attribute: 'binding' | 'reference';
  leadUnitIds: string[];
  coUnitIds: string[];
  applicability: 'applicable' | 'certificate-only';
  derived: boolean;
  subItems: { label: string; name: string; unit?: string; target?: string }[];
  units: { id: string; name: string; shortName: string; role: 'lead' | 'co' }[];
}

export interface TemplateDetail {
  id: string;
  name: string;
  kind: 'creation' | 'consolidation';
  region: { name: string; province: string; city: string; county: string };
  units: UnitInfo[];
  indicators: IndicatorInfo[];
  tasks?: { number: number; name: string; domain?: string }[];
  phases: { key: PhaseKey; name: string; milestones: { key: string; name: string; taskKind: TaskKind; due: { date?: string; offset?: string; text: string; approximate: boolean } }[] }[];
  reminderPolicy?: { before: string[]; overdueEvery: string; escalateAfter: string };
  /** 一票否决情形 of the plan (the office records findings against these codes). */
  vetoConditions?: { code: string; text: string; leadUnitIds?: string[]; coUnitIds?: string[] }[];
}

/** GET /api/users — one page of accounts matching the server's filters. */
export interface UserPage {
  total: number;
  limit: number;
  offset: number;
  items: ListedUser[];
}

/** GET /api/users/:id/awaited — live tasks of running campaigns waiting for this person's own signature (first 50 by due date). */
export interface AwaitedTasks {
  total: number;
  items: { campaignId: string; campaignName: string; taskId: string; title: string; stepName: string | null; dueAt: string | null }[];
}

/** An account of the list: `manageable` — the caller may deactivate / reactivate it and reset its password (the server's access policy decides). */
export type ListedUser = UserInfo & { manageable: boolean };

export interface UserInfo {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  unitId: string | null;
  active?: boolean;
  createdAt?: string;
}

/** GET /api/organization/units — units with members, liaisons (联络员) and responsible leaders (分管负责人). */
export interface OrganizationUnits {
  organization: { id: string; name: string } | null;
  units: {
    unitId: string;
    name: string;
    members: { id: string; name: string; email: string | null; phone: string | null; active: boolean }[];
    liaisons: { id: string; name: string; email: string | null; phone: string | null }[];
    responsibleLeaders: { id: string; name: string; email: string | null; phone: string | null }[];
  }[];
}

/** A message that failed every retry (死信), as GET /api/notifications/dead-letters lists it. */
export interface DeadLetter {
  id: string;
  channel: 'email' | 'sms' | 'dingtalk' | 'wecom';
  recipient: string;
  recipientName: string | null;
  /** Masked for e-mail and SMS; a robot's id for a group robot. */
  address: string;
  attempts: number;
  lastError: string | null;
  subject: string | null;
  updatedAt: string;
}

/** A group robot (工作群机器人) of the organization or one of its units (GET /api/notifications/robots). */
export interface RobotInfo {
  id: string;
  kind: 'dingtalk' | 'wecom';
  scope: 'unit' | 'organization';
  /** The unit's id, or the organization's own. */
  scopeId: string;
  organizationId: string | null;
  /** The webhook with its token masked. */
  webhook: string;
  /** A 加签 secret is set (DingTalk). */
  signed: boolean;
}

export interface FileInfo {
  id: string;
  name: string;
  size: number;
  mediaType?: string;
  sha256?: string;
  taskId?: string;
  uploadedByName?: string;
  uploadedAt?: string;
  /** Upload answer: the same content was already among the unsent files of this round (that file is answered, nothing added). */
  duplicate?: true;
}

/** GET …/files/:fileId/link — the file's own address for a tab, ending with its name. */
export interface FileLink {
  url: string;
  name: string;
  expiresAt: string;
}

/** GET /api/files/policy — what the server accepts as 支撑材料 (it still judges every file by its content). */
export interface UploadPolicy {
  allowedTypes: string[];
  /** For `<input type="file" accept>`: the extensions and media types of the accepted types. */
  accept: string;
  maxFileBytes: number;
  maxFiles: number;
}

export interface Page<T> {
  total: number;
  items: T[];
  unread?: number;
}

export interface NotificationInfo {
  id: string;
  kind: string;
  campaignId: string | null;
  /** The campaign's name (older servers: absent). */
  campaignName?: string | null;
  taskId: string | null;
  unitId: string | null;
  level: string | null;
  title: string;
  message: string;
  link: string | null;
  dueAt: string | null;
  at: string;
  read: boolean;
  /** Its task waits for you now (去办理); otherwise the link only shows the task (older servers: absent). */
  pending?: boolean;
  /** It asked you to act and the task no longer waits for you: 已处理, not counted unread (older servers: absent). */
  done?: boolean;
}

/** GET …/tasks/:taskId/candidates: a person the caller may hand their place to (转交) or add as a signer (加签). */
export interface Candidate {
  id: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  roles: string[];
}

/** GET /api/campaigns/:id/dossier — what the 申报材料包 holds now (office, leaders, inspectors). */
export interface DossierSummary {
  files: number;
  bytes: number;
  indicators: { total: number; withFiles: number; codesWithFiles: string[] };
  /** Indicator tasks without an approved file; `takenOver`: marked done at the take-over (接管), nothing sent here. */
  withoutFiles: { taskId: string; kind: string; indicatorCode: string | null; indicatorName: string | null; attribute: string | null; unitId: string | null; unitName: string | null; status: string; statusLabel: string; takenOver: boolean }[];
}
