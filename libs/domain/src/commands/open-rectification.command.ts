/** 整改: the office opens a rectification item against a unit in the active phase. */
import { z } from 'zod';
import type { PhaseState } from '../engine/campaign-state';
import { err, futureInstant } from '../engine/command-checks';
import { defaultRectificationDue, taskEvent } from '../engine/command-effects';
import { currentPhaseState } from '../engine/progression';
import { makeRectification } from '../engine/task-factory';
import { byRoles } from '../policy/decision';
import { defineCommand } from './command-module';
import { isoDate, notBlank } from './http-fields';
import { instant, text } from './fields';

export const OpenRectificationCommandSchema = z
  .object({
    type: z.literal('openRectification'),
    unitId: text().min(1),
    title: text().trim().min(1, '整改事项不能为空 (title required)'),
    indicatorCode: text().min(1).optional(),
    dueAt: instant.optional(),
  })
  .strict();

export const openRectification = defineCommand(OpenRectificationCommandSchema, {
  type: 'openRectification',
  label: '发起整改',
  update: 'openRectification',
  route: ':id/rectifications',
  summary: '整改 — the office opens a rectification item against a unit',
  http: { name: 'RectificationDto', body: z.object({ unitId: z.string().min(1), title: notBlank('title', 1000), indicatorCode: z.string().optional(), dueAt: isoDate('due date: a date alone (YYYY-MM-DD) is the end of that working day in Asia/Shanghai (a non-working day: the next working day)').optional() }).strict() },
  campaignProbe: () => ({ type: 'openRectification', unitId: '-', title: '-' }),
  access: (_ctx, actor) => byRoles(actor, ['office'], '仅领导小组办公室可下达整改 (only office may open a rectification)'),
  validate(state, c, _actor, now, { who }) {
    const refused = who();
    if (refused) return refused;
    if (!state.catalog.units.some((u) => u.id === c.unitId)) return err('invalid', `所选单位不在本活动中 (unknown unit ${c.unitId})`);
    if (c.indicatorCode && !state.catalog.indicators.some((i) => i.code === c.indicatorCode)) return err('invalid', `指标${c.indicatorCode}不在本活动的指标体系中 (unknown indicator ${c.indicatorCode})`);
    if (!currentPhaseState(state)) return err('conflict', '没有进行中的阶段 (no active phase)');
    return futureInstant(c.dueAt, now, '整改期限');
  },
  apply(s, c, _actor, now, { out }) {
    const phase = currentPhaseState(s) as PhaseState;
    const rect = makeRectification(s, { phase: phase.key, unitId: c.unitId, title: c.title, indicatorCode: c.indicatorCode, dueAt: c.dueAt ?? defaultRectificationDue(s, now) }, now);
    s.tasks.push(rect);
    out.push(taskEvent(rect, 'openRectification', { detail: { unitId: c.unitId, dueAt: rect.dueAt } }));
  },
});
