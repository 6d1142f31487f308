import type { Candidate, Task, TaskDetailView } from '../api/types';
import { labelOf, ROLE_LABEL } from '../labels';
import { principalNames, type PrincipalNames } from '../principal-names';

/** A 转交 / 加签 candidate as the list reads it: 姓名（单位） or 姓名（角色）; a unit's account named as the unit, its name alone. */
export function candidateLabel(u: Candidate): string {
  const where = u.unitName ?? u.roles.map((r) => labelOf(ROLE_LABEL, r)).join('、');
  return where && where !== u.name ? `${u.name}（${where}）` : u.name;
}

/** People the task itself names (deciders, added and transferred signers, submitters): person id → 姓名. */
export function namesInTask(t: Task): Map<string, string> {
  const m = new Map<string, string>();
  const put = (id: string | null | undefined, name: string | null | undefined) => {
    if (!id || !name) return;
    m.set(id.startsWith('user:') ? id.slice(5) : id, name);
  };
  for (const s of [...t.steps, ...t.rounds.flatMap((r) => r.steps)]) {
    for (const d of s.decisions) {
      put(d.by, d.byName);
      if (d.as.startsWith('user:')) put(d.as, d.byName);
    }
    for (const a of s.added) put(a.userId, a.userName);
    for (const x of s.transfers) put(x.to, x.toName);
  }
  for (const r of t.rounds) put(r.submission.by, r.submission.byName);
  return m;
}

/**
 * The task page's names, people and units apart (principal-names: a unit id equal to a username reads the unit): the
 * accounts the reader may list (user id → 姓名), then the ones the API names for the task (`user:` / `unit:` keys),
 * then the people the task itself names.
 */
export function taskPageNames(accounts: Map<string, string>, t: TaskDetailView | undefined): PrincipalNames {
  const api = Object.entries(t?.names ?? {});
  const under = (prefix: string) => api.filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v] as const);
  return principalNames([{ people: accounts }, { people: under('user:'), units: under('unit:') }, { people: t ? namesInTask(t) : [] }]);
}
