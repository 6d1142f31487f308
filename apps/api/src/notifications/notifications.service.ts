import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'crypto';
import { NotificationDeliveryRepository, type DeliveryRow, type ItemRow } from '../../../../libs/persistence/src/repositories/notification-delivery.repository';
import type { Actor } from '../auth/actor';
import type { MarkReadDto, NotificationQueryDto, PreferencesDto, RobotDto } from './notifications.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const DEFAULT_CHANNELS = ['inapp', 'email', 'robot'];

/** In-app notifications, preferences, dead letters, robots and recipient problems (mapping only; SQL in the repository). */
@Injectable()
export class NotificationsService {
  constructor(private readonly repo: NotificationDeliveryRepository) {}

  async mine(actor: Actor, q: NotificationQueryDto) {
    const r = await this.repo.userItems(actor.id, { campaignId: q.campaignId, level: q.level, unread: q.unread, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { total: r.total, unread: r.unread, limit: q.limit ?? 50, offset: q.offset ?? 0, items: r.rows.map(itemOut) };
  }

  async markRead(actor: Actor, b: MarkReadDto) {
    if (!b.all && !(b.ids && b.ids.length)) throw new BadRequestException({ message: ['给出 ids 或 all: true (give ids or all: true)'], error: 'Bad Request' });
    return { marked: await this.repo.markRead(actor.id, b.all ? 'all' : (b.ids ?? []), new Date()) };
  }

  async preferences(actor: Actor) {
    const p = (await this.repo.preferences([actor.id])).get(actor.id);
    return { channels: p?.channels ?? DEFAULT_CHANNELS, email: p?.email ?? null, mobile: p?.mobile ?? null, chosen: !!p };
  }

  async setPreferences(actor: Actor, b: PreferencesDto) {
    const channels = [...new Set(['inapp', ...b.channels])];
    await this.repo.setPreferences(actor.id, { channels, email: b.email ?? null, mobile: b.mobile ?? null });
    return this.preferences(actor);
  }

  async deadLetters(limit = 50, offset = 0) {
    const r = await this.repo.deadLetters(limit, offset);
    return { total: r.total, limit, offset, items: r.rows.map(deliveryOut) };
  }

  async retry(id: string) {
    const row = await this.repo.delivery(id);
    if (!row) throw new NotFoundException({ message: `投递记录不存在 (delivery ${id} not found)` });
    const r = await this.repo.retryDead(id, new Date());
    if (!r) throw new BadRequestException({ message: [`只能重试死信 (delivery ${id} is ${row.status}, not dead)`], error: 'Bad Request' });
    return deliveryOut(r);
  }

  async robots() {
    return (await this.repo.robots()).map((r) => ({ id: r.id, kind: r.kind, scope: r.scope, scopeId: r.scopeId, webhook: maskWebhook(r.webhook), signed: !!r.secret }));
  }

  async putRobot(b: RobotDto) {
    const id = `${b.kind}-${b.scope}-${createHash('sha256').update(b.scopeId).digest('hex').slice(0, 12)}`;
    const r = await this.repo.upsertRobot({ id, kind: b.kind, scope: b.scope, scopeId: b.scopeId, webhook: b.webhook, secret: b.secret ?? null });
    return { id: r.id, kind: r.kind, scope: r.scope, scopeId: r.scopeId, webhook: maskWebhook(r.webhook), signed: !!r.secret };
  }

  async deleteRobot(id: string) {
    if (!(await this.repo.deleteRobot(id))) throw new NotFoundException({ message: `机器人不存在 (robot ${id} not found)` });
  }

  problems(campaignId: string) {
    return this.repo.problems(campaignId);
  }
}

function itemOut(i: ItemRow) {
  return {
    id: i.id, kind: i.kind, campaignId: i.campaignId, taskId: i.taskId, unitId: i.unitId, level: i.level, title: i.title, message: i.message, link: i.link,
    dueAt: iso(i.dueAt), at: i.at.toISOString(), read: i.readAt !== null, readAt: iso(i.readAt),
  };
}

export function deliveryOut(d: DeliveryRow) {
  return {
    id: d.id, channel: d.channel, recipient: d.recipient, address: d.channel === 'dingtalk' || d.channel === 'wecom' ? d.address : maskAddress(d.address), kind: d.kind,
    sendAt: d.sendAt.toISOString(), status: d.status, attempts: d.attempts, nextAttemptAt: d.nextAttemptAt.toISOString(), lastError: d.lastError,
    sentAt: iso(d.sentAt), subject: d.payload?.subject ?? null, updatedAt: d.updatedAt.toISOString(),
  };
}

function maskAddress(a: string): string {
  if (a.includes('@')) return a.replace(/^(.).*(@.*)$/, '$1***$2');
  return a.length > 7 ? `${a.slice(0, 3)}****${a.slice(-4)}` : a;
}

function maskWebhook(u: string): string {
  return u.replace(/(access_token|key)=([^&]{4})[^&]*/g, '$1=$2…');
}
