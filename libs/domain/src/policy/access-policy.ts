/**
 * THE access policy: who may do what. For an actor and a request (a command, a directory refresh or a read) in a
 * context (the task the command names, the campaign's units, whether segregation of duties applies) it answers
 * allowed, or refused with a code and a reason. The workflow's validators (command-validation), the inbox and the
 * read model's waitingFor (views), reminder recipients (reminders) and the API's object-level checks
 * (campaigns.service) all ask it; none keeps its own copy of a rule.
 *
 * State rules (a task not open, a paused campaign, a closed gate…) stay in command-validation: the policy answers
 * "who", validation answers "when". Where the policy lacks what it needs (no task, no active step) it allows, and
 * validation answers with not-found / conflict.
 */
import { holderMatches, holderOf, placesOf, slotsFor, unitMatches, waitingOn, NOBODY } from '../engine/approval-chain';
import type { Actor, DirectoryUser, UnitRef } from '../engine/campaign-state';
import type { Command } from '../engine/command.schema';
import type { Role } from '../template/template.schema';
import type { TaskFacts } from './facts';
import { isConflicted, SELF_APPROVAL_REASON } from './separation';

/**
 * Refusal codes, defined once: the policy and validation answer with them, the workflow throws them as
 * `ApplicationFailure.type`, and the API maps each to its HTTP status in one table (400/404/403/409).
 */
export const REFUSAL_CODES = ['invalid', 'not-found', 'forbidden', 'conflict'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Is `type` (an ApplicationFailure's type, say) one of the refusal codes? */
export function isRefusalCode(type: unknown): type is RefusalCode {
  return typeof type === 'string' && (REFUSAL_CODES as readonly string[]).includes(type);
}

export type AccessDecision = { allowed: true } | { allowed: false; code: RefusalCode; reason: string };

export const ALLOWED: AccessDecision = { allowed: true };
export function refuse(code: RefusalCode, reason: string): AccessDecision {
  return { allowed: false, code, reason };
}

export interface AccessContext {
  /** The campaign's units (collective units 各街道 match their members). */
  units: readonly UnitRef[];
  /** The task the command names, when it names one that exists. */
  task?: TaskFacts;
  /** Segregation of duties: on for campaigns under the sign-off rules, and always at the API. */
  separationOfDuties: boolean;
  /**
   * Tenancy (the API knows it; the workflow does not): the campaign's organization, the actor's, and whether the
   * actor's organization supervises the campaign's (a city over its counties). Absent = one organization.
   */
  organization?: OrganizationRelation;
}

export interface OrganizationRelation {
  campaign: string | null;
  actor: string | null;
  supervises: boolean;
}

/** How the actor stands to the campaign's organization: same (or untenanted), supervising (read-only), or outside. */
function orgStanding(ctx: AccessContext, actor: Actor): 'member' | 'supervisor' | 'outside' {
  const o = ctx.organization;
  if (!o || !o.campaign || o.actor === o.campaign) return 'member';
  if (!o.actor && actor.roles.includes('admin')) return 'member'; // system administrators belong to no tenant
  return o.supervises ? 'supervisor' : 'outside';
}

const NOT_FOUND = refuse('not-found', '活动不存在 (campaign not found)');
const READ_ONLY = refuse('forbidden', '上级主管单位只能查看，不能操作 (a supervising organization reads, it does not act)');

/** `assessment`: the per-unit assessment summary (考核汇总); `supervision`: the per-period 调度 summary. */
export type ReadResource = 'campaign' | 'task' | 'audit' | 'assessment' | 'supervision';

export type AccessRequest =
  | { kind: 'command'; command: Command }
  | { kind: 'refresh-directory' }
  | { kind: 'read'; resource: ReadResource };

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
const byRoles = (actor: Actor, roles: Role[], reason: string): AccessDecision => (hasRole(actor, ...roles) ? ALLOWED : refuse('forbidden', reason));

/** Who may submit (报送) this task, ignoring its state. */
function submitAccess(task: TaskFacts, actor: Actor, units: readonly UnitRef[]): AccessDecision {
  if (task.external) return refuse('conflict', '外部环节结果须由核查方录入 (external stage: use recordExternalResult)');
  if (task.owner === 'unit') {
    if (actor.roles.includes('unit') && !!task.unitId && unitMatches(units, task.unitId, actor.unitId)) return ALLOWED;
    // 共同负责: any listed unit may submit the shared task.
    if (actor.roles.includes('unit') && task.jointUnitIds?.some((u) => unitMatches(units, u, actor.unitId))) return ALLOWED;
    return refuse('forbidden', `任务不属于您的单位 (task belongs to unit ${task.unitId ?? '?'})`);
  }
  return byRoles(actor, ['office', 'leader'], `仅领导小组办公室或领导可提交此任务 (only office or leader may submit a ${task.owner} task)`);
}

/** Who may approve / return on the active step. */
function decisionAccess(ctx: AccessContext, actor: Actor): AccessDecision {
  const task = ctx.task;
  if (!task?.step) return ALLOWED; // not awaiting a decision: validation answers 409
  if (ctx.separationOfDuties && isConflicted(actor, task.submission)) return refuse('forbidden', SELF_APPROVAL_REASON);
  if (!slotsFor(ctx.units, task.step, actor).length) {
    return refuse('forbidden', `您不是「${task.step.name}」环节的审批人 (not an assignee of step ${task.step.index} ${task.step.name}; waiting for ${waitingOn(task.step).join(', ') || 'nobody'})`);
  }
  return ALLOWED;
}

/** Who may hand over (转交) a place: its holder, or the office for any place. */
function transferAccess(ctx: AccessContext, actor: Actor, from: string | undefined): AccessDecision {
  const step = ctx.task?.step;
  if (!step) return ALLOWED;
  if (actor.roles.includes('office')) return ALLOWED;
  if (from !== undefined) {
    if (!placesOf(step).includes(from)) return ALLOWED; // validation: not a place of the step (400)
    return holderMatches(ctx.units, step, from, actor) ? ALLOWED : refuse('forbidden', '只能转交本人的审批位 (you may only transfer your own place)');
  }
  return slotsFor(ctx.units, step, actor).length ? ALLOWED : refuse('forbidden', `您不是「${step.name}」环节的审批人 (not an assignee of the active step)`);
}

/** Who may add an approver (加签): office, leader, or a holder of a place of the active step (前加签 "before me"). */
function addApproverAccess(ctx: AccessContext, actor: Actor): AccessDecision {
  if (hasRole(actor, 'office', 'leader')) return ALLOWED;
  const step = ctx.task?.step;
  if (step && slotsFor(ctx.units, step, actor).length && !(ctx.separationOfDuties && isConflicted(actor, ctx.task?.submission))) return ALLOWED;
  return refuse('forbidden', '仅领导小组办公室、领导或本环节审批人可加签 (only office, leader or an approver of the step may add an approver)');
}

/** Who may confirm a joint task's submission: a unit still to confirm it (共同负责: every other listed unit). */
function confirmJointAccess(ctx: AccessContext, actor: Actor): AccessDecision {
  const task = ctx.task;
  if (!task?.awaitingConfirmation?.length) return ALLOWED; // nothing awaiting confirmation: validation answers 409
  if (actor.roles.includes('unit') && task.awaitingConfirmation.some((u) => unitMatches(ctx.units, u, actor.unitId))) return ALLOWED;
  return refuse('forbidden', `仅共同负责的其他单位可确认本次报送（待确认：${task.awaitingConfirmation.join('、')}） (only the listed units still to confirm may confirm: ${task.awaitingConfirmation.join(', ')})`);
}

/** Commands: one case per command type; a new command does not compile until it has its rule here. */
function commandAccess(ctx: AccessContext, actor: Actor, c: Command): AccessDecision {
  switch (c.type) {
    case 'submit':
      return ctx.task ? submitAccess(ctx.task, actor, ctx.units) : ALLOWED;
    case 'approve':
    case 'return':
      return decisionAccess(ctx, actor);
    case 'transfer':
      return transferAccess(ctx, actor, c.from);
    case 'addApprover':
      return addApproverAccess(ctx, actor);
    case 'moveDeadlines':
      return byRoles(actor, ['office', 'leader'], '仅领导小组办公室或领导可调整期限 (only office or leader may move deadlines)');
    case 'pause':
      return byRoles(actor, ['office', 'leader', 'admin'], '无权暂停活动 (only office, leader or admin may pause)');
    case 'resume':
      return byRoles(actor, ['office', 'leader', 'admin'], '无权恢复活动 (only office, leader or admin may resume)');
    case 'closePhase':
      return byRoles(actor, ['office'], '仅领导小组办公室可结束阶段 (only office may close a phase)');
    case 'recordExternalResult':
      return byRoles(actor, ['inspector', 'office'], '仅核查方或领导小组办公室可录入外部结果 (only inspector or office)');
    case 'openRectification':
      return byRoles(actor, ['office'], '仅领导小组办公室可下达整改 (only office may open a rectification)');
    case 'cancel':
      return byRoles(actor, ['office', 'admin'], '仅领导小组办公室或管理员可终止活动 (only office or admin may cancel)');
    case 'confirmJoint':
      return confirmJointAccess(ctx, actor);
    case 'recordVetoFinding':
      return byRoles(actor, ['office'], '仅领导小组办公室可记录否决情形核查发现 (only the office may record a finding on a veto condition)');
    case 'liftVetoBlock':
      return byRoles(actor, ['office', 'leader'], '仅领导小组办公室或领导可决定解除否决情形的阻断 (only the office or a leader may lift a veto block)');
    default:
      return assertNever(c);
  }
}

/** Reads (organization scoping is added by the tenancy work on top of these role rules). */
function readAccess(ctx: AccessContext, actor: Actor, resource: ReadResource): AccessDecision {
  switch (resource) {
    case 'campaign':
      return ALLOWED;
    case 'task':
      if (actor.roles.length === 1 && actor.roles[0] === 'unit' && ctx.task) {
        const mine = (!!ctx.task.unitId && unitMatches(ctx.units, ctx.task.unitId, actor.unitId)) ||
          !!ctx.task.jointUnitIds?.some((u) => unitMatches(ctx.units, u, actor.unitId)) || (ctx.task.step ? slotsFor(ctx.units, ctx.task.step, actor).length > 0 : false);
        return mine ? ALLOWED : refuse('not-found', `任务不存在 (task ${ctx.task.id} not found)`);
      }
      return ALLOWED;
    case 'audit':
      return byRoles(actor, ['office', 'leader', 'admin', 'inspector'], '仅领导小组办公室、领导、管理员或核查方可查看审计记录 (audit is for office, leaders, admin and inspectors)');
    case 'assessment':
      return byRoles(actor, ['office', 'leader', 'admin', 'inspector'], '仅领导小组办公室、领导、管理员或上级核查方可查看考核汇总 (the assessment summary is for office, leaders, admin and inspectors)');
    case 'supervision':
      return byRoles(actor, ['office', 'leader', 'admin', 'inspector'], '仅领导小组办公室、领导、管理员或上级核查方可查看调度汇总 (the supervision summary is for office, leaders, admin and inspectors)');
    default:
      return assertNever(resource);
  }
}

/** The one entry point. */
export function authorize(ctx: AccessContext, actor: Actor, request: AccessRequest): AccessDecision {
  if (!actor || !actor.id || !Array.isArray(actor.roles)) return refuse('invalid', '缺少操作人 (actor required)');
  const standing = orgStanding(ctx, actor);
  if (standing === 'outside') return NOT_FOUND; // another tenant's campaign does not exist for this actor
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

/** Roles that can hold an approval place (a transfer or 加签 target must have one). */
const APPROVER_ROLES: readonly Role[] = ['office', 'leader', 'expert', 'unit'];

/**
 * May `userId` receive a place on the task's active step (转交 / 加签 target)? Unknown → invalid (400); inactive, barred by
 * segregation of duties, or without an approver role → forbidden (403); already holding a place → conflict (409).
 */
export function authorizeTarget(ctx: AccessContext & { directory: readonly DirectoryUser[] }, userId: string, purpose: 'transfer' | 'addApprover'): AccessDecision {
  const what = purpose === 'transfer' ? '转交' : '加签';
  const user = ctx.directory.find((u) => u.id === userId);
  if (!user) return refuse('invalid', `${what}对象不存在 (unknown user ${userId})`);
  if (!user.active) return refuse('forbidden', `${what}对象账号已停用 (user ${userId} is deactivated)`);
  if (isConflicted(user, ctx.task?.submission)) return refuse('forbidden', `不能${what}给提交人或提交单位的人员 (segregation of duties: ${userId} or their unit made this submission)`);
  if (!user.roles.some((r) => APPROVER_ROLES.includes(r))) return refuse('forbidden', `${what}对象无审批权限 (user ${userId} holds no approver role)`);
  const step = ctx.task?.step;
  if (step && placesOf(step).some((p) => holderOf(step, p) === `user:${userId}`)) return refuse('conflict', `${userId} 已是本环节审批人 (already an approver of this step)`);
  return ALLOWED;
}

/** Who may act on the task now (`unit:<id>`, `role:<role>`, `user:<id>`; `nobody:<place>` when a step has no signer). */
export function whoMayAct(task: TaskFacts): string[] {
  if (task.status === 'submitted') {
    if (task.awaitingConfirmation?.length) return task.awaitingConfirmation.map((u) => `unit:${u}`);
    return task.step ? waitingOn(task.step) : [];
  }
  if (task.status !== 'open' && task.status !== 'returned') return [];
  if (task.external) return ['role:inspector', 'role:office'];
  if (task.owner === 'unit' && task.jointUnitIds?.length) return task.jointUnitIds.map((u) => `unit:${u}`);
  if (task.owner === 'unit' && task.unitId) return [`unit:${task.unitId}`];
  return ['role:office', 'role:leader'];
}

/** Who a before-due / overdue reminder goes to: whoever must act; the office when a step has nobody to sign. */
export function reminderRecipients(task: TaskFacts): string[] {
  if (task.status === 'submitted') {
    if (task.awaitingConfirmation?.length) return task.awaitingConfirmation.map((u) => `unit:${u}`);
    if (!task.step) return ['role:office'];
    const who = waitingOn(task.step);
    return who.some((w) => w.startsWith(`${NOBODY}:`)) ? ['role:office'] : who;
  }
  if (task.owner === 'unit' && task.jointUnitIds?.length) return task.jointUnitIds.map((u) => `unit:${u}`);
  if (task.owner === 'unit' && task.unitId) return [`unit:${task.unitId}`];
  if (task.owner === 'leader') return ['role:leader'];
  return ['role:office'];
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
