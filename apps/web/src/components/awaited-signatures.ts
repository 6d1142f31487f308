import type { AwaitedTasks } from '../api/types';
import { beijingDate } from '../format';

type Awaited = AwaitedTasks['items'][number];

/** `《任务》（活动名称，截止 2027-03-05）` — one awaited task as the 停用 confirmation names it. */
export function awaitedItemText(t: Awaited): string {
  return `《${t.title}》（${t.campaignName}${t.dueAt ? `，截止 ${beijingDate(t.dueAt)}` : ''}）`;
}

/** The lead of the 停用 confirmation's notice: how many tasks wait for this person's own signature. */
export function awaitedLead(total: number): string {
  return `该用户有${total}项正在等待其签批的事项：`;
}

/**
 * What stopping does to the steps waiting for this person's own signature, and what is left to do — said once in the
 * 停用 confirmation, with those tasks (the paragraph above says what stopping does to the account only).
 */
export const AWAITED_EXPLANATION = '停用后，等待其签批的环节多数会自动转给同一岗位的其他在岗人员，无人可签时通知领导小组办公室指定；转交、加签给其本人的环节请在任务页转交他人。';

/** After the tasks listed (`等` when more wait than are listed): what stopping does to them and what is left to do. */
export function awaitedTail(listed: number, total: number): string {
  return `${total > listed ? '等' : ''}。${AWAITED_EXPLANATION}`;
}

/** The awaited tasks could not be read: what stopping does to any awaited signature is still said. */
export const AWAITED_UNREAD = `未能读取该用户正在等待签批的事项。${AWAITED_EXPLANATION}`;
