/**
 * 催办 once per task per hour (the domain's rule, which the API enforces with a 409 naming the last chase): the page
 * says so before the click and offers no 催办 until the hour is over.
 */
import { URGE_INTERVAL_MS, taskFactsFromView, urgeReachesOthers, type Actor } from '@eco/domain';
import type { Task, WaitingPlace } from '../api/types';
import { chineseReason } from '../api/client';
import { fmtDateTime } from '../format';

export { URGE_INTERVAL_MS };

/**
 * Why 催办 is not offered now — the last chase is under an hour old: when and by whom, and from when it is offered
 * again (Beijing time) — or null when it is.
 */
export function urgeWait(lastUrge: { byName: string; at: string } | undefined, now: number = Date.now()): { reason: string; short: string; until: number } | null {
  if (!lastUrge) return null;
  const until = Date.parse(lastUrge.at) + URGE_INTERVAL_MS;
  if (!(now < until)) return null;
  // the time alone on the same day; the date too when the hour runs past midnight (Beijing time)
  const at = fmtDateTime(until);
  const again = `同一任务1小时内只能催办一次，${at.slice(0, 10) === fmtDateTime(now).slice(0, 10) ? at.slice(-5) : at}后可再催办`;
  // `short`: beside the disabled button (the 待处理 column is narrow); `reason`: in its tooltip and the dialog
  return { reason: `上次催办：${fmtDateTime(lastUrge.at)}，${lastUrge.byName}。${again}`, short: again, until };
}

/** The API's refusal of a 催办 the task only waits for the chaser for (the office's own tasks, for the office). */
export const URGE_SELF = '该任务正等待您本人（或您所在的办公室、领导）办理，无需催办';

/**
 * 催办所选: the selected tasks that may be chased now; those chased within the hour (each with when it may be chased
 * again); and those that wait only for the chaser (`own`: the domain's urgeReachesOthers, the rule the API refuses
 * with a 409) — said before sending, not learnt from one 409 per task afterwards.
 */
export function urgeSplit<T extends Task>(tasks: readonly T[], actor: Pick<Actor, 'id' | 'roles'> | null, now: number = Date.now()): { ready: T[]; waiting: { task: T; short: string }[]; own: T[] } {
  const ready: T[] = [];
  const waiting: { task: T; short: string }[] = [];
  const own: T[] = [];
  for (const t of tasks) {
    const wait = urgeWait(t.urges?.at(-1), now);
    if (actor && !urgeReachesOthers(taskFactsFromView({ ...t, status: t.engineStatus }), actor)) own.push(t);
    else if (wait) waiting.push({ task: t, short: wait.short });
    else ready.push(t);
  }
  return { ready, waiting, own };
}

/**
 * Who a 催办 reaches, said in the dialog before sending: each place with its people (县统计局（王敏）), and the places
 * nobody would receive it at, with why (a unit whose only liaison was 停用) — the router then files it as 无人接收.
 * Without `places` (an API that does not list them): the places alone, as before.
 */
export function urgeAudience(waiting: readonly string[], places: readonly WaitingPlace[] | undefined, label: (key: string) => string): { to: string; nobody: { place: string; why: string }[] } {
  if (!places) return { to: waiting.map(label).join('、'), nobody: [] };
  const to = places.filter((p) => p.people.length).map((p) => {
    // a person waited for by name, or an account named as its unit: said once, not 县卫生健康局（县卫生健康局）
    const place = label(p.key);
    const others = p.people.filter((n) => n !== place);
    return others.length ? `${place}（${others.join('、')}）` : place;
  });
  const nobody = places.filter((p) => !p.people.length).map((p) => ({ place: label(p.key), why: chineseReason(p.unresolved ?? '无在岗人员') }));
  return { to: to.join('、'), nobody };
}
