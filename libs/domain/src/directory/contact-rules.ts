/**
 * The shapes of what a person types about themselves or an account — one rule each, checked by the API's DTOs and by
 * the screens' forms before sending (the screens say it in Chinese under the field; the server still decides).
 */

/** A login name (also the account id): 2–64 lower-case letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Why a login name was refused, in the words the form and the API's 400 say. */
export const USERNAME_RULE_ZH = '用户名须为 2–64 位小写字母、数字或 . _ -，以字母或数字开头';

/** An account's phone number for contact (电话): 5–20 digits, spaces or dashes, an optional leading `+`. */
export const PHONE_PATTERN = /^\+?[0-9 -]{5,20}$/;

/** Why a phone number was refused, in the words the form and the API's 400 say. */
export const PHONE_RULE_ZH = '电话号码格式不正确，应为 5–20 位数字（可含 + - 和空格）';

/**
 * A mobile number reminders are sent to (SMS, @ in a work group): a mainland mobile, 11 digits starting with 1, with an
 * optional +86 / 86 in front. (It was any 6–15 digits: 「1380013」 was accepted and no SMS or @ could ever reach it.)
 */
export const MOBILE_PATTERN = /^(?:\+?86)?1\d{10}$/;

/** Why a mobile number was refused, in the words the form and the API's 400 say. */
export const MOBILE_RULE_ZH = '手机号格式不正确，应为11位中国大陆手机号码（以1开头），例如 13800138000';

/** A mobile number as typed (`138 0000-0000`) in the form MOBILE_PATTERN checks and the server keeps: spaces and dashes dropped. */
export function compactMobile(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/**
 * A new password's length (own change, office reset, account creation): the API's password policy and its DTOs, and the
 * web's forms (which said 8 by hand), read these.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
/** 「密码至少 8 位」 */
export const PASSWORD_MIN_ZH = `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
