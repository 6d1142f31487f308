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

const FAILED_TEXT = { creation: '创建未通过', consolidation: '活动未通过' } as const satisfies Record<CampaignKind, string>;

/**
 * A campaign that failed (a stage recorded 未通过) as people read it — its end state on the screens, its notices' label
 * (【创建未通过】): 创建未通过 for a creation campaign, 活动未通过 (the audit's campaign-failed) for a consolidation one,
 * whose 复核 未通过 is no failed 创建.
 */
export function campaignFailedText(kind: CampaignKind | string | null | undefined): string {
  return FAILED_TEXT[campaignKindOf(kind)];
}

/** Every campaign's failed end as its notices label it (campaignFailedText of each kind): news, nothing left to do. */
export const CAMPAIGN_FAILED_LABELS = [FAILED_TEXT.creation, FAILED_TEXT.consolidation] as const;

/**
 * The office that signs the messages about campaigns of `kinds` (an e-mail's signature): 生态文明建设示范区创建工作领导小组办公室
 * while every one is a creation campaign (none known reads as one), 生态文明建设示范区巩固提升工作领导小组办公室 while every
 * one is a consolidation campaign, the neutral 生态文明建设示范区工作领导小组办公室 for a mix.
 */
export function leadingOfficeName(kinds: readonly (CampaignKind | string | null | undefined)[]): string {
  const of = new Set(kinds.map(campaignKindOf));
  const work = of.size > 1 ? '' : CAMPAIGN_KIND_LABEL[[...of][0] ?? 'creation'];
  return `生态文明建设示范区${work}工作领导小组办公室`;
}
