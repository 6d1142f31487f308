/**
 * Notices (待办通知): people are told when something starts waiting for them, not only before its deadline — a unit
 * when a task is assigned to it (the campaign starts, a phase opens, a period's report is due) or when its submission
 * is returned (with who returned it and why); the signers of a step when it starts waiting for them (submitted, the
 * next step opened, a place handed over or added); the submitter when the task is approved.
 *
 * A task that stage order holds back (待前序环节: the step it follows is not done) waits for nobody, so nobody is told
 * of it yet; once that step is done its people are told it can now be done (【可办理】).
 *
 * Pure: compares a task before and after a change. The addressees are the access policy's (reminderRecipients: the
 * same people the task's reminders go to), minus those it already waited for. Notices travel as outbox entries of
 * level 'notice' and are routed like urgent reminders (at once within working hours, else the next working morning).
 */
import { isUnitSignOff, recipientsNow } from '../policy';
import { chineseReason } from '../text/chinese-reason';
import { resolveSigners } from './approval-chain';
import { findTask, isLive, phaseCalled, unitName, type CampaignState, type Reminder, type ReminderLevel, type StepAddition, type StepState, type TaskState } from './campaign-state';
import { beijingWallClock, localDate, localTimeOfDay } from '../rules/beijing-time';
import { dateLabel } from './schedule';
import { findingOpening } from './findings';
import { awaitsAction, stageBlocks, type StageWait } from './stage-order';
import { newlyStuck, type StuckPlace } from './directory';
import { signingStep, WITH_CHANGES_LABEL } from '../labels';
import { campaignFailedText } from '../template/campaign-kind';


/**
 * Who a 退回 is told to: a unit's task, the unit (whoever of it resubmits); a task the office or the leaders own, the
 * person who submitted it — not every clerk of the office (any of them may resubmit, and finds it in 我的待办).
 */
function returnedTo(task: TaskState, recipients: string[]): string[] {
  const by = task.rounds.at(-1)?.submission.by;
  return by && recipients.every((r) => r.startsWith('role:')) ? [`user:${by}`] : recipients;
}

/** The decision that returned the task's last round (a return ends its round). */
function returnDecision(task: TaskState) {
  return task.rounds.at(-1)?.steps.flatMap((s) => s.decisions).find((d) => d.decision === 'return');
}

/**
 * The objection (共同负责确认, 不同意) that returned the task's last round, when a listed unit objected rather than a
 * signer returning it: the objector's name, unit and reason are on the round's confirmations, not its steps.
 */
function objection(task: TaskState) {
  const round = task.rounds.at(-1);
  if (!round || round.outcome !== 'returned' || returnDecision(task)) return undefined;
  return round.confirmations?.filter((c) => !c.agree).at(-1);
}

/**
 * 【异议】 (runs since 'notice-wording-2'): a listed unit objected to the shared submission — the other listed units are
 * told who objected (unit and person) and why, and asked to agree on the fix and resubmit; the objecting unit is not
 * told its own objection (walkthrough: both units read 「已被退回」, without the reason or the objector). Null when the
 * round was not returned by an objection.
 */
function objectionNotice(after: CampaignState, task: TaskState, recipients: string[], now: number): { notice: Reminder | null } | null {
  const o = objection(task);
  if (!o) return null;
  const objecting = new Set(task.rounds.at(-1)!.confirmations!.filter((c) => !c.agree).map((c) => `unit:${c.unitId}`));
  const to = recipients.filter((r) => !objecting.has(r));
  if (!to.length) return { notice: null };
  const due = dateLabel(localDate(task.dueAt));
  const reason = clause(o.comment);
  const when = task.dueAt < now ? `尽快重新报送（原定${due}前完成，已逾期）` : `于${due}前重新报送`;
  const message = `【异议】「${task.title}」${unitName(after, o.unitId)}（${o.byName}）提出异议${reason ? `：${reason}` : ''}。请协商后修改并${when}。`;
  return { notice: noticeOf(task, 'objection', to, now, message) };
}

/** Who added a co-signer, as a notice names them: the office or the leaders with the person's name, else the name. */
function addedBy(after: CampaignState, a: StepAddition): string {
  return groupNamed(after, a.by, a.byName);
}

/** The office's or the leaders' person with their body (领导小组办公室（王主任）), anyone else by name. */
function groupNamed(after: CampaignState, by: string, byName: string | undefined): string {
  const user = after.directory?.find((u) => u.id === by);
  const name = byName ?? user?.name ?? '';
  const roles: readonly string[] = user?.roles ?? [];
  const label = roles.includes('office') ? '领导小组办公室' : roles.includes('leader') ? '领导小组' : '';
  if (!label) return name;
  if (!name || name.includes(label)) return name || label;
  return `${label}（${name}）`;
}

/**
 * Who decided (退回), as its reader can place them: a unit's person with the unit (县新经济中心（黄涛）), the office's or
 * the leaders' with 领导小组办公室 / 领导小组 (groupNamed), else the name — walkthrough: a liaison read 「已被黄涛退回」 from a
 * co-responsible unit's person they did not know. Without the campaign's directory: the name as recorded.
 */
function decidedBy(after: CampaignState | undefined, by: string, byName: string): string {
  if (!after) return byName;
  const user = after.directory?.find((u) => u.id === by);
  if (user?.unitId && user.roles.includes('unit')) {
    const unit = unitName(after, user.unitId);
    return unit && !byName.includes(unit) ? `${unit}（${byName}）` : byName;
  }
  return groupNamed(after, by, byName);
}

/**
 * 【加签】 (runs since 'notice-wording-2'): the people just added to the task's active step (加签) are told who added
 * them, that it is a 会签 (并加签, a required co-signer; a step of their own: 审批) and the reason given — walkthrough: the added 组长 read only
 * 「领导小组办公室审核」环节待您审批. The rest of `recipients` are left to the usual notice.
 */
function additionNotices(after: CampaignState, task: TaskState, recipients: string[], now: number): { told: Reminder[]; rest: string[] } {
  const step = task.status === 'submitted' ? task.rounds.at(-1)?.steps.find((s) => s.status === 'active') : undefined;
  if (!step?.added.length || task.rounds.at(-1)?.awaitingConfirmation?.length) return { told: [], rest: recipients };
  const due = dateLabel(localDate(task.dueAt));
  const told: Reminder[] = [];
  const rest: string[] = [];
  for (const r of recipients) {
    const a = r.startsWith('user:') ? step.added.filter((x) => `user:${x.userId}` === r).at(-1) : undefined;
    if (!a) {
      rest.push(r);
      continue;
    }
    // a co-signer is required whatever the step's mode under the sign-off rules (signers); under the earlier rules only on a 会签
    const what = (a.mode ?? 'co-sign') === 'co-sign' && (!!step.signers || step.mode === 'all') ? '会签' : '审批';
    const reason = clause(a.reason);
    const by = addedBy(after, a);
    told.push(noticeOf(task, `added:${r}`, [r], now, `【加签】${by}请您${what}「${task.title}」${reason ? `：${reason}` : ''}。期限${due}。`));
  }
  return { told, rest };
}

/**
 * What the approval of the task's last round said, after 「已审批通过」, as a 退回 carries its reason (walkthrough: the
 * liaison's 【已通过】 mail lacked the approver's 「材料齐全，同意。」): 。审批意见：材料齐全，同意。 — each comment given
 * in the round's approvals, in step order, with its signer's name when several people wrote one; 「（修改后通过）」 when
 * an approval was given on condition of changes. 「。」 alone when nobody wrote one.
 */
function approvalOpinion(task: TaskState): string {
  const approvals = task.rounds.at(-1)?.steps.flatMap((s) => s.decisions).filter((d) => d.decision === 'approve') ?? [];
  const withChanges = approvals.some((d) => d.withChanges) ? `（${WITH_CHANGES_LABEL}）` : '';
  const said = approvals.filter((d) => clause(d.comment));
  const named = new Set(said.map((d) => d.by)).size > 1;
  const opinions = said.map((d) => `${clause(d.comment)}${named ? `（${d.byName}）` : ''}`);
  return `${withChanges}。${opinions.length ? `审批意见：${opinions.join('；')}。` : ''}`;
}

/** A person's words put before our own 。: without their closing punctuation (no 「…上传。。」). */
function clause(text: string | undefined): string {
  return (text ?? '').replace(/[。.!！?？；;\s]+$/u, '').trim();
}

/** The words of a notice (what happened, what to do): the title and the due date travel beside them. */
function noticeText(before: TaskState | undefined, task: TaskState, now: number, origin = '', after?: CampaignState): string {
  const due = dateLabel(localDate(task.dueAt)); // 2026年12月18日（周五）
  switch (task.status) {
    case 'returned': {
      const d = returnDecision(task);
      const comment = clause(d?.comment);
      const why = comment ? `：${comment}` : '';
      const when = task.dueAt < now ? `尽快重新报送（原定${due}前完成，已逾期）` : `于${due}前重新报送`;
      return `【退回】「${task.title}」已被${d ? decidedBy(after, d.by, d.byName) : ''}退回${why}。请修改后${when}。`;
    }
    case 'submitted': {
      const round = task.rounds[task.rounds.length - 1];
      if (round?.awaitingConfirmation?.length) return `【待确认】「${task.title}」已由共同负责单位报送，请确认，期限${due}。`;
      const step = round?.steps.find((s) => s.status === 'active');
      const signing = signingStep(step);
      // 分管负责人签字: the leader signs the unit's own statement (before the office reviews it)
      if (signing === 'unit-sign-off') return `【待签字】「${task.title}」已由${round.submission.byName}报送，请您作为分管负责人签字确认后送领导小组办公室审核，期限${due}。`;
      // 核查组确认整改: the inspector confirms the fix of the problem they found — not an 审批 (the task page's 确认整改)
      if (signing === 'inspector-confirmation') return `【待确认整改】「${task.title}」已由${round.submission.byName}报送整改情况，经领导小组办公室审核，请您核查并确认整改，期限${due}。`;
      const what = step?.mode === 'all' ? '会签' : '审批';
      return `【待${what}】「${task.title}」${step ? `「${step.name}」环节` : ''}待您${what}，期限${due}。`;
    }
    case 'approved':
      // a step without signers (各有关部门提出意见: the unit's 无意见 closes it) was approved by nobody: it is done, not 审批通过
      if (!task.rounds.at(-1)?.steps.length) return `【已办结】「${task.title}」已报送，本环节无需审批，已办结。`;
      return `【已通过】「${task.title}」已审批通过${approvalOpinion(task)}`;
    default:
      if (task.dueAt < now) return `${before ? '【待办】' : '【新任务】'}「${task.title}」${before ? '待您办理' : '已下达'}${before ? '' : origin}，原定${due}前完成，现已逾期，请尽快报送。`;
      return before ? `【待办】「${task.title}」待您办理，请于${due}前报送。` : `【新任务】「${task.title}」已下达${origin}，请于${due}前报送。`;
  }
}

/**
 * Where a new 整改 comes from, for its first notice: the external stage that found the problem, who recorded it and
 * when, and the result's note — （市生态环境局预审发现，孙丽于2026年12月5日（周六）登记：原则通过，需限期整改）. Empty
 * for any other task, and for a 整改 the office opened by hand.
 */
function originClause(after: CampaignState, task: TaskState): string {
  if (task.kind !== 'rectification' || !task.parentTaskId) return '';
  const stage = findTask(after, task.parentTaskId);
  const r = stage?.externalResult;
  if (!stage || !r || !findingOpening(r, task.id)) return '';
  const note = clause(r.comment);
  return `（${stage.title}发现，${r.byName}于${dateLabel(localDate(r.at))}登记${note ? `：${note}` : ''}）`;
}

/**
 * A deadline in a 【期限调整】: its date, and its time when it is not the end of that day (a move to an exact instant:
 * walkthrough, 「请于2026年12月8日（周二）前报送」 for a task due at 02:25 that day).
 */
function dueLabel(ms: number): string {
  const date = dateLabel(localDate(ms));
  if (localTimeOfDay(ms) >= DAY_END) return date;
  const t = beijingWallClock(ms).toISOString().slice(11, 16);
  return `${date}${t}`;
}

/** From this time of a day on a deadline is "by that day" (23:59). */
const DAY_END = (23 * 60 + 59) * 60_000;

/** 期限调整: the task's date moved (调整期限) — its old and new date, and the reason given. */
function dueNotice(before: TaskState, task: TaskState, recipients: string[], now: number): Reminder {
  const from = dueLabel(before.dueAt);
  const to = dueLabel(task.dueAt);
  const reason = clause(task.deadlineChanges?.at(-1)?.reason);
  const act = task.status === 'submitted' ? '审批' : '报送';
  // a date already past (a phase moved earlier, with the office warned): 已逾期, not 「请于<a past day>前」 (walkthrough)
  const ask = task.dueAt <= now ? `该期限已过，任务已逾期，请尽快${act}` : `请于${to}前${act}`;
  return noticeOf(task, `due@${task.dueAt}`, recipients, now, `【期限调整】「${task.title}」的截止日期由${from}调整为${to}${reason ? `（原因：${reason}）` : ''}，${ask}。`);
}

/** A live task whose date this change moved, and everyone it waits for. */
interface DueMove {
  before: TaskState;
  task: TaskState;
  recipients: string[];
}

/**
 * The 【期限调整】 a change owes: a task's own (dueNotice) to those of its people who had only that task moved, and one
 * message per addressee who had several (a phase moved, a resume, a re-plan): 「A」等N项任务的截止日期已调整 with the new
 * dates — walkthrough: a phase move gave a unit one message per task in the same second (e-mail and robots batch per
 * person; in-app did not).
 */
function dueNotices(moves: DueMove[], now: number): Reminder[] {
  const byRecipient = byAddressee(moves, (m) => m.recipients);
  const out: Reminder[] = [];
  for (const m of moves) {
    const alone = m.recipients.filter((r) => byRecipient.get(r)!.length === 1);
    if (alone.length) out.push(dueNotice(m.before, m.task, alone, now));
  }
  for (const [recipient, several] of byRecipient) if (several.length > 1) out.push(dueBatchNotice(several, recipient, now));
  return out;
}

/** 期限调整 of several tasks to one addressee: the first by name, how many, the reason when they share one, the new dates. */
function dueBatchNotice(unsorted: DueMove[], recipient: string, now: number): Reminder {
  // the earliest due first: the item's task, its 截止 and link (walkthrough: the 截止 line showed a later task's date)
  const moves = [...unsorted].sort((a, b) => a.task.dueAt - b.task.dueAt);
  const first = moves[0].task;
  const reasons = new Set(moves.map((m) => m.task.deadlineChanges?.at(-1)?.reason ?? ''));
  const reason = reasons.size === 1 ? [...reasons][0] : '';
  const because = reason ? `（原因：${clause(reason)}）` : '';
  const dates = new Set(moves.map((m) => m.task.dueAt));
  const when = (t: TaskState) => `${dueLabel(t.dueAt)}${dates.size > 1 && t.dueAt <= now ? '（已逾期）' : ''}`;
  // each task named (walkthrough: 「A」等2项任务…均调整为… never named the second)
  const body =
    dates.size === 1
      ? `：${moves.map((m) => `「${m.task.title}」`).join('、')}，均调整为${when(first)}，${first.dueAt <= now ? '该期限已过，均已逾期，请尽快办理' : `请于${when(first)}前办理`}。`
      : `：${moves.slice(0, LISTED).map((m) => `「${m.task.title}」调整为${when(m.task)}`).join('；')}${moves.length > LISTED ? `；另有${moves.length - LISTED}项（${moves.slice(LISTED).map((m) => `「${m.task.title}」`).join('、')}），各项期限见「我的待办」` : ''}。请按新期限办理。`;
  // its tasks listed in its key when their ids allow (keyable) and the key stays short (the outbox's unique key is
  // indexed: a move of a whole plan for the office must not make it too long), as a 【新任务】's
  const ids = moves.length <= KEY_IDS_MAX && moves.every((m) => keyable(m.task.id)) ? `#${moves.map((m) => m.task.id).join(',')}` : '';
  return noticeOf(first, `${DUE_BATCH_NOTICE}:${recipient}${ids}`, [recipient], now, `【期限调整】${tasksNamed(moves.map((m) => m.task))}的截止日期已调整${because}${body}`);
}

/** Items grouped by each of their addressees, in the order first met (one message per addressee). */
function byAddressee<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const k of keysOf(item)) {
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
  }
  return out;
}

/** An addressee's tasks in a message: 「A」, or 「A」等N项任务. */
function tasksNamed(tasks: readonly TaskState[]): string {
  return `「${tasks[0].title}」${tasks.length > 1 ? `等${tasks.length}项任务` : ''}`;
}

/** A task just assigned (新任务), whoever it waits for, and where it comes from (a finding's 整改: originClause). */
interface Assignment {
  task: TaskState;
  recipients: string[];
  origin: string;
}

/**
 * The 【新任务】 a change owes (runs since 'batched-new-task-notices'): one message per addressee per change — the task's
 * own words to whoever was assigned one task, 「A」等N项任务已下达 to whoever was assigned several (the campaign's start,
 * a phase opening: walkthrough, a liaison got one message per task in the same second, while the start is to give
 * every unit's liaison one message listing its tasks). The addressees are the per-task notice's own keys (unit:, role:,
 * user: as recipientsNow gives them), so who is told does not change; e-mail and robots batch per person downstream,
 * as before.
 *
 * Several tasks' message asks its reader to act (callsToAct) and names its tasks in its key (assignedKey): the inbox
 * counts it done (已处理) once none of them waits for the reader any more, not when the first is done.
 */
function assignedNotices(assigned: Assignment[], now: number): Reminder[] {
  const byRecipient = byAddressee(assigned, (a) => a.recipients);
  const out: Reminder[] = [];
  const batched = new Map<string, Assignment[]>();
  for (const [recipient, several] of byRecipient) if (several.length > 1 && several.every((a) => keyable(a.task.id))) batched.set(recipient, several);
  for (const a of assigned) {
    const alone = a.recipients.filter((r) => !batched.has(r));
    if (alone.length) out.push(notice(undefined, a.task, alone, now, a.origin));
  }
  for (const [recipient, several] of batched) out.push(assignedBatchNotice(several, recipient, now));
  return out;
}

/** A task id the key of a 【新任务】 of several tasks can list (none of the key's separators in it). */
function keyable(id: string): boolean {
  return !/[|@#,]/u.test(id);
}

/** How many tasks a notice of several tasks names each with its date (more: by name, each date in 我的待办). */
const LISTED = 10;

/**
 * 新任务 of several tasks to one addressee, the earliest due first (the item's task, its date and link): how many,
 * each task by name with its date (up to LISTED; one date: said once), else every task by name and the earliest date;
 * late ones said to be late. A shared origin (several 整改 of
 * one finding) is kept.
 */
function assignedBatchNotice(several: Assignment[], recipient: string, now: number): Reminder {
  const sorted = [...several].sort((a, b) => a.task.dueAt - b.task.dueAt);
  const tasks = sorted.map((a) => a.task);
  const first = tasks[0];
  const origins = new Set(sorted.map((a) => a.origin));
  const origin = origins.size === 1 ? [...origins][0] : '';
  const when = (t: TaskState) => dateLabel(localDate(t.dueAt));
  const late = tasks.filter((t) => t.dueAt < now);
  const dates = new Set(tasks.map((t) => localDate(t.dueAt)));
  // each task named (walkthrough: a liaison's 「A」等2项任务 never named B, one that needed a sealed statement): up to
  // LISTED with their dates, more by name only (walkthrough: the eleventh of 11 was never named)
  const names = tasks.map((t) => `「${t.title}」`).join('、');
  let body: string;
  if (dates.size === 1) body = late.length ? `：${names}，原定${when(first)}前完成，现已逾期，请尽快报送。` : `：${names}，请于${when(first)}前报送。`;
  else if (tasks.length <= LISTED) body = `：${tasks.map((t) => `「${t.title}」（${t.dueAt < now ? `原定${when(t)}前完成，已逾期` : `${when(t)}前`}）`).join('；')}，请按期限报送。`;
  else {
    const lateSaid = late.length ? `，其中${late.length}项已逾期，请尽快报送` : '';
    body = `：${names}，最早一项须于${when(first)}前报送${lateSaid}，各项期限见「我的待办」。`;
  }
  const key = `${ASSIGNED_NOTICE}:${recipient}#${tasks.map((t) => t.id).join(',')}`;
  return noticeOf(first, key, [recipient], now, `【新任务】${tasksNamed(tasks)}已下达${origin}${body}`);
}

/**
 * The occasion of a 【新任务】 of several tasks to one addressee (noticeOf's `what`: `assigned:<addressee>#<id>,<id>…`):
 * the inbox reads the task ids from the key to count the item done only once none of them waits for its reader
 * (persistence: NotificationDeliveryRepository.userItems).
 */
const ASSIGNED_NOTICE = 'assigned';

/**
 * The tasks a 【新任务】 of several tasks names, read from its key (an outbox row's or an in-app item's dedupe key, which
 * end with or contain the notice's key); null for any other reminder. The inbox's SQL reads the same part of the key.
 */
export function assignedTaskIds(key: string): string[] | null {
  const m = new RegExp(ASSIGNED_IDS_PATTERN, 'u').exec(key);
  return m ? m[1].split(',') : null;
}

/** At most this many task ids in a 【期限调整】's key (more: the key lists none, the item is titled by its first task). */
const KEY_IDS_MAX = 40;

/** The occasion of a 【期限调整】 of several tasks to one addressee (noticeOf's `what`: `dues:<addressee>#<id>,<id>…`). */
const DUE_BATCH_NOTICE = 'dues';

/**
 * Where a notice of several tasks — a 【新任务】 (assigned:) or a 【期限调整】 (dues:), the only occasions whose key
 * carries `#` — keeps their ids in a key (the ids: the one group), as a regular expression JavaScript and PostgreSQL read
 * alike (no group but the ids): the inbox's SQL counts such an item done once none of its tasks waits for its reader
 * (NotificationDeliveryRepository.userItems, listedStillWaiting), the router titles it 「A等N项任务」 (reviews: the SQL
 * read 【新任务】 keys only, so a 3-task 【期限调整】 read 已处理 once its first task was done).
 */
export const ASSIGNED_IDS_PATTERN = `\\|notice\\|[a-z]+:[^#|@]*#([^#|@]*)@`;
const SEVERAL_IDS_PATTERN = ASSIGNED_IDS_PATTERN;

/**
 * What an item of a reminder is titled (e-mail subject and lines, SMS, robots, in-app): its task's title, or for a
 * notice of several tasks (a 【新任务】, a 【期限调整】) 「<the first>等N项任务」 — its SMS and subject would otherwise name
 * only the first task (walkthrough: a phase move's mail read 「【期限调整】「A」截止日期已调整」 for 3 tasks). A
 * 【期限调整】 of several tasks written before its key listed them keeps the first task's title.
 */
export function reminderTitle(key: string, title: string): string {
  const n = reminderTaskCount(key);
  return n > 1 ? `${title}等${n}项任务` : title;
}

/** How many tasks a reminder's item names (a 【新任务】 or 【期限调整】 of several: its key lists them), else 1. */
export function reminderTaskCount(key: string): number {
  const m = new RegExp(SEVERAL_IDS_PATTERN, 'u').exec(key);
  return m ? Math.max(1, m[1].split(',').length) : 1;
}

function notice(before: TaskState | undefined, task: TaskState, recipients: string[], now: number, origin = '', after?: CampaignState): Reminder {
  const nobody = nobodyToSign(task);
  if (nobody) return noticeOf(task, NOBODY_NOTICE, recipients, now, nobody);
  return noticeOf(task, task.status, recipients, now, noticeText(before, task, now, origin, after));
}

/**
 * 【无人签批】: a submission whose active step resolved to nobody (the office is told instead of the signers): what is
 * missing and what to do — not 「待您审批」, which the office cannot (walkthrough: the office read 「请您作为分管负责人签字确认」,
 * already marked 已处理). Null when the step has someone.
 */
function nobodyToSign(task: TaskState): string | null {
  if (task.status !== 'submitted') return null;
  const round = task.rounds[task.rounds.length - 1];
  const step = round?.steps.find((s) => s.status === 'active');
  if (!step?.signers || step.signers.length || round.awaitingConfirmation?.length) return null;
  const missing = isUnitSignOff(step)
    ? '该单位未设置在岗的分管负责人'
    : step.assignees.some((a) => a === 'role:office' || a === 'role:leader') ? '报送人本人不能审批，名录中没有其他在岗人员' : '名录中没有可签批的在岗人员';
  return `【无人签批】「${task.title}」已由${round.submission.byName}报送，「${step.name}」环节暂无可签批人员（${missing}）。请在「用户与单位」中指定人员（指定后自动转给其签批），或在任务页转交他人。`;
}

/**
 * 【签批人已停用】 (runs since 'notify-stuck-signers'): a refresh of the directory left an approval step waiting on
 * someone who can never act (directory.ts newlyStuck: a 会签 whose others all signed, a transferee or a co-signer
 * deactivated, an n-of-m quorum out of reach) — the refresh cannot re-resolve it without losing approvals, so the
 * office is told at once, like 【无人签批】: which task, which step, who is gone, and what to do. One message per such
 * step, to the office, naming the places newly stuck (not again on a later refresh while the step stays so); a step the
 * refresh re-resolved has no such place (its people were told as its signers, or the office 【无人签批】). News: the
 * task never waits for the office (not callsToAct), so it stays unread until read.
 */
export function stuckSignerNotices(before: CampaignState, after: CampaignState, now: number): Reminder[] {
  const bySteps = byAddressee(newlyStuck(before, after), (p) => [`${p.taskId}|${p.round}|${p.step}`]);
  const out: Reminder[] = [];
  for (const places of bySteps.values()) {
    const task = findTask(after, places[0].taskId);
    const step = task?.rounds.at(-1)?.steps.find((x) => x.index === places[0].step);
    if (!task || !step) continue;
    const who = places.map((p) => stuckHolder(before, after, step, p)).join('、');
    const message = `【签批人已停用】「${task.title}」「${step.name}」环节仍在等待${who}签批，该环节无法完成。请在任务页将其签批转交他人，或在「用户与单位」中恢复其账号。`;
    // the refresh's revision in the key: two refreshes in one activation (same instant) each tell theirs (review)
    out.push(noticeOf(task, `${STUCK_NOTICE}:${step.index}.${after.revision}`, [OFFICE], now, message));
  }
  return out;
}

/** A stuck place's holder in words: 已停用的郭霞, 已不在人员名录中的郭霞, 县统计局（其联络员均已停用）. */
function stuckHolder(before: CampaignState, after: CampaignState, step: StepState, p: StuckPlace): string {
  if (p.holder.startsWith('unit:')) {
    const unitId = p.holder.slice(5);
    return `${unitName(after, unitId)}（${step.unitHolders?.[unitId] ? '其联络员均已停用' : '已无在岗人员'}）`;
  }
  const id = p.holder.slice(5);
  const known = after.directory?.find((u) => u.id === id);
  const name = known?.name ?? before.directory?.find((u) => u.id === id)?.name ?? step.transfers.filter((t) => t.to === p.holder).at(-1)?.toName ?? step.added.filter((a) => a.userId === id).at(-1)?.userName ?? id;
  return `${known ? '已停用的' : '已不在人员名录中的'}${name}`;
}

/** The office as an addressee of the notices only it can act on (【签批人已停用】: it hands the place over). */
const OFFICE = 'role:office';

/** Whether the task's date was re-planned by this change (at `now`). */
function replannedAt(task: TaskState, now: number): boolean {
  const last = task.deadlineChanges?.at(-1);
  return last?.cause === 'replan' && last.at === now;
}

/** 可办理: the step the task followed is done (stage order lifted) — it can be done now. */
function releasedNotice(task: TaskState, wait: StageWait, recipients: string[], now: number): Reminder {
  const due = dateLabel(localDate(task.dueAt));
  const act = task.external ? '登记结果' : '报送';
  // A date that moved while it was held back (re-planned as the steps before it finished early or late, or moved by
  // the office) is said to have moved: the unit knew the plan's date.
  const planned = task.deadlineChanges?.[0]?.from;
  const moved = planned !== undefined && planned !== task.dueAt ? `（原定${dateLabel(localDate(planned))}，期限已调整）` : '';
  return noticeOf(task, `released@${wait.milestoneKey}`, recipients, now, `【可办理】「${task.title}」的前序环节「${wait.milestoneName}」已完成，请于${due}前${act}${moved}。`);
}

/**
 * Whether a reminder asks its people to do something the task itself records (报送, 审批, 确认, 登记), so that once the
 * task stops waiting for them it is done (已处理) and no longer counts as unread: every before-due, overdue and 催办
 * reminder and every notice but these — the approval's news to the submitter (【已通过】: nothing to do), 【活动暂停】 and
 * 【活动终止】 (news: nothing can be done while it lasts, or ever), 【无人签批】 to the office and 督办 (their readers name a signer or chase the work;
 * the task never waits for them). `key`: the reminder's key (the outbox
 * row's dedupe key ends with it), which names a notice's occasion (`…|notice|<status or occasion>@<instant>`).
 */
export function callsToAct(level: ReminderLevel, key: string): boolean {
  if (level === 'escalation') return false;
  // 【无人签批】 asks the office to name someone: the task never waits for the office, so it stays unread until read
  return !(level === 'notice' && NEWS_KEYS.some((k) => key.includes(k)));
}


/**
 * 【活动暂停】 / 【活动终止】 / 【创建未通过】: the campaign was just paused, ended by the office (终止) or by a stage recorded
 * 未通过 (a consolidation campaign's 【活动未通过】: campaignFailedText) — everyone a live task waited for
 * is told once (one message per addressee, naming their tasks), with the reason: while paused nothing can be sent or
 * signed and no date runs out, the new dates following the resume (its 【期限调整】); once ended, the tasks are no longer
 * worked on. Tasks held back by stage order (待前序环节) waited for nobody. Empty unless this change paused an active
 * campaign or ended one that went on. News: it asks nothing of its reader (not callsToAct).
 */
export function stopNotices(before: CampaignState, after: CampaignState, now: number, opts: { leaders?: boolean } = {}): Reminder[] {
  const paused = before.status === 'active' && after.status === 'paused';
  const ended = (before.status === 'active' || before.status === 'paused') && (after.status === 'cancelled' || after.status === 'failed');
  if (!paused && !ended) return [];
  const held = stageBlocks(before);
  const byRecipient = byAddressee(before.tasks.filter((t) => !held.has(t.id)), (t) => addressees(before, recipientsNow(t)));
  const pause = after.pauses[after.pauses.length - 1];
  const reason = clause(chineseReason(paused ? (pause?.reason ?? '') : (after.finished?.reason ?? '')));
  const because = reason ? `（原因：${reason}）` : '';
  const out: Reminder[] = [];
  for (const [recipient, tasks] of byRecipient) {
    const first = findTask(after, tasks[0].id) ?? tasks[0];
    const which = tasksNamed(tasks);
    const message = paused
      ? `【活动暂停】「${after.name}」自${dateLabel(localDate(pause?.from ?? now))}起暂停${because}。暂停期间${which}不能报送或审批，期限暂停计算；恢复后期限按暂停期间的工作日数顺延，届时另行通知。`
      : after.status === 'failed'
        ? `【${campaignFailedText(after.kind)}】「${after.name}」已于${dateLabel(localDate(now))}结束${because}。${which}无需继续办理，系统不再发送提醒。`
        : `【活动终止】「${after.name}」已于${dateLabel(localDate(now))}终止${because}。${which}无需继续办理，系统不再发送提醒。`;
    out.push(noticeOf(first, `${paused ? PAUSED_NOTICE : ENDED_NOTICE}:${recipient}`, [recipient], now, message));
  }
  if (ended && opts.leaders) out.push(...leadersTold(before, after, now, because, new Set(byRecipient.keys())));
  return out;
}

/** The leadership group's leaders as an addressee (the router, or the campaign's directory, names them). */
const LEADERS = 'role:leader';

/**
 * The leaders (领导小组) are told a campaign ended — 【创建未通过】 or 【活动终止】 — even when no task waited for them
 * (runs since 'end-notices-leaders'; walkthrough: the office read 【创建未通过】, the 组长 nothing). One message each,
 * naming no task; those a live task waited for were told with it (`told`).
 *
 * A notice about the campaign, not a task (campaignNotice: its occasion `campaign-ended:<addressee>`): the router titles
 * it with the campaign's name and links the campaign's page, its subject reads 【活动终止】「<活动名称>」已终止 —
 * walkthrough: titled and linked by the campaign's first task, the 组长's mail read 【活动终止】「各单位联络员确定（县统计局）」
 * 所在创建活动已终止，无需继续办理, a unit's task they never had. The outbox keeps a task (its task_id is required): the
 * campaign's first live one, with no unit (the unit's log and robots are not the leaders').
 */
function leadersTold(before: CampaignState, after: CampaignState, now: number, because: string, told: ReadonlySet<string>): Reminder[] {
  const anchor = before.tasks.find(isLive) ?? before.tasks[0];
  if (!anchor) return [];
  const on = dateLabel(localDate(now));
  const message = after.status === 'failed'
    ? `【${campaignFailedText(after.kind)}】「${after.name}」已于${on}结束${because}。各项任务停止办理，系统不再发送提醒。`
    : `【活动终止】「${after.name}」已于${on}终止${because}。各项任务停止办理，系统不再发送提醒。`;
  return addressees(before, [LEADERS]).filter((r) => !told.has(r)).map((r) => {
    const notice = noticeOf(findTask(after, anchor.id) ?? anchor, `${CAMPAIGN_ENDED_NOTICE}:${r}`, [r], now, message);
    delete notice.unitId;
    return notice;
  });
}

/** The occasion of the leaders' 【活动终止】 / 【创建未通过】 (noticeOf's `what`, followed by its addressee): about the campaign. */
const CAMPAIGN_ENDED_NOTICE = 'campaign-ended';

/**
 * Whether a reminder's key (the outbox row's or an in-app item's dedupe key, which contain the notice's key) is a notice
 * about the campaign itself rather than its task — the leaders' 【活动终止】 / 【创建未通过】 (leadersTold): the router
 * titles it with the campaign's name, links the campaign's page and keeps no task on its item; the renderer gives it
 * the campaign's subject (「<活动名称>」已终止). The same notice built before its key said so (`ended:`) reads as before.
 */
export function campaignNotice(key: string): boolean {
  return key.includes(`|notice|${CAMPAIGN_ENDED_NOTICE}:`);
}


/**
 * 【活动恢复】: the campaign was just resumed (恢复) — everyone a live task waits for is told once (one message per
 * addressee, naming their tasks), as the 【活动暂停】 promised (「恢复后…届时另行通知」), whether or not a date moved (a
 * pause within one day moves none). When dates moved the same message gives the new ones, so that nobody also gets a
 * 【期限调整】 for the resume (runs since 'resume-notices': the workflow then asks taskNotices for no deadline moves).
 * Tasks held back by stage order (待前序环节) wait for nobody. Empty unless this change resumed a paused campaign.
 * News: it asks nothing of its reader (not callsToAct).
 */
export function resumeNotices(before: CampaignState, after: CampaignState, now: number): Reminder[] {
  if (before.status !== 'paused' || after.status !== 'active') return [];
  const held = stageBlocks(after);
  const byRecipient = byAddressee(after.tasks.filter((t) => isLive(t) && !held.has(t.id)), (t) => addressees(after, recipientsNow(t)));
  const pause = after.pauses[after.pauses.length - 1];
  const words = clause(chineseReason(pause?.resumeReason ?? ''));
  const because = words ? `（${words}）` : '';
  const when = (t: TaskState) => dateLabel(localDate(t.dueAt));
  const out: Reminder[] = [];
  for (const [recipient, tasks] of byRecipient) {
    const moved = tasks.filter((t) => findTask(before, t.id)?.dueAt !== t.dueAt);
    const dates = new Set((moved.length ? moved : tasks).map((t) => localDate(t.dueAt)));
    const one = dates.size === 1 ? when((moved.length ? moved : tasks)[0]) : '';
    const all = tasks.length > 1 ? '均' : '';
    const body = !moved.length
      ? `期限不变，${one ? `请于${one}前办理` : '请按原期限办理'}。`
      : one && moved.length === tasks.length
        ? `期限按暂停期间的工作日数顺延，${all}调整为${one}，请于${one}前办理。`
        : one
          // some of them moved (review: 「A」等N项…调整为X read as if every task were now due X)
          ? `其中${moved.length === 1 ? `「${moved[0].title}」` : `${moved.length}项任务`}的期限按暂停期间的工作日数顺延，调整为${one}；其余期限不变。请按新期限办理。`
        : `期限按暂停期间的工作日数顺延：${moved.slice(0, 3).map((t) => `「${t.title}」调整为${when(t)}`).join('；')}${moved.length > 3 ? '等' : ''}。请按新期限办理。`;
    const message = `【活动恢复】「${after.name}」已于${dateLabel(localDate(now))}恢复${because}。${tasksNamed(tasks)}可继续报送或审批，${body}`;
    out.push(noticeOf(tasks[0], `${RESUMED_NOTICE}:${recipient}`, [recipient], now, message));
  }
  return out;
}

/**
 * 【任务取消】: the office just closed a phase (结束阶段) and cancelled its live tasks — everyone those tasks waited for
 * (the unit that owed one, the signers of one already submitted) and, for one already submitted, whoever submitted it
 * (the unit, or the person of the office or the leaders) is told once (one message per addressee, naming their tasks),
 * with the reason: nothing more is to be done on them. Tasks held back by stage order (待前序环节) waited for nobody and
 * were never announced. Runs since 'close-phase-notices'. News: it asks nothing of its reader (not callsToAct).
 */
export function phaseClosedNotices(before: CampaignState, after: CampaignState, now: number): Reminder[] {
  const phase = after.phases.find((p) => p.closed && !before.phases.find((b) => b.key === p.key)?.closed);
  if (!phase?.closed?.cancelledTaskIds.length) return [];
  const held = stageBlocks(before);
  const cancelled = phase.closed.cancelledTaskIds.map((id) => findTask(before, id)).filter((t): t is TaskState => !!t && isLive(t) && !held.has(t.id));
  const byRecipient = byAddressee(cancelled, (t) => {
    const keys = addressees(before, recipientsNow(t));
    if (t.status !== 'submitted') return keys;
    // a submission waiting for its signers: its submitter learns it will not be signed
    const by = t.rounds.at(-1)?.submission.by;
    const submitter = t.owner === 'unit' && t.unitId ? `unit:${t.unitId}` : by ? `user:${by}` : undefined;
    return submitter && !keys.includes(submitter) ? [...keys, submitter] : keys;
  });
  const reason = clause(chineseReason(phase.closed.reason));
  const because = reason ? `（原因：${reason}）` : '';
  const phaseName = phaseCalled(phase.name);
  const out: Reminder[] = [];
  for (const [recipient, tasks] of byRecipient) {
    const first = findTask(after, tasks[0].id) ?? tasks[0];
    const message = `【任务取消】「${after.name}」的「${phaseName}」已由领导小组办公室结束${because}，${tasksNamed(tasks)}已取消，无需继续办理，系统不再发送提醒。`;
    out.push(noticeOf(first, `${PHASE_CLOSED_NOTICE}:${recipient}`, [recipient], now, message));
  }
  return out;
}

/**
 * 【新任务】 to a unit's newly named liaison (联络员), on a refresh of the campaign's directory (runs since
 * 'new-liaison-notices'; walkthrough: the office replaced 县统计局's liaison, the new one's 提醒 never listed the unit's
 * tasks — the start's 【新任务】 had gone to the replaced account). Each active person who is now a liaison of a unit
 * and was not before is told once, in the start's words (「A」等N项任务已下达（您已被指定为县统计局联络员）… with the due
 * dates), of every live task that now waits for that unit (报送, 重新报送 after a 退回, 确认 a joint submission); tasks
 * held back by stage order (待前序环节) wait for nobody. Whoever was a liaison already is told nothing new, and one no
 * longer a liaison nothing (the unit's later messages go to whoever holds the place then). A signer newly resolved for
 * an approval step is told by taskNotices (【待审批】), as before. Empty unless the campaign is active and knew its
 * people before the refresh. Addressed to the person (user:), keyed per person, so the inbox counts it done once none
 * of its tasks waits for them.
 */
export function liaisonNotices(before: CampaignState, after: CampaignState, now: number): Reminder[] {
  if (after.status !== 'active' || !before.directory || !after.directory) return [];
  const was = liaisonsByUnit(before.directory);
  const is = liaisonsByUnit(after.directory);
  const held = stageBlocks(after);
  // each newcomer's tasks (each once, in the campaign's order) and the units they were named for
  const told = new Map<string, { tasks: TaskState[]; units: Set<string> }>();
  for (const task of after.tasks) {
    if (!isLive(task) || held.has(task.id)) continue;
    for (const key of recipientsNow(task)) {
      if (!key.startsWith('unit:')) continue;
      const unitId = key.slice('unit:'.length);
      for (const id of is.get(unitId) ?? []) {
        if (was.get(unitId)?.has(id)) continue;
        const entry = told.get(id) ?? { tasks: [], units: new Set<string>() };
        if (!entry.tasks.includes(task)) entry.tasks.push(task);
        entry.units.add(after.catalog.units.find((u) => u.id === unitId)?.name ?? unitId);
        told.set(id, entry);
      }
    }
  }
  const out: Reminder[] = [];
  for (const [id, { tasks, units }] of told) {
    const origin = `（您已被指定为${[...units].join('、')}联络员）`;
    out.push(assignedBatchNotice(tasks.map((task) => ({ task, recipients: [`user:${id}`], origin })), `user:${id}`, now));
  }
  return out;
}

/** The active liaisons of each unit, as the directory names them. */
function liaisonsByUnit(directory: readonly { id: string; active: boolean; liaisonOf?: string[] }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const u of directory) {
    if (!u.active) continue;
    for (const unitId of u.liaisonOf ?? []) out.set(unitId, (out.get(unitId) ?? new Set<string>()).add(u.id));
  }
  return out;
}

/**
 * The addressees of a campaign-wide message, one key per person where the campaign knows its people (the sign-off
 * directory): a role (the office, the leaders) becomes its active members, so that a clerk who is also a step's named
 * signer (user:) is told once, not once as the office and once by name (review). Units stay units (their liaisons are
 * the notification directory's). Without a directory, the keys as they are.
 */
function addressees(state: CampaignState, recipients: string[]): string[] {
  const directory = state.directory;
  if (!directory) return recipients;
  // the sign-off steps' own resolution (no submission: nobody barred); a key it finds nobody for is kept, so that the
  // router still reports it as 无人接收
  const out = new Set<string>();
  for (const r of recipients) {
    const people = r.startsWith('role:') ? resolveSigners(directory, state.catalog.units, [r], undefined) : [];
    for (const a of people.length ? people : [r]) out.add(a);
  }
  return [...out];
}

/** The occasions of a 【活动暂停】 and a 【活动终止】 (noticeOf's `what`, followed by its addressee). */
const PAUSED_NOTICE = 'paused';
const ENDED_NOTICE = 'ended';
/** The occasions of a 【活动恢复】 and a 【任务取消】 of a closed phase (noticeOf's `what`, followed by its addressee). */
const RESUMED_NOTICE = 'resumed';
const PHASE_CLOSED_NOTICE = 'phase-closed';

/** The occasion of an approval's notice (noticeOf's `what`: the task's status). */
const APPROVED_NOTICE: TaskState['status'] = 'approved';
/** The occasion of a 【无人签批】 notice (noticeOf's `what`). */
const NOBODY_NOTICE = 'nobody';
/** The occasion of a 【签批人已停用】 notice (noticeOf's `what`, followed by the step's index). */
const STUCK_NOTICE = 'stuck';

/** A notice of the task as an outbox entry; `what` tells it apart from the task's other notices of the same instant. */
function noticeOf(task: TaskState, what: string, recipients: string[], now: number, message: string): Reminder {
  const round = task.rounds.length;
  const r: Reminder = { key: `${task.id}|${round}|notice|${what}@${now}`, taskId: task.id, round, level: 'notice', n: 1, at: now, dueAt: task.dueAt, recipients, message };
  if (task.unitId) r.unitId = task.unitId;
  return r;
}

/**
 * The notices a change owes: for each of `taskIds` (new or changed), the people it now waits for and did not before,
 * and the submitter of a task just approved. `before` is null for a campaign just created (every live task is new).
 */
export function taskNotices(
  before: CampaignState | null,
  after: CampaignState,
  taskIds: readonly string[],
  now: number,
  opts: { dueChanges?: boolean; stageOrder?: boolean; batchNew?: boolean; wording2?: boolean } = {},
): Reminder[] {
  // Paused or ended: nobody is asked to act. A campaign its last approval completed still tells that submitter.
  const ended = after.status === 'completed';
  if (after.status !== 'active' && !ended) return [];
  const out: Reminder[] = [];
  // 期限调整 of this change, told after the loop: once per addressee when several of their tasks moved (dueNotices)
  const moves: DueMove[] = [];
  // 新任务 of this change (opts.batchNew), told after the loop: once per addressee when several were assigned to them
  const assigned: Assignment[] = [];
  // opts.stageOrder: tasks held back (待前序环节) are told nothing until released, then 【可办理】.
  const held = opts.stageOrder && !ended ? stageBlocks(after) : undefined;
  const heldBefore = held && before ? stageBlocks(before) : new Map<string, StageWait>();
  for (const id of taskIds) {
    const task = findTask(after, id);
    if (!task || (ended && task.status !== 'approved')) continue;
    if (held?.has(id)) continue;
    if (heldBefore.has(id) && awaitsAction(task)) continue; // released: told below (【可办理】)
    const prev = before ? findTask(before, id) : undefined;
    if (task.status === 'approved') {
      if (prev?.status === 'approved') continue;
      const by = task.rounds[task.rounds.length - 1]?.submission.by;
      if (by && prev) out.push(notice(prev, task, [`user:${by}`], now));
      continue;
    }
    // A status change (submitted, returned) tells everyone the task now waits for; otherwise only newcomers (the next
    // step, a place handed over or added).
    const had = new Set(prev && prev.status === task.status ? recipientsNow(prev) : []);
    const fresh = recipientsNow(task).filter((r) => !had.has(r));
    // 新任务 (opts.batchNew): told after the loop, once per addressee (assignedNotices)
    if (fresh.length && opts.batchNew && !prev && task.status === 'open') assigned.push({ task, recipients: fresh, origin: originClause(after, task) });
    else if (fresh.length) {
      // runs since 'notice-wording-2': an objection is told as one (【异议】, not to the objector), a 加签 as one (【加签】)
      const objected = opts.wording2 && task.status === 'returned' ? objectionNotice(after, task, fresh, now) : null;
      const added = opts.wording2 && !objected ? additionNotices(after, task, fresh, now) : { told: [], rest: fresh };
      if (objected?.notice) out.push(objected.notice);
      out.push(...added.told);
      if (!objected && added.rest.length) out.push(notice(prev, task, task.status === 'returned' ? returnedTo(task, added.rest) : added.rest, now, prev ? '' : originClause(after, task), after));
    }
    // 调整期限 (opts.dueChanges: a deadline move, not a pause), or a re-plan of this change (a step it follows finished
    // early or late, replan.ts): everyone the task waits for is told the new date — a live task's date never moves unsaid.
    else if ((opts.dueChanges || replannedAt(task, now)) && prev && prev.status === task.status && prev.dueAt !== task.dueAt) {
      const all = recipientsNow(task);
      if (all.length) moves.push({ before: prev, task, recipients: addressees(after, all) });
    }
  }
  out.push(...assignedNotices(assigned, now));
  out.push(...dueNotices(moves, now));
  // Released (the step they follow is now done), whether by their own change or, mostly, by another task's.
  if (held) {
    for (const [id, wait] of heldBefore) {
      if (held.has(id)) continue;
      const task = findTask(after, id);
      if (!task || !awaitsAction(task)) continue;
      const who = recipientsNow(task);
      if (who.length) out.push(releasedNotice(task, wait, who, now));
    }
  }
  return out;
}

/** What a chased task's people are asked to do, in the notices' words. */
function urgeAct(task: TaskState): string {
  if (task.status === 'submitted') {
    const round = task.rounds[task.rounds.length - 1];
    if (round?.awaitingConfirmation?.length) return '确认';
    return round?.steps.find((s) => s.status === 'active')?.mode === 'all' ? '会签' : '审批';
  }
  if (task.external) return '登记结果';
  return task.status === 'returned' ? '修改后重新报送' : '报送';
}

/**
 * 催办 by hand (the urge command): for each of `taskIds` whose chases grew, one message of level 'urge' to the people it
 * waits for now, naming who chased it and their words. Not behind a patch: no history before the command holds a chase.
 */
export function urgeNotices(before: CampaignState | null, after: CampaignState, taskIds: readonly string[], now: number): Reminder[] {
  const out: Reminder[] = [];
  for (const id of taskIds) {
    const task = findTask(after, id);
    const urge = task?.urges?.at(-1);
    if (!task || !urge || urge.at !== now) continue;
    const prev = before ? findTask(before, id) : undefined;
    if (prev?.urges?.at(-1)?.at === urge.at) continue;
    const recipients = recipientsNow(task);
    if (!recipients.length) continue;
    const due = dateLabel(localDate(task.dueAt));
    const late = task.dueAt < now;
    const words = clause(urge.comment);
    const message = `【催办】「${task.title}」${late ? `已于${due}到期，请尽快${urgeAct(task)}` : `请于${due}前${urgeAct(task)}`}。${urge.byName}催办${words ? `：${words}。` : '。'}`;
    const round = task.rounds.length;
    const r: Reminder = { key: `${task.id}|${round}|urge|${task.urges!.length}@${now}`, taskId: task.id, round, level: 'urge', n: 1, at: now, dueAt: task.dueAt, recipients, message };
    if (task.unitId) r.unitId = task.unitId;
    out.push(r);
  }
  return out;
}

/** The key parts of the notices that ask nothing (callsToAct): per task (`@<instant>` follows) or per addressee (`:`). */
const NEWS_KEYS = [
  ...[APPROVED_NOTICE, NOBODY_NOTICE].map((n) => `|notice|${n}@`),
  ...[PAUSED_NOTICE, ENDED_NOTICE, CAMPAIGN_ENDED_NOTICE, RESUMED_NOTICE, PHASE_CLOSED_NOTICE, STUCK_NOTICE].map((n) => `|notice|${n}:`),
];
