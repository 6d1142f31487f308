/** Thrown for options that cannot make a campaign (unknown milestone key, bad duration, unordered schedule). */
export class CampaignInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`活动参数无效 / invalid campaign options: ${issues.join('; ')}`);
    this.name = 'CampaignInputError';
  }
}
