/**
 * The access policy's rules for commands on a task, shared by the command modules (../commands/<name>.command.ts):
 * each module's `access` is the policy entry for its command and calls these (or `byRoles`). The policy's one entry
 * point, `authorize` (access-policy.ts), dispatches a command to its module's entry through the registry.
 */
import { actorMatches, hasDecided, holderMatches, holderOf, openPlaces, placeDecided, placesOf, resolveSigners, slotsFor, transferablePlaces, unitMatches, waitingOn, type StepFacts } from '../engine/approval-chain';
import type { Actor, Assignee, DirectoryUser, UnitRef } from '../engine/campaign-state';
import type { Role } from '../template/template.schema';
import { ALLOWED, byRoles, hasRole, refuse, type AccessContext, type AccessDecision } from './decision';
import type { TaskFacts } from './facts';
import { isConflicted, isUnitSignOff, SELF_APPROVAL_REASON, UNIT_LEADER_PLACE } from './separation';

/** Who may submit (报送) this task, ignoring its state. */
export function submitAccess(task: TaskFacts, actor: Actor, units: readonly UnitRef[]): AccessDecision {
  if (task.external) return refuse('conflict', '外部环节结果须由核查方录入 (external stage: use recordExternalResult)');
  if (task.owner === 'unit') {
    if (actor.roles.includes('unit') && !!task.unitId && unitMatches(units, task.unitId, actor.unitId)) return ALLOWED;
    // 共同负责: any listed unit may submit the shared task.
    if (actor.roles.includes('unit') && task.jointUnitIds?.some((u) => unitMatches(units, u, actor.unitId))) return ALLOWED;
    return refuse('forbidden', `任务不属于您的单位 (task belongs to unit ${task.unitId ?? '?'})`);
  }
  return byRoles(actor, ['office', 'leader'], `仅领导小组办公室或领导可提交此任务 (only office or leader may submit a ${task.owner} task)`);
}

/** Refused to whoever could never approve or return the task, whatever its state (decisionAccess). */
export const NEVER_DECIDES_REASON = '您无权审批此任务（无审批权限） (no role of yours can approve or return this task)';

/**
 * Could this actor ever approve or return the task — now or once it is in approval? Holders of a role that takes
 * approval places (office, leader, expert, unit: transfers and 加签 go to them only, authorizeTarget) could; anyone
 * else (an inspector, an administrator) only where the task's steps name them — by account (核查组确认整改: the
 * inspector who found the problem), by a role of theirs, or as the holder of a place handed to them.
 */
export function mayEverDecide(ctx: AccessContext, actor: Actor): boolean {
  if (hasRole(actor, ...APPROVER_ROLES)) return true;
  const task = ctx.task;
  // a place of the active step, their own or handed to them (转交)
  if (task?.step && slotsFor(ctx.units, task.step, actor).length) return true;
  const places = [...(task?.plannedPlaces ?? []), ...(task?.step ? placesOf(task.step) : []), ...(task?.step?.assignees ?? [])];
  const mine = (p: string) => p === `user:${actor.id}` || (p.startsWith('role:') && (actor.roles as string[]).includes(p.slice(5)));
  return places.some(mine) || !!task?.namedOnSteps?.includes(actor.id);
}

/**
 * Who may approve / return on the active step. Whoever could never decide on the task is refused first, whatever the
 * task's state (walkthrough: a read-only inspector's 审批通过 on a 已退回 task was answered 409 「不在审批中」 and
 * audited 被拒绝, then 403 once the task was in approval): the answer does not depend on when they try.
 */
export function decisionAccess(ctx: AccessContext, actor: Actor): AccessDecision {
  const task = ctx.task;
  if (!mayEverDecide(ctx, actor)) return refuse('forbidden', NEVER_DECIDES_REASON);
  if (!task?.step) return ALLOWED; // not awaiting a decision: validation answers 409
  if (ctx.separationOfDuties && isConflicted(actor, task.submission, task.step)) return refuse('forbidden', SELF_APPROVAL_REASON);
  if (ctx.distinctLevels && task.earlierSigners?.includes(actor.id)) return refuse('forbidden', EARLIER_LEVEL_REASON);
  if (!slotsFor(ctx.units, task.step, actor).length) {
    return refuse('forbidden', `您不是「${task.step.name}」环节的审批人 (not an assignee of step ${task.step.index} ${task.step.name}; waiting for ${waitingOn(task.step).join(', ') || 'nobody'})`);
  }
  return ALLOWED;
}

/** Refused under planRules.distinctLevels to whoever decided an earlier step of the submission. */
export const EARLIER_LEVEL_REASON = '您已签批本事项的前一环节，同一事项的各环节须由不同人员签批；本环节请由其他人员签批或由领导小组办公室转交 (you decided an earlier step of this submission: one person does not sign two levels)';

/** Refused to an expert under planRules.signersSignOnly: they sign; the office organises the panel. */
export const EXPERTS_SIGN_REASON = '评审专家只签批，转交和加签由领导小组办公室办理 (experts sign; the office transfers and adds approvers)';
/** Refused to an inspector under planRules.signersSignOnly: they confirm what they found fixed (核查组确认整改). */
export const INSPECTORS_SIGN_REASON = '核查人员只签批（确认整改），转交和加签由领导小组办公室办理 (inspectors sign; the office transfers and adds approvers)';
/** 分管负责人签字 is the unit's own leader's: nobody but the office hands it over or adds to it (walkthrough: a unit's leader handed it to another unit's). */
export const UNIT_SIGN_OFF_REASON = '分管负责人签字须由本单位分管负责人签署，如需他人代签请由领导小组办公室转交 (the unit\'s sign-off: only the office hands it over or adds a signer)';
/** Refused to the submitter under planRules.strictHandOver: who signs their submission is not theirs to choose. */
export const OWN_SUBMISSION_HAND_OVER_REASON = '不能转交本人提交事项的审批位，审批人由其他人员安排 (you made this submission: its places are not yours to hand over)';
/** Refused under planRules.strictHandOver: the target is not someone the step could have named. */
export const HAND_OVER_FIT_REASON = '只能转交给与本环节审批人同类的人员（同一角色或同一单位；办公室审核也可转交领导） (the place goes to someone of the step\'s role or unit)';
/** Refused under planRules.strictAddApprover: the person added is not someone the step could have named. */
export const ADD_APPROVER_FIT_REASON = '只能加签与本环节审批人同类的人员（专家评审加签专家；办公室审核加签办公室人员、领导或专家；单位环节加签本单位人员） (only someone of the step\'s role or unit may be added; the office\'s review may also consult an expert)';
/** Refused to a signer who has decided in the active step under planRules.signersSignOnly. */
export const SIGNED_NO_ADD_REASON = '您已在本环节签批，不能再加签；如需增加审批人请联系领导小组办公室 (you have decided in this step; the office or a leader adds approvers)';

/**
 * Under planRules.signersSignOnly, an actor from outside who only signs — an expert (the panel's 会签) or an inspector
 * (核查组确认整改) without an office or leader role — is refused 转交 and 加签, with the reason (null: not such an actor).
 * Their place is theirs to decide, not to hand over or to grow; the office organises who signs (walkthrough: experts
 * and the inspector were offered 转交 and 加签).
 */
function signsOnly(ctx: AccessContext, actor: Actor): string | null {
  if (!ctx.signersSignOnly || hasRole(actor, 'office', 'leader')) return null;
  return hasRole(actor, 'expert') ? EXPERTS_SIGN_REASON : hasRole(actor, 'inspector') ? INSPECTORS_SIGN_REASON : null;
}

/** Under planRules.signersSignOnly, a signer (not office, not leader) who has already decided in the active step. */
function decidedHere(ctx: AccessContext, step: StepFacts | undefined, actor: Actor): boolean {
  return !!ctx.signersSignOnly && !!step && hasDecided(step, actor.id) && !hasRole(actor, 'office', 'leader');
}

/**
 * Who may hand over (转交) a place: its holder (not an expert nor an inspector, under planRules.signersSignOnly; not on a
 * unit's 分管负责人签字), or the office for any place.
 */
export function transferAccess(ctx: AccessContext, actor: Actor, from: string | undefined): AccessDecision {
  const step = ctx.task?.step;
  if (!step) return ALLOWED;
  if (ctx.strictHandOver && ctx.task?.submission?.by === actor.id) return refuse('forbidden', OWN_SUBMISSION_HAND_OVER_REASON);
  if (actor.roles.includes('office')) return ALLOWED;
  if (isUnitSignOff(step)) return refuse('forbidden', UNIT_SIGN_OFF_REASON);
  const outside = signsOnly(ctx, actor);
  if (outside) return refuse('forbidden', outside);
  if (from !== undefined) {
    if (!placesOf(step).includes(from)) return ALLOWED; // validation: not a place of the step (400)
    return holderMatches(ctx.units, step, from, actor) ? ALLOWED : refuse('forbidden', '只能转交本人的审批位 (you may only transfer your own place)');
  }
  return slotsFor(ctx.units, step, actor).length ? ALLOWED : refuse('forbidden', `您不是「${step.name}」环节的审批人 (not an assignee of the active step)`);
}

/**
 * Who may add an approver (加签): office, leader, or a holder of a place of the active step (前加签 "before me") — on a
 * unit's 分管负责人签字 the office only; under
 * planRules.signersSignOnly not an expert nor an inspector, nor a signer who has already decided in the step (会签: the others still
 * signing; their say is given).
 */
export function addApproverAccess(ctx: AccessContext, actor: Actor): AccessDecision {
  if (isUnitSignOff(ctx.task?.step) && !hasRole(actor, 'office')) return refuse('forbidden', UNIT_SIGN_OFF_REASON);
  const outside = signsOnly(ctx, actor);
  if (outside) return refuse('forbidden', outside);
  if (decidedHere(ctx, ctx.task?.step, actor)) return refuse('forbidden', SIGNED_NO_ADD_REASON);
  if (hasRole(actor, 'office', 'leader')) return ALLOWED;
  const step = ctx.task?.step;
  if (step && slotsFor(ctx.units, step, actor).length && !(ctx.separationOfDuties && isConflicted(actor, ctx.task?.submission, step))) return ALLOWED;
  return refuse('forbidden', '仅领导小组办公室、领导或本环节审批人可加签 (only office, leader or an approver of the step may add an approver)');
}

/** Who may confirm a joint task's submission: a unit still to confirm it (共同负责: every other listed unit). */
export function confirmJointAccess(ctx: AccessContext, actor: Actor): AccessDecision {
  const task = ctx.task;
  // a person of no unit never confirms: refused first, whatever the task's state (as decisionAccess)
  if (!actor.roles.includes('unit')) return refuse('forbidden', '仅共同负责的单位可确认本次报送 (only the jointly responsible units confirm)');
  if (!task?.awaitingConfirmation?.length) return ALLOWED; // nothing awaiting confirmation: validation answers 409
  if (task.awaitingConfirmation.some((u) => unitMatches(ctx.units, u, actor.unitId))) return ALLOWED;
  const names = task.awaitingConfirmation.map((u) => ctx.units.find((x) => x.id === u)?.name ?? u).join('、');
  return refuse('forbidden', `仅共同负责的其他单位可确认本次报送（待确认：${names}） (only the listed units still to confirm may confirm: ${task.awaitingConfirmation.join(', ')})`);
}

/** Roles that can hold an approval place (a transfer or 加签 target must have one). */
const APPROVER_ROLES: readonly Role[] = ['office', 'leader', 'expert', 'unit'];

/**
 * May `userId` receive a place on the task's active step (转交 / 加签 target)? Unknown → invalid (400); inactive, barred by
 * segregation of duties, or without an approver role → forbidden (403); already holding a place → conflict (409).
 */
export function authorizeTarget(ctx: AccessContext & { directory: readonly DirectoryUser[] }, userId: string, purpose: 'transfer' | 'addApprover', place?: Assignee): AccessDecision {
  const what = purpose === 'transfer' ? '转交' : '加签';
  const user = ctx.directory.find((u) => u.id === userId);
  if (!user) return refuse('invalid', `${what}对象不存在 (unknown user ${userId})`);
  if (!user.active) return refuse('forbidden', `${what}对象账号已停用 (user ${userId} is deactivated)`);
  if (isConflicted(user, ctx.task?.submission, ctx.task?.step)) return refuse('forbidden', `不能${what}给提交人或提交单位的人员 (segregation of duties: ${userId} or their unit made this submission)`);
  if (ctx.task?.earlierSigners?.includes(userId)) {
    return refuse('forbidden', `不能${what}给已在前序环节签批的人员，同一事项的各环节须由不同人员签批 (${userId} signed an earlier step of this submission)`);
  }
  // …nor to the only one who can sign a later step (planRules.distinctLevels): having signed this one, they could not
  // sign that one, and it would wait for nobody (walkthrough: the office's review handed to the 组长, the 县政府印发's only leader)
  const sole = ctx.distinctLevels ? ctx.task?.laterSteps?.find((l) => {
    const who = resolveSigners(ctx.directory, ctx.units, l.assignees as Assignee[], ctx.task?.submission);
    return who.length === 1 && who[0] === `user:${userId}`;
  }) : undefined;
  if (sole) return refuse('forbidden', `不能${what}给后续环节「${sole.name}」唯一的审批人，否则该环节将无人可签 (${userId} is the only one who can sign the later step ${sole.name})`);
  if (!user.roles.some((r) => APPROVER_ROLES.includes(r))) return refuse('forbidden', `${what}对象无审批权限 (user ${userId} holds no approver role)`);
  const step = ctx.task?.step;
  if (step && placesOf(step).some((p) => holderOf(step, p) === `user:${userId}`)) return refuse('conflict', `${userId} 已是本环节审批人 (already an approver of this step)`);
  // a place that is not the step's is the validation's 400 (「…」不是当前环节的审批人): judged by the step meanwhile
  const known = !!place && !!step && transferablePlaces(step).includes(place);
  if (ctx.strictHandOver && purpose === 'transfer' && step && !(known ? fitsPlace(ctx.units, ctx.directory, step, place as Assignee, user) : fitsStep(ctx.units, ctx.directory, step, user))) {
    return refuse('forbidden', HAND_OVER_FIT_REASON);
  }
  if (ctx.strictAddApprover && purpose === 'addApprover' && step && !fitsAddition(ctx.units, ctx.directory, step, user)) return refuse('forbidden', ADD_APPROVER_FIT_REASON);
  return ALLOWED;
}

/**
 * The place a 转交 without `from` hands over: the caller's own place still to decide; else the one place the step
 * still waits on, when the caller may hand that one over (the office, after signing its own place of a step that now
 * waits for one co-signer); else the caller's own, decided, place (refused). The command's validation and apply, and
 * the API's check of the target, all ask this.
 */
export function handOverPlace(ctx: AccessContext, step: StepFacts, actor: Actor): Assignee | undefined {
  const own = slotsFor(ctx.units, step, actor);
  const mine = own.find((p) => !placeDecided(step, p));
  if (mine) return mine;
  const open = openPlaces(step);
  if (open.length === 1 && (!own.length || transferAccess(ctx, actor, open[0]).allowed)) return open[0];
  return own[0];
}

/** The approver roles a person stands for beside their unit (a unit user stands for their unit only). */
const STANDS_FOR: readonly Role[] = ['office', 'leader', 'expert', 'inspector'];

/**
 * Could the step have named this person (planRules.strictHandOver)? They fit one of its planned assignees — its role
 * (`role:expert`: an expert; the office's review also a leader, above it), its unit (`unit:<id>`: a member), that
 * unit's leaders (`unit-leader:<id>`: one of them or a member, 代签) — or stand for what someone named on it stands for
 * (a named or added signer: the same role other than 联络员, or the same unit). Nobody else receives a place: an expert's
 * place stays with experts, the office's review with the office or a leader, never a unit's liaison.
 */
export function fitsStep(units: readonly UnitRef[], directory: readonly DirectoryUser[], step: StepFacts, user: DirectoryUser): boolean {
  return [...step.assignees, ...placesOf(step), ...step.added.map((a) => `user:${a.userId}`)].some(fitting(units, directory, user));
}

/**
 * Could `place` of the step be handed to this person (planRules.strictHandOver)? Judged by the place itself, not by
 * anyone else on the step (review: 加签 a clerk onto the 专家评审 and an expert's place could go to another clerk): a
 * planned place by its own assignee (`role:expert`, `unit:<id>` …); a person the step's role or unit places resolved
 * to by those places (an expert resolved from `role:expert`: experts); an added signer's place, or a named person's,
 * by what that person stands for.
 */
export function fitsPlace(units: readonly UnitRef[], directory: readonly DirectoryUser[], step: StepFacts, place: Assignee, user: DirectoryUser): boolean {
  const fits = fitting(units, directory, user);
  if (step.assignees.includes(place) || !place.startsWith('user:')) return fits(place);
  const id = place.slice(5);
  if (step.added.some((a) => a.userId === id)) return fits(place);
  const person = directory.find((u) => u.id === id);
  const from = person ? step.assignees.filter((a) => holds(units, person, a)) : [];
  return from.length ? from.some(fits) : fits(place);
}

/**
 * Could the step have named this person as one more signer (planRules.strictAddApprover)? They fit one of its planned
 * places — judged as a 转交 of that place is (fitsPlace) —, never by someone added before: otherwise one liaison added
 * would open the experts' 会签 to every liaison. The office's review may also consult an expert (请专家把关): more
 * scrutiny from outside the county's units, as a leader's is from above.
 */
export function fitsAddition(units: readonly UnitRef[], directory: readonly DirectoryUser[], step: StepFacts, user: DirectoryUser): boolean {
  if (user.roles.includes('expert') && step.assignees.includes('role:office')) return true;
  const added = new Set(step.added.map((a) => `user:${a.userId}`));
  const planned = [...new Set([...step.assignees, ...transferablePlaces(step)])].filter((p) => !added.has(p));
  // a step that is only its added people (a 前加签 / 后加签 step): like them
  return planned.length ? planned.some((p) => fitsPlace(units, directory, step, p, user)) : fitsStep(units, directory, step, user);
}

/** Does this person hold a planned place by what they are (the chain's own matching; a unit's leaders by leaderOf)? */
function holds(units: readonly UnitRef[], person: DirectoryUser, a: Assignee): boolean {
  if (a.startsWith(UNIT_LEADER_PLACE)) return (person.leaderOf ?? []).includes(a.slice(UNIT_LEADER_PLACE.length));
  return actorMatches(units, a, person);
}

/** Whether `user` fits one assignee string: its role (the office's review also a leader), its unit, its unit's leaders, or like a named person. */
function fitting(units: readonly UnitRef[], directory: readonly DirectoryUser[], user: DirectoryUser): (a: Assignee) => boolean {
  const ofUnit = (unitId: string | null | undefined) => !!unitId && unitMatches(units, unitId, user.unitId);
  const like = (id: string) => {
    const named = directory.find((u) => u.id === id);
    if (!named) return false;
    return named.roles.some((r) => STANDS_FOR.includes(r) && user.roles.includes(r)) || (named.roles.includes('unit') && user.roles.includes('unit') && ofUnit(named.unitId));
  };
  return (a: string) => {
    const [type, ...rest] = a.split(':');
    const value = rest.join(':');
    if (type === 'role') return (user.roles as string[]).includes(value) || (value === 'office' && user.roles.includes('leader'));
    if (type === 'unit') return ofUnit(value);
    if (`${type}:` === UNIT_LEADER_PLACE) return (user.leaderOf ?? []).includes(value) || ofUnit(value);
    if (type === 'user') return like(value);
    return false;
  };
}
