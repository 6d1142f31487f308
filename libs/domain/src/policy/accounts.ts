/**
 * Who manages an account (creates it, deactivates / reactivates it, resets its password) — the access policy's
 * `{ kind: 'manage-account', target }` (authorize): a system administrator every account; the office (领导小组办公室) the
 * unit users of its own organization; nobody else. The account is the target's roles and organization, the caller's
 * organization is the actor's own (a campaign's organization plays no part). The API's user service asks it before
 * creating an account and before touching one (outside the caller's reach: 404), and marks each listed account
 * `manageable` from it, which the users page follows.
 */
import type { Actor } from '../engine/campaign-state';
import type { Role } from '../template/template.schema';
import { ALLOWED, hasRole, refuse, type AccessDecision } from './decision';

/** The account an office or administrator would create or manage. */
export interface AccountFacts {
  roles: readonly Role[];
  /** Its organization (tenant); null for a system administrator's account. */
  organizationId?: string | null;
}

export const ACCOUNT_MANAGERS_ONLY_REASON = '仅管理员或领导小组办公室可以管理账号 (only administrators and the office manage accounts)';
export const OFFICE_UNIT_USERS_ONLY_REASON = '办公室只能创建本组织的单位用户 (the office creates unit users of its own organization; other roles are created by the administrator)';
export const OWN_ORGANIZATION_ONLY_REASON = '只能在本组织内创建用户 (users are created in your own organization)';
export const NO_ORGANIZATION_REASON = '账号未归属任何组织 (your account belongs to no organization)';

export function manageAccountAccess(actor: Actor, target: AccountFacts): AccessDecision {
  if (hasRole(actor, 'admin')) return ALLOWED;
  if (!hasRole(actor, 'office')) return refuse('forbidden', ACCOUNT_MANAGERS_ONLY_REASON);
  if (target.roles.some((r) => r !== 'unit')) return refuse('forbidden', OFFICE_UNIT_USERS_ONLY_REASON);
  if ((target.organizationId ?? null) !== (actor.organizationId ?? null)) return refuse('forbidden', OWN_ORGANIZATION_ONLY_REASON);
  if (!actor.organizationId) return refuse('forbidden', NO_ORGANIZATION_REASON);
  return ALLOWED;
}
