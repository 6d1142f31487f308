/**
 * How the screens name a campaign by its kind (the detail's and the list's `kind`): a creation campaign (创建: 动员部署 →
 * 创建实施 → 申报迎查) reads as it always has — 创建活动, 导出申报材料包, 指标 appearing once 创建实施 starts —; a
 * consolidation campaign (a won title's 巩固提升 → 复核, e.g. jiyang-2021) applies for nothing and has no 创建实施, so
 * its screens say neither (walkthrough: a jiyang-2021 活动总览 offered 导出申报材料包 and waited for 创建实施). Whether
 * 申报条件 is shown is the detail's `reads` (the API gives no `gate` to a consolidation campaign), not decided here.
 */
type Kind = { kind?: string | null };

/** A creation campaign (an unknown kind reads as one: the screens' wording before kinds were told apart). */
export const isCreation = (c: Kind): boolean => c.kind !== 'consolidation';

/** The campaign as a noun in titles (终止创建活动 / 终止活动). */
export const campaignNoun = (c: Kind): string => (isCreation(c) ? '创建活动' : '活动');

/** Whether 活动总览 offers 导出申报材料包 (to those who read the dossier): a creation campaign's application only. */
export const dossierOffered = (c: Kind): boolean => isCreation(c);

/** 指标 × 单位 with no indicator task yet: 「创建实施阶段开始后显示」 only where the campaign has that phase. */
export function matrixEmptyText(c: { phases: readonly { key: string }[] }): string {
  return c.phases.some((p) => p.key === 'implementation') ? '当前阶段尚无指标任务（创建实施阶段开始后显示）' : '当前阶段尚无指标任务';
}

/** 我的待办's card over running campaigns: 创建活动概况 while every one is a creation campaign, else 活动概况. */
export function glanceNoun(campaigns: readonly Kind[]): string {
  return campaigns.every(isCreation) ? '创建活动' : '活动';
}
