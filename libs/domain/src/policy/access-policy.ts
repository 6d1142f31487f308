/**
 * THE access policy: who may do what. For an actor and a request (a command, a directory refresh, a read, a task's
 * files, the management of an account) in a context (the task the command names, the campaign's units, whether
 * segregation of duties applies) it answers allowed, or refused with a code and a reason. The workflow's validators
 * (command-validation), the inbox and the read model's waitingFor (views), reminder recipients (reminders) and the
 * API's object-level checks (campaigns.service; what a unit user or an expert reads: TenancyService.taskReader; who uploads and
 * reads a task's files: task-files.ts, asked by the files' fileAccess; who manages which account: accounts.ts, asked
 * by users.service) all ask it; none keeps its own copy of a rule.
 *
 * State rules (a task not open, a paused campaign, a closed gate…) stay in command-validation: the policy answers
 * "who", validation answers "when". Where the policy lacks what it needs (no task, no active step) it allows, and
 * validation answers with not-found / conflict.
 */
import { unitMatches, slotsFor, waitingOn, NOBODY } from '../engine/approval-chain';
import { isLive, type Actor, type TaskState } from '../engine/campaign-state';
import type { Command } from '../engine/command.schema';
import { COMMANDS, type AnyCommandModule } from '../commands/registry';
import { ALLOWED, assertNever, byRoles, EXTERNAL_RESULT_RECORDERS, hasRole, NOTIFICATION_PROBLEM_READERS, RECORD_READERS, refuse, type AccessContext, type AccessDecision } from './decision';
import { taskFacts, type TaskFacts } from './facts';
import { manageAccountAccess, type AccountFacts } from './accounts';
import { manageDeliveryAccess, type DeliveryFacts } from './delivery';
import { taskFilesDecision, type FilesWrite } from './task-files';

export * from './decision';
export { authorizeTarget, handOverPlace } from './command-access';

/** How the actor stands to the campaign's organization: same (or untenanted), supervising (read-only), or outside. */
function orgStanding(ctx: AccessContext, actor: Actor): 'member' | 'supervisor' | 'outside' {
  const o = ctx.organization;
  if (!o || !o.campaign || o.actor === o.campaign) return 'member';
  if (!o.actor && actor.roles.includes('admin')) return 'member'; // system administrators belong to no tenant
  return o.supervises ? 'supervisor' : 'outside';
}

const NOT_FOUND = refuse('not-found', '活动不存在 (campaign not found)');
const READ_ONLY = refuse('forbidden', '上级主管单位只能查看，不能操作 (a supervising organization reads, it does not act)');

/**
 * What of a campaign is read. `assessment`: the per-unit assessment summary (考核汇总); `supervision`: the per-period
 * 调度 summary; `supervision-notice`: a task's 督办通知单 (the 调度汇总's readers); `reminders`: the campaign's whole
 * reminder log; `unit-reminders`: the reminders sent to the reader's own unit; `notification-problems`: the reminders
 * that reached nobody (无人接收); `all-tasks`: the campaign detail as the office reads it — its counts over every task,
 * the overdue and flagged (考核) tasks of every unit, the gate in it, the reminder policy, refused writes (whoever does
 * not read it gets the campaign's identity, status, phases and dates, with counts over the tasks they read);
 * `gate`: 申报条件 (GET /campaigns/:id/gate: what is missing, unit by unit, and what blocks the application).
 */
export const READ_RESOURCES = ['campaign', 'task', 'audit', 'assessment', 'supervision', 'supervision-notice', 'reminders', 'unit-reminders', 'notification-problems', 'all-tasks', 'gate'] as const;
export type ReadResource = (typeof READ_RESOURCES)[number];

export type AccessRequest =
  | { kind: 'command'; command: Command }
  | { kind: 'refresh-directory' }
  | { kind: 'read'; resource: ReadResource }
  | TaskFilesRequest
  /** Creating, (de)activating, resetting the password of an account: the rule is accounts.ts. */
  | { kind: 'manage-account'; target: AccountFacts }
  /** A county's reminder delivery — its group robots, its dead letters: the rule is delivery.ts. */
  | { kind: 'manage-delivery'; target: DeliveryFacts };

/** A task's evidence files (支撑材料): read (list, download) or write (upload; `doing: 'remove'`: 移除 an unsent file) — the rule is task-files.ts. */
export type TaskFilesRequest = { kind: 'read' | 'write'; resource: 'task-files'; doing?: FilesWrite };
const onTaskFiles = (r: AccessRequest): r is TaskFilesRequest => 'resource' in r && r.resource === 'task-files';

/**
 * Commands: each command's rule is its module's `access` (../commands/<name>.command.ts), found through the registry;
 * a command type without a module does not compile (the registry is a mapped type over CommandType) and, sent
 * anyway, reaches assertNever.
 */
function commandAccess(ctx: AccessContext, actor: Actor, c: Command): AccessDecision {
  const def = (COMMANDS as Record<string, AnyCommandModule | undefined>)[c.type];
  if (!def) return assertNever(c as never);
  return def.access(ctx, actor, c);
}

/**
 * A unit user reads a task when it is their unit's (or a collective's they belong to, or a joint task listing their
 * unit), when they are named on it (namedOnTask), or as 牵头单位 (leadReadsContribution).
 */
function unitReadsTask(ctx: AccessContext, actor: Actor, task: TaskFacts): boolean {
  return (
    (!!task.unitId && unitMatches(ctx.units, task.unitId, actor.unitId)) ||
    !!task.jointUnitIds?.some((u) => unitMatches(ctx.units, u, actor.unitId)) ||
    namedOnTask(ctx, actor, task) ||
    leadReadsContribution(ctx, actor)
  );
}

/**
 * An expert (外部专家: outside reviewers of the plan) reads the plan's tasks (kind `plan-*`: the 《规划》 drafts they
 * review) and the tasks they are named on (namedOnTask) — nothing else of the campaign (walkthrough: an expert listed
 * every unit's sealed statement). Their files follow the same rule (task-files.ts).
 */
export function expertReadsTask(ctx: AccessContext, actor: Actor, task: TaskFacts): boolean {
  return task.kind.startsWith('plan-') || namedOnTask(ctx, actor, task);
}

/**
 * Named on a task's steps, in any round: holding a place on its active step, or named as a person (a place or a
 * resolved signer, 加签, 转交, a decision: namedOnSteps — they keep reading after deciding), or a place they count as
 * (principalsOf) among the places its submitted rounds named (stepPlaces: a `role:` place names everyone holding it).
 */
function namedOnTask(ctx: AccessContext, actor: Actor, task: TaskFacts): boolean {
  return (
    (task.step ? slotsFor(ctx.units, task.step, actor).length > 0 : false) ||
    !!task.namedOnSteps?.includes(actor.id) ||
    (!!task.stepPlaces && principalsOf(actor).some((p) => task.stepPlaces!.includes(p)))
  );
}

/**
 * Whether an actor reads every task of a campaign they see: anyone holding a role other than `unit` and `expert`
 * (office, leaders, inspectors, administrators). Unit users and experts read the tasks readAccess lets them read
 * (TenancyService.taskReader filters their lists by it).
 */
export function readsEveryTask(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => r !== 'unit' && r !== 'expert');
}

/**
 * 牵头单位 reads its co-units' contributions (协办材料): the context's task is an `indicator-contribution` whose parent
 * indicator task is the reader's unit's (`ctx.unitOfTask` tells; without it this rule does not apply). Reading only:
 * acting stays with the command rules (the lead decides a contribution through its 牵头单位汇总确认 step, while the step
 * waits for it), and the files of what it only reads are read-only (task-files.ts).
 */
export function leadReadsContribution(ctx: AccessContext, actor: Pick<Actor, 'unitId'>): boolean {
  const task = ctx.task;
  if (!task || !actor.unitId || task.kind !== 'indicator-contribution' || !task.parentTaskId || !ctx.unitOfTask) return false;
  return ctx.unitOfTask(task.parentTaskId) === actor.unitId;
}

const unitOnly = (actor: Actor) => actor.roles.length === 1 && actor.roles[0] === 'unit';
const UNIT_USERS_READ_THEIR_TASKS = refuse('forbidden', '单位用户只能查看本单位任务，审计记录和催办记录由办公室、领导和上级督导查阅 (unit users see their own tasks; campaign records are for the office, leaders and supervisors)');

/**
 * Reads (organization scoping is added by the tenancy work on top of these role rules: who sees the campaign at all is
 * apps/api TenancyService; a supervising organization reads everything — authorize — and acts on nothing).
 */
function readAccess(ctx: AccessContext, actor: Actor, resource: ReadResource): AccessDecision {
  switch (resource) {
    case 'campaign':
      return ALLOWED;
    case 'task': {
      // a unit user: their unit's and what they are named on; an expert: the plan's and what they are named on
      const task = ctx.task;
      if (!task || readsEveryTask(actor)) return ALLOWED;
      const reads = (hasRole(actor, 'unit') && unitReadsTask(ctx, actor, task)) || (hasRole(actor, 'expert') && expertReadsTask(ctx, actor, task));
      return reads ? ALLOWED : refuse('not-found', `任务不存在 (task ${task.id} not found)`);
    }
    case 'audit': // a unit user is told where their reading ends (the text the API gave them before the policy decided it)
      if (unitOnly(actor)) return UNIT_USERS_READ_THEIR_TASKS;
      return byRoles(actor, RECORD_READERS, '仅领导小组办公室、领导、管理员或核查方可查看审计记录 (audit is for office, leaders, admin and inspectors)');
    case 'assessment':
      return byRoles(actor, RECORD_READERS, '仅领导小组办公室、领导、管理员或上级核查方可查看考核汇总 (the assessment summary is for office, leaders, admin and inspectors)');
    case 'supervision':
      return byRoles(actor, RECORD_READERS, '仅领导小组办公室、领导、管理员或上级核查方可查看调度汇总 (the supervision summary is for office, leaders, admin and inspectors)');
    case 'supervision-notice': // the 调度汇总's readers: the notice is one task's page of it
      return byRoles(actor, RECORD_READERS, '仅领导小组办公室、领导、管理员或上级核查方可出具督办通知单 (the supervision notice is for office, leaders, admin and inspectors)');
    case 'reminders':
      return byRoles(actor, RECORD_READERS, '仅领导小组办公室、领导、管理员或核查方可查看全部催办记录 (the whole reminder log is for office, leaders, admin and inspectors)');
    case 'unit-reminders': // a unit's people read what was sent to their unit
      return actor.unitId ? ALLOWED : refuse('forbidden', '只有单位用户或办公室可以查看催办记录 (reminders are visible to the office and to units)');
    case 'notification-problems':
      return byRoles(actor, NOTIFICATION_PROBLEM_READERS, '仅领导小组办公室、领导或管理员可查看无人接收的提醒 (reminders that reached nobody are for office, leaders and admin)');
    case 'all-tasks': // the one rule of the task lists: who does not read every task does not read the campaign over all of them
      return readsEveryTask(actor) ? ALLOWED : refuse('forbidden', '仅领导小组办公室、领导、管理员或核查方可查看全部任务的进度、逾期和考核标记 (the campaign over every task is for office, leaders, admin and inspectors)');
    case 'gate':
      // the responsible units read it too (they answer for its indicators, attestations and certificates: their own
      // items are linked, the others named); the plan's experts review the plan, not the application (walkthrough:
      // an expert read which conditions were failing and whose)
      return readsEveryTask(actor) || hasRole(actor, 'unit') ? ALLOWED : refuse('forbidden', '申报条件由领导小组办公室、领导、核查方和各责任单位查阅，评审专家只查看规划及本人参与的任务 (the application gate is for office, leaders, inspectors and the responsible units)');
    default:
      return assertNever(resource);
  }
}

/** The one entry point. */
export function authorize(ctx: AccessContext, actor: Actor, request: AccessRequest): AccessDecision {
  if (!actor || !actor.id || !Array.isArray(actor.roles)) return refuse('invalid', '缺少操作人 (actor required)');
  if (request.kind === 'manage-account') return manageAccountAccess(actor, request.target); // accounts: no campaign's organization applies
  if (request.kind === 'manage-delivery') return manageDeliveryAccess(actor, request.target); // robots, dead letters: their organization, not a campaign's
  const standing = orgStanding(ctx, actor);
  if (standing === 'outside') return NOT_FOUND; // another tenant's campaign does not exist for this actor
  if (onTaskFiles(request)) {
    // a supervising organization reads the files it would read as a member (not every task's), and uploads none (not later either)
    const files = taskFilesDecision(ctx, actor, request.kind, request.doing);
    return standing === 'supervisor' && request.kind === 'write' && (files.allowed || files.code !== 'not-found') ? READ_ONLY : files;
  }
  if (standing === 'supervisor') return request.kind === 'read' ? ALLOWED : READ_ONLY;
  switch (request.kind) {
    case 'command':
      return commandAccess(ctx, actor, request.command);
    case 'refresh-directory':
      return actor.id === 'system' || hasRole(actor, 'office', 'admin') ? ALLOWED : refuse('forbidden', '仅领导小组办公室或管理员可更新人员名录 (only office or admin may refresh the directory)');
    case 'read':
      return readAccess(ctx, actor, request.resource);
    default:
      return assertNever(request);
  }
}

/** Who may act on the task now (`unit:<id>`, `role:<role>`, `user:<id>`; `nobody:<place>` when a step has no signer). */
export function whoMayAct(task: TaskFacts): string[] {
  if (task.status === 'submitted') {
    if (task.awaitingConfirmation?.length) return task.awaitingConfirmation.map((u) => `unit:${u}`);
    return task.step ? waitingOn(task.step) : [];
  }
  if (task.status !== 'open' && task.status !== 'returned') return [];
  if (task.waitsFor) return []; // 待前序环节: nobody may act until the step it follows is done
  if (task.external) return EXTERNAL_RESULT_RECORDERS.map((r) => `role:${r}`);
  return owedBy(task);
}

/**
 * Whom an actor counts as among the principals a task waits for (whoMayAct's `user:`, `role:`, `unit:`): what their
 * 我的待办 lists and whether a notice still asks them to act. Their unit counts only while they hold the unit role.
 */
export function principalsOf(actor: Pick<Actor, 'id' | 'roles' | 'unitId'>): string[] {
  return [`user:${actor.id}`, ...actor.roles.map((r) => `role:${r}`), ...(actor.roles.includes('unit') && actor.unitId ? [`unit:${actor.unitId}`] : [])];
}

/** A unit user's duties in their unit (用户与单位): the unit's liaison (联络员), its 分管负责人, and whether it has a liaison at all. */
export interface UnitDutyFacts {
  liaison: boolean;
  responsibleLeader: boolean;
  unitHasLiaison: boolean;
}

/**
 * Whom 我的待办 asks an actor to act as: principalsOf — except that a unit's 分管负责人 who is not its liaison is not
 * asked for the unit's 报送 / 补正 / 确认 while the unit has an active liaison to send them (walkthrough: the leader's
 * 待办 was full of the liaison's work); what waits for them by name (签字: `user:<id>`) stays. Who *may* act is
 * unchanged: the leader may still send a statement from its page (and has then signed it — submit.command).
 */
export function inboxPrincipalsOf(actor: Pick<Actor, 'id' | 'roles' | 'unitId'>, duties?: UnitDutyFacts | null): string[] {
  const all = principalsOf(actor);
  if (!duties || !actor.unitId || !duties.responsibleLeader || duties.liaison || !duties.unitHasLiaison) return all;
  return all.filter((p) => p !== `unit:${actor.unitId}`);
}

/**
 * Who owes a task still to be sent: its unit (every unit of a joint task); the leaders their own; the office the
 * office's, the government's, the technical unit's and the experts'-review tasks, which it prepares and sends. (A leader
 * may still submit an office task from its page — submitAccess — but it is not in their 我的待办: leaders sign.)
 */
function owedBy(task: TaskFacts): string[] {
  if (task.owner === 'unit' && task.jointUnitIds?.length) return task.jointUnitIds.map((u) => `unit:${u}`);
  if (task.owner === 'unit' && task.unitId) return [`unit:${task.unitId}`];
  return task.owner === 'leader' ? ['role:leader'] : ['role:office'];
}

/**
 * 催办 reaches someone other than the person chasing: false when every principal the task waits for is the actor
 * (`user:<id>`) or a role the actor holds (an office clerk chasing the office's own work, a leader a step that waits
 * for the leaders) — the chase would only tell the sender and their colleagues what they owe themselves.
 */
export function chasesOthers(recipients: readonly string[], actor: Pick<Actor, 'id' | 'roles'>): boolean {
  return recipients.some((r) => r !== `user:${actor.id}` && !(r.startsWith('role:') && (actor.roles as readonly string[]).includes(r.slice(5))));
}

/** Who a before-due / overdue reminder goes to: whoever must act; the office when a step has nobody to sign. */
export function reminderRecipients(task: TaskFacts): string[] {
  if (task.status === 'submitted') {
    if (task.awaitingConfirmation?.length) return task.awaitingConfirmation.map((u) => `unit:${u}`);
    if (!task.step) return ['role:office'];
    const who = waitingOn(task.step);
    return who.some((w) => w.startsWith(`${NOBODY}:`)) ? ['role:office'] : who;
  }
  return owedBy(task);
}

/** Who a task waits for now (its notices and a 催办 go to them): reminderRecipients while it is live, nobody once settled. */
export function recipientsNow(task: TaskState | undefined): string[] {
  return task && isLive(task) ? reminderRecipients(taskFacts(task)) : [];
}

/**
 * Who an escalation (督办) goes to. The first: the 分管负责人 of every unit that still owes the task — the unit itself, or
 * for a jointly-owned task (共同负责) every listed unit while nobody has submitted and the units still to confirm once it
 * is submitted; the leaders when no unit owes it (a step waiting for a signer, an office or leader task). The second:
 * the leaders and the office.
 */
export function escalationRecipients(task: TaskFacts, level: 1 | 2): string[] {
  if (level === 2) return ['role:leader', 'role:office'];
  if (task.owner === 'unit') {
    const owing =
      task.status === 'open' || task.status === 'returned'
        ? task.jointUnitIds?.length ? task.jointUnitIds : task.unitId ? [task.unitId] : []
        : task.status === 'submitted' && task.awaitingConfirmation?.length ? task.awaitingConfirmation : [];
    if (owing.length) return owing.map((u) => `unit-leader:${u}`);
  }
  return ['role:leader'];
}
