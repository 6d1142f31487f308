import { inboxPrincipalsOf } from '@eco/domain';
import type { OrganizationRepository } from '@eco/persistence';
import type { Actor } from './actor';

/**
 * Whom 我的待办 and the 通知 list's 待处理 ask the actor to act as (the policy's inboxPrincipalsOf): a unit user's
 * duties in their unit are read (one query) — a 分管负责人 who is not its liaison is not asked for the unit's 报送.
 */
export async function inboxPrincipals(actor: Actor, organizations: Pick<OrganizationRepository, 'unitDutiesOf'>): Promise<string[]> {
  const duties = actor.roles.includes('unit') && actor.unitId && actor.organizationId ? await organizations.unitDutiesOf(actor.organizationId, actor.unitId, actor.id) : null;
  return inboxPrincipalsOf(actor, duties);
}
