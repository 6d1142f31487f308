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

/** After the tasks listed (`等` when more wait than are listed): what stopping does to them and what is left to do. */
export function awaitedTail(listed: number, total: number): string {
  return `${total > listed ? '等' : ''}。停用后，多数环节会自动转给同一岗位的其他在岗人员或通知办公室指定；转交、加签给其本人的环节请在任务页转交他人。`;
}
