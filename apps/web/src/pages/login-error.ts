import type { LoginRefusal } from '@eco/domain';
import { ApiError, errorText } from '../api/client';

/**
 * What the sign-in screen says when signing in fails, by the API's refusal code (never by its words): a wrong name or
 * password (bad-credentials) asks to type them again; anything else — 账号已停用, locked for some minutes, no network —
 * is said in the server's own words or the client's.
 */
export function loginErrorText(e: unknown): string {
  return e instanceof ApiError && e.code === ('bad-credentials' satisfies LoginRefusal) ? '用户名或密码错误，请重新输入' : errorText(e);
}
