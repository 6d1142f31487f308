import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import type { DirectoryUser } from '@eco/domain';
import { canonicalJson, type UserEntity, OrganizationRepository, UserRepository } from '@eco/persistence';

export function toDirectoryUser(u: Pick<UserEntity, 'id' | 'name' | 'roles' | 'unitId' | 'active'>): DirectoryUser {
  return { id: u.id, name: u.name, roles: u.roles as DirectoryUser['roles'], unitId: u.unitId ?? null, active: u.active !== false };
}

/** Identifies a directory's content: the same people, roles, units, liaisons and responsible leaders always hash the same. */
export function directoryHash(users: readonly DirectoryUser[]): string {
  return createHash('sha256').update(canonicalJson(users)).digest('hex');
}

/**
 * The people a campaign's approval steps resolve to (id, name, roles, unit, active, liaison of, leader of): its organization's
 * accounts; a campaign without an organization (started by an account outside any tenant) sees every account.
 * Used at start, by the manual refresh and by the automatic directory sync.
 */
@Injectable()
export class CampaignDirectoryService {
  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  async forOrganization(organizationId: string | null | undefined): Promise<DirectoryUser[]> {
    if (!organizationId) return (await this.users.list()).map(toDirectoryUser);
    const dir = await this.organizations.directory(organizationId);
    if (!dir) return [];
    return dir.users.map((u) => {
      const liaisonOf = dir.units.filter((x) => x.liaisons.includes(u.id)).map((x) => x.unitId);
      const leaderOf = dir.units.filter((x) => x.responsibleLeaders.includes(u.id)).map((x) => x.unitId);
      return { ...toDirectoryUser(u), ...(liaisonOf.length ? { liaisonOf } : {}), ...(leaderOf.length ? { leaderOf } : {}) };
    });
  }
}
