/**
 * The Chinese words people read for the domain's codes, in one place: the web application (apps/web), the audit
 * exports (CSV / Excel) and the engine's own messages all use these maps. Each map is keyed by the domain's own
 * enum types, so a new command, task kind, status or role without its label is a compile error.
 *
 * Pure data with type-only imports: the browser bundle imports this file without pulling zod or Node code.
 */
import type { AddApproverMode, CampaignStatus, PhaseStatus, ReminderLevel, StepMode, SubmissionFormalities, TaskOwner, TaskStatus } from './engine/campaign-state';
import type { CommandType, ExternalStage } from './engine/command.schema';
import type { DomainKey, PhaseKey, Role, TaskKind } from './template/template.schema';
import type { InboxNeed, TaskAction } from './policy/task-actions';
import { isUnitSignOff } from './policy/separation';
import { beijingDateZh, DAY_MS } from './rules/beijing-time';
import { endedUndone } from './engine/campaign-state';
import { CAMPAIGN_FAILED_LABELS } from './template/campaign-kind';

/**
 * Who a 转交's audit entry handed whose place to: the place's holder before (or the place) and the person it went to —
 * from an accepted entry's detail, or from the command as sent for a refused or denied one (`detail.command`). The
 * audit screen and the exports word the parties; null for an entry that names no target.
 */
export function transferParties(detail: Record<string, unknown> | null | undefined): { from: string | null; to: string; toName: string | null } | null {
  const d = (detail ?? {}) as Record<string, unknown>;
  const c = (d.command && typeof d.command === 'object' ? d.command : {}) as Record<string, unknown>;
  const to = typeof d.to === 'string' ? d.to : typeof c.toUserId === 'string' ? `user:${c.toUserId}` : null;
  if (!to) return null;
  const from = [d.fromHolder, d.from, c.from].find((x): x is string => typeof x === 'string') ?? null;
  return { from, to, toName: typeof d.toName === 'string' && d.toName ? d.toName : null };
}

/** The names of the files an audit entry's upload, download or 预览 names (`detail.files`, or `detail.name` for one). */
export function auditFileNames(detail: Record<string, unknown> | null | undefined): string[] {
  const d = detail ?? {};
  const names = Array.isArray(d.files) ? (d.files as { name?: unknown }[]).map((f) => f?.name) : [d.name];
  return names.filter((n): n is string => typeof n === 'string' && !!n);
}

/** Events the engine records without a person's command (actor `system` or the office's start). */
export const SYSTEM_AUDIT_ACTIONS = [
  'campaign-created',
  'tasks-created',
  'phase-completed',
  'external-passed',
  'public-notice-opened',
  'auto-no-comment',
  'escalated',
  'replanned',
  'campaign-completed',
  'campaign-failed',
  'campaign-cancelled',
  'step-opened',
  'no-assignee',
  'cadence-opened',
  'cadence-closed',
] as const;
export type SystemAuditAction = (typeof SYSTEM_AUDIT_ACTIONS)[number];

/** Actions the API records itself (directory refresh, files, dossier). */
export const API_AUDIT_ACTIONS = ['refreshDirectory', 'file-upload', 'file-delete', 'file-download', 'file-preview', 'dossier-download'] as const;
export type ApiAuditAction = (typeof API_AUDIT_ACTIONS)[number];

/** Every action an audit entry of a campaign can carry. */
export type AuditAction = CommandType | SystemAuditAction | ApiAuditAction;

/**
 * The Chinese names of the actions the engine and the API record; a command's is its module's `label`
 * (commands/action-labels.ts builds ACTION_LABEL from both).
 */
export const SYSTEM_ACTION_LABEL: Record<SystemAuditAction | ApiAuditAction, string> = {
  // the engine
  'campaign-created': '发起创建活动',
  'tasks-created': '生成任务',
  'phase-completed': '阶段完成',
  'external-passed': '外部审查通过',
  'public-notice-opened': '开始公示',
  'auto-no-comment': '逾期视为无意见',
  escalated: '逾期升级督办',
  replanned: '计划调整',
  'campaign-completed': '活动完成',
  'campaign-failed': '活动未通过',
  'campaign-cancelled': '活动终止',
  'step-opened': '审批步骤开始',
  'no-assignee': '审批步骤无人可签',
  'cadence-opened': '开启本期定期调度',
  'cadence-closed': '定期调度随阶段结束',
  // the API
  refreshDirectory: '更新人员名录',
  'file-upload': '上传材料',
  'file-delete': '删除未报送材料',
  'file-download': '下载材料',
  'file-preview': '预览材料',
  'dossier-download': '导出申报材料包',
};

/**
 * 结果 of an audit entry as an inspector reads a trail: the action happened (成功), the engine refused it in the state
 * the campaign was in (被拒绝), or the person was not allowed to (无权限).
 */
export const OUTCOME_LABEL: Record<'accepted' | 'refused' | 'denied', string> = { accepted: '成功', refused: '被拒绝', denied: '无权限' };

/**
 * A task as people tell it apart where tasks of several units are listed together (the audit trail and its exports):
 * its title, and its unit's name when the title does not name the unit already. The engine's titles end with the
 * unit's short name (「…（县工信局）」), so the full name alone is not the test: 「…（县工信局）（县工业和信息化局）」.
 */
export function taskLabel(title: string, unit?: { name: string; shortName?: string } | null): string {
  if (!unit) return title;
  if ([unit.name, unit.shortName].some((n) => n && title.includes(n))) return title;
  return `${title}（${unit.name}）`;
}

/**
 * The tasks an audit entry touched without one taskId of its own — a deadline move (调整期限) or a plan change
 * (计划调整): `detail.taskIds`, else the ids in `detail.moved`; in order, each once. Empty for other entries.
 */
export function auditTaskIds(detail: Record<string, unknown> | null | undefined): string[] {
  const d = detail ?? {};
  const idOf = (m: unknown) => (m && typeof m === 'object' ? ((m as { taskId?: unknown }).taskId ?? (m as { id?: unknown }).id) : undefined);
  const listed: unknown[] = Array.isArray(d.taskIds) && d.taskIds.length ? d.taskIds : Array.isArray(d.moved) ? d.moved.map(idOf) : [];
  return [...new Set(listed.filter((x): x is string => typeof x === 'string' && x !== ''))];
}

/** How many of an entry's tasks are named where it is listed; the rest are counted. */
export const AUDIT_TASKS_NAMED = 3;

/** 「12 项任务：A、B、C 等」 — the tasks an entry touched, the first AUDIT_TASKS_NAMED by name (empty without tasks). */
export function auditTasksText(ids: string[], title: (id: string) => string): string {
  if (!ids.length) return '';
  return `${ids.length} 项任务：${ids.slice(0, AUDIT_TASKS_NAMED).map(title).join('、')}${ids.length > AUDIT_TASKS_NAMED ? ' 等' : ''}`;
}

export const ROLE_LABEL: Record<Role, string> = {
  admin: '系统管理员',
  office: '领导小组办公室',
  leader: '领导小组领导',
  unit: '责任单位',
  expert: '专家',
  inspector: '核查组',
};

/**
 * What the header says a person is: the roles' words, except an inspector of a supervising organization (a city's or
 * province's 督导, read-only over its counties — the policy's supervisor access) is 「督导（只读）」, not 核查组.
 */
export const SUPERVISOR_LABEL = '督导（只读）';
export function roleText(roles: readonly Role[], organizationLevel?: 'province' | 'city' | 'county' | null): string {
  const supervising = organizationLevel === 'city' || organizationLevel === 'province';
  return roles.map((r) => (supervising && r === 'inspector' ? SUPERVISOR_LABEL : (ROLE_LABEL[r] ?? r))).join('、');
}

/** Task statuses of the engine (the API folds rectifying → 审批中 and failed → 已取消 in its own status). */
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  open: '待报送',
  submitted: '审批中',
  returned: '已退回',
  approved: '已通过',
  rectifying: '整改中',
  failed: '未通过',
  cancelled: '已取消',
};

/**
 * A task its campaign ended with (终止, 未通过, completed) while it was still to be worked on (endedUndone): its status
 * as people read it, whatever status its row kept (it read 待报送 after a 终止).
 */
export const NO_LONGER_WORKED_LABEL = '不再办理';

/** A joint task sent by one of its units, waiting for the others' 确认 before the office reviews it. */
export const AWAITING_CONFIRMATION_LABEL = '待共同负责单位确认';

/** Whether a task (state or view) is such a joint task: submitted, its last round awaiting other units' 确认. */
export function awaitsConfirmation(t: { status: string; rounds?: readonly { awaitingConfirmation?: readonly string[] }[] }): boolean {
  return t.status === 'submitted' && !!t.rounds?.at(-1)?.awaitingConfirmation?.length;
}

/**
 * A task's status as people read it: an external stage (预审, 公示, 现场核查, 复核) still open waits for its result to be
 * recorded (待登记结果, nothing is 报送 there); one whose findings were rectified reads 发现问题 · 已整改; a joint task
 * sent by one unit reads 待共同负责单位确认 until the others confirm (its last round's `awaitingConfirmation`; it read
 * 审批中 while nobody could review it). Given its campaign's status (the API's reads), a task the campaign ended with
 * still to be worked on reads 不再办理 (endedUndone). The engine's task view, the API's task read and the task page say
 * the same.
 */
export function taskStatusText(
  t: {
    status: TaskStatus;
    external?: boolean;
    externalResult?: { outcome?: string } | null;
    rounds?: readonly { awaitingConfirmation?: readonly string[] }[];
  },
  campaignStatus?: string | null,
): string {
  if (endedUndone(t, campaignStatus)) return NO_LONGER_WORKED_LABEL;
  if (awaitsConfirmation(t)) return AWAITING_CONFIRMATION_LABEL;
  if (t.external && t.status === 'open') return '待登记结果';
  if (t.external && t.status === 'approved' && t.externalResult?.outcome === 'issues') return '发现问题 · 已整改';
  return TASK_STATUS_LABEL[t.status] ?? t.status;
}

export const CAMPAIGN_STATUS_LABEL: Record<CampaignStatus, string> = { active: '进行中', paused: '已暂停', completed: '已完成', failed: '未通过', cancelled: '已终止' };
export const PHASE_STATUS_LABEL: Record<PhaseStatus, string> = { pending: '未开始', active: '进行中', completed: '已完成', closed: '已结束' };
export const PHASE_LABEL: Record<PhaseKey, string> = { mobilization: '动员部署', implementation: '创建实施', application: '申报迎查', monitoring: '巩固提升', review: '复核' };

/**
 * What an audit entry of 结束阶段, 更新人员名录, a phase's 调整期限 or 恢复活动 adds in words (the audit screen's 说明 and
 * the exports' 详情 — the rows read 「—」 though the entry says how many tasks the close cancelled and whom the refreshed
 * directory re-assigned; a phase move read 「阶段期限：2026-12-18」 naming neither the phase nor the old date, a resume
 * nothing at all). Dates in Beijing time.
 */
export function auditDetailText(action: string | undefined, d: Record<string, unknown>): string[] {
  const n = (v: unknown) => (typeof v === 'number' ? v : Array.isArray(v) ? v.length : 0);
  const at = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  if (action === 'moveDeadlines' && typeof d.phase === 'string') {
    const phase = (PHASE_LABEL as Record<string, string>)[d.phase] ?? d.phase;
    const to = at(d.phaseDueAt);
    // phaseDueFrom since the move recorded it; before, the phase's new end less its shift
    const from = at(d.phaseDueFrom) ?? (to !== null && at(d.deltaMs) !== null ? to - (d.deltaMs as number) : null);
    const due = to === null ? '' : from === null ? `期限：${beijingDateZh(to)}` : from === to ? `期限：${beijingDateZh(to)}（不变）` : `期限：${beijingDateZh(from)}→ ${beijingDateZh(to)}`;
    const milestones = n(d.milestonesMoved);
    return [`阶段：${phase}`, due, `调整任务：${n(d.tasksMoved ?? d.moved)}项`, !n(d.tasksMoved ?? d.moved) && milestones ? `调整计划节点：${milestones}个` : ''].filter(Boolean);
  }
  if (action === 'resume') {
    const paused = at(d.pausedMs);
    const length =
      typeof d.workingDays === 'number' ? `暂停期间工作日：${d.workingDays}` : paused !== null ? `暂停时长：${pausedText(paused)}` : '';
    const shifted = typeof d.tasksShifted === 'number' ? `顺延任务：${d.tasksShifted}项${d.tasksShifted === 0 ? '（期限不变）' : ''}` : '';
    return [length, shifted].filter(Boolean);
  }
  if (action === 'closePhase') {
    const phase = typeof d.phase === 'string' ? (PHASE_LABEL as Record<string, string>)[d.phase] ?? d.phase : '';
    return [phase ? `阶段：${phase}阶段` : '', `取消未完成任务 ${n(d.cancelled)} 项`, n(d.carried) ? `指标类任务 ${n(d.carried)} 项转入下一阶段` : ''].filter(Boolean);
  }
  if (action === 'refreshDirectory' && typeof d.users === 'number') {
    return [`名录 ${d.users} 人（在岗 ${n(d.active)} 人）`, ...(n(d.resolved) ? [`${n(d.resolved)} 项待审批任务重新确定审批人`] : [])];
  }
  return [];
}

/** A pause's length in days and hours (a resume recorded without working days). */
function pausedText(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / 3600000);
  if (!days && !hours) return '不足1小时';
  return `${days ? `${days}天` : ''}${hours ? `${hours}小时` : ''}`;
}

export const TASK_KIND_LABEL: Record<TaskKind, string> = {
  'work-plan-issued': '印发工作方案',
  'leadership-group': '成立领导小组',
  'unit-contacts': '确定分管责任人和联络员',
  'plan-started': '启动规划编制',
  'indicator-contribution': '指标协办材料',
  indicator: '指标任务',
  materials: '报送创建资料',
  'key-projects': '重点工程项目提报',
  'plan-draft': '规划征求意见稿',
  'plan-comments': '规划征求意见',
  'plan-review-draft': '规划评审稿',
  'plan-expert-review': '规划专家评审',
  'plan-approval-draft': '规划报批稿',
  'plan-government-approval': '政府审议通过规划',
  'plan-promulgation': '规划颁布实施',
  'self-check': '自查与档案整理',
  rectification: '整改',
  certificate: '不涉及证明',
  'veto-attestation': '一票否决情形承诺',
  application: '申报',
  'pre-review': '预审',
  'public-notice': '公示',
  'platform-fill': '国家平台填报',
  'inspection-prep': '现场核查准备',
  inspection: '现场核查',
  supplement: '补充材料',
  naming: '命名',
  'progress-report': '定期调度进展报送',
  'supervision-bulletin': '督查通报',
  'key-task': '重点任务',
  review: '复核',
};

export const TASK_OWNER_LABEL: Record<TaskOwner, string> = {
  unit: '责任单位',
  office: '领导小组办公室',
  leader: '领导小组领导',
  'technical-unit': '技术单位',
  government: '县（区）政府',
  experts: '专家',
  inspector: '核查组',
};

/**
 * A task's owner as people of the campaign's county read it: its government by name (泗水县人民政府, 市南区人民政府)
 * when the template's region names the county, else the generic words of TASK_OWNER_LABEL.
 */
export function ownerLabel(owner: string, region?: { county?: string } | null): string {
  const county = region?.county?.trim();
  if (owner === 'government' && county) return `${county}人民政府`;
  return (TASK_OWNER_LABEL as Record<string, string>)[owner] ?? owner;
}

/** What an inbox item needs from the caller (the segments of 我的待办). */
export const INBOX_NEED_LABEL: Record<InboxNeed, string> = { submit: '报送', correct: '补正', confirm: '确认', countersign: '会签', approve: '审批', record: '登记结果' };
/** Actions on a task, as its buttons read. */
export const TASK_ACTION_LABEL: Record<TaskAction, string> = { submit: '报送', confirmJoint: '共同负责确认', approve: '审批通过', return: '退回', transfer: '转交', addApprover: '加签', recordExternalResult: '登记结果', moveDeadlines: '调整期限', urge: '催办' };
export const STEP_MODE_LABEL: Record<StepMode, string> = { all: '会签', any: '或签', 'n-of-m': '多人签' };
export const STEP_STATUS_LABEL: Record<'waiting' | 'active' | 'done', string> = { waiting: '未开始', active: '审批中', done: '已完成' };
export const ADD_APPROVER_MODE_LABEL: Record<AddApproverMode, string> = { before: '前加签', after: '后加签', 'co-sign': '并加签' };
export const EXTERNAL_STAGE_LABEL: Record<ExternalStage, string> = { 'pre-review': '预审', 'public-notice': '公示', inspection: '现场核查', review: '复核' };
export const EXTERNAL_OUTCOME_LABEL: Record<'passed' | 'failed' | 'issues', string> = { passed: '通过', failed: '未通过', issues: '发现问题' };
export const DEADLINE_CAUSE_LABEL: Record<'move' | 'phase-move' | 'resume' | 'replan', string> = { move: '调整期限', 'phase-move': '阶段顺延', resume: '暂停后恢复', replan: '计划调整' };
/**
 * A reminder's level in words — the same on the 提醒 page, in its filter and in the e-mails, robot and SMS texts that
 * carry it (the page said 提醒 / 临期 / 逾期 where the mail said 即将到期 / 临近到期 / 已逾期).
 */
export const REMINDER_LEVEL_LABEL: Record<ReminderLevel, string> = { blue: '即将到期', yellow: '临近到期', red: '已逾期', escalation: '督办', notice: '待办通知', urge: '催办' };

/**
 * The notices that only report (nothing is left to do: an approval, a task done or cancelled, a campaign paused or
 * ended), by the label their message opens with (engine/notices.ts: 【已通过】「…」…). Read as such wherever a notice is
 * listed — e-mail, robots, SMS, the 提醒 page: labelled by what happened, not 待办通知, and without a 截止 date.
 */
export const NEWS_NOTICE_LABELS = ['已通过', '已办结', '任务取消', '活动暂停', '活动终止', ...CAMPAIGN_FAILED_LABELS] as const;

/** The label a notice's message opens with (`【退回】「…」…` → 退回), or null. */
export function noticeLabel(message: string | null | undefined): string | null {
  const m = /^【([^】]{1,8})】/.exec(message ?? '');
  return m ? m[1] : null;
}

/**
 * What happened, for a notice that only reports (level 'notice', its message opening with one of NEWS_NOTICE_LABELS:
 * 已通过, 任务取消…); null for every other reminder (新任务, 退回, 待审批…, before-due, overdue, 催办, 督办).
 */
export function newsNoticeLabel(level: string | null | undefined, message: string | null | undefined): string | null {
  if (level !== 'notice') return null;
  const label = noticeLabel(message);
  return label && (NEWS_NOTICE_LABELS as readonly string[]).includes(label) ? label : null;
}

/**
 * How a reminder is labelled where it is listed (【…】 in an e-mail's item, the 提醒 page's tag): a notice that only
 * reports by what happened (已通过, 任务取消…: walkthrough, an approved submission read 【待办通知】 with a deadline), any
 * other by its level (REMINDER_LEVEL_LABEL: 待办通知, 已逾期, 催办…; an unknown level as it is).
 */
export function reminderItemLabel(level: string, message: string | null | undefined): string {
  return newsNoticeLabel(level, message) ?? (REMINDER_LEVEL_LABEL as Record<string, string>)[level] ?? level;
}

/** The six domains (领域) of the national indicator system. */
export const DOMAIN_LABEL: Record<DomainKey, string> = {
  institution: '生态制度',
  security: '生态安全',
  space: '生态空间',
  economy: '生态经济',
  living: '生态生活',
  culture: '生态文化',
};
export const ATTRIBUTE_LABEL: Record<'binding' | 'reference', string> = { binding: '约束性', reference: '参考性' };

/** Submission formalities (办理要求) as people read them. */
export const FORMALITY_LABEL = { seal: '已加盖单位公章', principalSignature: '主要负责人签字', outcome: '办理结果', projects: '重点工程项目' } as const;

/** Outcome keys the seed plans and the engine's defaults use (a template's own label wins where it is known). */
export const FORMALITY_OUTCOME_LABEL: Record<string, string> = { projects: '提报项目', none: '无重点工程项目提报', absent: '近3年未发生', occurred: '已发生' };

/** A submission's formalities as short Chinese phrases (audit exports, the task's record). */
export function formalitiesText(f: SubmissionFormalities, outcomeLabels: Record<string, string> = {}): string[] {
  const out: string[] = [];
  if (f.outcome) out.push(`${FORMALITY_LABEL.outcome}：${outcomeLabels[f.outcome] ?? FORMALITY_OUTCOME_LABEL[f.outcome] ?? f.outcome}`);
  if (f.seal) out.push(FORMALITY_LABEL.seal);
  if (f.principalSignature) out.push(`${FORMALITY_LABEL.principalSignature}：${f.principalSignature}`);
  if (f.projects?.length) out.push(`${FORMALITY_LABEL.projects}：${f.projects.map((p) => [p.name, p.scale, p.investment].filter(Boolean).join('，')).join('；')}`);
  return out;
}

/**
 * Clauses read as one note, joined by 「；」: a clause's own closing 「。」 or 「；」 (a comment people typed as a sentence)
 * is dropped first, so the note never reads 「…盖章。；办理结果…」. Empty clauses are left out.
 */
export function joinClauses(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((p) => (p ?? '').trim().replace(/[。；;，,.\s]+$/u, ''))
    .filter((p) => p.length > 0)
    .join('；');
}

/** The verdict 修改后通过: an approval that names the changes to make. */
export const WITH_CHANGES_LABEL = '修改后通过';

/**
 * A 催办's audit entry: the people it reached (the API's `reached`, from the chase's routed reminder), as the screen and
 * the exports say it — 已通知：张敏、李强, or 已通知：无人接收 when it was routed to nobody; null before it is routed.
 */
export function urgeReachedText(reached: readonly string[] | undefined): string | null {
  if (!reached) return null;
  return `已通知：${reached.length ? reached.join('、') : '无人接收'}`;
}

/** The step a 整改 opened by an inspector's finding ends with (planRules.inspectorConfirms): its inspector confirms the fix. */
export const INSPECTOR_CONFIRMATION_STEP = '核查组确认整改';
/** The name of the step a unit's responsible leader signs its sealed statement in (approval-chain unitSignOffStep). */
export const UNIT_SIGN_OFF_STEP = '分管负责人签字';

/** A step as the words below tell it: by its name (核查组确认整改) or by its places (分管负责人签字: isUnitSignOff, as the policy). */
export interface NamedStep {
  name: string;
  assignees: readonly string[];
}

/**
 * The steps whose approval is not an 审批, and so is worded otherwise (the button, the record, 待办, the notice):
 * 分管负责人签字 — by its places (isUnitSignOff, as the policy) — and 核查组确认整改, by its name. Null for an 审批.
 */
export type SigningStep = 'unit-sign-off' | 'inspector-confirmation';
export function signingStep(step: NamedStep | undefined): SigningStep | null {
  if (isUnitSignOff(step)) return 'unit-sign-off';
  return step?.name === INSPECTOR_CONFIRMATION_STEP ? 'inspector-confirmation' : null;
}

/**
 * A signer's decision as people read it (the task page, the dossier): 同意, 修改后通过 or 退回 — and on the steps that are
 * not an approval, what was done: 已签字 on 分管负责人签字, 已确认整改 on 核查组确认整改 (walkthrough: both read 同意).
 */
export function decisionLabel(d: { decision?: string; withChanges?: boolean }, step?: NamedStep): string {
  if (d.decision === 'return') return '退回';
  if (d.withChanges) return WITH_CHANGES_LABEL;
  const kind = signingStep(step);
  return kind === 'unit-sign-off' ? '已签字' : kind === 'inspector-confirmation' ? '已确认整改' : '同意';
}

/** How the approve action reads on a step: its button, its dialog's title and OK, the comment's label, what it says when done. */
export interface ApproveWording {
  button: string;
  title: string;
  ok: string;
  comment: string;
  done: string;
  doneWithChanges: string;
  /** The dialog's title and OK once 修改后通过 is chosen (walkthrough: it still read 会签：同意 / 确认同意). */
  titleWithChanges: string;
  okWithChanges: string;
  /** What it says when the task stays in review after it (others still to sign, or the next step). */
  doneInReview: string;
  doneInReviewWithChanges: string;
}

/**
 * Whether approving the step offers 修改后通过 (an approval with the changes it asks for): an expert review (专家论证/评审:
 * the plan's expert-review task, or a step the plan puts before the experts, `role:expert`) — the verdict an expert gives on a draft plan. Not on a
 * unit's materials an expert was added to (加签): approving them closes the unit's task, and changes asked for there
 * are tracked nowhere (the unit is sent back for 补正 with 退回 instead). Walkthrough: 修改后通过 was offered to every
 * expert on every step. The task page asks this; the engine still accepts the flag from any signer (campaigns already
 * running may hold such approvals — a refusal there would need its own patch).
 */
export function offersWithChanges(step: NamedStep | undefined, taskKind?: string): boolean {
  return !!step && (taskKind === 'plan-expert-review' || step.assignees.includes('role:expert'));
}

/**
 * The approve action's words on the active step, in one place for the task page: 确认整改 on 核查组确认整改 (the inspector
 * says the problem they found is fixed — not an 审批; walkthrough), 签字确认 on 分管负责人签字 (the unit's leader signs
 * its statement), 会签同意 where every signer signs (`countersign`, the inbox's rule), else 审批通过.
 */
export function approveWording(step: NamedStep | undefined, countersign: boolean): ApproveWording {
  const kind = signingStep(step);
  if (kind === 'inspector-confirmation') {
    return { button: '确认整改', title: '确认整改', ok: '确认整改', comment: '确认意见（可选）', done: '已确认整改', doneWithChanges: `已确认整改（${WITH_CHANGES_LABEL}）`, ...withChanges('确认整改'), doneInReview: '已确认整改，待其他人员确认', doneInReviewWithChanges: `已确认整改（${WITH_CHANGES_LABEL}），待其他人员确认` };
  }
  if (kind === 'unit-sign-off') {
    // the office's review always follows the leader's signature: that is what "done" says
    const done = '已签字确认，送领导小组办公室审核';
    return { button: '签字确认', title: '分管负责人签字确认', ok: '确认签字', comment: '签字意见（可选）', done, doneWithChanges: `已签字确认（${WITH_CHANGES_LABEL}）`, ...withChanges('签字确认'), doneInReview: done, doneInReviewWithChanges: done };
  }
  if (countersign) return { button: '会签同意', title: '会签：同意', ok: '确认同意', comment: '审批意见（可选）', done: '已会签同意', doneWithChanges: `已会签：${WITH_CHANGES_LABEL}`, ...withChanges('会签') };
  return { button: '审批通过', title: '审批通过', ok: '确认通过', comment: '审批意见（可选）', done: '已审批通过', doneWithChanges: `已审批通过（${WITH_CHANGES_LABEL}）`, ...withChanges('审批') };
}

function withChanges(what: string): Pick<ApproveWording, 'titleWithChanges' | 'okWithChanges' | 'doneInReview' | 'doneInReviewWithChanges'> {
  return {
    titleWithChanges: `${what}：${WITH_CHANGES_LABEL}`, okWithChanges: `确认${WITH_CHANGES_LABEL}`,
    doneInReview: '已同意，待其他审批人签署', doneInReviewWithChanges: `已签署：${WITH_CHANGES_LABEL}，待其他审批人签署`,
  };
}
