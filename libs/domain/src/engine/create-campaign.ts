/**
 * createCampaign: turns a template into the initial CampaignState (first phase active, its tasks created).
 */
import { checkResponsibilityOverrides, expandCollectives, resolveResponsibility, type ResponsibilityOverride } from '../rules/responsibility';
import { endOfLocalDay } from '../rules/working-calendar';
import type { CampaignTemplate, Milestone, ReminderPolicy, TaskKind } from '../template/template.schema';
import { stepFromTemplate } from './approval-chain';
import type { CadenceRef, CampaignCatalog, CampaignState, EngineEvent, MilestoneState, PhaseState, PlanRules } from './campaign-state';
import { ENGINE_STATE_VERSION, SYSTEM_ACTOR } from './campaign-state';
import type { CalendarPort } from './ports';
import { activatePhase, advance } from './progression';
import { exactDurationMs, isValidDuration } from './time';

export interface CreateCampaignOptions {
  campaignId: string;
  name?: string;
  /** Campaign start (epoch ms); milestone offsets count from it. Default: now. */
  startAt?: number;
  /** Due instants by milestone key, overriding the template's dates/offsets. */
  schedule?: Record<string, number>;
  reminderPolicy?: Partial<ReminderPolicy>;
  /** Accepted for symmetry with tick(); creation itself needs no working-day arithmetic. */
  calendar?: CalendarPort;
  /**
   * Milestones whose due dates were set by hand (schedule overrides, published dates): live re-planning leaves them.
   * Default: every key of `schedule` (the API passes the exact list, since it sends the whole computed schedule).
   */
  fixedMilestones?: string[];
  /** Campaign taken over in progress: the milestones already done (their tasks start completed). */
  takeOver?: { done: string[] };
  /** The plans' own rules to apply (issue 10); the workflow turns them on for new campaigns. Default: none. */
  planRules?: PlanRules;
  /**
   * The office's responsibility choices per indicator code (set or change the lead, split, or joint); every unit named
   * must be among the indicator's units (CampaignInputError naming it otherwise). Recorded in campaign-created.
   */
  responsibility?: Record<string, ResponsibilityOverride>;
}

import { CampaignInputError } from './campaign-errors';

export { CampaignInputError };

const DEFAULT_POLICY: ReminderPolicy = { before: ['P3D', 'P1D'], overdueEvery: 'P1D', escalateAfter: 'P3D' };

function resolvePolicy(template: CampaignTemplate, given: Partial<ReminderPolicy> | undefined, issues: string[]): ReminderPolicy {
  const base = { ...DEFAULT_POLICY, ...(template.reminderPolicy ?? {}) };
  const p: ReminderPolicy = {
    before: [...(given?.before ?? base.before)],
    overdueEvery: given?.overdueEvery ?? base.overdueEvery,
    escalateAfter: given?.escalateAfter ?? base.escalateAfter,
  };
  for (const d of [...p.before, p.overdueEvery, p.escalateAfter]) {
    if (!isValidDuration(d)) issues.push(`提醒时长无效 / invalid reminder duration "${d}"`);
    else if (d.trim().startsWith('-') || exactDurationMs(d) <= 0) issues.push(`提醒时长须为正 / reminder duration must be positive: "${d}"`);
  }
  return p;
}

function milestoneDue(m: Milestone, startAt: number, schedule: Record<string, number>): number {
  if (schedule[m.key] !== undefined) return schedule[m.key];
  if (m.due.date) return endOfLocalDay(m.due.date);
  return startAt + exactDurationMs(m.due.offset ?? 'P0D');
}

/** The default choice of a veto attestation: the unit attests the condition did not occur, or reports that it did. */
export const VETO_OUTCOMES = { absent: '近3年未发生', occurred: '已发生' } as const;

function buildCatalog(template: CampaignTemplate, rules: PlanRules = {}, overrides: Record<string, ResponsibilityOverride> = {}): CampaignCatalog {
  const approvalChains: CampaignCatalog['approvalChains'] = {};
  for (const [kind, steps] of Object.entries(template.approvalChains ?? {})) {
    if (steps) approvalChains[kind as TaskKind] = steps.map(stepFromTemplate);
  }
  const indicators: CampaignCatalog['indicators'] = template.indicators.map((i) => {
    const r = resolveResponsibility(i, overrides[i.code], { joint: !!rules.jointResponsibility });
    const recorded = rules.jointResponsibility || overrides[i.code];
    return {
      code: i.code,
      name: i.name,
      attribute: i.attribute,
      applicability: i.applicability,
      leadUnitIds: r.leadUnitIds,
      coUnitIds: r.coUnitIds,
      responsibleUnitIds: r.units,
      ...(r.mode === 'split' && r.leadUnitIds.length > 1 ? { leadMode: 'split' as const } : r.mode === 'joint' ? { leadMode: 'joint' as const } : {}),
      ...(recorded && r.source !== 'plan' && r.reason ? { leadChoice: { source: r.source, reason: r.reason } } : {}),
    };
  });
  return {
    officeUnitId: template.leadershipGroup.officeUnitId,
    units: template.units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, kind: u.kind, ...(u.members ? { members: [...u.members] } : {}) })),
    indicators,
    vetoes: template.vetoConditions.map((v) => ({
      code: v.code,
      text: v.text,
      leadUnitIds: [...v.leadUnitIds],
      lookBackYears: v.lookBackYears,
      // 牵头单位 and 协办单位 (e.g. Shinan 23 "各牵头单位") each attest, collectives expanded into their members.
      ...(rules.vetoUnits ? { attestingUnitIds: expandCollectives(template, [...v.leadUnitIds, ...v.coUnitIds]) } : {}),
    })),
    keyTasks: template.keyTasks.map((k) => ({ number: k.number, title: k.title, unitIds: [...k.unitIds] })),
    inspectionPreparation: template.inspectionPreparation.map((x) => ({ key: x.key, name: x.name })),
    publicNoticeWorkingDays: template.publicNotice?.workingDays ?? 5,
    approvalChains,
    ...(rules.formalities || rules.vetoUnits ? { formalities: catalogFormalities(template, rules) } : {}),
    ...(rules.cadence ? { cadences: catalogCadences(template, indicators.flatMap((i) => i.responsibleUnitIds)) } : {}),
    ...(rules.assessment ? { assessment: (template.assessment ?? []).map((a) => ({ appliesTo: a.appliesTo, label: a.label, text: a.text, ...(a.matter ? { matter: a.matter } : {}) })) } : {}),
  };
}

/**
 * The template's supervision cadences with their reporting units resolved: the listed units, or every unit holding an
 * indicator in this campaign (`holders`: lead, co- or joint unit, sub-items included), collectives expanded into their members.
 */
function catalogCadences(template: CampaignTemplate, holders: string[]): CadenceRef[] {
  const listed = template.units.map((u) => u.id);
  return (template.supervision ?? []).map((c) => {
    const ids = c.owner === 'units' ? expandCollectives(template, c.units?.length ? c.units : holders) : [];
    return {
      key: c.key,
      name: c.name,
      taskKind: c.taskKind,
      every: c.every,
      owner: c.owner,
      // In the template's unit order (the order the plan lists them).
      unitIds: listed.filter((id) => ids.includes(id)).concat(ids.filter((id) => !listed.includes(id))),
      phases: [...c.phases],
      workingDaysBeforePeriodEnd: c.workingDaysBeforePeriodEnd,
      minLeadWorkingDays: c.minLeadWorkingDays,
    };
  });
}

/** The formalities (办理要求) each task kind requires under the plan rules a campaign started with. */
export function catalogFormalities(template: CampaignTemplate, rules: PlanRules): CampaignCatalog['formalities'] {
  const out: NonNullable<CampaignCatalog['formalities']> = rules.formalities ? JSON.parse(JSON.stringify(template.formalities ?? {})) : {};
  if (rules.vetoUnits && !out['veto-attestation']) {
    out['veto-attestation'] = {
      seal: false,
      principalSignature: false,
      outcomes: Object.entries(VETO_OUTCOMES).map(([key, label]) => ({ key, label, seal: false, principalSignature: false, projects: false })),
    };
  }
  return out;
}

/** The office's responsibility choices as campaign-created records them: what was asked and what it resolved to. */
function responsibilityRecord(state: CampaignState, overrides: Record<string, ResponsibilityOverride>) {
  return Object.entries(overrides).map(([code, o]) => {
    const ind = state.catalog.indicators.find((i) => i.code === code);
    return { indicatorCode: code, requested: o, mode: ind?.leadMode ?? 'lead', leadUnitIds: ind?.leadUnitIds ?? [], units: ind?.responsibleUnitIds ?? [] };
  });
}

/** createCampaign plus the creation events (campaign-created, tasks-created of the first phase). */
export function createCampaignWithEvents(template: CampaignTemplate, opts: CreateCampaignOptions, now: number): { state: CampaignState; events: EngineEvent[] } {
  const issues: string[] = [];
  const startAt = opts.startAt ?? now;
  const schedule = opts.schedule ?? {};
  const keys = template.phases.flatMap((p) => p.milestones.map((m) => m.key));
  for (const k of opts.takeOver?.done ?? []) if (!keys.includes(k)) issues.push(`未知节点 / unknown milestone key "${k}" in takeOver.done`);
  for (const k of Object.keys(schedule)) {
    if (!keys.includes(k)) issues.push(`未知节点 / unknown milestone key "${k}"`);
    else if (!Number.isFinite(schedule[k])) issues.push(`节点时间无效 / invalid due instant for "${k}"`);
  }
  if (!opts.campaignId) issues.push('缺少活动编号 / campaignId required');
  issues.push(...checkResponsibilityOverrides(template, opts.responsibility));
  const reminderPolicy = resolvePolicy(template, opts.reminderPolicy, issues);
  for (const m of template.phases.flatMap((p) => p.milestones)) {
    if (m.due.offset && schedule[m.key] === undefined) {
      try {
        exactDurationMs(m.due.offset);
      } catch {
        issues.push(`节点${m.key}的期限无效 / invalid offset "${m.due.offset}"`);
      }
    }
  }
  if (issues.length) throw new CampaignInputError(issues);

  const phases: PhaseState[] = template.phases.map((p) => {
    const milestones: MilestoneState[] = p.milestones.map((m) => {
      const ms: MilestoneState = {
        key: m.key,
        name: m.name,
        taskKind: m.taskKind,
        owner: m.owner,
        required: m.required,
        dueAt: milestoneDue(m, startAt, schedule),
        text: m.due.text,
        followsHigherAuthority: m.followsHigherAuthority,
      };
      if (m.units) ms.units = [...m.units];
      if (m.plan) {
        ms.plan = { after: [...m.plan.after], ...(m.plan.workingDays !== undefined ? { workingDays: m.plan.workingDays } : { duration: m.plan.duration }) };
        if ((opts.fixedMilestones ?? Object.keys(schedule)).includes(m.key)) ms.plan.fixed = true;
      }
      return ms;
    });
    return { key: p.key, name: p.name, status: 'pending', dueAt: Math.max(...milestones.map((m) => m.dueAt)), shiftMs: 0, milestones };
  });

  const state: CampaignState = {
    engineVersion: ENGINE_STATE_VERSION,
    campaignId: opts.campaignId,
    name: opts.name ?? template.name,
    templateId: template.id,
    templateName: template.name,
    region: template.region.name,
    kind: template.kind,
    status: 'active',
    currentPhase: phases[0].key,
    createdAt: now,
    startAt,
    clock: now,
    revision: 0,
    reminderPolicy,
    phases,
    tasks: [],
    catalog: buildCatalog(template, opts.planRules, opts.responsibility),
    pauses: [],
    seq: { rectification: 0 },
  };
  if (opts.takeOver) state.takeOver = { done: [...opts.takeOver.done] };
  if (opts.planRules && Object.values(opts.planRules).some(Boolean)) state.planRules = { ...opts.planRules };
  const events: EngineEvent[] = [
    { action: 'campaign-created', actorId: SYSTEM_ACTOR, at: now, detail: { campaignId: state.campaignId, templateId: template.id, startAt, ...(opts.responsibility && Object.keys(opts.responsibility).length ? { responsibility: responsibilityRecord(state, opts.responsibility) } : {}) } },
  ];
  activatePhase(state, phases[0], now, events);
  advance(state, now, events);
  return { state, events };
}

/** The initial state of a campaign run from `template`. Throws CampaignInputError on bad options. */
export function createCampaign(template: CampaignTemplate, opts: CreateCampaignOptions, now: number): CampaignState {
  return createCampaignWithEvents(template, opts, now).state;
}
