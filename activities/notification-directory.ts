import type { RecipientDirectory } from '@eco/notifications';

/** Where the router finds the people of a campaign's organization. */
export abstract class DirectorySource {
  abstract forCampaign(campaignId: string): Promise<{ organizationId: string | null; directory: RecipientDirectory }>;
}
