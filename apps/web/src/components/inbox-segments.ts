import type { InboxNeed, InboxPage } from '../api/types';
import { INBOX_NEED_LABEL } from '../labels';

export const INBOX_NEEDS: InboxNeed[] = ['submit', 'correct', 'confirm', 'approve', 'countersign', 'record'];

/** One segment of 我的待办: its filter, its words with the count, and whether it calls for attention (逾期 with items). */
export interface InboxSegment {
  value: string;
  label: string;
  alert: boolean;
}

/**
 * The segments of 我的待办 (全部, each need that has items or is chosen, 逾期) with their counts. 逾期 N is said here
 * once — in red while it holds items — and nowhere else on the screen (a red 「逾期 N」 tag beside it said it twice).
 *
 * Without counts nobody knows which needs hold items: while loading, 全部, the chosen need and 逾期 only; after a
 * failed load (`failed`: the error, no counts to show) no segments at all — the error and its 重新加载 are the screen
 * (walkthrough: every need, 确认 · 审批 · 会签 · 登记结果 too, wrapped to two lines above 加载失败 on a phone).
 */
export function inboxSegments(counts: InboxPage['counts'] | undefined, segment: string, approveLabel: string = INBOX_NEED_LABEL.approve, failed = false): InboxSegment[] {
  if (failed && !counts) return [];
  const n = (k: keyof InboxPage['counts']) => (counts ? ` ${counts[k]}` : '');
  const word = (k: InboxNeed) => (k === 'approve' ? approveLabel : INBOX_NEED_LABEL[k]);
  return [
    { value: 'all', label: `全部${n('all')}`, alert: false },
    ...INBOX_NEEDS.filter((k) => (counts ? counts[k] > 0 : false) || k === segment).map((k) => ({ value: k, label: `${word(k)}${n(k)}`, alert: false })),
    { value: 'overdue', label: `逾期${n('overdue')}`, alert: !!counts?.overdue },
  ];
}

/** The line above the list: how many items the segment holds (its 逾期 count is the segment's, not repeated here). */
export function inboxTotalText(segment: string, total: number, all: number): string {
  return `${segment === 'all' ? `共 ${total} 项` : `符合条件 ${total} 项（共 ${all} 项）`}，按截止时间排序`;
}

/**
 * What the 审批 segment is called: the word the items' cards use (签字 for a unit's 分管负责人 signing its statement,
 * 确认整改 for the inspector) when every item of that need is on the page and all of them say the same — a 分管负责人
 * read 「审批 1」 above a card saying 签字 / 去签字 (walkthrough); otherwise 审批.
 */
export function approveSegmentLabel<T extends { need: string }>(items: readonly T[], approveCount: number | undefined, label: (item: T) => string): string {
  const approving = items.filter((i) => i.need === 'approve');
  const words = new Set(approving.map(label));
  return approving.length > 0 && approving.length === approveCount && words.size === 1 ? [...words][0]! : INBOX_NEED_LABEL.approve;
}
