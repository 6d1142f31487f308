/**
 * A campaign's kind — the one rule the engine, the API and the screens read it by. A creation campaign (创建: 动员部署 →
 * 创建实施 → 申报迎查) applies for the title: it has 申报条件 (the gate), 否决情形核查 and a 申报材料包. A consolidation
 * campaign (巩固提升 → 复核, a won title's, e.g. jiyang-2021) applies for nothing: none of those, and its screens do
 * not speak of 创建. A kind the rule does not know (none is stored: templates and campaigns carry one of
 * CAMPAIGN_KINDS) reads as a creation campaign, as the screens read one before kinds were told apart.
 */
import type { CampaignKind } from './template.schema';

/** The kind a campaign (or template) of `kind` is: 'consolidation' only when it says so, else 'creation'. */
export function campaignKindOf(kind: CampaignKind | string | null | undefined): CampaignKind {
  return kind === 'consolidation' ? 'consolidation' : 'creation';
}

/** A creation campaign (创建), which applies for the title (campaignKindOf). */
export function isCreationCampaign(kind: CampaignKind | string | null | undefined): boolean {
  return campaignKindOf(kind) === 'creation';
}

/** The kind as people read it (the campaign list's and the templates' 类型): 创建 / 巩固提升. */
export const CAMPAIGN_KIND_LABEL: Record<CampaignKind, string> = { creation: '创建', consolidation: '巩固提升' };

/** The kind of `kind` as people read it (campaignKindOf, then CAMPAIGN_KIND_LABEL). */
export function campaignKindLabel(kind: CampaignKind | string | null | undefined): string {
  return CAMPAIGN_KIND_LABEL[campaignKindOf(kind)];
}

/**
 * The campaign as a noun where its kind is named or not (终止创建活动 / 终止活动, 本次创建活动 / 本次活动): 创建活动 for a
 * creation campaign, the neutral 活动 for a consolidation one (巩固提升 → 复核 is not a 创建).
 */
export function campaignNoun(kind: CampaignKind | string | null | undefined): string {
  return isCreationCampaign(kind) ? '创建活动' : '活动';
}

/** The noun over several campaigns (a list, a filter, 我的待办's card): 创建活动 while every one is a creation campaign, else 活动. */
export function campaignsNoun(kinds: readonly (CampaignKind | string | null | undefined)[]): string {
  return kinds.every(isCreationCampaign) ? '创建活动' : '活动';
}
