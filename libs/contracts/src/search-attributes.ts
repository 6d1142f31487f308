/**
 * Custom search attributes the campaign workflow writes (upsertSearchAttributes), so campaigns are findable in the
 * Temporal UI. The worker registers them on the namespace when missing (apps/worker/src/search-attributes.ts); the dev
 * launchers in @eco/devstack pass them to the servers they start.
 */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword' | 'Int' | 'Text' | 'Bool' | 'Datetime'> = {
  CampaignPhase: 'Keyword',
  CampaignRegion: 'Keyword',
  CampaignTemplate: 'Keyword',
  CampaignOverdueCount: 'Int',
};
