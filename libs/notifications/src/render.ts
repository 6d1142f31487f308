/**
 * What people read: one message per batch of items (a day's digest, or the urgent items due at one moment), rendered
 * for each channel — e-mail (Chinese subject, plain text + HTML), DingTalk markdown, WeCom text, SMS template params.
 * Pure. Dates are Beijing time, `2027年3月5日（周五）` (the domain's timezone helper).
 */
import { beijingDateZh, beijingWallClock, campaignNotice, campaignNoun, campaignsNoun, leadingOfficeName, NEWS_NOTICE_LABELS, newsNoticeLabel, noticeLabel, REMINDER_LEVEL_LABEL } from '@eco/domain';

export interface MessageItem {
  campaignId: string;
  campaignName?: string | null;
  /**
   * Its campaign's kind (creation / consolidation): what its words call the campaign (所在创建活动 / 所在活动) and who
   * signs the message (the domain's campaignNoun, leadingOfficeName). Older payloads, tests: absent, read as creation.
   */
  campaignKind?: string | null;
  taskId: string | null;
  title: string;
  unitName?: string | null;
  level: string;
  kind: 'reminder' | 'unresolved';
  message: string;
  dueAt: number | null;
  link: string | null;
  /**
   * Its key (the in-app item's), which names a notice's occasion: a notice about the campaign itself (the domain's
   * campaignNotice: the leaders' 【活动终止】), titled by the campaign's name, has the campaign's subject. Older payloads,
   * tests: absent.
   */
  dedupeKey?: string | null;
  /**
   * How many tasks it names: a 【新任务】 or 【期限调整】 of several (title 「<the first>等N项任务」, the domain's
   * reminderTitle) counts as N in a subject's and the SMS's count. Absent: one.
   */
  tasks?: number;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** DingTalk markdown body (title + text). */
  markdown: string;
  /** Short single-paragraph form (WeCom text, SMS). */
  short: string;
  /**
   * The SMS template's count: how many of its tasks ask the reader to act (askingItems), as the subject counts them; a
   * message of news only counts its items (a template reading 「您有{count}项…」 must not say 0项 — review).
   */
  count: number;
}

/** `2027年3月5日（周五）` in Beijing time. */
export function formatDateZh(ms: number): string {
  return beijingDateZh(ms);
}

/** `2027年3月5日（周五）18:00` in Beijing time. */
export function formatDateTimeZh(ms: number): string {
  const d = beijingWallClock(ms);
  return `${formatDateZh(ms)}${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** A message's level in words: the domain's reminder levels, and 无人接收 (a reminder that reached nobody, to the office). */
export const LEVEL_LABELS: Record<string, string> = { ...REMINDER_LEVEL_LABEL, unresolved: '无人接收' };

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}


/**
 * What a notice's subject says happened, by the label its message opens with (【退回】…, the domain's notice words): a
 * 退回, a 期限调整 and an 已通过 must not read alike in an inbox. A label not listed keeps the generic 「…」需要您处理.
 */
const NOTICE_SUBJECTS = {
  退回: '请修改后重新报送',
  已通过: '已审批通过',
  已办结: '已办结',
  期限调整: '截止日期已调整',
  新任务: '已下达，请按期报送',
  待办: '待您办理',
  可办理: '前序环节已完成，可以办理',
  待审批: '待您审批',
  待会签: '待您会签',
  待签字: '待您签字确认',
  待确认: '待您确认',
  待确认整改: '待您核查并确认整改',
  无人签批: '暂无可签批人员，请指定',
  签批人已停用: '仍在等待已停用的签批人，请转交',
  活动暂停: '所在创建活动已暂停',
  活动恢复: '所在创建活动已恢复，可继续办理',
  活动终止: '所在创建活动已终止，无需继续办理',
  创建未通过: '创建未通过，无需继续办理',
  活动未通过: '所在活动未通过，无需继续办理',
  任务取消: '已取消，无需继续办理',
} as const satisfies Record<string, string>;
type NoticeLabel = keyof typeof NOTICE_SUBJECTS;

/**
 * What a notice about the campaign itself says happened (campaignNotice: the leaders' 【活动终止】 / 【创建未通过】, its
 * title the campaign's name): 【活动终止】「<活动名称>」已终止 — not the per-task 「…」所在创建活动已终止，无需继续办理
 * (walkthrough: the 组长's subject named a unit's task they never had).
 */
const CAMPAIGN_NOTICE_SUBJECTS: Partial<Record<NoticeLabel, string>> = {
  活动终止: '已终止',
  创建未通过: '创建未通过',
  活动未通过: '未通过',
};

/** The words above name the campaign of a creation campaign (所在创建活动): the item's campaign's own noun (campaignNoun). */
const CREATION_NOUN = '创建活动';

/** Whether an item is a notice about its campaign, not a task (the domain's campaignNotice over its key). */
function aboutCampaign(i: MessageItem): boolean {
  return i.kind === 'reminder' && i.level === 'notice' && !!i.dedupeKey && campaignNotice(i.dedupeKey);
}

/** What a notice labelled `label` says happened, in the subject: the campaign's words for a notice about it, else the task's. */
function subjectWords(i: MessageItem, label: string): string | undefined {
  const words = aboutCampaign(i) ? CAMPAIGN_NOTICE_SUBJECTS[label as NoticeLabel] : (NOTICE_SUBJECTS as Record<string, string>)[label];
  return words?.replace(CREATION_NOUN, campaignNoun(i.campaignKind));
}

/** The notices that only report (the domain's NEWS_NOTICE_LABELS) each have a subject above: checked by the compiler. */
const NEWS_HAVE_SUBJECTS: readonly NoticeLabel[] = NEWS_NOTICE_LABELS;
void NEWS_HAVE_SUBJECTS;

/**
 * What happened, for an item of a notice that only reports (已通过, 任务取消…): its item is labelled so (not 【待办通知】)
 * and shows no 截止 date (the work is done, cancelled or stopped — walkthrough: the liaison's 【已通过】 mail read
 * 「1. 【待办通知】… 截止：…」); its words are 详情, not 办理. Null for any other item.
 */
function news(i: MessageItem): string | null {
  return i.kind === 'reminder' ? newsNoticeLabel(i.level, i.message) : null;
}

/**
 * What a notice that asks something is (新任务, 退回, 待审批, 期限调整…): the label its message opens with, when it is one
 * a subject is worded for (NOTICE_SUBJECTS) — walkthrough: a 【新任务】 mail listed its item as 【待办通知】. Null for
 * any other item, and for a notice of a label not known (it stays 待办通知).
 */
function noticeKind(i: MessageItem): string | null {
  if (i.kind !== 'reminder' || i.level !== 'notice') return null;
  const label = noticeLabel(i.message);
  return label && label in NOTICE_SUBJECTS ? label : null;
}

/** An item's label in a message: 无人接收, what happened (news), what a notice is (noticeKind), or its level (已逾期, 催办…). */
function itemLabel(i: MessageItem): string {
  if (i.kind === 'unresolved') return LEVEL_LABELS.unresolved;
  return news(i) ?? noticeKind(i) ?? LEVEL_LABELS[i.level] ?? i.level;
}

/**
 * The deadline an item shows, in `said`'s words (`at` formats the date), or '': none for news (the work is over, or
 * its dates stand still while paused) nor for an item without a date.
 */
function dueSaid(i: MessageItem, said: (date: string) => string, at: (ms: number) => string = formatDateTimeZh): string {
  return news(i) || i.dueAt === null ? '' : said(at(i.dueAt));
}

/**
 * The subject of a message of several notices that only report: 「A」等N项任务 and what happened when they share a
 * label (【已通过】「A」等2项任务已审批通过), else that they have news — not 【待办通知】…需要您处理. Null otherwise.
 */
function newsSubject(items: MessageItem[]): string | null {
  if (items.length < 2) return null;
  const labels = new Set(items.map(news));
  if (labels.has(null)) return null;
  const [label] = [...labels] as string[];
  // several campaigns ended (notices about each campaign): 「A」等N项创建活动已终止 (活动 when one is not a creation
  // campaign); with tasks' news, N项事项
  const campaigns = items.filter(aboutCampaign).length;
  // (the same words of each: 所在创建活动 and 所在活动 do not make one subject)
  const what = labels.size === 1 && (campaigns === 0 || campaigns === items.length) && new Set(items.map((i) => subjectWords(i, label))).size === 1 ? subjectWords(items[0], label) : undefined;
  const things = campaigns === items.length ? campaignsNoun(items.map((i) => i.campaignKind)) : campaigns ? '事项' : '任务';
  const n = campaigns ? items.length : taskCount(items);
  return what ? `【${label}】「${firstTitle(items[0])}」等${n}项${things}${what}` : `【进展通知】${n}项${things}有新进展`;
}

/** A single notice's subject: its own label and what happened (【退回】「…」请修改后重新报送), or null when its label is unknown. */
function noticeSubject(i: MessageItem): string | null {
  const label = noticeLabel(i.message);
  const what = label ? subjectWords(i, label) : undefined;
  return what ? `【${label}】${quoted(i)}${what}` : null;
}

/** How many tasks items name (an item of several tasks counts each: tasks). */
function taskCount(items: readonly MessageItem[]): number {
  return items.reduce((n, i) => n + Math.max(1, i.tasks ?? 1), 0);
}

/**
 * An item's title in a subject: 「A」, or for an item of several tasks 「A」等N项任务 — the quote closes after the first
 * task's title (walkthrough: 「…（县统计局）等2项任务」 read as one title).
 */
function quoted(i: MessageItem): string {
  const first = firstTitle(i);
  return `「${first}」${i.title.slice(first.length)}`;
}

/** The first task's title of an item (without 等N项任务). */
function firstTitle(i: MessageItem): string {
  const n = i.tasks ?? 1;
  const tail = `等${n}项任务`;
  return n > 1 && i.title.endsWith(tail) ? i.title.slice(0, -tail.length) : i.title;
}

/**
 * An item as it reads when its message goes, its task's deadline `dueAt` now (read at send time): a message held
 * overnight must not show a date the office moved meanwhile (walkthrough: item 1 read 截止 12月21日 for a task moved to
 * 12月28日). Its 截止 shows the current date; words that state the date it was written with (「请于…前报送」) keep them
 * and say the date moved, naming the task (`taskTitle`: a 【新任务】 of several tasks states several dates). News keeps
 * its words (it shows no 截止); an unknown date (null) changes nothing.
 */
export function atCurrentDue(i: MessageItem, dueAt: number | null, taskTitle: string = i.title): MessageItem {
  if (dueAt === null || i.dueAt === dueAt || news(i)) return i;
  const was = i.dueAt === null ? null : formatDateZh(i.dueAt);
  const stale = was !== null && was !== formatDateZh(dueAt) && i.message.includes(was);
  return { ...i, dueAt, message: stale ? `${i.message}〔「${taskTitle}」的截止日期已调整为${formatDateZh(dueAt)}〕` : i.message };
}

/** The subject of items that ask for something: a single notice's own (【退回】「…」请修改后重新报送), else the level's and a count. */
function actSubject(items: MessageItem[]): string {
  const level = items.some((i) => i.kind === 'unresolved') ? '无人接收' : items.some((i) => i.level === 'escalation') ? '督办' : items.some((i) => i.level === 'urge') ? '催办' : items.every((i) => i.level === 'notice') ? '待办通知' : '逾期催办';
  return (
    (items.length === 1 && items[0].kind === 'reminder' && items[0].level === 'notice' ? noticeSubject(items[0]) : null) ??
    `【${level}】${items.length === 1 ? quoted(items[0]) : `${taskCount(items)}项任务`}需要您处理`
  );
}

/**
 * The items of a message that ask their reader to act — not news (已通过, 任务取消…): what a message counts as its tasks,
 * the e-mail subject (「N项任务需要您处理；另有M项任务有新进展」) and the SMS's count alike.
 */
export function askingItems(items: MessageItem[]): MessageItem[] {
  return items.filter((i) => !news(i));
}

/**
 * An urgent message's subject. What it asks counts only the items that ask something (askingItems) —
 * walkthrough: 「3项任务需要您处理」 over one 新任务 and two 【已通过】; news beside them is said after
 * (「；另有N项任务有新进展」); a message of news only says what happened (newsSubject, or a single notice's own).
 */
function urgentSubject(items: MessageItem[]): string {
  const acts = askingItems(items);
  if (!acts.length) return newsSubject(items) ?? actSubject(items);
  const more = taskCount(items) - taskCount(acts);
  return `${actSubject(acts)}${more ? `；另有${more}项任务有新进展` : ''}`;
}

export function renderMessage(kind: 'digest' | 'urgent', items: MessageItem[], sendAt: number, recipientName: string): RenderedMessage {
  // what asks first, by date, then the news (the head counts what asks: 「以下2项事项需要您尽快处理」 over the first two)
  const sorted = [...items].sort((a, b) => Number(!!news(a)) - Number(!!news(b)) || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  const subject =
    kind === 'digest'
      ? `【每日待办提醒】${formatDateZh(sendAt)} 您有${taskCount(sorted)}项任务${sorted.some((i) => i.level === 'red') ? '待办（含逾期）' : '即将到期'}`
      : urgentSubject(sorted);
  // What an urgent message asks: notices that only report (已通过, 任务取消, 活动终止…) 「有新进展，请您知悉」; other notices
  // (新任务, 退回, 待审批, 期限调整…) are news to act on by their date, 「请您及时查看并按期办理」; 催办, overdue and 督办
  // 「需要您尽快处理」. One item is not counted (「以下1项事项」 beside a subject naming 「…等2项任务」 read as a contradiction).
  const notice = (i: MessageItem) => i.kind === 'reminder' && i.level === 'notice';
  // Counted as the subject counts (askingItems; walkthrough: 「【催办】2项任务需要您处理；另有1项任务有新进展」 above
  // 「以下3项事项需要您尽快处理」, one of them an 【已通过】): beside news, which items ask and which are news, by number
  // (「以下第1—2项需要您尽快处理；第3项为任务新进展，请您知悉」 — an item may name several tasks: 「…等2项任务已下达」).
  const acts = askingItems(sorted);
  const more = sorted.length - acts.length;
  const asks = !acts.length ? '有新进展，请您知悉' : acts.every(notice) ? '请您及时查看并按期办理' : '需要您尽快处理';
  const span = (from: number, to: number) => (from === to ? `第${from}项` : `第${from}—${to}项`);
  const urgentHead =
    acts.length && more
      ? `以下${span(1, acts.length)}${asks}；${span(acts.length + 1, sorted.length)}为任务新进展，请您知悉。`
      : `以下${sorted.length > 1 ? `${sorted.length}项` : ''}事项${asks}。`;
  const head = `${recipientName || '您好'}${recipientName ? '，您好' : ''}：${kind === 'digest' ? `以下${sorted.length}项任务${sorted.some((i) => i.level === 'red') ? '已逾期或' : ''}即将到期，请按时办理。` : urgentHead}`;
  // Which campaign(s) the message is about (a person working in two campaigns reads the same task words from each): the
  // first line names it; a message of several campaigns names each item's too.
  const campaigns = [...new Set(sorted.map((i) => i.campaignName).filter((n): n is string => !!n))];
  // 所属活动 (a 巩固提升 campaign is no 创建活动)
  const about = campaigns.length ? `所属活动：${campaigns.map((n) => `「${n}」`).join('、')}` : '';
  const ofCampaign = (i: MessageItem) => (campaigns.length > 1 && i.campaignName ? `〔${i.campaignName}〕` : '');
  // News (已通过, 任务取消…) is labelled by what happened, has no 截止 and tells 详情 (an approval's comment in its words);
  // a 无人接收 says what to do by why it happened in its own words (REMINDER_PROBLEM_ADVICE, put there when routed).
  const words = (i: MessageItem) => `${news(i) ? '详情' : '办理'}：${i.message}`;
  const lines = sorted.map((i, k) => {
    const due = dueSaid(i, (d) => `截止：${d}`);
    return [`${k + 1}. 【${itemLabel(i)}】${i.title}${i.unitName ? `（${i.unitName}）` : ''}${ofCampaign(i)}`, due, words(i), i.link ? `链接：${i.link}` : '']
      .filter(Boolean)
      .join('\n   ');
  });
  // signed by the office of the campaigns' kind (a 巩固提升 campaign's is no 创建工作领导小组)
  const footer = `—— ${leadingOfficeName(sorted.map((i) => i.campaignKind))}（系统自动发送，请勿回复）`;
  const text = [...(about ? [about] : []), head, '', ...lines, '', footer].join('\n');
  const html = [
    ...(about ? [`<p><b>${esc(about)}</b></p>`] : []),
    `<p>${esc(head)}</p>`,
    // One row per item, its facts on stacked lines (a six-column grid was unreadable at 390 px; the 单位 column was
    // always empty — a liaison's items are their own unit's, an 无人接收 names the unit in its words).
    '<table role="presentation" width="100%" cellpadding="8" cellspacing="0" style="border-collapse:collapse;max-width:640px;width:100%">',
    ...sorted.map(
      (i, k) =>
        `<tr><td style="border-top:1px solid #ddd;line-height:1.6;word-break:break-all">` +
        `<div><b>${k + 1}. 【${esc(itemLabel(i))}】${i.link ? `<a href="${esc(i.link)}">${esc(i.title)}</a>` : esc(i.title)}</b>${esc(i.unitName ? `（${i.unitName}）` : '')}${esc(ofCampaign(i))}</div>` +
        `${dueSaid(i, (d) => `<div>截止：${esc(d)}</div>`)}<div>${esc(words(i))}</div></td></tr>`,
    ),
    '</table>',
    `<p style="color:#888">${esc(footer)}</p>`,
  ].join('\n');
  const markdown = [
    `#### ${subject}`,
    ...(about ? [about] : []),
    // A notice's words are its news (退回 and why, 待您审批): the group sees them; a reminder's words repeat the title.
    ...sorted.map((i, k) => `${k + 1}. **${itemLabel(i)}** ${i.link ? `[${i.title}](${i.link})` : i.title}${i.unitName ? `（${i.unitName}）` : ''}${dueSaid(i, (d) => `，截止 ${d}`)}${(i.level === 'notice' || i.level === 'urge') && i.kind === 'reminder' ? `\n   ${i.message}` : ''}`),
  ].join('\n\n');
  // A 催办 by hand carries who chased it and their words (its message names the task): an SMS says them too.
  const short = `${subject}：${sorted.map((i) => (i.level === 'urge' && i.kind === 'reminder' ? i.message : `${i.title}${dueSaid(i, (d) => `（截止${d}）`, formatDateZh)}`)).join('；')}`;
  return { subject, text, html, markdown, short, count: taskCount(acts) || taskCount(sorted) };
}
