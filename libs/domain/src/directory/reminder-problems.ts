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
