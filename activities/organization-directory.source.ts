import { Injectable } from '@nestjs/common';
import { type ListDirectory, toRecipientDirectory } from '@eco/notifications';
import { OrganizationRepository } from '@eco/persistence';
import { DirectorySource } from './notification-directory';

/** The people of a campaign's organization: @eco/notifications' toRecipientDirectory (the API's task read resolves the same). */
@Injectable()
export class OrganizationDirectorySource extends DirectorySource {
  constructor(private readonly orgs: OrganizationRepository) {
    super();
  }

  async forCampaign(campaignId: string) {
    const organizationId = await this.organizationOf(campaignId);
    return { organizationId, directory: await this.forOrganization(organizationId) };
  }

  override organizationOf(campaignId: string): Promise<string | null> {
    return this.orgs.organizationOfCampaign(campaignId);
  }

  override organizationsOf(campaignIds: string[]): Promise<Map<string, string | null>> {
    return this.orgs.organizationsOfCampaigns(campaignIds);
  }

  override async forOrganization(organizationId: string | null): Promise<ListDirectory> {
    return toRecipientDirectory(organizationId ? await this.orgs.directory(organizationId) : null);
  }
}
