import type { ReminderProblemCode } from '@eco/domain';

/**
 * What the office can do about a reminder that reached nobody (无人接收的提醒), by why it did — the API's `code`, never
 * the reason's words: a unit without a liaison gets one named in 用户与单位; a step whose own signer is deactivated (停用)
 * is handed to someone in post by 转交 on its task page, or the account is enabled again; a person without an e-mail
 * address fills one in 提醒设置.
 */
export const PROBLEM_ADVICE: Record<ReminderProblemCode, string> = {
  'no-liaison': '请在「用户与单位」中为该单位指定在岗联络员',
  'no-responsible-leader': '请在「用户与单位」中为该单位指定在岗分管负责人',
  'no-role-user': '请在「用户与单位」中为相应角色设置在岗人员',
  // a person's own key: a step's signer, or a submitter told of an approval or a return (review) — said for both
  'user-inactive': '接收人账号已停用：如其有待签批的环节，请在任务页转交给在岗人员，或在「用户与单位」中重新启用该账号',
  'user-not-found': '接收人账号不存在：如其有待签批的环节，请在任务页转交给在岗人员',
  'unknown-recipient': '接收人无法识别：请联系系统管理员核查',
  'no-email': '请本人在「提醒设置」中填写邮箱（站内提醒照常）',
};

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
