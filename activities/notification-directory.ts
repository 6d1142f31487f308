import type { RecipientDirectory } from '@eco/notifications';

/** Where the router finds the people of a campaign's organization. */
export abstract class DirectorySource {
  abstract forCampaign(campaignId: string): Promise<{ organizationId: string | null; directory: RecipientDirectory }>;
  /** The two halves of forCampaign, when the source has them: a routing pass then reads each organization once. */
  organizationOf?(campaignId: string): Promise<string | null>;
  /** organizationOf for many campaigns in one read (a routing batch); campaigns not found are absent. */
  organizationsOf?(campaignIds: string[]): Promise<Map<string, string | null>>;
  forOrganization?(organizationId: string | null): Promise<RecipientDirectory>;
}
