/** 终止: the office or an administrator cancels the campaign, with a reason; the people of its live tasks are told (【活动终止】). */
import { z } from 'zod';
import { flush } from '../engine/command-effects';
import { finishCampaign } from '../engine/progression';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { ReasonBody } from './http-fields';
import { reason } from './fields';

export const CancelCommandSchema = z.object({ type: z.literal('cancel'), reason }).strict();

export const cancel = defineCommand(CancelCommandSchema, {
  type: 'cancel',
  label: '终止活动',
  update: 'cancelCampaign',
  route: ':id/cancel',
  summary: '终止 — cancel the campaign, with a reason',
  http: { name: 'ReasonDto', body: ReasonBody },
  campaignProbe: () => ({ type: 'cancel', reason: '-' }),
  whilePaused: true,
  endsCampaign: () => true,
  access: (_ctx, actor) => byRoles(actor, ['office', 'admin'], '仅领导小组办公室或管理员可终止活动 (only office or admin may cancel)'),
  validate: (_state, _c, _actor, _now, { who }) => who(),
  apply(s, c, actor, now, { out, events, sys }) {
    out.push({ action: 'cancel', reason: c.reason });
    flush(out, actor, now, events);
    finishCampaign(s, 'cancelled', now, actor.id, sys, c.reason);
  },
});
