/**
 * Who answers for what (责任分工): the responsible units of an indicator (lead 牵头 / co 协办, with
 * sub-items' own units), and everything a given unit must act on in a template, expanding
 * collective units ("各街道办事处") into their members when the members are known.
 *
 * Pure: workflows import it.
 */
import type { CampaignTemplate, Indicator, KeyTask, VetoCondition } from '../template/template.schema';

export interface ResponsibleUnits {
  /** Lead units (牵头单位): the indicator's, then its sub-items' own, in order of appearance. */
  lead: string[];
  /** Co-units (协办单位) that are not also leads, in order of appearance. */
  co: string[];
  /** lead followed by co. */
  all: string[];
}

/** The shape responsibility is read from (an Indicator or a VetoCondition; sub-items optional). */
export interface HasResponsibleUnits {
  leadUnitIds: string[];
  coUnitIds?: string[];
  subItems?: { leadUnitIds?: string[]; coUnitIds?: string[] }[];
}

function dedupe(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

export function responsibleUnits(item: HasResponsibleUnits): ResponsibleUnits {
  const subs = item.subItems ?? [];
  const lead = dedupe([...item.leadUnitIds, ...subs.flatMap((s) => s.leadUnitIds ?? [])]);
  const leadSet = new Set(lead);
  const co = dedupe([...(item.coUnitIds ?? []), ...subs.flatMap((s) => s.coUnitIds ?? [])]).filter((id) => !leadSet.has(id));
  return { lead, co, all: [...lead, ...co] };
}

export interface CollectiveOptions {
  /**
   * Members of collective units, by collective id, overriding the template's `members` (e.g. the
   * office lists the sub-district offices that "各街道办事处" stands for when it starts a campaign).
   */
  members?: Record<string, string[]>;
}

/** Direct members of a collective unit, or undefined when it is not a collective with known members. */
function directMembers(template: Pick<CampaignTemplate, 'units'>, unitId: string, opts: CollectiveOptions): string[] | undefined {
  const given = opts.members?.[unitId];
  if (given && given.length) return given;
  const unit = template.units.find((u) => u.id === unitId);
  if (unit && unit.kind === 'collective' && unit.members && unit.members.length) return unit.members;
  return undefined;
}

/**
 * Replaces collective units by their (transitive) members where the members are known; other ids
 * are kept. Order of first appearance, de-duplicated.
 */
export function expandCollectives(template: Pick<CampaignTemplate, 'units'>, unitIds: string[], opts: CollectiveOptions = {}): string[] {
  const out: string[] = [];
  const visit = (id: string, path: Set<string>) => {
    const members = directMembers(template, id, opts);
    if (!members) {
      out.push(id);
      return;
    }
    if (path.has(id)) return; // a cycle in the membership data: ignore the repeated collective
    const next = new Set(path).add(id);
    for (const m of members) visit(m, next);
  };
  for (const id of unitIds) visit(id, new Set());
  return dedupe(out);
}

/** The collective units that (transitively) stand for `unitId`. */
export function collectivesContaining(template: Pick<CampaignTemplate, 'units'>, unitId: string, opts: CollectiveOptions = {}): string[] {
  const candidates = dedupe([...template.units.map((u) => u.id), ...Object.keys(opts.members ?? {})]);
  return candidates.filter((c) => c !== unitId && directMembers(template, c, opts) && expandCollectives(template, [c], opts).includes(unitId));
}

export type DutyRole = 'lead' | 'co';

export interface Duty {
  role: DutyRole;
  /** True when the unit is named itself (not only through a collective). */
  direct: boolean;
  /** Collective units through which the unit is named. */
  via: string[];
}

export interface IndicatorDuty extends Duty {
  indicator: Indicator;
  /** Labels of the sub-items that name the unit (empty when only the indicator itself does). */
  subItems: string[];
}

export interface VetoDuty extends Duty {
  veto: VetoCondition;
}

export interface KeyTaskDuty {
  keyTask: KeyTask;
  direct: boolean;
  via: string[];
}

export interface UnitDuties {
  unitId: string;
  indicators: IndicatorDuty[];
  vetoConditions: VetoDuty[];
  keyTasks: KeyTaskDuty[];
}

type Template = Pick<CampaignTemplate, 'units' | 'indicators' | 'vetoConditions' | 'keyTasks'>;

/**
 * Everything `unitId` must act on: indicators (as lead or co-unit, on the indicator or one of its
 * sub-items), veto conditions (attestation), key tasks — including those assigned to a collective
 * unit the unit belongs to. A unit named both as lead and as co-unit is a lead.
 */
export function unitsActingOn(template: Template, unitId: string, opts: CollectiveOptions = {}): UnitDuties {
  const collectives = new Set(collectivesContaining(template, unitId, opts));
  const match = (ids: string[] | undefined): { direct: boolean; via: string[] } | undefined => {
    const list = ids ?? [];
    const direct = list.includes(unitId);
    const via = list.filter((id) => collectives.has(id));
    return direct || via.length ? { direct, via } : undefined;
  };
  const combine = (lists: { lead?: string[]; co?: string[] }[]): Duty | undefined => {
    let role: DutyRole | undefined;
    let direct = false;
    const via: string[] = [];
    for (const l of lists) {
      const asLead = match(l.lead);
      const asCo = match(l.co);
      for (const [m, r] of [
        [asLead, 'lead'],
        [asCo, 'co'],
      ] as const) {
        if (!m) continue;
        role = role === 'lead' || r === 'lead' ? 'lead' : 'co';
        direct = direct || m.direct;
        via.push(...m.via);
      }
    }
    return role ? { role, direct, via: dedupe(via) } : undefined;
  };

  const indicators: IndicatorDuty[] = [];
  for (const indicator of template.indicators) {
    const duty = combine([{ lead: indicator.leadUnitIds, co: indicator.coUnitIds }, ...indicator.subItems.map((s) => ({ lead: s.leadUnitIds, co: s.coUnitIds }))]);
    if (!duty) continue;
    const subItems = indicator.subItems.filter((s) => match(s.leadUnitIds) || match(s.coUnitIds)).map((s) => s.label);
    indicators.push({ indicator, ...duty, subItems });
  }

  const vetoConditions: VetoDuty[] = [];
  for (const veto of template.vetoConditions) {
    const duty = combine([{ lead: veto.leadUnitIds, co: veto.coUnitIds }]);
    if (duty) vetoConditions.push({ veto, ...duty });
  }

  const keyTasks: KeyTaskDuty[] = [];
  for (const keyTask of template.keyTasks) {
    const m = match(keyTask.unitIds);
    if (m) keyTasks.push({ keyTask, ...m });
  }

  return { unitId, indicators, vetoConditions, keyTasks };
}

// ---------------------------------------------------------------------------------------------
// How an indicator's units answer for it (lead + co-units, several leads each for its part, or joint), as the plan
// states it or as the office sets it when it starts a campaign.

/** lead: one lead consolidates, co-units contribute; split: each lead submits its own part; joint: one shared task. */
export type ResponsibilityMode = 'lead' | 'split' | 'joint';
export const RESPONSIBILITY_MODES: readonly ResponsibilityMode[] = ['lead', 'split', 'joint'];
export const RESPONSIBILITY_LABELS: Record<ResponsibilityMode, string> = { lead: '牵头负责', split: '分别牵头', joint: '共同负责' };

/**
 * The office's choice for one indicator when it starts a campaign: set or change the lead (`leadUnitId`), several leads
 * each for its part (`mode: 'split'`, `leadUnitIds`), or joint responsibility (`mode: 'joint'`). Every unit named must be
 * among the indicator's own units.
 */
export interface ResponsibilityOverride {
  mode?: ResponsibilityMode;
  leadUnitId?: string;
  leadUnitIds?: string[];
}

export interface ResolvedResponsibility {
  mode: ResponsibilityMode;
  /** Lead units (joint: every unit, the first standing for chain placeholders). */
  leadUnitIds: string[];
  coUnitIds: string[];
  /** Every unit of the indicator, leads first. */
  units: string[];
  /** Where the choice comes from: the plan's text, a template convention (derived), or the office at start. */
  source: 'plan' | 'derived' | 'office';
  reason?: string;
}

type IndicatorLike = Pick<Indicator, 'code' | 'leadUnitIds' | 'coUnitIds' | 'subItems'> &
  Partial<Pick<Indicator, 'leadMode' | 'responsibility'>> & { provenance?: { leadUnitIds?: { derived: true; reason: string } } };

/** The mode the template states (responsibility, else leadMode). */
export function templateMode(ind: IndicatorLike): ResponsibilityMode {
  if (ind.responsibility) return ind.responsibility;
  return ind.leadMode === 'split' && ind.leadUnitIds.length > 1 ? 'split' : 'lead';
}

/** An indicator's responsibility with the office's override (assumed valid: see checkResponsibilityOverrides). */
export function resolveResponsibility(ind: IndicatorLike, override?: ResponsibilityOverride, opts: { joint?: boolean } = {}): ResolvedResponsibility {
  const all = responsibleUnits(ind).all;
  const rest = (leads: string[]) => all.filter((u) => !leads.includes(u));
  if (override) {
    const mode: ResponsibilityMode = override.mode ?? (override.leadUnitIds && override.leadUnitIds.length > 1 ? 'split' : 'lead');
    const reason = `办公室发起活动时确定为「${RESPONSIBILITY_LABELS[mode]}」`;
    if (mode === 'joint') return { mode, leadUnitIds: [all[0]], coUnitIds: rest([all[0]]), units: all, source: 'office', reason };
    if (mode === 'split') {
      const leads = override.leadUnitIds?.length ? [...override.leadUnitIds] : [...ind.leadUnitIds];
      return { mode, leadUnitIds: leads, coUnitIds: rest(leads), units: [...leads, ...rest(leads)], source: 'office', reason };
    }
    const lead = override.leadUnitId ?? override.leadUnitIds?.[0] ?? ind.leadUnitIds[0];
    return { mode, leadUnitIds: [lead], coUnitIds: rest([lead]), units: [lead, ...rest([lead])], source: 'office', reason };
  }
  const stated = templateMode(ind);
  const mode: ResponsibilityMode = stated === 'joint' && !opts.joint ? 'lead' : stated;
  // Yanzhou's 责任单位 column: the first-named unit as lead, marked derived by the template (provenance.leadUnitIds).
  const lead = ind.provenance?.leadUnitIds;
  const derived = lead?.derived ? { source: 'derived' as const, reason: lead.reason } : { source: 'plan' as const };
  if (mode === 'joint') return { mode, leadUnitIds: [all[0]], coUnitIds: rest([all[0]]), units: all, source: 'plan' };
  return { mode, leadUnitIds: [...ind.leadUnitIds], coUnitIds: [...ind.coUnitIds], units: all, ...(mode === 'lead' ? derived : { source: 'plan' as const }) };
}

/**
 * Problems with the office's overrides (Chinese, then English): unknown indicator, a unit that is not among the
 * indicator's units (named), too few units for split/joint, contradictory fields. Empty when all are valid.
 */
export function checkResponsibilityOverrides(template: Pick<CampaignTemplate, 'indicators' | 'units'>, overrides: Record<string, ResponsibilityOverride> | undefined): string[] {
  const issues: string[] = [];
  if (overrides === undefined) return issues;
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return ['责任分工调整须为按指标编号的对象 (responsibility must be an object keyed by indicator code)'];
  const name = (id: string) => template.units.find((u) => u.id === id)?.name ?? id;
  for (const [code, o] of Object.entries(overrides)) {
    const ind = template.indicators.find((i) => i.code === code);
    if (!ind) {
      issues.push(`指标${code}不存在 (unknown indicator ${code} in responsibility)`);
      continue;
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) {
      issues.push(`指标${code}的责任分工调整格式错误 (responsibility.${code} must be an object)`);
      continue;
    }
    const unknownKeys = Object.keys(o).filter((k) => !['mode', 'leadUnitId', 'leadUnitIds'].includes(k));
    if (unknownKeys.length) issues.push(`指标${code}的责任分工调整含未知字段：${unknownKeys.join('、')} (responsibility.${code}: unknown fields ${unknownKeys.join(', ')})`);
    if (o.mode !== undefined && !RESPONSIBILITY_MODES.includes(o.mode)) {
      issues.push(`指标${code}的责任方式「${String(o.mode)}」无效，应为 lead（牵头负责）、split（分别牵头）或 joint（共同负责） (responsibility.${code}.mode must be lead, split or joint)`);
      continue;
    }
    if (o.leadUnitId !== undefined && typeof o.leadUnitId !== 'string') issues.push(`指标${code}的牵头单位须为单位编号 (responsibility.${code}.leadUnitId must be a unit id)`);
    if (o.leadUnitIds !== undefined && (!Array.isArray(o.leadUnitIds) || o.leadUnitIds.some((u) => typeof u !== 'string'))) {
      issues.push(`指标${code}的牵头单位须为单位编号列表 (responsibility.${code}.leadUnitIds must be a list of unit ids)`);
      continue;
    }
    const units = responsibleUnits(ind).all;
    const named = [...(typeof o.leadUnitId === 'string' ? [o.leadUnitId] : []), ...(o.leadUnitIds ?? [])];
    for (const u of named) {
      if (!units.includes(u)) {
        issues.push(
          `单位「${name(u)}」（${u}）不是指标${code}「${ind.name}」的责任单位，只能从以下单位中选择：${units.map((x) => `${name(x)}（${x}）`).join('、')} (unit ${u} is not among indicator ${code}'s units: ${units.join(', ')})`,
        );
      }
    }
    if (new Set(named).size !== named.length) issues.push(`指标${code}的牵头单位重复 (responsibility.${code}: a unit is named twice)`);
    const mode = o.mode ?? (o.leadUnitIds && o.leadUnitIds.length > 1 ? 'split' : 'lead');
    if (mode === 'joint' && named.length) issues.push(`指标${code}设为共同负责时不指定牵头单位 (responsibility.${code}: joint takes no lead unit)`);
    if (mode === 'joint' && units.length < 2) issues.push(`指标${code}只有一个责任单位，不能设为共同负责 (responsibility.${code}: joint needs at least two units)`);
    if (mode === 'split' && (o.leadUnitIds?.length ? o.leadUnitIds.length : ind.leadUnitIds.length) < 2) {
      issues.push(`指标${code}设为分别牵头时须有至少两个牵头单位 (responsibility.${code}: split needs at least two lead units in leadUnitIds)`);
    }
    if (mode === 'lead' && o.leadUnitIds && o.leadUnitIds.length > 1) issues.push(`指标${code}设为牵头负责时只能有一个牵头单位 (responsibility.${code}: lead takes one lead unit)`);
    if (mode === 'lead' && o.leadUnitId !== undefined && o.leadUnitIds?.length) issues.push(`指标${code}：leadUnitId 与 leadUnitIds 只能填一个 (responsibility.${code}: give leadUnitId or leadUnitIds)`);
  }
  return issues;
}
