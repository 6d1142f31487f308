import { REMINDER_PROBLEM_ADVICE, type ReminderProblemCode } from '@eco/domain';

/**
 * What the office can do about a reminder that reached nobody (无人接收的提醒), by why it did — the API's `code`, never
 * the reason's words: a unit without a liaison gets one named in 用户与单位; a step whose own signer is deactivated (停用)
 * is handed to someone in post by 转交 on its task page, or the account is enabled again; a person without an e-mail
 * address fills one in 提醒设置.
 */
/** The domain's advice by code (REMINDER_PROBLEM_ADVICE): the office's 【无人接收】 message says the same. */
export const PROBLEM_ADVICE: Record<ReminderProblemCode, string> = REMINDER_PROBLEM_ADVICE;

/** An answer without a known code (an older server): the advice the card always gave. */
const GENERIC = '请在「用户与单位」中指定在岗联络员，或请本人在「提醒设置」中填写邮箱';

/** The advice for one problem. */
export function problemAdvice(code: string | undefined): string {
  return (code && (PROBLEM_ADVICE as Record<string, string>)[code]) || GENERIC;
}

/** The card's head: how many reminders reached nobody, then what to do about each kind listed, once each, in order. */
export function problemsHead(problems: { code?: string }[]): string {
  const advice = [...new Set(problems.map((p) => problemAdvice(p.code)))];
  return `${problems.length} 条提醒未能送达指定人员。${advice.map((a) => `${a}。`).join('')}`;
}
