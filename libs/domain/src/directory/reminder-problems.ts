/**
 * Why a reminder reached nobody, or reached someone only in part (无人接收的提醒: notification_problems.code) — one list
 * for the recipient resolver and router that write them, the API that answers them and the screen that advises by them
 * (the advice follows the code, never the words of the reason).
 */
export const REMINDER_PROBLEM_CODES = [
  /** `unit:<id>`: the unit has no active liaison (联络员). */
  'no-liaison',
  /** `unit-leader:<id>`: the unit has no active responsible leader (分管负责人). */
  'no-responsible-leader',
  /** `role:<role>`: the organization has no active user of the role. */
  'no-role-user',
  /** `user:<id>`: the person (a step's own signer) is deactivated (停用). */
  'user-inactive',
  /** `user:<id>`: no such account in the organization's directory. */
  'user-not-found',
  /** A recipient key the resolver does not know. */
  'unknown-recipient',
  /** The person was reached, but e-mail is on for them without an address: the e-mail was not sent. */
  'no-email',
] as const;
export type ReminderProblemCode = (typeof REMINDER_PROBLEM_CODES)[number];

/**
 * What the office can do about a reminder that reached nobody, by why (the code, never the reason's words): a unit without
 * a liaison gets one named in 用户与单位; a person deactivated (a step's signer, or a submitter told of an approval or a
 * return) — their steps handed over by 转交, or the account enabled again; a person without an e-mail address fills one
 * in 提醒设置. The screen's 无人接收的提醒 card and the office's 【无人接收】 message say the same.
 */
export const REMINDER_PROBLEM_ADVICE: Record<ReminderProblemCode, string> = {
  'no-liaison': '请在「用户与单位」中为该单位指定在岗联络员',
  'no-responsible-leader': '请在「用户与单位」中为该单位指定在岗分管负责人',
  'no-role-user': '请在「用户与单位」中为相应角色设置在岗人员',
  'user-inactive': '接收人账号已停用：如其有待签批的环节，请在任务页转交给在岗人员，或在「用户与单位」中重新启用该账号',
  'user-not-found': '接收人账号不存在：如其有待签批的环节，请在任务页转交给在岗人员',
  'unknown-recipient': '接收人无法识别：请联系系统管理员核查',
  'no-email': '请本人在「提醒设置」中填写邮箱（站内提醒照常）',
};
