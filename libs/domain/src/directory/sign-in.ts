/**
 * Why a password sign-in was refused, as the API's answer carries it (`code` beside the Chinese `message`): the
 * sign-in screen tells a mistyped password from an account stopped or locked by this code, never by the words.
 * bad-credentials: wrong username or password (401); disabled: the account was deactivated (401); locked: too many
 * failures for the username, locked for a while (429); throttled: too many attempts from one address (429).
 */
export const LOGIN_REFUSALS = ['bad-credentials', 'disabled', 'locked', 'throttled'] as const;
export type LoginRefusal = (typeof LOGIN_REFUSALS)[number];
