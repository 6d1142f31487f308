import { campaignKindOf } from '@eco/domain';

/**
 * 发起活动's words for the chosen template's kind (@eco/domain campaignKindOf): a creation plan reads as it always has
 * (发起创建活动, 启动创建活动, 接管进行中的创建工作); a consolidation plan (巩固提升 → 复核, e.g. jiyang-2021) is not a
 * 创建 and does not say so (walkthrough: jiyang-2021 read 发起创建活动 / 启动创建活动). No template chosen yet reads
 * as a creation plan (campaignKindOf of none).
 */
export interface NewCampaignWords {
  heading: string;
  start: string;
  takeOver: string;
  /** 「如…已在进行中」 in the past-nodes hint. */
  underWay: string;
  confirm: string;
  confirmAgain: string;
  started: string;
  /** A template's page's button to this form with that template chosen (用此模板发起创建活动). */
  fromTemplate: string;
  /** 「该工作方案已有进行中的创建活动：」 — the campaigns already running on the chosen plan (duplicateText). */
  running: string;
}

export function newCampaignWords(kind: string | null | undefined): NewCampaignWords {
  if (campaignKindOf(kind) === 'consolidation') {
    return { heading: '发起巩固提升活动', start: '启动活动', takeOver: '接管进行中的工作', underWay: '工作', confirm: '确认启动活动？', confirmAgain: '确认再启动一个活动？', started: '活动已启动', fromTemplate: '用此模板发起巩固提升活动', running: '该工作方案已有进行中的活动：' };
  }
  return { heading: '发起创建活动', start: '启动创建活动', takeOver: '接管进行中的创建工作', underWay: '创建工作', confirm: '确认启动创建活动？', confirmAgain: '确认再启动一个创建活动？', started: '创建活动已启动', fromTemplate: '用此模板发起创建活动', running: '该工作方案已有进行中的创建活动：' };
}
