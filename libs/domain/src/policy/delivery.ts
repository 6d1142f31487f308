/**
 * Who runs the delivery of a county's reminders — its group robots (工作群机器人) and its dead letters (投递失败的消息) —
 * the access policy's `{ kind: 'manage-delivery', target }` (authorize): a system administrator any organization's; the
 * office (领导小组办公室) its own organization's (the organization's robot and those of its units; the messages of its
 * campaigns); nobody else. A robot holds its group's webhook token and receives the reminders of the organization's
 * tasks, a dead letter names its people and tasks: another county's office must neither see them nor point a robot
 * elsewhere. The API's notification service asks it before listing, setting, deleting or retrying (another
 * organization's: 404, as if it did not exist).
 */
import type { Actor } from '../engine/campaign-state';
import { ALLOWED, hasRole, refuse, type AccessDecision } from './decision';

/** The robot or message to be listed, set, deleted or retried: the organization it belongs to (null: a robot set before robots had one). */
export interface DeliveryFacts {
  organizationId: string | null;
}

export const DELIVERY_MANAGERS_ONLY_REASON = '仅管理员或领导小组办公室可以管理提醒投递和工作群机器人 (only administrators and the office manage delivery and group robots)';
export const OWN_ORGANIZATION_DELIVERY_REASON = '只能设置本组织及本组织单位的工作群机器人 (the office sets the robots of its own organization and its units)';

export function manageDeliveryAccess(actor: Actor, target: DeliveryFacts): AccessDecision {
  if (hasRole(actor, 'admin')) return ALLOWED;
  if (!hasRole(actor, 'office')) return refuse('forbidden', DELIVERY_MANAGERS_ONLY_REASON);
  if (!actor.organizationId || target.organizationId !== actor.organizationId) return refuse('forbidden', OWN_ORGANIZATION_DELIVERY_REASON);
  return ALLOWED;
}
