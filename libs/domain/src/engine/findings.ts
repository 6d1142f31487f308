/**
 * Which finding opened a 整改: recording an external result (record-external-result) opens one 整改 task per finding,
 * in the findings' order, and lists their ids in `rectificationTaskIds` — the finding is the one at the 整改's place in
 * that list. Used by the 整改's first notice (notices: 问题来源) and the API's task page (campaign.mapper).
 */
import type { ExternalResult, Finding } from './campaign-state';

/** The findings part of an external result: the engine's ExternalResult and the read model's view of it (older rows may lack fields). */
export type ResultFindings = Partial<Pick<ExternalResult, 'findings' | 'rectificationTaskIds'>>;

/** The finding of `result` that opened the 整改 `rectificationId`; undefined when it opened no such 整改 (one the office opened by hand, another stage's). */
export function findingOpening(result: ResultFindings | null | undefined, rectificationId: string): Finding | undefined {
  const i = result?.rectificationTaskIds?.indexOf(rectificationId) ?? -1;
  return i < 0 ? undefined : result?.findings?.[i];
}
