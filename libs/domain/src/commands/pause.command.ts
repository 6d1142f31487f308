/** 暂停: freeze every clock of the campaign (epidemic or other emergency); the people of its live tasks are told (【活动暂停】). */
import { z } from 'zod';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { ReasonBody } from './http-fields';
import { reason } from './fields';

export const PauseCommandSchema = z.object({ type: z.literal('pause'), reason }).strict();

export const pause = defineCommand(PauseCommandSchema, {
  type: 'pause',
  label: '暂停活动',
  update: 'pauseCampaign',
  route: ':id/pause',
  summary: '暂停 — freeze every clock of the campaign (epidemic or other emergency)',
  http: { name: 'ReasonDto', body: ReasonBody },
  campaignProbe: () => ({ type: 'pause', reason: '-' }),
  startsPause: true,
  access: (_ctx, actor) => byRoles(actor, ['office', 'leader', 'admin'], '无权暂停活动 (only office, leader or admin may pause)'),
  validate: (_state, _c, _actor, _now, { who }) => who(),
  apply(s, c, actor, now, { out }) {
    s.status = 'paused';
    s.pauses.push({ from: now, reason: c.reason, by: actor.id });
    out.push({ action: 'pause', reason: c.reason });
  },
});
