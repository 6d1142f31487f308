import type { ReminderEntry } from '../api/types';
import { principalLabel } from '../labels';
import { userKey } from '../principal-names';

/** Whom a logged reminder was routed to (GET …/reminders `resolved`): the people each recipient key reached, the keys that reached nobody; null until routed. */
export interface ReminderResolution {
  people: { id: string; name: string; via: string }[];
  unresolved: { key: string; reason: string }[];
}

/** A person an entry's recipients name (`user:<id>`), as the account reads now (GET …/reminders `users`). */
export interface ReminderUser {
  id: string;
  name: string;
  active: boolean;
}

/** An entry of 催办与督办记录 as the API answers it. */
export type LoggedReminder = ReminderEntry & { resolved?: ReminderResolution | null; users?: ReminderUser[] };

/** What a log entry calls the people it went to, by its level: 催办对象, 督办对象, 通知对象, else 提醒对象. */
const WHO_LABEL: Record<string, string> = { urge: '催办对象', escalation: '督办对象', notice: '通知对象' };

/**
 * Whom a 催办 / 督办 / 提醒 went to, in words: each recipient (a unit's liaisons, its 分管负责人, a role, a person) with the
 * people it reached — 「催办对象：县统计局（张三）；领导小组办公室（李四、王五）」 —, 「（无人接收）」 for one that reached
 * nobody, and the recipients alone while the entry is not yet routed (待发送). A person named by their account
 * (user:<id>, a signer) reads their name from the entry's `users` — 「郭霞（已停用，无人接收）」 when nobody was reached
 * and the account is 停用 now, not the account id. `names`: units' names as `unit:<id>` (principal-names).
 */
export function reminderRecipientsText(r: Pick<LoggedReminder, 'level' | 'recipients' | 'resolved' | 'users'>, names: Map<string, string> = new Map()): string | null {
  const accounts = new Map((r.users ?? []).map((u) => [userKey(u.id), u]));
  const people = r.resolved?.people ?? [];
  const unresolved = new Set((r.resolved?.unresolved ?? []).map((u) => u.key));
  const keys = [...r.recipients];
  for (const p of people) if (!keys.includes(p.via)) keys.push(p.via);
  const parts = keys.map((key) => {
    const reached = people.filter((p) => p.via === key).map((p) => p.name);
    const account = accounts.get(key);
    const label = account?.name ?? principalLabel(key, names);
    // a person named by the key itself (user:<id>) is their own name; not reached, they say so (and 已停用 when the account is)
    if (key.startsWith('user:')) {
      if (reached.length) return reached[0];
      return r.resolved && unresolved.has(key) ? `${label}（${account && !account.active ? '已停用，' : ''}无人接收）` : label;
    }
    // an account named after its unit (县交通运输局) read 「县交通运输局（县交通运输局）」: the unit once
    if (reached.length === 1 && reached[0] === label) return label;
    if (reached.length) return `${label}（${reached.join('、')}）`;
    return r.resolved && unresolved.has(key) ? `${label}（无人接收）` : label;
  });
  if (!parts.length) return null;
  return `${WHO_LABEL[r.level] ?? '提醒对象'}：${parts.join('；')}`;
}
