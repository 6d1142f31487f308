import { campaignGoesOn } from '@eco/domain';
import type { CampaignSummary } from '../api/types';
import { beijingDate } from '../format';
import { CAMPAIGN_STATUS } from '../labels';
import { newCampaignWords } from './new-campaign-words';

/**
 * What 发起创建活动 reads of the campaigns the reader sees (GET /api/campaigns) — an administrator's or a supervising
 * office's list holds other organizations' too, and its items carry no organization: which county runs one is not known
 * here, so the warning names none (不说「本县」).
 */
export type ListedCampaign = Pick<CampaignSummary, 'id' | 'name' | 'templateId' | 'kind' | 'status' | 'paused' | 'startAt' | 'createdAt'>;

const startOf = (c: ListedCampaign): string | null | undefined => c.startAt ?? c.createdAt;

/**
 * The listed campaigns on the chosen plan that have not ended (进行中 or 已暂停: the domain's campaignGoesOn), the
 * earliest start first. A second start on the same plan gives the whole plan's tasks and reminders out again to every
 * unit — almost always a double start or a clerk who did not know a colleague had started it. Ended ones (已完成, 未通过,
 * 已终止) are not: running a plan again after them is legitimate.
 */
export function runningOnTemplate<T extends ListedCampaign>(list: readonly T[] | undefined, templateId: string | undefined): T[] {
  if (!list || !templateId) return [];
  const at = (c: T) => Date.parse(startOf(c) ?? '') || 0;
  return list.filter((c) => c.templateId === templateId && campaignGoesOn(c.status)).sort((a, b) => at(a) - at(b));
}

/** 「进行中，开始日期 2027-03-05」: the campaign's status as the campaign list names it, and its start's Beijing date. */
export function runningNote(c: ListedCampaign): string {
  const status = CAMPAIGN_STATUS[c.paused ? 'paused' : c.status]?.text ?? c.status;
  const start = startOf(c);
  return start ? `${status}，开始日期 ${beijingDate(start)}` : status;
}

/**
 * The warning's lead, by the plan's kind (newCampaignWords: the campaigns on one plan are of its kind): 该工作方案已有进行中的
 * 创建活动：, a consolidation plan's 该工作方案已有进行中的活动： (it is no 创建).
 */
export function duplicateLead(running: readonly ListedCampaign[]): string {
  return newCampaignWords(running[0]?.kind).running;
}
export const DUPLICATE_TAIL = '，再次启动将向各责任单位重复下达全部任务和提醒。';

/** The warning as one sentence: 该工作方案已有进行中的创建活动：《…》（进行中，开始日期 …）、…，再次启动将… */
export function duplicateText(running: readonly ListedCampaign[]): string {
  return `${duplicateLead(running)}${running.map((c) => `《${c.name}》（${runningNote(c)}）`).join('、')}${DUPLICATE_TAIL}`;
}
