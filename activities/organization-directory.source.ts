import { Injectable } from '@nestjs/common';
import type { OrganizationDirectory } from '@eco/domain';
import { ListDirectory } from '@eco/notifications';
import { OrganizationRepository } from '@eco/persistence';
import { DirectorySource } from './notification-directory';

/** The people of a campaign's organization, from the tenancy directory (users, unit liaisons, 分管负责人). */
export function toRecipientDirectory(d: OrganizationDirectory | null): ListDirectory {
  if (!d) return new ListDirectory({ people: [], units: [] });
  return new ListDirectory({
    people: d.users.map((u) => ({ id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, active: u.active, email: u.email, mobile: u.phone })),
    units: d.units.map((u) => ({ unitId: u.unitId, name: u.name, liaisons: u.liaisons, responsibleLeaders: u.responsibleLeaders })),
  });
}

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
