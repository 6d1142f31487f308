import { CAMPAIGN_KINDS } from './template.schema';
import { campaignFailedText, campaignKindLabel, campaignKindOf, campaignNoun, campaignsNoun, isCreationCampaign, leadingOfficeName } from './campaign-kind';

describe("a campaign's kind: one rule", () => {
  it('a creation campaign (创建) applies for the title; a consolidation campaign (巩固提升 → 复核) does not', () => {
    expect(campaignKindOf('creation')).toBe('creation');
    expect(campaignKindOf('consolidation')).toBe('consolidation');
    expect(isCreationCampaign('creation')).toBe(true);
    expect(isCreationCampaign('consolidation')).toBe(false);
    // every kind a template may carry is one of the two
    expect(CAMPAIGN_KINDS.map(campaignKindOf)).toEqual([...CAMPAIGN_KINDS]);
  });

  it('a kind it does not know (none given) reads as a creation campaign, as the screens read one before kinds were told apart', () => {
    for (const k of [undefined, null, '', 'Consolidation', 'other']) expect([k, campaignKindOf(k), isCreationCampaign(k)]).toEqual([k, 'creation', true]);
  });

  it('names the kind (创建 / 巩固提升) and the campaign: 创建活动 for a creation campaign, the neutral 活动 otherwise', () => {
    expect([campaignKindLabel('creation'), campaignKindLabel('consolidation')]).toEqual(['创建', '巩固提升']);
    expect([campaignNoun('creation'), campaignNoun('consolidation')]).toEqual(['创建活动', '活动']);
    expect(campaignsNoun(['creation', 'creation'])).toBe('创建活动');
    expect(campaignsNoun([])).toBe('创建活动');
    expect(campaignsNoun(['creation', 'consolidation'])).toBe('活动');
    expect(campaignsNoun(['consolidation'])).toBe('活动');
  });

  it('a failed campaign and the office that signs its messages, by kind: a 巩固提升 campaign does not read 创建', () => {
    expect([campaignFailedText('creation'), campaignFailedText('consolidation'), campaignFailedText(undefined)]).toEqual(['创建未通过', '活动未通过', '创建未通过']);
    expect(leadingOfficeName(['creation', 'creation'])).toBe('生态文明建设示范区创建工作领导小组办公室');
    expect(leadingOfficeName([])).toBe('生态文明建设示范区创建工作领导小组办公室');
    expect(leadingOfficeName(['consolidation'])).toBe('生态文明建设示范区巩固提升工作领导小组办公室');
    expect(leadingOfficeName(['creation', 'consolidation'])).toBe('生态文明建设示范区工作领导小组办公室');
  });
});
