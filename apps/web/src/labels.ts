/**
 * Chinese words people read. The domain's codes (actions, statuses, roles, kinds, modes) are labelled once, in
 * libs/domain/src/labels.ts, which the audit exports use too; this file adds what only the screens need.
 */
import { chineseReason } from './api/client';
import type { ApiTaskStatus, AuditEntry, InboxItem, Role, StepView } from './api/types';
import { fmtDate } from './format';
import { personNameOf, unitNameOf } from './principal-names';
import { ADD_APPROVER_MODE_LABEL, campaignFailedText, STEP_MODE_LABEL, STEP_STATUS_LABEL as STEP_STATUS, auditActionLabel, holderOf, joinClauses, RECORD_READERS, auditDetailText, auditFileNames, transferParties, CAMPAIGN_STATUS_LABEL, campaignGoesOn, formalitiesText, INBOX_NEED_LABEL, ownerLabel, ROLE_LABEL, TASK_STATUS_LABEL, type SubmissionFormalities, signingStep, WITH_CHANGES_LABEL, urgeReachedText, EXTERNAL_STAGE_LABEL, EXTERNAL_RESULT_RECORDERS, type AddApproverMode } from '@eco/domain';

export {
  ACTION_LABEL,
  actionLabel,
  actionLabels,
  AUDIT_TASKS_NAMED,
  auditTaskIds,
  ATTRIBUTE_LABEL,
  CAMPAIGN_STATUS_LABEL,
  DOMAIN_LABEL,
  FORMALITY_LABEL,
  formalitiesText,
  INBOX_NEED_LABEL,
  TASK_ACTION_LABEL,
  OUTCOME_LABEL,
  PHASE_STATUS_LABEL,
  REMINDER_LEVEL_LABEL as LEVEL_LABEL,
  ROLE_LABEL,
  roleText,
  STEP_MODE_LABEL,
  STEP_STATUS_LABEL,
  TASK_KIND_LABEL,
  TASK_OWNER_LABEL,
  TASK_STATUS_LABEL,
  taskLabel,
} from '@eco/domain';

export const STATUS_LABEL: Record<ApiTaskStatus, string> = {
  open: TASK_STATUS_LABEL.open,
  submitted: TASK_STATUS_LABEL.submitted,
  returned: TASK_STATUS_LABEL.returned,
  approved: TASK_STATUS_LABEL.approved,
  cancelled: TASK_STATUS_LABEL.cancelled,
};
/** A campaign's status in the plans' words (the domain's) and its colour (列表, 任务页). */
const CAMPAIGN_STATUS_COLOR: Record<string, string> = { active: 'green', paused: 'orange', completed: 'blue', failed: 'red', cancelled: 'default' };
export const CAMPAIGN_STATUS: Record<string, { text: string; color: string }> = Object.fromEntries(
  Object.entries(CAMPAIGN_STATUS_LABEL).map(([k, text]) => [k, { text, color: CAMPAIGN_STATUS_COLOR[k] ?? 'default' }]),
);

/** A campaign that has ended (completed, 未通过, 终止): its open tasks are no longer worked on (the domain's rule). */
export function campaignEnded(status: string | undefined): boolean {
  return !!status && !campaignGoesOn(status);
}

/**
 * How an ended campaign of `kind` is named where its people read it (活动已终止, 活动已完成; one that failed — 预审, 公示,
 * 现场核查 or 复核 未通过 — by its kind, the domain's campaignFailedText: 创建未通过, a consolidation campaign's 活动未通过,
 * which is no 创建; the list's 未通过 says less). `kind` not passed reads as a creation campaign, as the domain's rule does.
 */
export function campaignEndedText(status: string, kind?: string | null): string {
  return status === 'failed' ? campaignFailedText(kind) : `活动${CAMPAIGN_STATUS[status]?.text ?? '已结束'}`;
}

/**
 * An ended campaign's state as its 活动总览 header reads it (状态：创建未通过 / 已终止 / 已完成), in the campaign list's
 * colour for that status (未通过 red, 已终止 grey, 已完成 blue); null while it goes on (the header reads 当前阶段 then).
 */
export function campaignEndState(status: string, kind?: string | null): { text: string; color: string } | null {
  if (!campaignEnded(status)) return null;
  const s = CAMPAIGN_STATUS[status];
  return { text: status === 'failed' ? campaignFailedText(kind) : (s?.text ?? '已结束'), color: s?.color ?? 'default' };
}

/**
 * 加签方式 as the 加签 dialog offers them (the API's addApprover `mode`), 并加签 first as the default: each with what
 * happens, in one line, and what the success message says once done.
 */
export const ADD_APPROVER_CHOICES: readonly { mode: AddApproverMode; label: string; explain: string; done: string }[] = [
  { mode: 'co-sign', label: `${ADD_APPROVER_MODE_LABEL['co-sign']}（默认）`, explain: '加签人成为本环节的必签人，与本环节审批人一同签署，其签署后本环节方可通过', done: '已并加签，本环节须加签人签署' },
  { mode: 'before', label: ADD_APPROVER_MODE_LABEL.before, explain: '在本环节前插入由加签人单独审批的一步，其先审批，通过后回到本环节继续', done: '已前加签，请加签人先行审批' },
  { mode: 'after', label: ADD_APPROVER_MODE_LABEL.after, explain: '在本环节后插入由加签人单独审批的一步，本环节通过后再由其审批', done: '已后加签，本环节通过后由加签人审批' },
];

/** The success message of a 加签, naming its mode (none sent: 并加签, the API's default). */
export function addApproverDone(mode: AddApproverMode | undefined): string {
  return (ADD_APPROVER_CHOICES.find((c) => c.mode === (mode ?? 'co-sign')) ?? ADD_APPROVER_CHOICES[0]).done;
}

export const STATUS_COLOR: Record<ApiTaskStatus, string> = { open: 'default', submitted: 'processing', returned: 'warning', approved: 'success', cancelled: 'default' };

/**
 * What an inbox item needs from me now (the server's `need`), in the words of the work: 报送, 审批, 会签, 确认 …
 * (a review any one clerk decides read 「或签」, the signing mode, where the clerk looks for 审批; the task's page
 * names the mode).
 */
export function needLabel(t: Pick<InboxItem, 'need' | 'kind'> & { steps?: (Pick<InboxItem['steps'][number], 'assignees' | 'status'> & { name?: string })[] }): string {
  // a finding's 整改 reads as what it is, not as one more 报送
  if (t.kind === 'rectification' && t.need === 'submit') return '整改';
  const active = t.need === 'approve' ? t.steps?.find((s) => s.status === 'active') : undefined;
  // the unit's 分管负责人 signs its statement (分管负责人签字), and the inspector confirms the fix of the problem they
  // found (核查组确认整改: the task page's 确认整改) — neither is an 审批 of someone else's work
  const signing = active ? signingStep({ name: active.name ?? '', assignees: active.assignees }) : null;
  if (signing === 'unit-sign-off') return '签字';
  if (signing === 'inspector-confirmation') return '确认整改';
  return INBOX_NEED_LABEL[t.need];
}

/**
 * A step's place nobody can sign (`nobody:<place>`): the office's and leaders' places lack anyone but the submitter
 * (who may not approve their own submission) — or anyone at all; other places (experts, a unit) have nobody in the
 * directory. The words say what to do in either case.
 */
export function nobodyLabel(place: string, names: Map<string, string> = new Map()): string {
  if (place === 'role:office' || place === 'role:leader') return '暂无可审批人员（报送人本人不能审批；请转交他人，或在「用户与单位」中补充人员）';
  // the office is told (【无人签批】) and names one or hands the place over; the liaison who reads this can do neither
  if (place.startsWith('unit-leader:')) return `暂无可签字人员（${principalLabel(place, names)}未设置或已停用，已通知领导小组办公室指定或转交）`;
  return `暂无可审批人员（${principalLabel(place, names)}暂无人员，请转交他人或更新人员名录）`;
}

/**
 * `role:office` → 领导小组办公室, `unit:<id>` / `user:<id>` → the name when known (`names`: principal-names, by namespace),
 * `unit-leader:<id>` → 县统计局分管负责人, `nobody:<place>` → nobodyLabel.
 */
export function principalLabel(p: string, names: Map<string, string> = new Map()): string {
  const [kind, id] = p.includes(':') ? [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] : ['user', p];
  if (kind === 'nobody') return nobodyLabel(id, names);
  if (kind === 'role') return ROLE_LABEL[id as Role] ?? id;
  if (kind === 'unit') return unitNameOf(names, id);
  if (kind === 'unit-leader') return `${unitNameOf(names, id)}分管负责人`; // 分管负责人签字's place
  return personNameOf(names, id);
}

/** A code's label from one of the maps above; an unknown code shows itself. */
export function labelOf(map: Record<string, string>, code: string | null | undefined): string {
  return code ? (map[code] ?? code) : '';
}

export const outcomeColor = (o: string) => (o === 'accepted' ? 'green' : o === 'denied' ? 'red' : o === 'refused' ? 'orange' : 'default');

/** An audit entry's action (审批通过 / 尝试审批通过): the domain's, which the exports use too. */
export { auditActionLabel };

/**
 * A 转交's row: whose place went to whom, by name (「转交：A → B」, as the CSV's 转交给 / 原审批人) — the place's holder
 * it was taken from (an earlier transferee, a person, a unit, 领导小组办公室) and the person it went to; null for
 * other rows. `names`: people and units by namespace (`user:<id>`, `unit:<id>`: principal-names).
 */
export function transferText(e: Pick<AuditEntry, 'action'> & { detail?: AuditEntry['detail'] }, names: Map<string, string> = new Map()): string | null {
  const p = e.action === 'transfer' ? transferParties(e.detail) : null; // a refused one too: the command as sent
  if (!p) return null;
  return `转交：${p.from ? principalLabel(p.from, names) : '—'} → ${p.toName ?? principalLabel(p.to, names)}`;
}

/**
 * The step's signing mode as its tag reads (或签, 会签, 多人签（n人）, + 加签), or null when one named person signs it —
 * there is no mode to tell (walkthrough: 分管负责人签字 – 签批人：周静 read 「或签」). `people`: the step's signers when
 * resolved, else its planned places.
 */
export function stepModeText(step: Pick<StepView, 'mode' | 'n' | 'added'>, people: readonly string[]): string | null {
  const coSigned = step.mode !== 'all' && step.added.some((a) => !a.mode || a.mode === 'co-sign');
  if (people.length === 1 && people[0].startsWith('user:') && !coSigned) return null;
  return `${STEP_MODE_LABEL[step.mode]}${step.mode === 'n-of-m' && step.n ? `（${step.n}人）` : ''}${coSigned ? ' + 加签' : ''}`;
}

/**
 * Who holds a signer place of a step now, as its 签批人 list says it: the place's own holder, or — handed over (转交;
 * the engine's holderOf) — its latest transferee, with whose place it was (「李主任（转交自张敏）」). Walkthrough: after a
 * 转交 the list still named the clerk who had handed it over.
 */
export function placeHolderText(step: Pick<StepView, 'transfers'>, place: string, names: Map<string, string>): string {
  const holder = holderOf(step, place);
  if (holder === place) return principalLabel(place, names);
  const last = step.transfers.filter((t) => t.from === place).at(-1);
  return `${last?.toName ?? principalLabel(holder, names)}（转交自${principalLabel(place, names)}）`;
}

/**
 * An audit entry's reason and comment as people read them (the API's `中文 (english)` reasons in Chinese); with `names`
 * (the audit table's people and units), a 转交's 「转交：A → B」 first.
 */
export function auditNote(e: Pick<AuditEntry, 'reason' | 'comment'> & { action?: string; detail?: AuditEntry['detail']; reached?: string[] }, names?: Map<string, string>): string {
  const d = e.detail ?? {};
  const handedOver = e.action && names ? transferText({ action: e.action, detail: d }, names) : null; // the audit table's (it names people)
  const parts = [...(handedOver ? [handedOver] : []), ...[d.withChanges === true ? WITH_CHANGES_LABEL : null, e.reason, e.comment].filter((x): x is string => !!x).map(chineseReason)];
  // The files an upload, a download or a submission carried, by name (an upload's row read 「—」)
  const files = auditFileNames(d);
  if (files.length) parts.push(`文件：${files.slice(0, 3).join('、')}${files.length > 3 ? ` 等 ${files.length} 个` : ''}`);
  // A sealed statement's 办理要求 (无重点工程项目提报, the signer, the seal): the submission row read 「—」
  if (d.formalities && typeof d.formalities === 'object') parts.push(...formalitiesText(d.formalities as SubmissionFormalities));
  // One task's deadline moved (调整期限): from when to when, not only why
  const moved = Array.isArray(d.moved) ? (d.moved as { from?: unknown; to?: unknown }[]) : [];
  if (moved.length === 1 && typeof moved[0].from === 'number' && typeof moved[0].to === 'number') parts.push(`期限 ${fmtDate(moved[0].from)} → ${fmtDate(moved[0].to)}`);
  parts.push(...auditDetailText(e.action, d as Record<string, unknown>));
  // a 催办: whom it reached (the chase's routed reminder)
  const reached = urgeReachedText(e.reached);
  if (reached) parts.push(reached);
  return joinClauses(parts);
}

/** Who records an external stage's result (预审, 公示, 现场核查, 复核): the policy's recorders (核查组或领导小组办公室). */
export function recorderLabel(): string {
  return EXTERNAL_RESULT_RECORDERS.map((r) => ROLE_LABEL[r]).join('或');
}

/** The title of an external stage's result card (预审结果, 公示结果 …). */
export function externalResultTitle(kind: string): string {
  return `${(EXTERNAL_STAGE_LABEL as Record<string, string>)[kind] ?? '核查'}结果`;
}

/**
 * 责任单位 of a task as the plan gives it: the joint units (共同负责), the unit, or the owner the plan names (泗水县人民政府
 * — the template region's county —, 领导小组办公室, 技术单位 …) — the same words as the plan's preview, not 领导小组办公室
 * for every task without a unit.
 */
export function responsibleLabel(t: { jointUnitIds?: string[]; unitId?: string; owner: string }, unitName: (id: string) => string, region?: { county?: string } | null): string {
  if (t.jointUnitIds?.length) return `${t.jointUnitIds.map(unitName).join('、')}（共同负责）`;
  if (t.unitId) return unitName(t.unitId);
  return ownerLabel(t.owner, region);
}

/**
 * What a unit loses when its only liaison or 分管负责人 is deactivated (`sole`: the duties that would have nobody): its
 * notices reach nobody without a liaison; its sealed statements wait unsigned without a 分管负责人 (walkthrough: the
 * warning said the notices would reach nobody when only the 分管负责人 went — the liaison still receives them).
 */
export function soleDutyText(sole: readonly ('联络员' | '分管负责人')[]): string {
  const lost = [
    sole.includes('联络员') ? '该单位的任务通知、提醒和督办将无人接收' : null,
    sole.includes('分管负责人') ? '该单位须分管负责人签字的报送将无人签字（待领导小组办公室指定或转交）' : null,
  ].filter(Boolean);
  return `${lost.join('；')}。请先在「指定人员」中指定接替的人员。`;
}

/**
 * A step's status as 审批流程 shows it: a step not done when its task (or round) was cancelled is 已取消 — not 审批中
 * (walkthrough: a task cancelled when its phase closed still read 「分管负责人签字 审批中」 beside 第1轮取消).
 */
export function stepStatusLabel(s: { status: 'waiting' | 'active' | 'done' }, cancelled: boolean): string {
  return cancelled && s.status !== 'done' ? '已取消' : STEP_STATUS[s.status];
}

/**
 * The title of a campaign's reminder log (every level it sent: 新任务, 待审批, 退回, 催办, 督办…) and of 活动总览's button to
 * it: a unit reads its own unit's, the policy's readers the campaign's. One place for both (the button said
 * 提醒与催办记录 where the page it opened said 本单位收到的提醒).
 */
export function reminderLogTitle(has: (...roles: Role[]) => boolean): string {
  return has('unit') && !has(...RECORD_READERS) ? '本单位收到的提醒' : '提醒与催办记录';
}
