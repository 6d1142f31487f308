import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_ZH } from '@eco/domain';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** Password rules for new passwords (own change, office reset, account creation). Returns every broken rule. */

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const chars = [...password.normalize('NFC')];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`${PASSWORD_MIN_ZH} (password must be at least ${PASSWORD_MIN_LENGTH} characters)`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`密码最多 ${PASSWORD_MAX_LENGTH} 位 (password must be at most ${PASSWORD_MAX_LENGTH} characters)`);
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name && (lower.includes(name) || lower === [...name].reverse().join(''))) problems.push('密码不能包含用户名 (password must not contain the username)');
  if (chars.length >= PASSWORD_MIN_LENGTH && new Set(chars).size < 3) problems.push('密码过于简单 (password must use at least 3 different characters)');
  return problems;
}
