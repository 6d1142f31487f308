/**
 * How the screens word a campaign by what it has: a creation campaign (创建: 动员部署 → 创建实施 → 申报迎查) reads as it
 * always has; a consolidation campaign (a won title's 巩固提升 → 复核, e.g. jiyang-2021) has no 创建实施, so its
 * screens do not wait for one (walkthrough: a jiyang-2021 活动总览 waited for 创建实施). Which kind a campaign is, and
 * its words for it (创建活动 / 活动, 导出申报材料包 for a creation campaign only), are the domain's one rule
 * (@eco/domain campaignKindOf, isCreationCampaign, campaignNoun, campaignsNoun); whether 申报条件 is shown is the
 * detail's `reads` (the API gives no `gate` to a consolidation campaign), not decided here.
 */

/** 指标 × 单位 with no indicator task yet: 「创建实施阶段开始后显示」 only where the campaign has that phase. */
export function matrixEmptyText(c: { phases: readonly { key: string }[] }): string {
  return c.phases.some((p) => p.key === 'implementation') ? '当前阶段尚无指标任务（创建实施阶段开始后显示）' : '当前阶段尚无指标任务';
}
