import type { Candidate, Task } from '../api/types';
import { labelOf, ROLE_LABEL } from '../labels';

/** A 转交 / 加签 candidate as the list reads it: 姓名（单位） or 姓名（角色）; a unit's account named as the unit, its name alone. */
export function candidateLabel(u: Candidate): string {
  const where = u.unitName ?? u.roles.map((r) => labelOf(ROLE_LABEL, r)).join('、');
  return where && where !== u.name ? `${u.name}（${where}）` : u.name;
}

/** Names the task itself carries (deciders, added and transferred signers, submitters), keyed by `user:<id>` and id. */
export function namesInTask(t: Task): Map<string, string> {
  const m = new Map<string, string>();
  const put = (id: string | null | undefined, name: string | null | undefined) => {
    if (!id || !name) return;
    const bare = id.startsWith('user:') ? id.slice(5) : id;
    m.set(bare, name);
    m.set(`user:${bare}`, name);
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
